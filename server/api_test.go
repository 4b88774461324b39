package server

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/sqlite"
)

var (
	demoOnce  sync.Once
	demoX     *extract.Extractor
	demoError error
)

// demoStore is a store holding the bundled sample corpus.
func demoStore(t testing.TB) sitrep.Store { return testStore(t, true) }

// testStore is a fresh SQLite store, with the sample corpus when
// withDemo, closed when t ends.
func testStore(t testing.TB, withDemo bool) sitrep.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !withDemo {
		return st
	}
	demoOnce.Do(func() { demoX, demoError = extract.Default() })
	if demoError != nil {
		t.Fatal(demoError)
	}
	if _, err := demo.Load(ctx, st, demoX); err != nil {
		t.Fatal(err)
	}
	return st
}

func newTestServer(t *testing.T, st sitrep.Store, opt Options) *httptest.Server {
	t.Helper()
	if opt.Poll == 0 {
		opt.Poll = 20 * time.Millisecond
	}
	s := New(st, opt)
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); ts.Close() })
	return ts
}

// get fetches path and decodes a JSON answer into v (when not nil),
// returning the status.
func get(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %d, decoding: %v", path, resp.StatusCode, err)
		}
	}
	return resp.StatusCode
}

type incidentPage struct {
	Incidents []sitrep.Incident `json:"incidents"`
	Next      *int              `json:"next_offset"`
}

