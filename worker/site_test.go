package worker_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/newsgen"
)

// site is a news site on loopback: feeds /feed/F.xml, each listing items
// /a/F-I, pages of synthetic reports, and /broken.xml, a page that is not
// a feed. It counts the requests for each path.
type site struct {
	*httptest.Server
	feeds, items int
	arts         []sitrep.Article

	mu   sync.Mutex
	hits map[string]int
	// etag is feed 0's version (the others stay at 1), extra the items
	// it lists beyond items.
	etag  int
	extra int
	// delay slows every page down, so that two workers share them.
	delay time.Duration
	// block, when set, is a page whose first request waits for release;
	// blocked is closed when that request comes.
	block            string
	blocked, release chan struct{}
}

func newSite(t *testing.T, feeds, items int) *site {
	s := &site{feeds: feeds, items: items, hits: map[string]int{}, etag: 1}
	s.arts = newsgen.Articles(feeds*items+10, 11, time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC))
	s.Server = httptest.NewServer(s)
	t.Cleanup(s.Close)
	return s
}

// blockFirst makes the first request of page wait until release is closed.
func (s *site) blockFirst(page string) (blocked, release chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.block, s.blocked, s.release = page, make(chan struct{}), make(chan struct{})
	return s.blocked, s.release
}

func (s *site) feedURL(f int) string { return s.URL + "/feed/" + strconv.Itoa(f) + ".xml" }
func (s *site) pagePath(f, i int) string {
	return "/a/" + strconv.Itoa(f) + "-" + strconv.Itoa(i)
}

// pages lists every page a feed lists.
func (s *site) pages() []string {
	var ps []string
	s.mu.Lock()
	defer s.mu.Unlock()
	for f := 0; f < s.feeds; f++ {
		n := s.items
		if f == 0 {
			n += s.extra
		}
		for i := 0; i < n; i++ {
			ps = append(ps, s.pagePath(f, i))
		}
	}
	return ps
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	first := s.hits[r.URL.Path] == 1
	version := s.etag
	extra, delay, block, blocked, release := s.extra, s.delay, s.block, s.blocked, s.release
	s.mu.Unlock()

	switch {
	case r.URL.Path == "/broken.xml":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Moved to our new site</body></html>")
	case strings.HasPrefix(r.URL.Path, "/feed/"):
		f, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/feed/"), ".xml"))
		if err != nil || f >= s.feeds {
			http.NotFound(w, r)
			return
		}
		etag := `"v1"`
		if f == 0 {
			etag = `"v` + strconv.Itoa(version) + `"`
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		n := s.items
		if f == 0 {
			n += extra
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire %d</title>\n", f)
		for i := n - 1; i >= 0; i-- {
			a := s.article(f, i)
			fmt.Fprintf(w, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">wire-%d-%d</guid><pubDate>%s</pubDate></item>\n",
				html.EscapeString(a.Title), s.pagePath(f, i), f, i, a.Published.Format(time.RFC1123Z))
		}
		fmt.Fprint(w, "</channel></rss>\n")
	case strings.HasPrefix(r.URL.Path, "/a/"):
		var f, i int
		if _, err := fmt.Sscanf(r.URL.Path, "/a/%d-%d", &f, &i); err != nil {
			http.NotFound(w, r)
			return
		}
		if r.URL.Path == block && first {
			close(blocked)
			<-release
			return
		}
		time.Sleep(delay)
		a := s.article(f, i)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title><meta property=\"article:published_time\" content=\"%s\"></head><body><article><h1>%s</h1>\n",
			html.EscapeString(a.Title), a.Published.Format(time.RFC3339), html.EscapeString(a.Title))
		for _, p := range strings.Split(a.Text, "\n\n") {
			fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
		}
		fmt.Fprint(w, "</article></body></html>\n")
	default:
		http.NotFound(w, r)
	}
}

func (s *site) article(f, i int) sitrep.Article {
	if i >= s.items { // an extra item of feed 0
		return s.arts[s.feeds*s.items+i-s.items]
	}
	return s.arts[f*s.items+i]
}
