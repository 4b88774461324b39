package worker_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/worker"
)

// syncBuffer is a log a test can read while a worker writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runWorker runs a worker in this process until the returned stop is
// called; stop fails the test if Run did not end cleanly.
func runWorker(t *testing.T, dsn string, st sitrep.Store, opt worker.Options) (log *syncBuffer, stop func()) {
	t.Helper()
	log = &syncBuffer{}
	opt.Logger = slog.New(slog.NewTextHandler(log, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- worker.Run(ctx, dsn, st, opt) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("worker.Run: %v\n%s", err, log)
			}
		})
	}
	t.Cleanup(stop)
	return log, stop
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %v waiting for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func articleCount(t *testing.T, st sitrep.Store) int {
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Articles
}

// checkRecord checks that the store holds one article per page, from
// that page, and events from them.
func checkRecord(t *testing.T, st sitrep.Store, s *site) {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, sitrep.ArticleFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]int{}
	for _, a := range arts {
		byURL[strings.TrimPrefix(a.URL, s.URL)]++
	}
	pages := s.pages()
	if len(arts) != len(pages) {
		t.Errorf("%d articles stored, want %d (one per page)", len(arts), len(pages))
	}
	for _, p := range pages {
		if byURL[p] != 1 {
			t.Errorf("page %s: stored %d times, want once", p, byURL[p])
		}
	}
	stats, _ := st.Stats(ctx)
	if stats.Events == 0 {
		t.Errorf("no events extracted from %d articles", stats.Articles)
	}
}

// A worker on SQLite polls each feed once, fetches each item's page once
// and stores every article once; a broken feed is recorded and backs off;
// after a restart, an unchanged feed costs a 304 and only a new item is
// fetched.
func TestWorkerOnSQLite(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, 2, 6)
	path := filepath.Join(t.TempDir(), "sitrep.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for f := 0; f < s.feeds; f++ {
		if _, err := st.AddFeed(ctx, s.feedURL(f), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddFeed(ctx, s.URL+"/broken.xml", time.Hour); err != nil {
		t.Fatal(err)
	}
	opt := worker.Options{AllowPrivate: true, Tick: 50 * time.Millisecond, Concurrency: 3}

	start := time.Now()
	log, stop := runWorker(t, path, st, opt)
	waitFor(t, 30*time.Second, "12 articles", func() bool { return articleCount(t, st) == 12 })
	t.Logf("12 articles stored in %v", time.Since(start).Round(time.Millisecond))
	// Let the schedule tick a few more times: nothing more may be fetched.
	time.Sleep(300 * time.Millisecond)
	stop()

	for f := 0; f < s.feeds; f++ {
		if n := s.count(strings.TrimPrefix(s.feedURL(f), s.URL)); n != 1 {
			t.Errorf("feed %d fetched %d times, want once (its interval is an hour)", f, n)
		}
	}
	for _, p := range s.pages() {
		if n := s.count(p); n != 1 {
			t.Errorf("page %s fetched %d times, want once", p, n)
		}
	}
	checkRecord(t, st, s)
	feeds, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		wait := f.NextPoll.Sub(f.LastPoll).Round(time.Second)
		if strings.HasSuffix(f.URL, "/broken.xml") {
			if f.Errors != 1 || !strings.HasPrefix(f.LastError, "not an RSS, Atom or JSON feed (Content-Type text/html") || wait != 2*time.Hour {
				t.Errorf("broken feed: %d errors, last %q, next poll in %v; want 1 error naming it, next in 2h", f.Errors, f.LastError, wait)
			}
			continue
		}
		if f.Errors != 0 || f.Items != 6 || f.ETag != `"v1"` || f.Title == "" || wait != time.Hour {
			t.Errorf("feed %s: %+v; want 6 items, no error, its ETag and title, next poll in 1h", f.URL, f)
		}
	}
	if t.Failed() {
		t.Logf("worker log:\n%s", log)
	}

	// The feeds come due again; feed 0 has changed and lists one more
	// item, feed 1 has not changed.
	if _, err := st.DB.Exec(`UPDATE feeds SET next_poll = '2000-01-01T00:00:00.000000Z' WHERE url <> ?`, s.URL+"/broken.xml"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.extra = 1
	s.etag = 2 // feed 0's version; feed 1 keeps "v1"
	s.hits = map[string]int{}
	s.mu.Unlock()
	log, stop = runWorker(t, path, st, opt)
	waitFor(t, 30*time.Second, "the new item", func() bool { return articleCount(t, st) == 13 })
	waitFor(t, 10*time.Second, "both feeds polled", func() bool {
		fs, _ := st.Feeds(ctx)
		for _, f := range fs {
			if f.NextPoll.Year() == 2000 {
				return false
			}
		}
		return true
	})
	time.Sleep(300 * time.Millisecond)
	stop()
	if s.count("/feed/0.xml") != 1 || s.count("/feed/1.xml") != 1 {
		t.Errorf("second round: feeds fetched %d and %d times, want once each", s.count("/feed/0.xml"), s.count("/feed/1.xml"))
	}
	for _, p := range s.pages() {
		want := 0
		if p == s.pagePath(0, 6) {
			want = 1
		}
		if n := s.count(p); n != want {
			t.Errorf("second round: page %s fetched %d times, want %d", p, n, want)
		}
	}
	if !strings.Contains(log.String(), "feed not modified") {
		t.Errorf("the unchanged feed was not answered 304:\n%s", log)
	}
	checkRecord(t, st, s)
}

// Run refuses a store it cannot share a transaction with.
func TestRunNeedsASQLStore(t *testing.T) {
	var st struct{ *sqlstore.Store }
	err := worker.Run(context.Background(), "x.db", st, worker.Options{})
	if sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Run with a store of another kind: %v, want EINVALID", err)
	}
}