func TestIncidentsPagingAndFilters(t *testing.T) {
	st := demoStore(t)
	ts := newTestServer(t, st, Options{})
	all, err := st.Incidents(context.Background(), sitrep.EventFilter{Newest: true})
	if err != nil || len(all) < 10 {
		t.Fatalf("the demo store has %d incidents (%v); want at least 10", len(all), err)
	}
	// Pages of 7, newest first, add up to the whole list in order.
	var got []string
	for off := 0; ; {
		var p incidentPage
		if code := get(t, ts, fmt.Sprintf("/api/incidents?order=newest&limit=7&offset=%d", off), &p); code != 200 {
			t.Fatalf("status %d", code)
		}
		for _, inc := range p.Incidents {
			got = append(got, inc.ID)
		}
		if p.Next == nil {
			break
		}
		if *p.Next != off+7 || len(p.Incidents) != 7 {
			t.Fatalf("page at %d: %d incidents, next %d", off, len(p.Incidents), *p.Next)
		}
		off = *p.Next
	}
	var want []string
	for _, inc := range all {
		want = append(want, inc.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paged incidents\n%v\nwant\n%v", got, want)
	}

	var p incidentPage
	get(t, ts, "/api/incidents?country=SY&type=Battles&since=2024-12-01&until=2024-12-08&limit=1000", &p)
	if len(p.Incidents) == 0 {
		t.Fatal("no battles in Syria in the first week of December 2024")
	}
	for _, inc := range p.Incidents {
		if inc.Location.CountryCode != "SY" || inc.EventType != "Battles" || inc.Date < "2024-12-01" || inc.Date > "2024-12-08" {
			t.Errorf("incident %s (%s, %s, %s) is outside the filter", inc.ID, inc.Location.CountryCode, inc.EventType, inc.Date)
		}
	}

	one := all[0]
	var inc sitrep.Incident
	if code := get(t, ts, "/api/incidents/"+one.ID, &inc); code != 200 || inc.ID != one.ID || len(inc.Reports) != len(one.Reports) {
		t.Errorf("GET /api/incidents/%s: %d, %s with %d reports", one.ID, code, inc.ID, len(inc.Reports))
	}
	var e apiError
	if code := get(t, ts, "/api/incidents/nope", &e); code != 404 || e.Error.Code != "ENOTFOUND" {
		t.Errorf("unknown incident: %d %+v", code, e)
	}
}

func TestBadParameters(t *testing.T) {
	ts := newTestServer(t, demoStore(t), Options{})
	for _, c := range []struct{ path, inMessage string }{
		{"/api/incidents?since=2024-13-01", "since"},
		{"/api/incidents?contry=SY", `"contry"`},
		{"/api/incidents?limit=0", "limit"},
		{"/api/incidents?limit=5000", "limit"},
		{"/api/incidents?offset=-1", "offset"},
		{"/api/incidents?order=sideways", "order"},
		{"/api/incidents?type=Picnic", "Picnic"},
		{"/api/incidents?country=Atlantis", "Atlantis"},
		{"/api/incidents?near=Nowhereville%20Zzz", "near"},
		{"/api/incidents?near=35,36&km=NaN", "km"},
		{"/api/incidents?bbox=1,2,3", "bbox"},
		{"/api/incidents?bbox=0,50,10,40", "bbox"},
		{"/api/incidents?since=2024-12-05&until=2024-12-01", "until"},
		{"/api/incidents?country=SY&country=UA", "country"},
		{"/api/incidents?format=xml", "format"},
		{"/api/incidents?q=%21%21%21", "words"},
		{"/api/clusters", "zoom"},
		{"/api/clusters?zoom=99", "zoom"},
		{"/api/control?as_of=yesterday", "as_of"},
		{"/api/events?certainty=maybe", "certainty"},
		{"/api/stream?since=2024-01-01", "since"},
	} {
		wantInvalid(t, ts, c.path, c.inMessage)
	}
	var e apiError
	if code := get(t, ts, "/api/nothing", &e); code != 404 || !strings.Contains(e.Error.Message, "/api/nothing") {
		t.Errorf("unknown endpoint: %d %+v", code, e)
	}
}

func TestMapStatsAndControl(t *testing.T) {
	st := demoStore(t)
	ts := newTestServer(t, st, Options{})
	ctx := context.Background()
	incs, _ := st.Incidents(ctx, sitrep.EventFilter{})
	located := 0
	for _, inc := range incs {
		if inc.Location != nil {
			located++
		}
	}
	// At every zoom the clusters hold every located incident once.
	for _, zoom := range []string{"0", "3", "6", "12"} {
		var c struct{ Clusters []sitrep.Cluster }
		get(t, ts, "/api/clusters?zoom="+zoom, &c)
		n := 0
		for _, cl := range c.Clusters {
			n += cl.Count
			if (cl.Count == 1) != (cl.ID != "") {
				t.Errorf("zoom %s: cluster %+v: an id belongs to single incidents only", zoom, cl)
			}
		}
		if n != located {
			t.Errorf("zoom %s: clusters hold %d incidents, want %d", zoom, n, located)
		}
	}
	// A box around Syria holds what lies in it.
	var c struct{ Clusters []sitrep.Cluster }
	get(t, ts, "/api/clusters?zoom=6&bbox=35.5,32.3,42.4,37.4", &c)
	inBox, _ := st.Incidents(ctx, sitrep.EventFilter{Box: &sitrep.Box{W: 35.5, S: 32.3, E: 42.4, N: 37.4}})
	n := 0
	for _, cl := range c.Clusters {
		n += cl.Count
		if cl.Lat < 32.3 || cl.Lat > 37.4 || cl.Lon < 35.5 || cl.Lon > 42.4 {
			t.Errorf("cluster %+v lies outside the box", cl)
		}
	}
	if n == 0 || n != len(inBox) || n >= located {
		t.Errorf("clusters in Syria's box hold %d incidents; the box has %d, the world %d", n, len(inBox), located)
	}

	var s struct {
		Days      []sitrep.DayCount
		Countries []sitrep.CountryCount
		Range     struct{ From, To string }
		Totals    sitrep.Stats
	}
	get(t, ts, "/api/stats", &s)
	sum := 0
	for _, d := range s.Days {
		sum += d.Incidents
	}
	dated := 0
	for _, inc := range incs {
		if inc.Date != "" {
			dated++
		}
	}
	if sum != dated || s.Totals.Incidents != len(incs) || s.Range.From == "" || s.Range.From > s.Range.To {
		t.Errorf("stats: days add up to %d incidents (want %d), totals %+v, range %+v", sum, dated, s.Totals, s.Range)
	}

	var ctl struct{ Spans []sitrep.ControlSpan }
	get(t, ts, "/api/control?as_of=2024-12-06&place=Aleppo", &ctl)
	if len(ctl.Spans) != 1 || ctl.Spans[0].Side != "rebel" || len(ctl.Spans[0].Evidence) == 0 || ctl.Spans[0].Evidence[0].Sentence == "" {
		t.Errorf("Aleppo on 2024-12-06: %+v; want one rebel span with its evidence", ctl.Spans)
	}
	var hist struct {
		Place     string
		Control   []sitrep.ControlSpan
		Incidents []sitrep.Incident
	}
	if code := get(t, ts, "/api/places/Aleppo", &hist); code != 200 || len(hist.Control) == 0 || len(hist.Incidents) == 0 {
		t.Errorf("Aleppo's history: %d, %d spans, %d incidents", code, len(hist.Control), len(hist.Incidents))
	}
	var e apiError
	if code := get(t, ts, "/api/places/Qwzxv%20Nowhere", &e); code != 404 {
		t.Errorf("an unknown place: %d %+v", code, e)
	}
}

func TestFilesAndArticles(t *testing.T) {
	st := demoStore(t)
	ts := newTestServer(t, st, Options{})
	incs, _ := st.Incidents(context.Background(), sitrep.EventFilter{Country: "SY"})

	resp, err := http.Get(ts.URL + "/api/incidents?country=SY&format=geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct{ Coordinates []float64 }
		}
	}
	err = json.NewDecoder(resp.Body).Decode(&fc)
	resp.Body.Close()
	if err != nil || resp.Header.Get("Content-Type") != "application/geo+json" || fc.Type != "FeatureCollection" || len(fc.Features) == 0 || len(fc.Features) > len(incs) {
		t.Errorf("GeoJSON: %v, %s, %s with %d features (Syria has %d incidents)", err, resp.Header.Get("Content-Type"), fc.Type, len(fc.Features), len(incs))
	}
	for _, f := range fc.Features {
		if c := f.Geometry.Coordinates; len(c) != 2 || c[0] < 35 || c[0] > 43 || c[1] < 32 || c[1] > 38 {
			t.Errorf("a Syrian incident at lon,lat %v", c)
		}
	}

	resp, err = http.Get(ts.URL + "/api/events?format=acled&country=SY")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || len(rows) < 2 || !reflect.DeepEqual(rows[0], export.ACLEDHeader) {
		t.Errorf("ACLED CSV: %v, %d rows, header %v", err, len(rows), rows[0])
	}

	var as struct{ Articles []sitrep.StoredArticle }
	get(t, ts, "/api/articles?q=Talbisseh", &as)
	if len(as.Articles) == 0 {
		t.Fatal("no article mentions Talbisseh")
	}
	var a sitrep.StoredArticle
	get(t, ts, "/api/articles/"+as.Articles[0].ID, &a)
	if !strings.Contains(a.Text, "Talbisseh") {
		t.Errorf("article %s's text lacks the word it was found by", a.ID)
	}
	// An event's span is a byte range of its article's text.
	var evs struct{ Events []sitrep.Event }
	get(t, ts, "/api/events?limit=1000", &evs)
	for _, e := range evs.Events {
		if e.Article.ID != a.ID {
			continue
		}
		if got := a.Text[e.Span[0]:e.Span[1]]; got != e.Sentence {
			t.Errorf("event %s: span %v is %q, sentence %q", e.ID, e.Span, got, e.Sentence)
		}
	}

	var spec struct {
		Paths map[string]map[string]any
	}
	if code := get(t, ts, "/api/openapi.json", &spec); code != 200 {
		t.Fatalf("openapi.json: %d", code)
	}
	// Every route the server answers is described, with its method.
	s := New(st, Options{})
	for _, route := range []string{"GET /api/incidents", "GET /api/incidents/{id}", "GET /api/events", "GET /api/clusters", "GET /api/stats",
		"GET /api/control", "GET /api/places/{place}", "GET /api/articles", "POST /api/articles", "GET /api/articles/{id}", "GET /api/taxonomy",
		"GET /api/stream", "GET /api/feeds", "POST /api/feeds", "DELETE /api/feeds", "GET /healthz", "GET /metrics"} {
		method, path, _ := strings.Cut(route, " ")
		if spec.Paths[path][strings.ToLower(method)] == nil {
			t.Errorf("openapi.json does not describe %s", route)
		}
		req := httptest.NewRequest(method, path, nil)
		if _, pattern := s.mux.Handler(req); pattern != route {
			t.Errorf("openapi.json describes %s, which the server routes to %q", route, pattern)
		}
	}
}

