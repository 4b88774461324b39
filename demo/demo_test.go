package demo

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/sqlite"
)

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(sitrep.DateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestLoad loads the whole bundled corpus into a fresh SQLite store and
// checks what the demo shows: a record that loading again leaves as it
// is, several conflicts with every ACLED event type, and towns that
// change hands on the days the sample reports say.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}

	first, err := Load(ctx, st, x)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != len(arts) || len(arts) < 40 {
		t.Fatalf("first load: %d results for %d articles, want one each and at least 40", len(first), len(arts))
	}
	events := 0
	for _, r := range first {
		if r.Status == sitrep.StatusDuplicate {
			t.Errorf("first load: article %s is a duplicate: two corpus records share a text", r.ArticleID)
		}
		events += r.Events
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if events == 0 || before.Events != events {
		t.Errorf("first load added %d events, the store holds %d", events, before.Events)
	}
	spansBefore, err := st.Control(ctx, sitrep.ControlFilter{})
	if err != nil {
		t.Fatal(err)
	}

	// Loading again changes nothing.
	second, err := Load(ctx, st, x)
	if err != nil {
		t.Fatal(err)
	}
	if len(second) != len(first) {
		t.Fatalf("second load: %d results, first %d", len(second), len(first))
	}
	for i, r := range second {
		if r.Status != sitrep.StatusDuplicate || r.Events != 0 {
			t.Errorf("second load of %s: status %q, %d events; want duplicate, 0", r.ArticleID, r.Status, r.Events)
		}
		if r.ArticleID != first[i].ArticleID {
			t.Errorf("second load: article %d is %s, was %s", i, r.ArticleID, first[i].ArticleID)
		}
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("second load changed the counts: %+v, was %+v", after, before)
	}
	spansAfter, err := st.Control(ctx, sitrep.ControlFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(spansAfter) != len(spansBefore) {
		t.Errorf("second load: %d control spans, was %d", len(spansAfter), len(spansBefore))
	}

	// Several conflicts, every ACLED event type.
	incs, err := st.Incidents(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != after.Incidents {
		t.Errorf("Incidents lists %d, Stats counts %d", len(incs), after.Incidents)
	}
	countries := map[string]bool{}
	types := map[string]bool{}
	for _, in := range incs {
		if in.Location != nil {
			countries[in.Location.CountryCode] = true
		}
		types[in.EventType] = true
	}
	if len(countries) < 5 {
		t.Errorf("incidents in %d countries (%v), want at least 5", len(countries), keys(countries))
	}
	for _, ty := range []string{sitrep.Battles, sitrep.Explosions, sitrep.ViolenceCivilian, sitrep.Protests, sitrep.Riots, sitrep.Strategic} {
		if !types[ty] {
			t.Errorf("no incident of type %q (have %v)", ty, keys(types))
		}
	}

	// Who held what, on the days the slider shows.
	for _, c := range []struct {
		place, country, asOf, side, holder string
	}{
		{"Homs", "SY", "2024-12-06", "government", ""},
		{"Homs", "SY", "2024-12-09", "rebel", ""},
		{"Damascus", "SY", "2024-12-07", "government", ""},
		{"Damascus", "SY", "2024-12-09", "rebel", ""},
		{"Aleppo", "SY", "2024-12-06", "rebel", ""},
		{"Hama", "SY", "2024-12-04", "government", ""},
		{"Hama", "SY", "2024-12-06", "rebel", ""},
		{"Goma", "CD", "2025-01-25", "government", ""},
		{"Goma", "CD", "2025-01-28", "rebel", "M23"},
		{"Goma", "CD", "2025-06-01", "rebel", "M23"},
		{"Bukavu", "CD", "2025-02-17", "rebel", "M23"},
		{"Wad Madani", "SD", "2025-01-12", "government", ""},
		{"El Fasher", "SD", "2025-06-01", "government", ""},
		{"El Fasher", "SD", "2025-10-27", "rebel", "RSF"},
	} {
		spans, err := st.Control(ctx, sitrep.ControlFilter{AsOf: day(t, c.asOf), Place: c.place, Country: c.country})
		if err != nil {
			t.Fatal(err)
		}
		if len(spans) != 1 {
			t.Errorf("%s on %s: %d spans, want 1: %+v", c.place, c.asOf, len(spans), spans)
			continue
		}
		s := spans[0]
		if s.Side != c.side || s.Status != sitrep.Held || !strings.HasPrefix(s.Holder, c.holder) {
			t.Errorf("%s on %s: %s %q (%s), want %s %q (held)", c.place, c.asOf, s.Side, s.Holder, s.Status, c.side, c.holder)
		}
	}
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
