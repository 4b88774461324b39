package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
)

// The feeds (migration 0003): sitrep.FeedStore, and the bookkeeping of
// the workers that poll them.

var _ sitrep.FeedStore = (*Store)(nil)

// feedTime is how feed times are stored: UTC at a fixed width, so that
// comparing the text compares the times.
const feedTime = "2006-01-02T15:04:05.000000Z"

func formatFeedTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(feedTime)
}

func parseFeedTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(feedTime, s)
}

const feedColumns = `url, title, added, every_seconds, next_poll, last_poll, etag, last_modified, errors, last_error, items`

func scanFeed(sc interface{ Scan(...any) error }) (sitrep.Feed, error) {
	var f sitrep.Feed
	var added, next, last string
	var every int64
	if err := sc.Scan(&f.URL, &f.Title, &added, &every, &next, &last, &f.ETag, &f.LastModified, &f.Errors, &f.LastError, &f.Items); err != nil {
		return f, err
	}
	f.Every = time.Duration(every) * time.Second
	var err error
	if f.Added, err = parseFeedTime(added); err == nil {
		if f.NextPoll, err = parseFeedTime(next); err == nil {
			f.LastPoll, err = parseFeedTime(last)
		}
	}
	if err != nil {
		return f, fmt.Errorf("feed %s: %w", f.URL, err)
	}
	return f, nil
}

// AddFeed implements sitrep.FeedStore.
func (s *Store) AddFeed(ctx context.Context, rawURL string, every time.Duration) (sitrep.Feed, error) {
	u, err := sitrep.ValidFeedURL(rawURL)
	if err != nil {
		return sitrep.Feed{}, err
	}
	given := every
	if every, err = sitrep.ValidFeedEvery(every); err != nil {
		return sitrep.Feed{}, err
	}
	now := formatFeedTime(time.Now())
	if _, err := s.DB.ExecContext(ctx, s.D.Rebind(`INSERT INTO feeds (url, added, every_seconds, next_poll) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`),
		u, now, int64(every/time.Second), now); err != nil {
		return sitrep.Feed{}, s.errf("add feed", err)
	}
	if given != 0 {
		if _, err := s.DB.ExecContext(ctx, s.D.Rebind(`UPDATE feeds SET every_seconds = ? WHERE url = ?`), int64(every/time.Second), u); err != nil {
			return sitrep.Feed{}, s.errf("add feed", err)
		}
	}
	return s.Feed(ctx, u)
}

// RemoveFeed implements sitrep.FeedStore.
func (s *Store) RemoveFeed(ctx context.Context, rawURL string) error {
	u, err := sitrep.ValidFeedURL(rawURL)
	if err != nil {
		return err
	}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return s.errf("remove feed", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.D.Rebind(`DELETE FROM feeds WHERE url = ?`), u)
	if err != nil {
		return s.errf("remove feed", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.errf("remove feed", err)
	} else if n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "no feed %s", u)
	}
	if _, err := tx.ExecContext(ctx, s.D.Rebind(`DELETE FROM feed_items WHERE feed_url = ?`), u); err != nil {
		return s.errf("remove feed", err)
	}
	return s.errf("remove feed", tx.Commit())
}

// Feeds implements sitrep.FeedStore.
func (s *Store) Feeds(ctx context.Context) ([]sitrep.Feed, error) {
	return s.feeds(ctx, "feeds", `SELECT `+feedColumns+` FROM feeds ORDER BY url`)
}

// Feed returns one feed; an Error with code ENOTFOUND when there is none.
func (s *Store) Feed(ctx context.Context, rawURL string) (sitrep.Feed, error) {
	u, err := sitrep.ValidFeedURL(rawURL)
	if err != nil {
		return sitrep.Feed{}, err
	}
	f, err := scanFeed(s.DB.QueryRowContext(ctx, s.D.Rebind(`SELECT `+feedColumns+` FROM feeds WHERE url = ?`), u))
	if errors.Is(err, sql.ErrNoRows) {
		return f, sitrep.Errorf(sitrep.ENOTFOUND, "no feed %s", u)
	}
	return f, s.errf("feed", err)
}

