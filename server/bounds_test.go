package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

// TestParamsConcurrently: requests that name an unknown parameter, at
// once, on endpoints that share a list of known parameters. Run with
// -race: the error message once sorted that shared list in place.
func TestParamsConcurrently(t *testing.T) {
	ts := newTestServer(t, testStore(t, false), Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/api/stats?contry=SY"
			if i%2 == 1 {
				path = "/api/clusters?zoom=3&contry=SY"
			}
			var e apiError
			if code := get(t, ts, path, &e); code != 400 || !strings.Contains(e.Error.Message, "bbox, country") {
				t.Errorf("GET %s: %d %+v; want 400 listing the parameters in order", path, code, e.Error)
			}
		}()
	}
	wg.Wait()
	for _, p := range filterParams[:3] {
		if p != "since" && p != "until" && p != "type" {
			t.Fatalf("filterParams was reordered: %v", filterParams)
		}
	}
}

// TestNotFiniteCoordinates: NaN and infinities are no place on the earth.
func TestNotFiniteCoordinates(t *testing.T) {
	ts := newTestServer(t, testStore(t, false), Options{})
	for _, c := range []struct{ path, inMessage string }{
		{"/api/incidents?bbox=NaN,0,10,10", "bbox"},
		{"/api/incidents?bbox=0,0,10,NaN", "bbox"},
		{"/api/incidents?bbox=Inf,0,10,10", "bbox"},
		{"/api/incidents?bbox=-Inf,0,Inf,10", "bbox"},
		{"/api/clusters?zoom=2&bbox=-Infinity,-90,180,90", "bbox"},
		{"/api/incidents?near=35,NaN", "near"},
		{"/api/incidents?near=NaN,35", "near"},
		{"/api/incidents?near=35,Inf", "near"},
		{"/api/incidents?near=95,35", "near"},
		{"/api/stats?near=35,-Inf", "near"},
	} {
		wantInvalid(t, ts, c.path, c.inMessage)
	}
}

// TestAuthorizationScheme: the scheme is case-insensitive (RFC 9110
// section 11.1, RFC 6750), and a bare token without it is refused.
func TestAuthorizationScheme(t *testing.T) {
	ts := newTestServer(t, testStore(t, false), Options{Token: "s3cret", ReadToken: true})
	for _, c := range []struct {
		header string
		want   int
	}{
		{"Bearer s3cret", 200},
		{"bearer s3cret", 200},
		{"BEARER s3cret", 200},
		{"Bearer  s3cret", 200},
		{"s3cret", 401},
		{"Basic s3cret", 401},
		{"Bearer", 401},
		{"Bearer wrong", 401},
		{"Bearers3cret", 401},
		{"", 401},
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/api/taxonomy", nil)
		if c.header != "" {
			req.Header.Set("Authorization", c.header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("Authorization: %q: %d, want %d", c.header, resp.StatusCode, c.want)
		}
	}
}

// TestCostlyRequestsWaitForASlot: with every slot taken, posting places
// or an article waits its turn (a place in the queue the metrics show),
// while health and metrics still answer.
func TestCostlyRequestsWaitForASlot(t *testing.T) {
	s := New(testStore(t, false), Options{Token: "s3cret"})
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); ts.Close() })
	for range cap(s.slots) {
		s.slots <- struct{}{}
	}
	answered := make(chan string, 2)
	for _, path := range []string{"/api/places", "/api/articles?published=2024-12-08"} {
		go func() {
			code, body := postTo(t, ts, path, "s3cret", "text/plain", "Shelling hit Rastan on Monday, a monitor said.")
			answered <- fmt.Sprintf("POST %s: %d %.100s", path, code, body)
		}()
	}
	for s.metrics.waiting.Load() < 2 {
		select {
		case a := <-answered:
			t.Fatalf("answered with every slot taken: %s", a)
		default:
			runtime.Gosched()
		}
	}
	if code := get(t, ts, "/healthz", nil); code != 200 {
		t.Errorf("healthz with every slot taken: %d", code)
	}
	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "sitrep_http_waiting 2\n") {
		t.Errorf("metrics with every slot taken: %d, want sitrep_http_waiting 2 in\n%s", resp.StatusCode, b)
	}
	select {
	case a := <-answered:
		t.Fatalf("answered with every slot taken: %s", a)
	default:
	}
	for range cap(s.slots) {
		<-s.slots
	}
	for range 2 {
		if a := <-answered; !strings.Contains(a, ": 200") && !strings.Contains(a, ": 201") {
			t.Error(a)
		}
	}
}

// largestWrite is a ResponseWriter that keeps the size of the largest
// write, to tell an answer written as it is made from one built whole.
type largestWrite struct {
	*httptest.ResponseRecorder
	max, total int
}

func (w *largestWrite) Write(b []byte) (int, error) {
	w.max, w.total = max(w.max, len(b)), w.total+len(b)
	return w.ResponseRecorder.Write(b)
}