// post sends body to /api/articles with the token (if any).
func post(t *testing.T, ts *httptest.Server, token, contentType, body string) (int, string) {
	t.Helper()
	return postTo(t, ts, "/api/articles?published=2024-12-08&source=test", token, contentType, body)
}

// postTo posts body to path, returning the status and the answer.
func postTo(t *testing.T, ts *httptest.Server, path, token, contentType, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// hama is Hama's GeoNames id.
const hama = 170017

const homsFalls = "Rebels captured the city of Homs on Sunday after government forces withdrew overnight, a war monitor said."

func TestWritesNeedTheToken(t *testing.T) {
	st := demoStore(t)
	before, _ := st.Stats(context.Background())
	open := newTestServer(t, st, Options{})
	if code, body := post(t, open, "", "text/plain", homsFalls); code != 403 || !strings.Contains(body, "SITREP_TOKEN") {
		t.Errorf("a server without a token accepted a write: %d %s", code, body)
	}
	ts := newTestServer(t, st, Options{Token: "s3cret"})
	if code, _ := post(t, ts, "", "text/plain", homsFalls); code != 401 {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := post(t, ts, "wrong", "text/plain", homsFalls); code != 401 {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if after, _ := st.Stats(context.Background()); after != before {
		t.Fatalf("refused writes changed the store: %+v -> %+v", before, after)
	}
	code, body := post(t, ts, "s3cret", "text/plain", homsFalls)
	if code != 201 || !strings.Contains(body, `"status":"new"`) {
		t.Errorf("first post: %d %s", code, body)
	}
	if code, body = post(t, ts, "s3cret", "text/plain", homsFalls); code != 200 || !strings.Contains(body, `"status":"duplicate"`) {
		t.Errorf("second post: %d %s", code, body)
	}
	after, _ := st.Stats(context.Background())
	if after.Articles != before.Articles+1 {
		t.Errorf("articles %d -> %d, want one more", before.Articles, after.Articles)
	}
	// JSON lines and HTML are read as ingest reads them.
	js := `{"title":"Drone strike","published":"2024-12-09","text":"A drone strike killed three people in Idlib on Monday, medics said."}`
	if code, body = post(t, ts, "s3cret", "application/json", js); code != 201 {
		t.Errorf("JSON post: %d %s", code, body)
	}
	for _, c := range []struct {
		ct, body string
		want     int
	}{
		{"application/json", `{"text": 5}`, 400},
		{"application/json", "", 400},
		{"image/png", "\x89PNG", 400},
		{"text/plain", strings.Repeat("a", maxBody+1), 413},
	} {
		if code, body := post(t, ts, "s3cret", c.ct, c.body); code != c.want {
			t.Errorf("post %s (%d bytes): %d %.200s; want %d", c.ct, len(c.body), code, body, c.want)
		}
	}

	ro := newTestServer(t, st, Options{Token: "s3cret", ReadToken: true})
	if code := get(t, ro, "/api/incidents", nil); code != 401 {
		t.Errorf("read without the token: %d, want 401", code)
	}
	if code := get(t, ro, "/api/incidents?token=s3cret", nil); code != 200 {
		t.Errorf("read with the token: %d, want 200", code)
	}
	if code := get(t, ro, "/healthz", nil); code != 200 {
		t.Errorf("healthz with read token: %d, want 200", code)
	}
}

// sse reads Server-Sent Events from r, sending each to out.
type sse struct{ id, event, data string }

func readSSE(r io.Reader, out chan<- sse) {
	defer close(out)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var ev sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.event != "" {
				out <- ev
			}
			ev = sse{}
		case strings.HasPrefix(line, "id: "):
			ev.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			ev.event = line[7:]
		case strings.HasPrefix(line, "data: "):
			ev.data = line[6:]
		}
	}
}

func openStream(t *testing.T, ts *httptest.Server, lastID string) (<-chan sse, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/stream", nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	ch := make(chan sse, 100)
	go readSSE(resp.Body, ch)
	return ch, func() { cancel(); resp.Body.Close() }
}

func TestStreamSendsNewIncidentsAndControl(t *testing.T) {
	st := demoStore(t)
	ts := newTestServer(t, st, Options{Token: "t"})
	events, stop := openStream(t, ts, "")
	defer stop()
	time.Sleep(50 * time.Millisecond) // the stream has read where the log stands
	// A report another process might have ingested: Hama retaken.
	text := "Government forces recaptured the city of Hama on Sunday after heavy fighting with rebels, state media said."
	if code, body := post(t, ts, "t", "text/plain", text); code != 201 {
		t.Fatalf("post: %d %s", code, body)
	}
	var got []sse
	timeout := time.After(5 * time.Second)
	for len(got) < 2 {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("the stream ended")
			}
			got = append(got, ev)
		case <-timeout:
			t.Fatalf("after 5 s the stream sent %d events: %+v", len(got), got)
		}
	}
	kinds := []string{got[0].event, got[1].event}
	sort.Strings(kinds)
	if !reflect.DeepEqual(kinds, []string{"control", "incident"}) {
		t.Fatalf("events %v, want an incident and a control change", kinds)
	}
	for _, ev := range got {
		switch ev.event {
		case "incident":
			var inc sitrep.Incident
			err := json.Unmarshal([]byte(ev.data), &inc)
			found := false
			for _, r := range inc.Reports {
				found = found || r.Sentence == text
			}
			if err != nil || inc.Location == nil || inc.Location.GeonameID != hama || !found || inc.Date != "2024-12-08" {
				t.Errorf("incident event %s: %v; want the recapture of Hama on 2024-12-08", ev.data, err)
			}
		case "control":
			var sp sitrep.ControlSpan
			if err := json.Unmarshal([]byte(ev.data), &sp); err != nil || sp.Place.GeonameID != hama || sp.Side != "government" || sp.From != "2024-12-08" {
				t.Errorf("control event %s: %v", ev.data, err)
			}
		}
	}
	// A client that reconnects after the first event gets what followed.
	first := got[0].id
	if got[1].id < first {
		first = got[1].id
	}
	again, stop2 := openStream(t, ts, first)
	defer stop2()
	select {
	case ev := <-again:
		if ev.id == first || ev.event == "" {
			t.Errorf("resumed after %s, got %+v", first, ev)
		}
	case <-time.After(5 * time.Second):
		t.Error("a resumed stream sent nothing")
	}
}

