// Package storetest is the conformance suite every sitrep.Store backend
// must pass: the one definition of what storing, fusing and following
// control means, run on SQLite always and on PostgreSQL when a test server
// is configured.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
)

// Opener returns a new, empty store; the suite closes it.
type Opener func(t *testing.T) sitrep.Store

// Run runs the whole suite against stores from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"reingesting an article changes nothing", testReingest},
		{"a syndicated copy adds no events", testNearDuplicate},
		{"near copies group alike in any order", testNearDuplicateOrder},
		{"a copy meets its story however many share its bands", testNearDuplicateCrowd},
		{"reports of one happening are one incident", testFusion},
		{"different happenings stay apart", testApart},
		{"the record does not depend on ingest order", testOrder},
		{"control follows changes of hands", testControl},
		{"a denied capture is contested until settled", testContested},
		{"filters select events and incidents", testFilters},
		{"bad filters are refused", testBadFilters},
		{"full-text search finds articles", testSearch},
		{"a failed batch stores nothing", testAtomic},
		{"one incident, by id", testIncident},
		{"text, bounds and newest-first filters", testViewFilters},
		{"clusters group incidents for a map", testClusters},
		{"an area's incidents are drawn in it and measured from its seat", testAreas},
		{"an area's incidents stored before areas stay at the seat", testAreasStoredBefore},
		{"tally counts per day and country", testTally},
		{"changes log what ingests changed, in order", testChanges},
		{"the map and the tally follow incidents as they merge", testMapFollows},
		{"the counters follow every ingest", testCounters},
		{"reads are answered while a write is open", testReadsBesideWrite},
		{"an incident is read as it stands after an ingest", testIncidentReadAnew},
		{"the whole record's clusters and tally follow an ingest", testAnswersFollow},
		{"towns a few km apart fuse across the map's grid", testAcrossCells},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

var ctx = context.Background()

// Places the suite's reports name.
var (
	hama   = &sitrep.Location{Name: "Hama", GeonameID: 170017, Lat: 35.1318, Lon: 36.7578, Admin1: "Hama", Country: "Syria", CountryCode: "SY", Precision: "town"}
	hamaN  = &sitrep.Location{Name: "Hama North", GeonameID: 9000001, Lat: 35.1700, Lon: 36.7600, Admin1: "Hama", Country: "Syria", CountryCode: "SY", Precision: "town"}
	homs   = &sitrep.Location{Name: "Homs", GeonameID: 169577, Lat: 34.7268, Lon: 36.7234, Admin1: "Homs", Country: "Syria", CountryCode: "SY", Precision: "town"}
	rastan = &sitrep.Location{Name: "Ar Rastan", GeonameID: 169897, Lat: 34.9265, Lon: 36.7325, Admin1: "Homs", Country: "Syria", CountryCode: "SY", Precision: "town"}
	kyiv   = &sitrep.Location{Name: "Kyiv", GeonameID: 703448, Lat: 50.4547, Lon: 30.5238, Admin1: "Kyiv City", Country: "Ukraine", CountryCode: "UA", Precision: "town"}
)

var (
	rebels = &sitrep.Actor{Name: "Hayat Tahrir al-Sham", Side: "rebel", Inter: 2}
	army   = &sitrep.Actor{Name: "Military Forces of Syria", Side: "government", Inter: 1}
	russia = &sitrep.Actor{Name: "Military Forces of Russia", Side: "external", Inter: 8}
)

// ev is a compact way to write an event.
type ev struct {
	id, sub, date, prec, certainty string
	loc                            *sitrep.Location
	a1, a2                         *sitrep.Actor
	dead                           int // -1: no toll stated
	kind, mode                     string
}

func (e ev) event() sitrep.Event {
	out := sitrep.Event{
		ID: e.id, SubEventType: e.sub, EventType: sitrep.Taxonomy[e.sub], Date: e.date, DatePrecision: "day",
		DateText: "on " + e.date, Certainty: sitrep.Reported, Location: e.loc, Actor1: e.a1, Actor2: e.a2,
		Sentence: "Sentence of " + e.id + ".", Span: [2]int{0, 10}, Kind: e.kind, PloverMode: e.mode,
	}
	if e.prec != "" {
		out.DatePrecision = e.prec
	}
	if e.certainty != "" {
		out.Certainty = e.certainty
	}
	if e.dead >= 0 {
		n := e.dead
		out.Fatalities = &n
	}
	return out
}

