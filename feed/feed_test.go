package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/source"
	"golang.org/x/text/encoding/charmap"
)

// A fetcher for test servers, which listen on loopback.
var local = &source.Fetcher{AllowPrivate: true, Timeout: 5 * time.Second}

const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Conflict wire</title>
<item><title>Rebels enter Hama</title><link>/news/hama</link><guid>tag:wire,1</guid><pubDate>Thu, 05 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Airstrikes on Idlib</title><link>https://other.example/idlib#top</link></item>
<item><title>No link, nothing to read</title><guid>tag:wire,3</guid></item>
<item><title>Rebels enter Hama (again)</title><link>/news/hama-2</link><guid>tag:wire,1</guid></item>
</channel></rss>`

func TestParseTakesItemsWithLinks(t *testing.T) {
	res, err := Parse([]byte(rss), "application/rss+xml", "https://wire.example/feeds/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Item{
		{Key: "tag:wire,1", URL: "https://wire.example/news/hama", Title: "Rebels enter Hama", Published: time.Date(2024, 12, 5, 10, 0, 0, 0, time.UTC)},
		{Key: "https://other.example/idlib", URL: "https://other.example/idlib", Title: "Airstrikes on Idlib"},
	}
	if res.Title != "Conflict wire" || fmt.Sprint(res.Items) != fmt.Sprint(want) {
		t.Errorf("Parse = %q %v\nwant %q %v", res.Title, res.Items, "Conflict wire", want)
	}
}

func TestParseReadsAtomAndJSONFeed(t *testing.T) {
	for _, tt := range []struct{ name, body, want string }{
		{"atom", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:1</id><title>T</title><link href="/a/1"/><updated>2024-12-06T08:00:00Z</updated></entry></feed>`, "urn:1 https://x.example/a/1 2024-12-06"},
		{"json feed", `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"7","url":"https://x.example/j/7","date_published":"2024-12-07T09:00:00Z"}]}`, "7 https://x.example/j/7 2024-12-07"},
	} {
		res, err := Parse([]byte(tt.body), "", "https://x.example/feed")
		if err != nil || len(res.Items) != 1 {
			t.Errorf("%s: %v, %v", tt.name, res, err)
			continue
		}
		it := res.Items[0]
		if got := it.Key + " " + it.URL + " " + it.Published.Format("2006-01-02"); got != tt.want {
			t.Errorf("%s: item %q, want %q", tt.name, got, tt.want)
		}
	}
}

// feedServer serves body with an ETag and a Last-Modified date, answers
// 304 to a request that names them, and counts both kinds of answer.
type feedServer struct {
	mu        sync.Mutex
	body      string
	etag      string
	full, not int
}

const lastMod = "Thu, 05 Dec 2024 10:00:00 GMT"

func (s *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("User-Agent") != source.UserAgent {
		http.Error(w, "who are you?", http.StatusForbidden)
		return
	}
	if r.Header.Get("If-None-Match") == s.etag && r.Header.Get("If-Modified-Since") == lastMod {
		s.not++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.full++
	w.Header().Set("ETag", s.etag)
	w.Header().Set("Last-Modified", lastMod)
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, s.body)
}

func TestPollAsksWhetherTheFeedChanged(t *testing.T) {
	fs := &feedServer{body: rss, etag: `"v1"`}
	srv := httptest.NewServer(fs)
	defer srv.Close()
	ctx := context.Background()

	first, err := Poll(ctx, local, srv.URL+"/rss.xml", source.Validators{})
	if err != nil || first.NotModified || len(first.Items) != 2 {
		t.Fatalf("first poll: %+v, %v; want 2 items", first, err)
	}
	if first.ETag != `"v1"` || first.LastModified != lastMod {
		t.Errorf("validators %+v, want the server's", first.Validators)
	}
	second, err := Poll(ctx, local, srv.URL+"/rss.xml", first.Validators)
	if err != nil || !second.NotModified || len(second.Items) != 0 || second.ETag != `"v1"` {
		t.Errorf("second poll: %+v, %v; want not modified, the validators kept", second, err)
	}
	fs.mu.Lock()
	fs.etag = `"v2"`
	fs.body = strings.Replace(rss, "Rebels enter Hama", "Rebels take Hama", 1)
	fs.mu.Unlock()
	third, err := Poll(ctx, local, srv.URL+"/rss.xml", second.Validators)
	if err != nil || third.NotModified || third.ETag != `"v2"` || third.Items[0].Title != "Rebels take Hama" {
		t.Errorf("after the feed changed: %+v, %v; want the new version", third, err)
	}
	if fs.full != 2 || fs.not != 1 {
		t.Errorf("server sent %d feeds and %d not-modified, want 2 and 1", fs.full, fs.not)
	}
}

func TestNextPollBacksOffOnErrors(t *testing.T) {
	at := time.Date(2024, 12, 5, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		every  time.Duration
		errors int
		want   time.Duration
	}{
		{15 * time.Minute, 0, 15 * time.Minute},
		{15 * time.Minute, 1, 30 * time.Minute},
		{15 * time.Minute, 3, 2 * time.Hour},
		{15 * time.Minute, 5, 6 * time.Hour}, // 8 h, capped
		{15 * time.Minute, 1000, 6 * time.Hour},
		{12 * time.Hour, 3, 12 * time.Hour}, // never sooner than the interval
	} {
		if got := NextPoll(at, tt.every, tt.errors).Sub(at); got != tt.want {
			t.Errorf("NextPoll(every %v, %d errors) = +%v, want +%v", tt.every, tt.errors, got, tt.want)
		}
	}
}

