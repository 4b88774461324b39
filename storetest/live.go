package storetest

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// liveDocs are reports the map, the timeline and the stream read: a
// fused strike at Hama (two reports), a clash at Rastan, a strike in Kyiv,
// and a capture of Homs, whose place gets a control span.
func liveDocs() []sitrep.Doc {
	return []sitrep.Doc{
		doc("h1", "2024-12-05", "Government warplanes struck Hama on Thursday, killing twelve.", ev{id: "h1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 12}),
		doc("h2", "2024-12-05", "Air strikes on Hama killed 15 people, a monitor said.", ev{id: "h2", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 15}),
		doc("r", "2024-12-06", "Rebels and the army fought in Rastan.", ev{id: "r1", sub: "Armed clash", date: "2024-12-06", loc: rastan, a1: rebels, a2: army, dead: 4}),
		doc("k", "2024-12-04", "A Russian drone hit Kyiv.", ev{id: "k1", sub: "Air/drone strike", date: "2024-12-04", loc: kyiv, a1: russia, dead: -1}),
		doc("s", "2024-12-08", "Rebels captured Homs on Sunday.", ev{id: "s1", sub: "Non-state actor overtakes territory", date: "2024-12-08", loc: homs, a1: rebels, a2: army, dead: -1}),
	}
}

func incidentIDs(t *testing.T, s sitrep.Store, f sitrep.EventFilter) string {
	t.Helper()
	incs, err := s.Incidents(ctx, f)
	if err != nil {
		t.Fatalf("Incidents(%+v): %v", f, err)
	}
	var ids []string
	for _, i := range incs {
		ids = append(ids, i.ID)
	}
	return strings.Join(ids, " ")
}

func testIncident(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, liveDocs()...)
	inc, err := s.Incident(ctx, "h1")
	if err != nil {
		t.Fatal(err)
	}
	if inc.Sources != 2 || len(inc.Reports) != 2 || inc.Fatalities == nil || *inc.Fatalities != 12 {
		t.Errorf("incident h1: %d sources, %d reports, toll %v; want 2, 2, 12", inc.Sources, len(inc.Reports), deref(inc.Fatalities))
	}
	// h2 is a member, not an incident's id.
	if _, err := s.Incident(ctx, "h2"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Incident(h2) error %v, want %q", err, sitrep.ENOTFOUND)
	}
}

func testViewFilters(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, liveDocs()...)
	for _, c := range []struct {
		name string
		f    sitrep.EventFilter
		want string
	}{
		{"all", sitrep.EventFilter{}, "k1 h1 r1 s1"},
		{"newest first", sitrep.EventFilter{Newest: true}, "s1 r1 h1 k1"},
		{"newest first, paged", sitrep.EventFilter{Newest: true, Limit: 2, Offset: 1}, "r1 h1"},
		{"text in one report of a fused incident", sitrep.EventFilter{Text: "monitor"}, "h1"},
		{"text, all words", sitrep.EventFilter{Text: "rebels Homs"}, "s1"},
		{"text nowhere", sitrep.EventFilter{Text: "Damascus"}, ""},
		{"text with SQL and FTS syntax", sitrep.EventFilter{Text: `"' OR 1=1 -- NEAR(`}, ""},
		{"box around Homs and Rastan", sitrep.EventFilter{Box: &sitrep.Box{W: 36, S: 34.5, E: 37, N: 35}}, "r1 s1"},
		{"box across the antimeridian", sitrep.EventFilter{Box: &sitrep.Box{W: 170, S: -90, E: 31, N: 90}}, "k1"},
	} {
		if got := incidentIDs(t, s, c.f); got != c.want {
			t.Errorf("%s: incidents %q, want %q", c.name, got, c.want)
		}
	}
	evs, err := s.Events(ctx, sitrep.EventFilter{Text: "monitor"})
	if err != nil || len(evs) != 1 || evs[0].ID != "h2" {
		t.Errorf("events reported by articles saying monitor: %v, %v; want h2", evs, err)
	}
	for _, f := range []sitrep.EventFilter{
		{Text: "!!! ..."},
		{Box: &sitrep.Box{W: 0, S: 10, E: 5, N: 5}},
		{Box: &sitrep.Box{W: -200, S: 0, E: 5, N: 5}},
	} {
		if _, err := s.Incidents(ctx, f); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("Incidents(%+v) error %v, want %q", f, err, sitrep.EINVALID)
		}
	}
}