// TestPostPlacesStreams: the answer to a text full of place names is
// written a mention at a time, in every format, so its size never sits
// in memory whole.
func TestPostPlacesStreams(t *testing.T) {
	s := New(testStore(t, false), Options{})
	t.Cleanup(s.Close)
	text := strings.Repeat("Shelling hit Rastan and Homs. ", 20000)
	for _, format := range []string{"json", "jsonl", "geojson"} {
		req := httptest.NewRequest("POST", "/api/places?format="+format, strings.NewReader(text))
		req.Header.Set("Content-Type", "text/plain")
		w := &largestWrite{ResponseRecorder: httptest.NewRecorder()}
		s.ServeHTTP(w, req)
		if w.Code != 200 || w.total < 4<<20 {
			t.Fatalf("%s: %d, %d bytes; want 200 and over 4 MB of mentions", format, w.Code, w.total)
		}
		if w.max > 64<<10 {
			t.Errorf("%s: a write of %d bytes (of %d): the answer was built whole", format, w.max, w.total)
		}
		var v any
		if format != "jsonl" {
			if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
				t.Errorf("%s: not JSON: %v", format, err)
			}
		}
	}
}

// TestStreamCap: past MaxStreams a stream is refused with 503, a JSON
// error and Retry-After; a closed stream frees its place.
func TestStreamCap(t *testing.T) {
	ts := newTestServer(t, testStore(t, false), Options{MaxStreams: 2})
	_, stop1 := openStream(t, ts, "")
	_, stop2 := openStream(t, ts, "")
	defer stop2()
	resp, err := http.Get(ts.URL + "/api/stream")
	if err != nil {
		t.Fatal(err)
	}
	var e apiError
	json.NewDecoder(resp.Body).Decode(&e)
	resp.Body.Close()
	if resp.StatusCode != 503 || e.Error.Code != "EBUSY" || resp.Header.Get("Retry-After") == "" || !strings.Contains(e.Error.Message, "retry") {
		t.Errorf("a third stream: %d %+v, Retry-After %q; want 503 EBUSY asking to retry", resp.StatusCode, e.Error, resp.Header.Get("Retry-After"))
	}
	stop1()
	for {
		resp, err := http.Get(ts.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), "sitrep_stream_clients 1\n") {
			break
		}
		runtime.Gosched()
	}
	_, stop3 := openStream(t, ts, "")
	stop3()
}

// TestStreamReplayIsBounded: a stream resumes from at most MaxReplay
// changes back; from further back it answers 410 and points to the
// paged API.
func TestStreamReplayIsBounded(t *testing.T) {
	st := demoStore(t)
	last, err := st.LastChange(context.Background())
	if err != nil || last < 10 {
		t.Fatalf("the demo store logged %d changes (%v); want at least 10", last, err)
	}
	ts := newTestServer(t, st, Options{MaxReplay: 5})
	for _, id := range []string{"0", fmt.Sprint(last - 6)} {
		req, _ := http.NewRequest("GET", ts.URL+"/api/stream", nil)
		req.Header.Set("Last-Event-ID", id)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e apiError
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != 410 || e.Error.Code != "EGONE" || !strings.Contains(e.Error.Message, "/api/incidents") {
			t.Errorf("Last-Event-ID %s of %d: %d %+v; want 410 pointing to /api/incidents", id, last, resp.StatusCode, e.Error)
		}
	}
	events, stop := openStream(t, ts, fmt.Sprint(last-5))
	defer stop()
	n := 0
	for ev := range events {
		if id, _ := strconv.ParseInt(ev.id, 10, 64); id <= last-5 || id > last {
			t.Fatalf("resumed from %d, got change %s", last-5, ev.id)
		}
		if id, _ := strconv.ParseInt(ev.id, 10, 64); id == last {
			break
		}
		n++
	}
	if n == 0 {
		t.Error("a resume within MaxReplay sent nothing before the last change")
	}
}

// controlCalls is a store that keeps the control filters it is asked.
type controlCalls struct {
	sitrep.Store
	mu      sync.Mutex
	filters []sitrep.ControlFilter
}

func (c *controlCalls) Control(ctx context.Context, f sitrep.ControlFilter) ([]sitrep.ControlSpan, error) {
	c.mu.Lock()
	c.filters = append(c.filters, f)
	c.mu.Unlock()
	return c.Store.Control(ctx, f)
}