// doc makes a document: an article whose text is distinct per name (or
// the given text), with the events given.
func doc(name, published, text string, events ...ev) sitrep.Doc {
	if text == "" {
		text = story(name, 40)
	}
	d := sitrep.Doc{Article: sitrep.Article{Title: "Report " + name, Source: "test", Text: text}}
	d.Article.Published, _ = time.Parse(sitrep.DateLayout, published)
	d.Article.ID = sitrep.ArticleID(text)
	for _, e := range events {
		d.Events = append(d.Events, e.event())
	}
	return d
}

// story is a text of n sentences unlike any other name's.
func story(name string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Paragraph %d of the %s report tells of events number %d and %s%d in the region. ", i, name, i*7, name, i)
	}
	return b.String()
}

func ingest(t *testing.T, s sitrep.Store, docs ...sitrep.Doc) []sitrep.IngestResult {
	t.Helper()
	r, err := s.Ingest(ctx, docs)
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	return r
}

func newStore(t *testing.T, open Opener) sitrep.Store {
	s := open(t)
	t.Cleanup(func() { s.Close() })
	return s
}

// dump is everything a store holds that a reader can see, for comparing
// two stores: stats, events, incidents and control, as JSON.
func dump(t *testing.T, s sitrep.Store) string { return Dump(t, s) }