// DueFeeds lists at most limit feeds due to be polled at now, the
// longest due first.
func (s *Store) DueFeeds(ctx context.Context, now time.Time, limit int) ([]sitrep.Feed, error) {
	return s.feeds(ctx, "due feeds", `SELECT `+feedColumns+` FROM feeds WHERE next_poll <= ? ORDER BY next_poll, url LIMIT ?`, formatFeedTime(now), limit)
}

func (s *Store) feeds(ctx context.Context, op, q string, args ...any) ([]sitrep.Feed, error) {
	rows, err := s.DB.QueryContext(ctx, s.D.Rebind(q), args...)
	if err != nil {
		return nil, s.errf(op, err)
	}
	defer rows.Close()
	var fs []sitrep.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, s.errf(op, err)
		}
		fs = append(fs, f)
	}
	return fs, s.errf(op, rows.Err())
}

// Execer runs a statement: a *sql.DB, a *sql.Tx, or an adapter over
// another driver's transaction (the job queue's, on PostgreSQL), so that
// what a poll found commits together with the jobs it queues.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Poll is what one poll of a feed found, as RecordPoll records it.
type Poll struct {
	// URL is the feed's.
	URL string
	// Due is the feed's NextPoll the poll was made for. The poll counts
	// only if it still is: of two polls for one due time (two workers, or
	// a poll retried after its worker died) only the first to record
	// counts, and the others record nothing.
	Due time.Time
	// At is when the poll was made; Next when the feed is due again.
	At, Next time.Time
	// Err, when not empty, is why the poll failed: the feed's error
	// count goes up and nothing else changes but the times.
	Err string
	// Title, ETag and LastModified are the feed's as the poll found them
	// (an empty Title leaves the stored one).
	Title, ETag, LastModified string
	// Items are the keys of the items the feed listed.
	Items []string
}

// RecordPoll records p with ex, a transaction the caller commits: the
// feed's new state, and the items it had not listed before, whose indexes
// in p.Items it returns. counted is false, and nothing is recorded, when
// the poll does not count (see Poll.Due) or the feed is gone.
func (s *Store) RecordPoll(ctx context.Context, ex Execer, p Poll) (fresh []int, counted bool, err error) {
	u, err := sitrep.ValidFeedURL(p.URL)
	if err != nil {
		return nil, false, err
	}
	var res sql.Result
	if p.Err != "" {
		res, err = ex.ExecContext(ctx, s.D.Rebind(`UPDATE feeds SET errors = errors + 1, last_error = ?, last_poll = ?, next_poll = ? WHERE url = ? AND next_poll = ?`),
			p.Err, formatFeedTime(p.At), formatFeedTime(p.Next), u, formatFeedTime(p.Due))
	} else {
		res, err = ex.ExecContext(ctx, s.D.Rebind(`UPDATE feeds SET errors = 0, last_error = '', title = CASE WHEN ? = '' THEN title ELSE ? END, etag = ?, last_modified = ?, last_poll = ?, next_poll = ? WHERE url = ? AND next_poll = ?`),
			p.Title, p.Title, p.ETag, p.LastModified, formatFeedTime(p.At), formatFeedTime(p.Next), u, formatFeedTime(p.Due))
	}
	if err != nil {
		return nil, false, s.errf("record poll", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return nil, false, s.errf("record poll", err)
	}
	seen := formatFeedTime(p.At)
	for i, key := range p.Items {
		res, err := ex.ExecContext(ctx, s.D.Rebind(`INSERT INTO feed_items (feed_url, item_key, seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`), u, key, seen)
		if err != nil {
			return nil, false, s.errf("record poll", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, false, s.errf("record poll", err)
		} else if n == 1 {
			fresh = append(fresh, i)
		}
	}
	if len(fresh) > 0 {
		if _, err := ex.ExecContext(ctx, s.D.Rebind(`UPDATE feeds SET items = items + ? WHERE url = ?`), int64(len(fresh)), u); err != nil {
			return nil, false, s.errf("record poll", err)
		}
	}
	return fresh, true, nil
}
