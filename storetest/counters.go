package storetest

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
)

// recounter is a store that can count its rows one by one, which its
// Stats must always agree with (sqlstore keeps Stats as counters).
type recounter interface {
	Recount(ctx context.Context) (sitrep.Stats, error)
}

// checkCounts fails t when s's Stats differ from its rows counted anew.
func checkCounts(t testing.TB, s sitrep.Store, after string) {
	t.Helper()
	rc, ok := s.(recounter)
	if !ok {
		return
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := rc.Recount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.First, st.Last = "", ""
	if st != want {
		t.Errorf("after %s: Stats = %+v, but the rows count %+v", after, st, want)
	}
}

// testCounters walks a record through every way ingest changes what Stats
// counts, checking the counters against the rows at each step.
func testCounters(t *testing.T, open Opener) {
	s := newStore(t, open)
	full := story("counted", 30)
	short := "From our correspondent. " + full[:len(full)*3/4]
	capture := ev{id: "k1", sub: "Non-state actor overtakes territory", date: "2024-12-05", loc: rastan, a1: rebels, a2: army, dead: -1}
	clash := ev{id: "k2", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: rebels, a2: army, dead: 2}
	steps := []struct {
		what   string
		docs   []sitrep.Doc
		places int
	}{
		{"a first report", []sitrep.Doc{doc("first", "2024-12-05", "", clash)}, 0},
		{"a second report of the same clash", []sitrep.Doc{doc("second", "2024-12-05", "", ev{id: "k3", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: army, a2: rebels, dead: 3})}, 0},
		{"the first report again, twice in a batch", []sitrep.Doc{doc("first", "2024-12-05", "", clash), doc("first", "2024-12-05", "", clash)}, 0},
		// The short copy's capture gives Ar Rastan a timeline; the full
		// copy, which reports only a clash, then takes it away.
		{"a short copy with a capture", []sitrep.Doc{doc("short", "2024-12-05", short, capture)}, 1},
		{"the full copy, which replaces it", []sitrep.Doc{doc("full", "2024-12-05", full, ev{id: "k4", sub: "Armed clash", date: "2024-12-05", loc: homs, a1: rebels, a2: army, dead: -1})}, 0},
		{"another short copy", []sitrep.Doc{doc("short2", "2024-12-06", "Agencies. "+full[:len(full)*4/5], capture)}, 0},
		{"a control statement and a capture in one batch", []sitrep.Doc{
			doc("held", "2024-12-01", "", ev{id: "k5", sub: "Other", kind: "control", date: "2024-12-01", loc: homs, a1: army, dead: -1}),
			doc("taken", "2024-12-07", "", ev{id: "k6", sub: "Non-state actor overtakes territory", date: "2024-12-07", loc: homs, a1: rebels, a2: army, dead: -1}),
		}, 1},
	}
	for _, step := range steps {
		ingest(t, s, step.docs...)
		checkCounts(t, s, step.what)
		if st, _ := s.Stats(ctx); st.Places != step.places {
			t.Errorf("after %s: %d places, want %d", step.what, st.Places, step.places)
		}
	}
	st, _ := s.Stats(ctx)
	if st.Articles != 7 || st.NearDuplicates != 2 {
		t.Errorf("Stats = %+v, want 7 articles, 2 of them near-duplicates", st)
	}
}
