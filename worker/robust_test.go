package worker_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/fault"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/worker"
)

// A page whose article panics the extractor, or spends its time, is named
// in the log and fetched once: the job is not retried, and the other pages
// are stored.
func TestAnUnreadablePageIsNotRetried(t *testing.T) {
	for _, tt := range []struct {
		name    string
		timeout time.Duration
		panics  bool
		stored  int
		logged  string
	}{
		{"panic", 0, true, 3, "panic: injected fault"},
		{"out of time", time.Nanosecond, false, 0, "gave up: context deadline exceeded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := newSite(t, 1, 4)
			bad := s.pagePath(0, 2)
			if tt.panics {
				first := strings.Split(s.article(0, 2).Text, "\n\n")[0]
				fault.Extract = func(text string) {
					if strings.Contains(text, first) {
						panic("injected fault")
					}
				}
				defer func() { fault.Extract = nil }()
			}
			path := filepath.Join(t.TempDir(), "sitrep.db")
			st, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.AddFeed(ctx, s.feedURL(0), time.Hour); err != nil {
				t.Fatal(err)
			}
			log, stop := runWorker(t, path, st, worker.Options{AllowPrivate: true, Tick: 50 * time.Millisecond, ArticleTimeout: tt.timeout})
			waitFor(t, 30*time.Second, "the failure logged", func() bool {
				return strings.Count(log.String(), "article not read") == 4-tt.stored && articleCount(t, st) == tt.stored
			})
			time.Sleep(1500 * time.Millisecond) // River's first retry comes after about a second
			stop()
			if n := s.count(bad); n != 1 {
				t.Errorf("page %s fetched %d times, want once", bad, n)
			}
			if !strings.Contains(log.String(), tt.logged) || !strings.Contains(log.String(), s.URL+bad) {
				t.Errorf("the log does not name the page and %q:\n%s", tt.logged, log)
			}
			if n := articleCount(t, st); n != tt.stored {
				t.Errorf("%d articles stored, want %d", n, tt.stored)
			}
		})
	}
}