func testClusters(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, liveDocs()...)
	// One-degree cells: Hama, Rastan and Homs lie in two cells (35.13,
	// 34.93 and 34.73 north: Hama alone above 35); Kyiv in a third.
	cs, err := s.Clusters(ctx, sitrep.EventFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 {
		t.Fatalf("%d clusters, want 3: %+v", len(cs), cs)
	}
	two := cs[0]
	if two.Count != 2 || two.ID != "" || two.Fatalities != 4 || two.EventType != "Battles" {
		t.Errorf("largest cluster %+v; want Rastan and Homs: 2 incidents, 4 dead, Battles, no id", two)
	}
	for _, c := range cs[1:] {
		if c.Count != 1 || c.ID == "" {
			t.Errorf("single cluster %+v has no incident id", c)
		}
		if c.ID == "h1" && (c.Fatalities != 12 || c.EventType != "Explosions/Remote violence" || c.Lat != hama.Lat) {
			t.Errorf("Hama's cluster %+v; want 12 dead, Explosions/Remote violence, at Hama", c)
		}
	}
	// The world in one cell.
	cs, err = s.Clusters(ctx, sitrep.EventFilter{}, 360)
	if err != nil || len(cs) != 1 || cs[0].Count != 4 || cs[0].Fatalities != 16 {
		t.Errorf("one world cell: %+v, %v; want 4 incidents, 16 dead", cs, err)
	}
	// Filters apply.
	cs, err = s.Clusters(ctx, sitrep.EventFilter{Country: "UA"}, 1)
	if err != nil || len(cs) != 1 || cs[0].ID != "k1" {
		t.Errorf("clusters in Ukraine: %+v, %v; want k1 alone", cs, err)
	}
	if _, err := s.Clusters(ctx, sitrep.EventFilter{}, 0); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("cell 0: error %v, want %q", err, sitrep.EINVALID)
	}
}

