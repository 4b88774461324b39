package sqlstore_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pgtest"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/sqlite"
)

// eachBackend runs fn on a new SQLite store and, when a server is
// configured, a new PostgreSQL one.
func eachBackend(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s, err := postgres.Open(context.Background(), pgtest.NewDB(t))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fn(t, s)
	})
}

func TestAddFeedRefusesWhatIsNotAnHTTPFeed(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		for _, tt := range []struct {
			url   string
			every time.Duration
			want  string
		}{
			{"", 0, "empty"},
			{"example.org/feed.xml", 0, "no scheme"},
			{"ftp://example.org/feed.xml", 0, "scheme ftp"},
			{"file:///etc/passwd", 0, "scheme file"},
			{"https:///feed.xml", 0, "no host"},
			{"https://user:secret@example.org/feed", 0, "passwords"},
			{"https://example.org/feed", time.Second, "interval 1s"},
			{"https://example.org/feed", -time.Hour, "interval -1h0m0s"},
		} {
			_, err := s.AddFeed(ctx, tt.url, tt.every)
			if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("AddFeed(%q, %v) = %v, want an EINVALID error saying %q", tt.url, tt.every, err, tt.want)
			}
		}
		if fs, err := s.Feeds(ctx); err != nil || len(fs) != 0 {
			t.Errorf("after refused adds, Feeds = %v, %v; want none", fs, err)
		}
	})
}

func TestAddListRemoveFeeds(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		before := time.Now().Add(-time.Second)
		f, err := s.AddFeed(ctx, " HTTPS://News.Example.org/world/rss.xml#top ", 0)
		if err != nil {
			t.Fatal(err)
		}
		const u = "https://news.example.org/world/rss.xml"
		if f.URL != u || f.Every != sitrep.DefaultFeedEvery || f.Added.Before(before) || f.NextPoll.After(time.Now()) || !f.LastPoll.IsZero() {
			t.Errorf("added %+v: want %s, every %v, due now, never polled", f, u, sitrep.DefaultFeedEvery)
		}
		if _, err := s.AddFeed(ctx, "http://b.example.org/atom", time.Hour); err != nil {
			t.Fatal(err)
		}
		// Adding again keeps the feed and takes the new interval.
		g, err := s.AddFeed(ctx, u, 2*time.Hour)
		if err != nil || g.Every != 2*time.Hour || !g.Added.Equal(f.Added) {
			t.Errorf("re-added: %+v, %v; want the feed added at %v, now every 2h", g, err, f.Added)
		}
		fs, err := s.Feeds(ctx)
		if err != nil || len(fs) != 2 || fs[0].URL != "http://b.example.org/atom" || fs[1].URL != u {
			t.Fatalf("Feeds = %+v, %v; want b.example.org then news.example.org", fs, err)
		}
		if err := s.RemoveFeed(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveFeed(ctx, u); sitrep.ErrorCode(err) != sitrep.ENOTFOUND || !strings.Contains(err.Error(), u) {
			t.Errorf("removing it again: %v, want ENOTFOUND naming %s", err, u)
		}
		if _, err := s.Feed(ctx, u); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
			t.Errorf("Feed of a removed feed: %v, want ENOTFOUND", err)
		}
		if fs, _ := s.Feeds(ctx); len(fs) != 1 {
			t.Errorf("after remove, Feeds = %+v, want one", fs)
		}
	})
}

// A poll counts once per due time, records only items not seen before,
// and an error stretches nothing but the count (the caller sets Next).
func TestRecordPoll(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f, err := s.AddFeed(ctx, "https://example.org/feed", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFeeds(ctx, time.Now(), 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("DueFeeds = %v, %v; want the new feed", due, err)
		}
		at := time.Now()
		p := sqlstore.Poll{URL: f.URL, Due: f.NextPoll, At: at, Next: at.Add(time.Hour), Title: "World news", ETag: `"v1"`, LastModified: "Mon, 02 Jan 2006 15:04:05 GMT", Items: []string{"a", "b", "a"}}
		fresh, counted, err := s.RecordPoll(ctx, s.DB, p)
		if err != nil || !counted || !reflect.DeepEqual(fresh, []int{0, 1}) {
			t.Fatalf("first poll: fresh %v, counted %v, %v; want [0 1], true", fresh, counted, err)
		}
		// The same due time again (a second worker, a retried job): nothing.
		p.Items = []string{"c"}
		if fresh, counted, err := s.RecordPoll(ctx, s.DB, p); err != nil || counted || fresh != nil {
			t.Errorf("second poll of one due time: fresh %v, counted %v, %v; want nothing counted", fresh, counted, err)
		}
		g, _ := s.Feed(ctx, f.URL)
		if g.Items != 2 || g.Title != "World news" || g.ETag != `"v1"` || !g.NextPoll.Equal(p.Next.UTC().Truncate(time.Microsecond)) {
			t.Errorf("after a poll: %+v; want 2 items, the title, the ETag, due in an hour", g)
		}
		if due, _ := s.DueFeeds(ctx, time.Now(), 10); len(due) != 0 {
			t.Errorf("DueFeeds right after a poll = %v, want none", due)
		}

		// The next poll lists an old item and a new one.
		p = sqlstore.Poll{URL: f.URL, Due: g.NextPoll, At: at.Add(time.Hour), Next: at.Add(2 * time.Hour), Items: []string{"b", "c"}}
		if fresh, _, _ := s.RecordPoll(ctx, s.DB, p); !reflect.DeepEqual(fresh, []int{1}) {
			t.Errorf("second poll: fresh %v, want [1] (only c is new)", fresh)
		}
		g, _ = s.Feed(ctx, f.URL)
		p = sqlstore.Poll{URL: f.URL, Due: g.NextPoll, At: at.Add(2 * time.Hour), Next: at.Add(4 * time.Hour), Err: "HTTP 503 Service Unavailable"}
		if _, counted, err := s.RecordPoll(ctx, s.DB, p); !counted || err != nil {
			t.Fatalf("failed poll: counted %v, %v", counted, err)
		}
		g, _ = s.Feed(ctx, f.URL)
		if g.Errors != 1 || g.LastError != p.Err || g.Items != 3 || g.Title != "World news" {
			t.Errorf("after a failed poll: %+v; want 1 error, its message, 3 items, the title kept", g)
		}

		// Within a transaction that rolls back, nothing is recorded.
		tx, err := s.DB.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		p = sqlstore.Poll{URL: f.URL, Due: g.NextPoll, At: at.Add(4 * time.Hour), Next: at.Add(5 * time.Hour), Items: []string{"d"}}
		if fresh, counted, err := s.RecordPoll(ctx, tx, p); err != nil || !counted || len(fresh) != 1 {
			t.Fatalf("poll in a transaction: %v, %v, %v", fresh, counted, err)
		}
		tx.Rollback()
		if h, _ := s.Feed(ctx, f.URL); h.Items != 3 || h.Errors != 1 {
			t.Errorf("after a rolled back poll: %+v; want it as before", h)
		}

		// Removing a feed forgets its items: added again, they are new.
		if err := s.RemoveFeed(ctx, f.URL); err != nil {
			t.Fatal(err)
		}
		f, _ = s.AddFeed(ctx, f.URL, time.Hour)
		p = sqlstore.Poll{URL: f.URL, Due: f.NextPoll, At: time.Now(), Next: time.Now().Add(time.Hour), Items: []string{"a"}}
		if fresh, _, _ := s.RecordPoll(ctx, s.DB, p); len(fresh) != 1 {
			t.Errorf("a removed and re-added feed's old item: fresh %v, want it new", fresh)
		}
	})
}