// TestStreamReadsOnlyTheLatestSpan: a control change is sent as the
// place's latest span, read alone: a place's whole history with its
// evidence, for every change, once made streams cost gigabytes.
func TestStreamReadsOnlyTheLatestSpan(t *testing.T) {
	st := &controlCalls{Store: demoStore(t)}
	last, _ := st.LastChange(context.Background())
	ts := newTestServer(t, st, Options{})
	events, stop := openStream(t, ts, fmt.Sprint(max(0, last-200)))
	defer stop()
	controls := 0
	for ev := range events {
		if ev.event == "control" {
			var sp sitrep.ControlSpan
			if err := json.Unmarshal([]byte(ev.data), &sp); err != nil || len(sp.Evidence) == 0 {
				t.Errorf("control event %.200s: %v; want a span with its evidence", ev.data, err)
			}
			controls++
		}
		if ev.id == fmt.Sprint(last) {
			break
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if controls == 0 || len(st.filters) < controls {
		t.Fatalf("%d control events, %d control reads; want some", controls, len(st.filters))
	}
	for _, f := range st.filters {
		if !f.Latest || f.Key == "" {
			t.Errorf("the stream read control with %+v; want one place's latest span", f)
		}
	}
}

// TestPostedTextIsBudgeted: posts wait while the text budget is spent,
// whatever slots are free; reads go on.
func TestPostedTextIsBudgeted(t *testing.T) {
	s := New(testStore(t, false), Options{})
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); ts.Close() })
	if err := s.text.Acquire(context.Background(), textBudget); err != nil {
		t.Fatal(err)
	}
	answered := make(chan int, 1)
	go func() {
		code, _ := postTo(t, ts, "/api/places", "", "text/plain", "Shelling hit Rastan on Monday.")
		answered <- code
	}()
	for s.metrics.waiting.Load() < 1 {
		select {
		case code := <-answered:
			t.Fatalf("a post answered %d with the text budget spent", code)
		default:
			runtime.Gosched()
		}
	}
	if code := get(t, ts, "/api/taxonomy", nil); code != 200 {
		t.Errorf("a read with the text budget spent: %d", code)
	}
	select {
	case code := <-answered:
		t.Fatalf("a post answered %d with the text budget spent", code)
	default:
	}
	s.text.Release(textBudget)
	if code := <-answered; code != 200 {
		t.Errorf("the post, once the budget is free: %d", code)
	}
}

// TestPostRefusesScriptURLs: an article posted with a javascript: or
// data: URL is refused, naming the url, and stores nothing.
func TestPostRefusesScriptURLs(t *testing.T) {
	st := testStore(t, false)
	ts := newTestServer(t, st, Options{Token: "s3cret"})
	for _, c := range []struct{ path, ct, body string }{
		{"/api/articles?published=2024-12-08", "application/json", `{"url":"javascript:alert(1)","text":"Rebels shelled the town of Rastan on Sunday."}`},
		{"/api/articles?published=2024-12-08", "application/json", `{"url":"data:text/html,x","text":"Rebels shelled the town of Rastan on Sunday."}`},
		{"/api/articles?published=2024-12-08&url=javascript:alert(1)", "text/plain", "Rebels shelled the town of Rastan on Sunday."},
		{"/api/places?url=javascript:alert(1)", "text/plain", "Rebels shelled the town of Rastan on Sunday."},
	} {
		code, body := postTo(t, ts, c.path, "s3cret", c.ct, c.body)
		if code != 400 || !strings.Contains(body, "url") || !strings.Contains(body, "http or https") {
			t.Errorf("POST %s %.60s: %d %.200s; want 400 naming the url", c.path, c.body, code, body)
		}
	}
	if stats, _ := st.Stats(context.Background()); stats.Articles != 0 {
		t.Errorf("refused posts stored %d articles", stats.Articles)
	}
}

// TestStreamsReadInTheirShare: the streams' reads take at most their
// share of the slots; with it taken a stream waits to read, and the
// queries still answer.
func TestStreamsReadInTheirShare(t *testing.T) {
	st := demoStore(t)
	last, _ := st.LastChange(context.Background())
	s := New(st, Options{Poll: 20 * time.Millisecond})
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); ts.Close() })
	if cap(s.streamSlots) >= cap(s.slots) {
		t.Fatalf("the streams may take %d of %d slots", cap(s.streamSlots), cap(s.slots))
	}
	for range cap(s.streamSlots) {
		s.streamSlots <- struct{}{}
	}
	events, stop := openStream(t, ts, fmt.Sprint(last-5))
	defer stop()
	for s.metrics.waiting.Load() < 1 {
		select {
		case ev := <-events:
			t.Fatalf("the stream read with the streams' share taken: %+v", ev)
		default:
			runtime.Gosched()
		}
	}
	if code := get(t, ts, "/api/incidents?limit=1", nil); code != 200 {
		t.Errorf("a query while the streams' share is taken: %d", code)
	}
	select {
	case ev := <-events:
		t.Fatalf("the stream read with the streams' share taken: %+v", ev)
	default:
	}
	for range cap(s.streamSlots) {
		<-s.streamSlots
	}
	if ev, ok := <-events; !ok || ev.id == "" {
		t.Errorf("the stream sent nothing once its share was free")
	}
}