func TestBrokenFeedsGetErrorsNamingTheFeed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html><body><p>Not a feed</p></body></html>")
	})
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<rss version=\"2.0\"><channel><title>Cut</title>\n<item><title>Half an it")
	})
	mux.HandleFunc("/oops", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/martian", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=x-martian")
		w.Write([]byte("<rss version=\"2.0\"><channel><title>\xff\xfe\xfd</title></channel></rss>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, tt := range []struct{ path, want string }{
		{"/page", `not an RSS, Atom or JSON feed (Content-Type text/html; charset=utf-8, starting "<!doctype html><html><body><p>Not a feed..."`},
		{"/truncated", "cannot parse: XML syntax error on line 2: unexpected EOF"},
		{"/oops", "HTTP 500 Internal Server Error"},
		{"/martian", `unknown charset "x-martian"`},
	} {
		_, err := Poll(context.Background(), local, srv.URL+tt.path, source.Validators{})
		want := "feed " + srv.URL + tt.path + ": " + tt.want
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Poll(%s) = %v\nwant an error starting %q", tt.path, err, want)
		}
	}
	// Loopback is refused unless allowed, and the error says so.
	_, err := Poll(context.Background(), &source.Fetcher{}, srv.URL+"/page", source.Validators{})
	if !errors.Is(err, source.ErrPrivateAddress) || !strings.HasPrefix(err.Error(), "feed "+srv.URL+"/page: ") {
		t.Errorf("a feed on loopback without AllowPrivate: %v, want ErrPrivateAddress naming the feed", err)
	}
}

// Arabic news, as a feed and a page in windows-1256.
const (
	arabicTitle = "أخبار سوريا"
	arabicItem  = "الفصائل تدخل حماة"
	arabicText  = "قالت مصادر محلية إن فصائل المعارضة دخلت مدينة حماة يوم الخميس بعد اشتباكات عنيفة مع القوات الحكومية."
)

func win1256(t *testing.T, s string) string {
	t.Helper()
	b, err := charmap.Windows1256.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWindows1256FeedsDecode(t *testing.T) {
	item := `<item><title>` + arabicItem + `</title><link>https://ar.example/1</link></item>`
	for _, tt := range []struct{ name, contentType, body string }{
		{"charset in the XML declaration", "application/rss+xml",
			win1256(t, `<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>`+arabicTitle+`</title>`+item+`</channel></rss>`)},
		{"charset in the Content-Type only", "application/rss+xml; charset=windows-1256",
			win1256(t, `<rss version="2.0"><channel><title>`+arabicTitle+`</title>`+item+`</channel></rss>`)},
		{"Content-Type over a wrong declaration", "text/xml; charset=windows-1256",
			win1256(t, `<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>`+arabicTitle+`</title>`+item+`</channel></rss>`)},
		{"UTF-8 declared as windows-1256", "application/rss+xml",
			`<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>` + arabicTitle + `</title>` + item + `</channel></rss>`},
	} {
		res, err := Parse([]byte(tt.body), tt.contentType, "https://ar.example/rss")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if res.Title != arabicTitle || len(res.Items) != 1 || res.Items[0].Title != arabicItem {
			t.Errorf("%s: title %q, items %v; want %q and one item %q", tt.name, res.Title, res.Items, arabicTitle, arabicItem)
		}
	}
}

func TestReadItemDecodesAWindows1256Page(t *testing.T) {
	page := func(meta string) string {
		return win1256(t, `<!doctype html><html lang="ar" dir="rtl"><head>`+meta+`<title>حماة</title></head><body><article><h1>حماة</h1><p>`+arabicText+`</p><p>`+arabicText+`</p></article></body></html>`)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/by-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1256")
		fmt.Fprint(w, page(""))
	})
	mux.HandleFunc("/by-meta", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page(`<meta charset="windows-1256"><meta property="article:published_time" content="2024-12-04T18:00:00Z">`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	itemDate := time.Date(2024, 12, 5, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		path string
		// published: the page's own date wins over the item's.
		published string
	}{
		{"/by-header", "2024-12-05"},
		{"/by-meta", "2024-12-04"},
	} {
		arts, err := ReadItem(context.Background(), local, Item{URL: srv.URL + tt.path, Title: "item title", Published: itemDate}, "Syria wire")
		if err != nil || len(arts) != 1 {
			t.Errorf("%s: %d articles, %v", tt.path, len(arts), err)
			continue
		}
		a := arts[0]
		if !strings.Contains(a.Text, arabicText) {
			t.Errorf("%s: text %q does not hold the Arabic sentence", tt.path, a.Text)
		}
		if a.Published.Format("2006-01-02") != tt.published || a.Source != "Syria wire" || a.URL != srv.URL+tt.path {
			t.Errorf("%s: published %v, source %q, url %q; want %s, Syria wire, the page's", tt.path, a.Published, a.Source, a.URL, tt.published)
		}
	}
}
