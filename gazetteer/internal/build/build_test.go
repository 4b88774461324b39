package build

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer/internal/format"
	"github.com/sitrep/sitrep/gazetteer/internal/norm"
)

// TestPermuteMovesPlacesRefsAndPostings: after a new order, each place,
// the areas it refers to and the keys that name it follow it.
func TestPermuteMovesPlacesRefsAndPostings(t *testing.T) {
	b := New()
	town := b.Add(format.Place{Name: "Kivulembe", Admin1Ref: 2, Admin2Ref: 1})
	district := b.Add(format.Place{Name: "Bwisha", Level: 1, Admin1Ref: 2, Admin2Ref: 1})
	region := b.Add(format.Place{Name: "Kaskazini", Level: 2, Admin1Ref: 2, Admin2Ref: -1})
	camp := b.Add(format.Place{Name: "Mugerero", Admin1Ref: 2, Admin2Ref: -1})
	for i, p := range b.Places {
		b.Name(i, p.Name, format.KindName)
	}
	// Regions, districts, towns: 2, 1, 0, 3.
	if err := b.Permute([]int{region, district, town, camp}); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name       string
		ref1, ref2 int
	}{{"Kaskazini", 0, -1}, {"Bwisha", 0, 1}, {"Kivulembe", 0, 1}, {"Mugerero", 0, -1}}
	for i, w := range want {
		p := b.Places[i]
		if p.Name != w.name || p.Admin1Ref != w.ref1 || p.Admin2Ref != w.ref2 {
			t.Errorf("place %d = %s (areas %d, %d), want %s (%d, %d)", i, p.Name, p.Admin1Ref, p.Admin2Ref, w.name, w.ref1, w.ref2)
		}
	}
	for _, e := range b.Entries() {
		if len(e.Postings) != 1 || norm.Key(b.Places[e.Postings[0].Place].Name) != e.Key {
			t.Errorf("key %q: postings %+v, want the one place of that name", e.Key, e.Postings)
		}
	}
	if err := b.Permute([]int{0, 0, 1, 2}); err == nil {
		t.Errorf("an order that is no permutation must be refused")
	}
}