func TestHeadersAndMetrics(t *testing.T) {
	ts := newTestServer(t, demoStore(t), Options{})
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("page: %d, headers %v", resp.StatusCode, resp.Header)
	}
	get(t, ts, "/api/incidents?limit=1", nil)
	get(t, ts, "/api/incidents?limit=0", nil)
	resp, err = http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := string(b)
	for _, want := range []string{
		`sitrep_http_requests_total{code="200",route="GET /api/incidents"} 1`,
		`sitrep_http_requests_total{code="400",route="GET /api/incidents"} 1`,
		`sitrep_http_request_duration_seconds_count{route="GET /api/incidents"} 2`,
		"# TYPE sitrep_store_incidents gauge",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestFeeds(t *testing.T) {
	ts := newTestServer(t, demoStore(t), Options{Token: "t"})
	send := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer t")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	list := func() []sitrep.Feed {
		var fs struct{ Feeds []sitrep.Feed }
		if code := get(t, ts, "/api/feeds", &fs); code != 200 {
			t.Fatalf("GET /api/feeds: %d", code)
		}
		return fs.Feeds
	}
	if fs := list(); len(fs) != 0 {
		t.Fatalf("a new store has feeds: %+v", fs)
	}
	if code, body := send("POST", "/api/feeds", `{"url": "https://News.Example.org/feed.xml#top", "every": "30m"}`); code != 200 || !strings.Contains(body, `"every":"30m0s"`) {
		t.Errorf("add: %d %s", code, body)
	}
	if fs := list(); len(fs) != 1 || fs[0].URL != "https://news.example.org/feed.xml" {
		t.Errorf("feeds after adding one: %+v", fs)
	}
	for _, body := range []string{`{"url": "ftp://example.org/feed"}`, `{"url": "https://example.org/f", "every": "1s"}`, `{"url": "https://example.org/f", "every": "soon"}`, `{"link": "https://example.org/f"}`, ``} {
		if code, resp := send("POST", "/api/feeds", body); code != 400 {
			t.Errorf("add %s: %d %s; want 400", body, code, resp)
		}
	}
	if code, body := send("DELETE", "/api/feeds?url=https://news.example.org/feed.xml", ""); code != 204 {
		t.Errorf("remove: %d %s", code, body)
	}
	if code, _ := send("DELETE", "/api/feeds?url=https://news.example.org/feed.xml", ""); code != 404 {
		t.Errorf("remove again: %d, want 404", code)
	}
	if fs := list(); len(fs) != 0 {
		t.Errorf("feeds after removing: %+v", fs)
	}
}