// Dump is everything a store holds that a reader can see (stats, events,
// incidents and control, as JSON), for tests that compare a store with a
// clean run's.
func Dump(t testing.TB, s sitrep.Store) string {
	t.Helper()
	checkCounts(t, s, "the ingests so far")
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	incs, err := s.Incidents(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ctl, err := s.Control(ctx, sitrep.ControlFilter{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(map[string]any{"stats": st, "events": evs, "incidents": incs, "control": ctl}, "", " ")
	return string(b)
}

func testReingest(t *testing.T, open Opener) {
	s := newStore(t, open)
	d := doc("a", "2024-12-05", "", ev{id: "e1", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: rebels, a2: army, dead: 3})
	r := ingest(t, s, d)
	if r[0].Status != sitrep.StatusNew || r[0].Events != 1 {
		t.Fatalf("first ingest = %+v, want new with 1 event", r[0])
	}
	before := dump(t, s)
	again := d
	again.Article.Title = "Another headline"
	r = ingest(t, s, again, d)
	for _, x := range r {
		if x.Status != sitrep.StatusDuplicate || x.Events != 0 {
			t.Errorf("re-ingest = %+v, want duplicate with 0 events", x)
		}
	}
	if after := dump(t, s); after != before {
		t.Errorf("re-ingesting changed the store:\nbefore %s\nafter %s", before, after)
	}
}

func testNearDuplicate(t *testing.T, open Opener) {
	full := story("wire", 30)
	// A syndicated copy: another headline line, the last paragraphs cut.
	trimmed := "By a staff writer. " + full[:len(full)*4/5]
	e1 := ev{id: "w1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 4}
	e2 := ev{id: "w2", sub: "Armed clash", date: "2024-12-05", loc: homs, a1: rebels, a2: army, dead: -1}
	t1 := ev{id: "t1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 4}
	orig := doc("wire", "2024-12-05", full, e1, e2)
	cp := doc("copy", "2024-12-06", trimmed, t1)

	a := newStore(t, open)
	ingest(t, a, orig)
	r := ingest(t, a, cp)
	if r[0].Status != sitrep.StatusNearDuplicate || r[0].DupOf != orig.Article.ID || r[0].Events != 0 {
		t.Fatalf("trimmed copy after the original = %+v, want near-duplicate of %s with no events", r[0], orig.Article.ID)
	}
	// The other way round: the fuller story arrives second and replaces
	// the copy's events with its own.
	b := newStore(t, open)
	ingest(t, b, cp)
	r = ingest(t, b, orig)
	if r[0].Status != sitrep.StatusNew || r[0].Events != 1 || !reflect.DeepEqual(r[0].Replaced, []string{cp.Article.ID}) {
		t.Fatalf("original after its copy = %+v, want new, net 1 event (2 added, 1 removed), replacing %s", r[0], cp.Article.ID)
	}
	if da, db := dump(t, a), dump(t, b); da != db {
		t.Errorf("the record depends on which copy came first:\n%s\nvs\n%s", da, db)
	}
	// Both in one batch, either way round.
	for _, batch := range [][]sitrep.Doc{{orig, cp}, {cp, orig}} {
		c := newStore(t, open)
		ingest(t, c, batch...)
		if dc, da := dump(t, c), dump(t, a); dc != da {
			t.Errorf("one batch (%s first) gives another record:\n%s\nvs\n%s", batch[0].Article.Title, dc, da)
		}
	}
	st, _ := a.Stats(ctx)
	if st.Articles != 2 || st.NearDuplicates != 1 || st.Events != 2 {
		t.Errorf("stats = %+v, want 2 articles, 1 near-duplicate, 2 events", st)
	}
	got, err := a.Article(ctx, cp.Article.ID)
	if err != nil || got.DupOf != orig.Article.ID {
		t.Errorf("Article(copy) = %+v, %v; want dup_of %s", got, err, orig.Article.ID)
	}
	// A different story that shares a few sentences is not a copy.
	other := doc("other", "2024-12-06", full[:len(full)/4]+story("fresh", 30))
	if r := ingest(t, a, other); r[0].Status != sitrep.StatusNew {
		t.Errorf("a story sharing a quarter of its text = %s, want new", r[0].Status)
	}
}

// account is lines from to to of the named running account, each line
// unlike the others: windows of it overlap as much as they like.
func account(name string, from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "Line %d of the %s account notes convoy %d passing checkpoint %d. ", i, name, i*3, i*5)
	}
	return b.String()
}

// Copies are one story when a chain of similar copies joins them, as
// reports are one incident: the first and last of three windows of one
// text are not similar, the middle one is similar to both. Whichever
// comes last, the three are one story, told by its fullest copy.
func testNearDuplicateOrder(t *testing.T, open Opener) {
	docs := []sitrep.Doc{
		doc("first", "2024-12-05", account("running", 0, 30), ev{id: "f1", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: rebels, a2: army, dead: 2}),
		doc("middle", "2024-12-05", account("running", 5, 35), ev{id: "m1", sub: "Armed clash", date: "2024-12-05", loc: homs, a1: rebels, a2: army, dead: 3}),
		doc("last", "2024-12-05", account("running", 10, 40), ev{id: "l1", sub: "Armed clash", date: "2024-12-05", loc: kyiv, a1: rebels, a2: army, dead: 4}),
	}
	sig := func(i int) *fuse.Signature { s := fuse.Sign(docs[i].Article.Text); return &s }
	if !fuse.Similar(sig(0), sig(1)) || !fuse.Similar(sig(1), sig(2)) || fuse.Similar(sig(0), sig(2)) {
		t.Fatalf("the texts no longer make a chain: similarity first-middle %.2f, middle-last %.2f, first-last %.2f",
			fuse.Similarity(sig(0), sig(1)), fuse.Similarity(sig(1), sig(2)), fuse.Similarity(sig(0), sig(2)))
	}
	var want string
	orders := [][]int{{0, 1, 2}, {0, 2, 1}, {2, 0, 1}, {1, 2, 0}}
	for k, order := range orders {
		s := newStore(t, open)
		for _, i := range order {
			ingest(t, s, docs[i])
		}
		got := stories(t, s, docs) + dump(t, s)
		if k == 0 {
			want = got
			if st, _ := s.Stats(ctx); st.NearDuplicates != 2 || st.Events != 1 {
				t.Errorf("stats = %+v, want one story: 2 near-duplicates, 1 event", st)
			}
		} else if got != want {
			t.Errorf("order %v groups otherwise than %v:\n%s\nvs\n%s", order, orders[0], got, want)
		}
	}
	s := newStore(t, open)
	ingest(t, s, docs[2], docs[0], docs[1])
	if got := stories(t, s, docs) + dump(t, s); got != want {
		t.Errorf("one batch groups otherwise than one by one:\n%s\nvs\n%s", got, want)
	}
}

// Stock phrases make unrelated stories share a MinHash band now and
// then. A copy compared only with the stories sharing most bands with it
// would meet its original or not depending on which of the two came
// first. Here sixteen stories share more bands with the original than
// its copy does and none with the copy (the accounts' names were found
// by a search, and the test checks they still do it); the original and
// its copy are one story whichever comes last.
func testNearDuplicateCrowd(t *testing.T, open Opener) {
	orig := doc("original", "2024-12-05", account("main", 0, 30), ev{id: "o1", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: rebels, a2: army, dead: 2})
	cp := doc("copy", "2024-12-05", account("main", 0, 22)+account("side2807", 0, 6), ev{id: "c1", sub: "Armed clash", date: "2024-12-05", loc: homs, a1: rebels, a2: army, dead: 3})
	var crowd []sitrep.Doc
	for _, k := range []int{196, 1130, 1988, 2505, 3023, 6093, 8970, 9921, 10982, 12122, 13842, 15287, 15867, 16466, 18829, 18963} {
		crowd = append(crowd, doc(fmt.Sprint("crowd ", k), "2024-12-04", account("main", 0, 20)+account(fmt.Sprint("other", k), 0, 18)))
	}
	so, sc := fuse.Sign(orig.Article.Text), fuse.Sign(cp.Article.Text)
	if !fuse.Similar(&so, &sc) || sharedBands(&so, &sc) != 1 {
		t.Fatalf("the copy no longer shares one band with its original: similarity %.2f, %d bands", fuse.Similarity(&so, &sc), sharedBands(&so, &sc))
	}
	for _, d := range crowd {
		sd := fuse.Sign(d.Article.Text)
		if fuse.Similar(&sd, &so) || sharedBands(&sd, &so) < 2 || sharedBands(&sd, &sc) > 0 {
			t.Fatalf("%s no longer crowds the original out: similarity %.2f, %d bands with it, %d with the copy", d.Article.Title, fuse.Similarity(&sd, &so), sharedBands(&sd, &so), sharedBands(&sd, &sc))
		}
	}
	var want string
	for _, last := range []sitrep.Doc{orig, cp} {
		s := newStore(t, open)
		ingest(t, s, crowd...)
		if last.Article.ID == orig.Article.ID {
			ingest(t, s, cp, orig)
		} else {
			ingest(t, s, orig, cp)
		}
		got := stories(t, s, []sitrep.Doc{orig, cp})
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("with the original last:\n%s\nwith the copy last:\n%s", want, got)
		}
	}
	if want != fmt.Sprintf("Report original -> %[1]s\nReport copy -> %[1]s\n", orig.Article.ID) &&
		want != fmt.Sprintf("Report original -> %[1]s\nReport copy -> %[1]s\n", cp.Article.ID) {
		t.Errorf("the original and its copy are not one story:\n%s", want)
	}
}

// sharedBands is how many MinHash bands two signatures share.
func sharedBands(a, b *fuse.Signature) int {
	ka, kb := a.BandKeys(), b.BandKeys()
	n := 0
	for i := range ka {
		if ka[i] == kb[i] {
			n++
		}
	}
	return n
}

// stories says, for each of docs, which article stands for its story.
func stories(t *testing.T, s sitrep.Store, docs []sitrep.Doc) string {
	t.Helper()
	var b strings.Builder
	for _, d := range docs {
		a, err := s.Article(ctx, d.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		canon := a.DupOf
		if canon == "" {
			canon = a.ID
		}
		fmt.Fprintf(&b, "%s -> %s\n", d.Article.Title, canon)
	}
	return b.String()
}

func testFusion(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s,
		doc("a", "2024-12-05", "", ev{id: "a1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 12}),
		doc("b", "2024-12-05", "", ev{id: "b1", sub: "Shelling/artillery/missile attack", date: "2024-12-05", loc: hamaN, a1: army, dead: 9}),
	)
	// A third report the next day with yesterday's date, and a second
	// sentence of report c restating it.
	ingest(t, s, doc("c", "2024-12-06", "",
		ev{id: "c1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: nil, dead: 15},
		ev{id: "c2", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 20}))
	incs, err := s.Incidents(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 {
		t.Fatalf("got %d incidents, want 1: %+v", len(incs), incs)
	}
	inc := incs[0]
	if inc.ID != "a1" || inc.Sources != 3 || len(inc.Reports) != 4 {
		t.Errorf("incident id %s, %d sources, %d reports; want a1, 3, 4", inc.ID, inc.Sources, len(inc.Reports))
	}
	if inc.SubEventType != "Air/drone strike" || inc.Location.GeonameID != hama.GeonameID || inc.Actor1 == nil || inc.Actor1.Side != "government" {
		t.Errorf("incident = %s at %+v by %+v; want an air strike at Hama by the government", inc.SubEventType, inc.Location, inc.Actor1)
	}
	// Per report the larger figure (c's 20), then the lowest across
	// reports: 9; the range 9..20.
	if inc.Fatalities == nil || *inc.Fatalities != 9 || *inc.FatalitiesMin != 9 || *inc.FatalitiesMax != 20 {
		t.Errorf("fatalities %v (%v..%v), want 9 (9..20)", deref(inc.Fatalities), deref(inc.FatalitiesMin), deref(inc.FatalitiesMax))
	}
	evs, _ := s.Events(ctx, sitrep.EventFilter{Incident: inc.ID})
	if len(evs) != 4 {
		t.Errorf("events of the incident: %d, want 4", len(evs))
	}
}

// testAcrossCells: two reports of a strike on one day, at towns 4 km
// apart on either side of a line of a store's 0.1-degree grid (north,
// south, east, west or across a corner), near the equator and far from
// it, fuse into one incident whichever is stored first.
func testAcrossCells(t *testing.T, open Opener) {
	s := newStore(t, open)
	const km = 4.0
	town := func(i int, lat, lon float64) *sitrep.Location {
		return &sitrep.Location{Name: fmt.Sprintf("Town %d", i), GeonameID: 9100000 + i, Lat: lat, Lon: lon, Country: "Testland", CountryCode: "TL", Precision: "town"}
	}
	pairs := 0
	for _, lat := range []float64{0.1, 35.2, 60.3} {
		for d, dir := range [][2]float64{{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, 1}, {-1, 1}, {1, -1}} {
			// a lies 1 km inside a cell's corner, b km away across it.
			lon := float64(10 + 10*d)
			step := [2]float64{dir[0] / math.Hypot(dir[0], dir[1]) * km / 111.2, dir[1] / math.Hypot(dir[0], dir[1]) * km / (111.2 * math.Cos(lat*math.Pi/180))}
			a := town(2*pairs, lat-dir[0]*0.009, lon-dir[1]*0.009/math.Cos(lat*math.Pi/180))
			b := town(2*pairs+1, a.Lat+step[0], a.Lon+step[1])
			name := fmt.Sprintf("cell%d", pairs)
			first := doc(name+"a", "2024-12-05", "", ev{id: name + "a", sub: "Air/drone strike", date: "2024-12-05", loc: a, a1: army, dead: 3})
			second := doc(name+"b", "2024-12-05", "", ev{id: name + "b", sub: "Air/drone strike", date: "2024-12-05", loc: b, a1: army, dead: 4})
			if pairs%2 == 1 {
				first, second = second, first
			}
			ingest(t, s, first)
			ingest(t, s, second)
			pairs++
		}
	}
	incs, err := s.Incidents(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		if inc.Sources != 2 {
			t.Errorf("incident %s at %.4f,%.4f has %d sources, want both reports of its strike", inc.ID, inc.Location.Lat, inc.Location.Lon, inc.Sources)
		}
	}
	if len(incs) != pairs {
		t.Errorf("%d incidents, want %d (one per pair of towns)", len(incs), pairs)
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func testApart(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s,
		doc("a", "2024-12-05", "", ev{id: "a1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 2}),
		// another day, another town, another type, other sides, a claim
		doc("b", "2024-12-09", "", ev{id: "b1", sub: "Air/drone strike", date: "2024-12-09", loc: hama, a1: army, dead: 2}),
		doc("c", "2024-12-05", "", ev{id: "c1", sub: "Air/drone strike", date: "2024-12-05", loc: homs, a1: army, dead: 2}),
		doc("d", "2024-12-05", "", ev{id: "d1", sub: "Attack", date: "2024-12-05", loc: hama, a1: army, dead: 2}),
		doc("e", "2024-12-05", "", ev{id: "e1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: russia, dead: 2}),
		doc("f", "2024-12-05", "", ev{id: "f1", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, certainty: sitrep.Hypothetical, dead: -1}),
	)
	incs, _ := s.Incidents(ctx, sitrep.EventFilter{})
	var ids []string
	for _, i := range incs {
		ids = append(ids, i.ID)
	}
	if want := []string{"a1", "c1", "d1", "e1", "b1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("incidents %v, want %v (the hypothetical strike is none)", ids, want)
	}
}

// fusionDocs are reports whose links chain: x and z are linked only
// through y, so a store that fused in arrival order alone would differ.
func fusionDocs() []sitrep.Doc {
	return []sitrep.Doc{
		doc("x", "2024-12-05", "", ev{id: "x1", sub: "Armed clash", date: "2024-12-05", prec: "day", loc: hama, a1: rebels, a2: army, dead: 5}),
		doc("y", "2024-12-06", "", ev{id: "y1", sub: "Armed clash", date: "2024-12-06", prec: "week", loc: hama, a1: army, a2: rebels, dead: 7}),
		doc("z", "2024-11-30", "", ev{id: "z1", sub: "Armed clash", date: "2024-11-30", loc: hama, a1: rebels, a2: army, dead: -1}),
		doc("w", "2024-12-05", "", ev{id: "w1", sub: "Government regains territory", date: "2024-12-05", loc: rastan, a1: army, a2: rebels, dead: 1}),
		doc("v", "2024-12-07", "", ev{id: "v1", sub: "Non-state actor overtakes territory", date: "2024-12-07", loc: rastan, a1: rebels, a2: army, dead: -1}),
	}
}

func testOrder(t *testing.T, open Opener) {
	docs := fusionDocs()
	var want string
	orders := [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}}
	for k, order := range orders {
		s := newStore(t, open)
		for _, i := range order {
			ingest(t, s, docs[i])
		}
		got := dump(t, s)
		if k == 0 {
			want = got
			if !strings.Contains(got, `"sources": 3`) {
				t.Errorf("x, y and z should fuse through y:\n%s", got)
			}
			continue
		}
		if got != want {
			t.Errorf("order %v gives another record than %v:\n%s\nvs\n%s", order, orders[0], got, want)
		}
	}
	// All in one batch gives the same.
	s := newStore(t, open)
	ingest(t, s, docs...)
	if got := dump(t, s); got != want {
		t.Errorf("one batch gives another record than one by one:\n%s\nvs\n%s", got, want)
	}
}

func day(s string) time.Time {
	d, err := time.Parse(sitrep.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

// holders returns "place:side" for each span of the store as of d.
func holders(t *testing.T, s sitrep.Store, f sitrep.ControlFilter) []string {
	t.Helper()
	spans, err := s.Control(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sp := range spans {
		h := sp.Place.Name + ":" + sp.Side
		if sp.Status == sitrep.Contested {
			h += "?" + sp.Contender
		}
		out = append(out, h)
	}
	return out
}

func testControl(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s,
		doc("a", "2024-12-05", "", ev{id: "a1", sub: "Non-state actor overtakes territory", date: "2024-12-05", loc: hama, a1: rebels, a2: army, dead: -1}),
		doc("b", "2024-12-06", "", ev{id: "b1", sub: "Non-state actor overtakes territory", date: "2024-12-06", loc: homs, a1: rebels, certainty: sitrep.Hypothetical, dead: -1}),
		doc("c", "2024-12-01", "", ev{id: "c1", sub: "Armed clash", date: "2024-12-01", loc: homs, a1: rebels, a2: army, dead: -1},
			ev{id: "c2", sub: "Other", kind: "control", date: "2024-12-01", loc: homs, a1: army, dead: -1}),
		doc("d", "2024-12-08", "", ev{id: "d1", sub: "Non-violent transfer of territory", mode: "withdraw", date: "2024-12-08", loc: homs, a1: army, dead: -1}),
		doc("e", "2024-12-10", "", ev{id: "e1", sub: "Government regains territory", date: "2024-12-10", loc: hama, a1: army, a2: rebels, dead: -1}),
	)
	for _, c := range []struct {
		asOf string
		want []string
	}{
		{"2024-12-04", []string{"Hama:government", "Homs:government"}},
		{"2024-12-06", []string{"Hama:rebel", "Homs:government"}}, // the hypothetical capture of Homs changes nothing
		{"2024-12-09", []string{"Hama:rebel", "Homs:"}},           // the army left Homs; nobody is said to hold it
		{"2024-12-10", []string{"Hama:government", "Homs:"}},
	} {
		if got := holders(t, s, sitrep.ControlFilter{AsOf: day(c.asOf)}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("control as of %s = %v, want %v", c.asOf, got, c.want)
		}
	}
	spans, err := s.Control(ctx, sitrep.ControlFilter{Place: "hamah"})
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 3 || spans[1].From != "2024-12-05" || spans[1].To != "2024-12-10" || spans[1].Holder != rebels.Name || len(spans[1].Evidence) != 1 || spans[1].Evidence[0].EventID != "a1" {
		t.Errorf("history of Hama = %+v; want government, then %s from 2024-12-05 to 2024-12-10 on a1's evidence, then government", spans, rebels.Name)
	}
	if got := holders(t, s, sitrep.ControlFilter{Place: "169577"}); len(got) != 2 {
		t.Errorf("history of Homs by GeoNames id: %v, want 2 spans", got)
	}
	if got := holders(t, s, sitrep.ControlFilter{Country: "UA"}); len(got) != 0 {
		t.Errorf("control in Ukraine: %v, want none", got)
	}
}

func testContested(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s,
		doc("a", "2024-12-05", "", ev{id: "a1", sub: "Non-state actor overtakes territory", date: "2024-12-05", loc: rastan, a1: rebels, a2: army, dead: -1}),
		doc("b", "2024-12-06", "", ev{id: "b1", sub: "Non-state actor overtakes territory", date: "2024-12-06", loc: rastan, a1: rebels, certainty: sitrep.Negated, dead: -1}),
	)
	if got, want := holders(t, s, sitrep.ControlFilter{AsOf: day("2024-12-06")}), []string{"Ar Rastan:rebel?government"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a denial: %v, want %v", got, want)
	}
	ingest(t, s, doc("c", "2024-12-08", "", ev{id: "c1", sub: "Other", kind: "control", date: "2024-12-08", loc: rastan, a1: rebels, dead: -1}))
	if got, want := holders(t, s, sitrep.ControlFilter{AsOf: day("2024-12-08")}), []string{"Ar Rastan:rebel"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a later report of rebel control: %v, want %v", got, want)
	}
}

func testFilters(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, fusionDocs()...)
	ingest(t, s, doc("k", "2024-12-05", "", ev{id: "k1", sub: "Air/drone strike", date: "2024-12-04", loc: kyiv, a1: russia, dead: 2},
		ev{id: "k2", sub: "Air/drone strike", date: "2024-12-04", loc: nil, a1: russia, dead: -1, certainty: sitrep.Projected},
		ev{id: "k3", sub: "Other", kind: sitrep.KindToll, date: "2024-12-05", loc: kyiv, dead: 40}))
	for _, c := range []struct {
		name string
		f    sitrep.EventFilter
		want string
	}{
		{"all", sitrep.EventFilter{}, "z1 k1 k2 k3 w1 x1 y1 v1"},
		{"since", sitrep.EventFilter{Since: day("2024-12-05")}, "k3 w1 x1 y1 v1"},
		{"until", sitrep.EventFilter{Until: day("2024-12-04")}, "z1 k1 k2"},
		{"event type", sitrep.EventFilter{Type: "Battles"}, "z1 w1 x1 y1 v1"},
		{"sub-event type", sitrep.EventFilter{Type: "Armed clash"}, "z1 x1 y1"},
		{"country code", sitrep.EventFilter{Country: "ua"}, "k1 k3"},
		{"country name", sitrep.EventFilter{Country: "Syria"}, "z1 w1 x1 y1 v1"},
		{"near Homs, 30 km", sitrep.EventFilter{Near: &sitrep.Point{Lat: homs.Lat, Lon: homs.Lon}, Km: 30}, "w1 v1"},
		{"near Homs, 50 km", sitrep.EventFilter{Near: &sitrep.Point{Lat: homs.Lat, Lon: homs.Lon}, Km: 50}, "z1 w1 x1 y1 v1"},
		{"near, paged", sitrep.EventFilter{Near: &sitrep.Point{Lat: homs.Lat, Lon: homs.Lon}, Km: 50, Offset: 1, Limit: 2}, "w1 x1"},
		{"actor name", sitrep.EventFilter{Actor: "tahrir"}, "z1 w1 x1 y1 v1"},
		{"actor side", sitrep.EventFilter{Actor: "external"}, "k1 k2"},
		{"certainty", sitrep.EventFilter{Certainty: sitrep.Projected}, "k2"},
		{"kind", sitrep.EventFilter{Kind: sitrep.KindToll}, "k3"},
		{"kind event, paged", sitrep.EventFilter{Kind: "event", Limit: 2, Offset: 1}, "k1 k2"},
		{"paged", sitrep.EventFilter{Limit: 2, Offset: 1}, "k1 k2"},
		{"sql in a value", sitrep.EventFilter{Actor: "' OR 1=1 --"}, ""},
		{"like wildcards are literal", sitrep.EventFilter{Actor: "%"}, ""},
	} {
		evs, err := s.Events(ctx, c.f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var ids []string
		for _, e := range evs {
			ids = append(ids, e.ID)
		}
		if got := strings.Join(ids, " "); got != c.want {
			t.Errorf("%s: events %q, want %q", c.name, got, c.want)
		}
	}
	incs, err := s.Incidents(ctx, sitrep.EventFilter{Country: "SY", Near: &sitrep.Point{Lat: rastan.Lat, Lon: rastan.Lon}, Km: 5})
	if err != nil || len(incs) != 2 {
		t.Errorf("incidents at Rastan: %d, %v; want 2 (the army's and the rebels' claims)", len(incs), err)
	}
}

func testBadFilters(t *testing.T, open Opener) {
	s := newStore(t, open)
	for _, f := range []sitrep.EventFilter{
		{Since: day("2024-12-05"), Until: day("2024-12-01")},
		{Near: &sitrep.Point{Lat: 95, Lon: 0}, Km: 10},
		{Near: &sitrep.Point{Lat: 1, Lon: 1}, Km: -1},
		{Km: 10},
		{Type: "Picnic"},
		{Limit: -1},
		{Certainty: "maybe"},
		{Kind: "rumour"},
		{Country: "Atlantis"},
	} {
		if _, err := s.Events(ctx, f); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("Events(%+v) error %v, want code %q", f, err, sitrep.EINVALID)
		}
	}
	if _, err := s.Article(ctx, "nope"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Article(nope) error %v, want code %q", err, sitrep.ENOTFOUND)
	}
	if _, err := s.Articles(ctx, sitrep.ArticleFilter{Query: "!!! ..."}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Articles(no words) error %v, want code %q", err, sitrep.EINVALID)
	}
}

func testSearch(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s,
		doc("a", "2024-12-05", "Rebels entered Rastan and Talbisseh with little resistance."),
		doc("b", "2024-12-06", "Air strikes hit rebel positions near Hama overnight."),
		doc("c", "2024-12-07", "Protesters gathered in the capital."))
	for _, c := range []struct{ q, want string }{
		{"rastan", "Rebels entered"},
		{"rebel positions", "Air strikes"},
		{"hama rastan", ""},
		{`"unbalanced quote OR (`, ""},
	} {
		as, err := s.Articles(ctx, sitrep.ArticleFilter{Query: c.q})
		if err != nil {
			t.Errorf("search %q: %v", c.q, err)
			continue
		}
		got := ""
		if len(as) > 0 {
			got = as[0].Text
		}
		if len(as) > 1 || !strings.HasPrefix(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("search %q found %d (%q), want %q", c.q, len(as), got, c.want)
		}
	}
	as, _ := s.Articles(ctx, sitrep.ArticleFilter{Since: day("2024-12-06")})
	if len(as) != 2 || as[0].Published.Format(sitrep.DateLayout) != "2024-12-07" {
		t.Errorf("articles since 2024-12-06: %d, newest first wanted", len(as))
	}
}

func testAtomic(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, doc("a", "2024-12-05", "", ev{id: "a1", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: rebels, dead: 1}))
	before := dump(t, s)
	// Two events with one id in a batch: the second insert fails.
	bad := doc("b", "2024-12-05", "", ev{id: "b1", sub: "Armed clash", date: "2024-12-05", loc: hama, a1: rebels, dead: 1})
	worse := doc("c", "2024-12-05", "", ev{id: "b1", sub: "Armed clash", date: "2024-12-05", loc: homs, a1: rebels, dead: 1})
	if _, err := s.Ingest(ctx, []sitrep.Doc{bad, worse}); err == nil {
		t.Fatal("a batch with a repeated event id was accepted")
	}
	if after := dump(t, s); after != before {
		t.Errorf("a failed batch changed the store:\n%s\nvs\n%s", before, after)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Ingest(cancelled, []sitrep.Doc{bad}); err == nil {
		t.Error("an ingest with a cancelled context succeeded")
	}
	if after := dump(t, s); after != before {
		t.Errorf("a cancelled ingest changed the store")
	}
}
