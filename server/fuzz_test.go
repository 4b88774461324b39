package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
)

// Query strings and posted bodies are outside input: whatever a client
// sends, the API answers 200 or says what is wrong (400), never 500. Run
// a fuzzer with
//
//	go test ./server -run '^$' -fuzz '^FuzzQuery$' -fuzztime 1m

// logBuffer keeps what the server logs, to show why a request failed.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}

// fuzzServer is a server over a fresh SQLite store, with the sample
// corpus when withDemo.
func fuzzServer(f *testing.F, opt Options, withDemo bool) (*Server, *logBuffer) {
	f.Helper()
	st := testStore(f, withDemo)
	logs := &logBuffer{}
	opt.Log = slog.New(slog.NewTextHandler(logs, nil))
	s := New(st, opt)
	f.Cleanup(s.Close)
	return s, logs
}

var queryPaths = []string{"/api/incidents", "/api/events", "/api/clusters", "/api/stats", "/api/control"}

func FuzzQuery(f *testing.F) {
	for _, q := range []string{
		"", "limit=5", "since=2024-12-01&until=2024-12-06", "since=2024-13-45", "until=99999-01-01",
		"type=Battles", "type=Armed%20clash", "type=nonsense", "country=Syria", "country=SY", "country=%27%20OR%201%3D1%20--",
		"near=Aleppo&km=50", "near=35.2,38.9&km=1e308", "near=NaN,NaN", "km=-1", "km=Inf",
		"bbox=35,32,37,36", "bbox=-720,-90,720,90", "bbox=1,2,3", "bbox=NaN,NaN,NaN,NaN", "bbox=180,90,-180,-90",
		"actor=Hamas", "actor=%25", "actor=_", "actor=%27%22%5C", "q=Aleppo", "q=%22unterminated", "q=a*%20OR%20NOT%20b",
		"q=NEAR(a%20b)", "q=%27%20OR%201%3D1%20--", "q=%00", "q=%ff%fe", "q=-", "q=*", "q=%5E", "q=col:x", "q=(((",
		"zoom=3", "zoom=0&bbox=-180,-90,180,90", "zoom=24", "zoom=-1", "zoom=1e9", "zoom=3.7", "zoom=NaN",
		"format=geojson", "format=csv", "format=xml", "order=oldest", "order=sideways", "cursor=abc", "cursor=-1",
		"limit=0", "limit=-5", "limit=99999999999999999999", "offset=18446744073709551616", "place=Aleppo",
		"brief=true", "brief=maybe", "contry=SY", "limit=1&limit=2", "token=x", "%zz=1", "a=%", ";;;&&&==",
		"q=" + strings.Repeat("x", 5000), "actor=" + strings.Repeat("%27", 300),
	} {
		for i := range queryPaths {
			f.Add(uint8(i), q)
		}
	}
	s, logs := fuzzServer(f, Options{}, true)
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		path := queryPaths[int(which)%len(queryPaths)]
		req := httptest.NewRequest("GET", path, nil)
		req.URL.RawQuery = raw
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		body := w.Body.Bytes()
		switch w.Code {
		case http.StatusOK:
			if strings.Contains(w.Header().Get("Content-Type"), "json") && !json.Valid(body) {
				t.Fatalf("GET %s?%s: 200 with a body that is not JSON: %.200q", path, raw, body)
			}
		case http.StatusBadRequest:
			checkInvalid(t, "GET "+path+"?"+raw, body)
		default:
			t.Fatalf("GET %s?%s: %d %.300s\nlog: %s", path, raw, w.Code, body, logs.String())
		}
	})
}

// checkInvalid checks that body is the API's answer to a bad request.
func checkInvalid(t *testing.T, what string, body []byte) {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code != "EINVALID" || strings.TrimSpace(e.Error.Message) == "" {
		t.Fatalf("%s: 400 with body %.300q (%v)", what, body, err)
	}
}

var postTypes = []string{"text/plain", "text/html", "application/json"}

func FuzzPostArticle(f *testing.F) {
	for _, c := range []struct {
		ct   int
		body string
	}{
		{0, "At least 12 people were killed when airstrikes hit a market in Idlib on Friday."},
		{0, "Dozens of protesters gathered in Khartoum; 1,500 families fled. Two hundred were arrested."},
		{0, "' OR 1=1 -- % _ \x00 \xff\xfe"},
		{0, ""},
		{1, "<html><head><title>Hama</title><script>document.write('<p>x')</script></head><body><p>Rebels entered Hama.<p>Shelling killed 3 in <b>Homs"},
		{1, "<meta charset=\"windows-1256\"><p>\xc7\xe1\xcd\xd1\xc8</p><!-- unterminated"},
		{1, "<<<>>></p></div><table><tr><td>"},
		{2, `{"id":"a1","published":"2024-12-06","text":"Rebels captured Hama."}` + "\n" + `{"html":"<p>Aleppo fell.</p>"}`},
		{2, `{"text":""}`},
		{2, `{"published":"99999-99-99","text":"x"}`},
		{2, "[1,2,3]\n{bad json}\n\"string\""},
		{2, `{"text":"` + strings.Repeat("Clashes in Aleppo killed 5. ", 300) + `"}`},
	} {
		f.Add(uint8(c.ct), "", []byte(c.body))
	}
	f.Add(uint8(0), "; charset=windows-1252", []byte("Caf\xe9 bombed in Beirut."))
	f.Add(uint8(1), "; charset=nonsense", []byte("<p>x</p>"))
	f.Add(uint8(0), ";;=", []byte("x"))
	s, logs := fuzzServer(f, Options{Token: "t"}, false)
	f.Fuzz(func(t *testing.T, which uint8, params string, body []byte) {
		ct := postTypes[int(which)%len(postTypes)] + params
		req := httptest.NewRequest("POST", "/api/articles", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer t")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		out := w.Body.Bytes()
		switch w.Code {
		case http.StatusOK, http.StatusCreated:
			var res struct{ Results []sitrep.IngestResult }
			if err := json.Unmarshal(out, &res); err != nil || len(res.Results) == 0 {
				t.Fatalf("POST %s: %d with body %.300q (%v)", ct, w.Code, out, err)
			}
		case http.StatusBadRequest:
			checkInvalid(t, "POST "+ct, out)
		case http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("POST %s %.200q: %d %.300s\nlog: %s", ct, body, w.Code, out, logs.String())
		}
	})
}