func TestStaticFiles(t *testing.T) {
	ts := newTestServer(t, demoStore(t), Options{})
	req, _ := http.NewRequest("GET", ts.URL+"/app.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || etag == "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("app.js: %d, headers %v", resp.StatusCode, resp.Header)
	}
	req.Header.Set("If-None-Match", etag)
	resp, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating app.js: %d, want 304", resp.StatusCode)
	}
	for path, want := range map[string]int{"/": 200, "/index.html": 200, "/nope.js": 404, "/../go.mod": 404} {
		if code := get(t, ts, path, nil); code != want {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
	}
	resp, err = http.Post(ts.URL+"/", "text/plain", strings.NewReader("x"))
	if err == nil {
		resp.Body.Close()
	}
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %v %v", err, resp.StatusCode)
	}
}

// near= reads a town's name as the town: "Homs" is the city, not the
// governorate, whose middle is 130 km east of it.
func TestNearATownNamedLikeItsGovernorate(t *testing.T) {
	ts := newTestServer(t, demoStore(t), Options{})
	var p incidentPage
	if code := get(t, ts, "/api/incidents?near=Homs&km=40&limit=1000", &p); code != 200 || len(p.Incidents) == 0 {
		t.Fatalf("/api/incidents?near=Homs&km=40: status %d, %d incidents; want the incidents around Homs", code, len(p.Incidents))
	}
	for _, inc := range p.Incidents {
		if d := gazetteer.Distance(inc.Location.Lat, inc.Location.Lon, 34.73, 36.72); d > 40 {
			t.Errorf("incident at %s is %.0f km from Homs", inc.Location.Name, d)
		}
	}
}

// wantInvalid asks GET path and wants a 400 EINVALID whose message names
// the parameter at fault.
func wantInvalid(t *testing.T, ts *httptest.Server, path, inMessage string) {
	t.Helper()
	var e apiError
	code := get(t, ts, path, &e)
	if code != 400 || e.Error.Code != "EINVALID" || !strings.Contains(e.Error.Message, inMessage) {
		t.Errorf("GET %s: %d %+v; want 400 naming %s", path, code, e.Error, inMessage)
	}
}