func testTally(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, liveDocs()...)
	tl, err := s.Tally(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []sitrep.DayCount{
		{Date: "2024-12-04", Incidents: 1, Events: 1},
		{Date: "2024-12-05", Incidents: 1, Events: 2, Fatalities: 12},
		{Date: "2024-12-06", Incidents: 1, Events: 1, Fatalities: 4},
		{Date: "2024-12-08", Incidents: 1, Events: 1},
	}
	if !reflect.DeepEqual(tl.Days, want) {
		t.Errorf("days %+v, want %+v", tl.Days, want)
	}
	wantC := []sitrep.CountryCount{{CountryCode: "SY", Country: "Syria", Incidents: 3, Fatalities: 16}, {CountryCode: "UA", Country: "Ukraine", Incidents: 1}}
	if !reflect.DeepEqual(tl.Countries, wantC) {
		t.Errorf("countries %+v, want %+v", tl.Countries, wantC)
	}
	// A radius counts only what lies within it.
	tl, err = s.Tally(ctx, sitrep.EventFilter{Near: &sitrep.Point{Lat: rastan.Lat, Lon: rastan.Lon}, Km: 10})
	if err != nil || len(tl.Days) != 1 || tl.Days[0] != (sitrep.DayCount{Date: "2024-12-06", Incidents: 1, Events: 1, Fatalities: 4}) {
		t.Errorf("tally within 10 km of Rastan: %+v, %v", tl, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.First != "2024-12-04" || st.Last != "2024-12-08" {
		t.Errorf("stats range %s..%s, %v; want 2024-12-04..2024-12-08", st.First, st.Last, err)
	}
}

func testChanges(t *testing.T, open Opener) {
	s := newStore(t, open)
	docs := liveDocs()
	ingest(t, s, docs[0], docs[2])
	first, err := s.Changes(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range first {
		got = append(got, c.Kind+":"+c.Key)
	}
	if want := "incident:h1 incident:r1"; strings.Join(got, " ") != want {
		t.Errorf("changes after the first ingest %q, want %q", strings.Join(got, " "), want)
	}
	last := first[len(first)-1].Seq
	// The second report of Hama rewrites its incident; the capture of
	// Homs adds an incident and a control span.
	ingest(t, s, docs[1], docs[4])
	next, err := s.Changes(ctx, last, 0)
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, c := range next {
		if c.Seq <= last {
			t.Errorf("change %d listed after %d", c.Seq, last)
		}
		got = append(got, c.Kind+":"+c.Key)
	}
	if want := "incident:h1 incident:h1 incident:s1 control:g169577"; strings.Join(got, " ") != want {
		t.Errorf("changes after the second ingest %q, want %q", strings.Join(got, " "), want)
	}
	sp, err := s.Control(ctx, sitrep.ControlFilter{Key: "g169577"})
	if err != nil || len(sp) != 2 || sp[0].Side != "government" || sp[1].Side != "rebel" || sp[1].From != "2024-12-08" {
		t.Errorf("control by the change's key: %+v, %v; want Homs the government's, then the rebels' from 2024-12-08", sp, err)
	}
	if brief, err := s.Control(ctx, sitrep.ControlFilter{Key: "g169577", Brief: true}); err != nil || len(brief) != 2 || len(brief[1].Evidence) != 0 || len(sp[1].Evidence) != 1 || brief[1].Holder != sp[1].Holder {
		t.Errorf("brief control: %+v, %v; want the same spans without evidence", brief, err)
	}
	if latest, err := s.Control(ctx, sitrep.ControlFilter{Key: "g169577", Latest: true}); err != nil || len(latest) != 1 || !reflect.DeepEqual(latest[0], sp[len(sp)-1]) {
		t.Errorf("latest control: %+v, %v; want the last span with its evidence, %+v", latest, err, sp[len(sp)-1])
	}
	if latest, err := s.Control(ctx, sitrep.ControlFilter{Latest: true, Brief: true}); err != nil || len(latest) != 1 || latest[0].From != "2024-12-08" {
		t.Errorf("latest control of every place: %+v, %v; want Homs's last span", latest, err)
	}
	// Reingesting changes nothing, so logs nothing.
	ingest(t, s, docs[0], docs[1], docs[2], docs[4])
	if more, _ := s.Changes(ctx, next[len(next)-1].Seq, 0); len(more) != 0 {
		t.Errorf("a reingest logged changes: %+v", more)
	}
	if seq, err := s.LastChange(ctx); err != nil || seq != next[len(next)-1].Seq {
		t.Errorf("LastChange = %d, %v; want %d", seq, err, next[len(next)-1].Seq)
	}
	if page, _ := s.Changes(ctx, 0, 2); len(page) != 2 {
		t.Errorf("Changes(0, 2) gave %d, want 2", len(page))
	}
}

// summary is what Clusters (one world cell) and Tally say of a store, and
// what its incidents say, for comparing the two.
func summary(t *testing.T, s sitrep.Store, f sitrep.EventFilter) (fromMap, fromIncidents string) {
	t.Helper()
	cs, err := s.Clusters(ctx, f, 360)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := s.Tally(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	n, dead := 0, 0
	for _, c := range cs {
		n, dead = n+c.Count, dead+c.Fatalities
	}
	fromMap = fmt.Sprintf("map %d/%d", n, dead)
	for _, d := range tl.Days {
		fromMap += fmt.Sprintf(" %s:%d/%d/%d", d.Date, d.Incidents, d.Events, d.Fatalities)
	}
	incs, err := s.Incidents(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	n, dead = 0, 0
	days := map[string][3]int{}
	for _, inc := range incs {
		d := 0
		if inc.Fatalities != nil {
			d = *inc.Fatalities
		}
		if inc.Location != nil {
			n, dead = n+1, dead+d
		}
		if inc.Date != "" {
			c := days[inc.Date]
			days[inc.Date] = [3]int{c[0] + 1, c[1] + len(inc.Reports), c[2] + d}
		}
	}
	fromIncidents = fmt.Sprintf("map %d/%d", n, dead)
	var keys []string
	for k := range days {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fromIncidents += fmt.Sprintf(" %s:%d/%d/%d", k, days[k][0], days[k][1], days[k][2])
	}
	return fromMap, fromIncidents
}

func testMapFollows(t *testing.T, open Opener) {
	s := newStore(t, open)
	docs := append(fusionDocs(), liveDocs()...)
	// x and z first (apart), then y, which joins them into one incident,
	// then the rest; the map is read between batches, so whatever it
	// keeps must follow merges and removals.
	for _, batch := range [][]sitrep.Doc{{docs[0], docs[2]}, {docs[1]}, docs[3:7], docs[7:]} {
		ingest(t, s, batch...)
		for _, f := range []sitrep.EventFilter{
			{},
			{Country: "SY", Since: day("2024-12-01")},
			{Type: "Battles", Until: day("2024-12-06")},
			{Near: &sitrep.Point{Lat: hama.Lat, Lon: hama.Lon}, Km: 30},
			{Box: &sitrep.Box{W: 30, S: 34, E: 40, N: 36}},
			{Actor: "rebel"},
		} {
			if m, i := summary(t, s, f); m != i {
				t.Errorf("after %d docs, filter %+v:\nmap and tally %s\nincidents     %s", len(batch), f, m, i)
			}
		}
	}
}
