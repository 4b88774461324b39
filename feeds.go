package sitrep

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// Feed is a news feed (RSS, Atom or JSON Feed) the workers poll: each new
// item's page is fetched, read and ingested.
type Feed struct {
	// URL is the feed's address, as ValidFeedURL normalised it; it is the
	// feed's key.
	URL string `json:"url"`
	// Title is the feed's own name for itself, once it has been polled.
	Title string `json:"title,omitempty"`
	// Added is when the feed was added.
	Added time.Time `json:"added"`
	// Every is how often the feed is polled while it answers; errors
	// stretch it (see NextPoll).
	Every time.Duration `json:"-"`
	// NextPoll is when the feed is due to be polled next.
	NextPoll time.Time `json:"next_poll"`
	// LastPoll is when it was last polled; zero before the first poll.
	LastPoll time.Time `json:"last_poll,omitzero"`
	// ETag and LastModified are the validators of the version last read,
	// sent with the next poll so that an unchanged feed costs a 304.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Errors counts the polls that failed in a row; LastError says why
	// the last one did.
	Errors    int    `json:"errors"`
	LastError string `json:"last_error,omitempty"`
	// Items is how many items the feed has listed so far (each fetched
	// once).
	Items int `json:"items"`
}

// MarshalJSON writes Every as "every": "15m0s" (a Go duration), which a
// person reads more easily than nanoseconds.
func (f Feed) MarshalJSON() ([]byte, error) {
	type plain Feed
	return json.Marshal(struct {
		plain
		Every string `json:"every"`
	}{plain(f), f.Every.String()})
}

// Feed intervals: how often a feed is polled by default, and the bounds of
// what AddFeed accepts. Polling a server more than once a minute is rude.
const (
	DefaultFeedEvery = 15 * time.Minute
	MinFeedEvery     = time.Minute
	MaxFeedEvery     = 7 * 24 * time.Hour
)

// FeedStore keeps the feeds to poll. Both stores implement it (the
// feeds live in the record's database, so any number of workers and
// servers share them); the worker's own bookkeeping (which feeds are
// due, what a poll found) is in package internal/sqlstore.
type FeedStore interface {
	// AddFeed adds the feed at rawURL (http or https; see ValidFeedURL),
	// due to be polled at once and then every every (0: DefaultFeedEvery).
	// A feed already there keeps its state and takes the new interval
	// if one is given. It returns the feed as stored; an Error with code
	// EINVALID for a bad URL or interval.
	AddFeed(ctx context.Context, rawURL string, every time.Duration) (Feed, error)
	// RemoveFeed removes the feed and what it remembers of the items it
	// has seen; an Error with code ENOTFOUND when there is no such feed.
	// Articles already stored stay.
	RemoveFeed(ctx context.Context, rawURL string) error
	// Feeds lists the feeds, by URL.
	Feeds(ctx context.Context) ([]Feed, error)
}

// ValidFeedURL returns rawURL normalised (scheme and host in lower case,
// no fragment, surrounding space trimmed), or an Error with code EINVALID
// saying what is wrong with it: a feed is fetched over http or https from
// a named host.
func ValidFeedURL(rawURL string) (string, error) {
	s := strings.TrimSpace(rawURL)
	if s == "" {
		return "", Errorf(EINVALID, "feed URL is empty")
	}
	if len(s) > 2048 {
		return "", Errorf(EINVALID, "feed URL is %d bytes long: at most 2048", len(s))
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", Errorf(EINVALID, "feed URL %q: %v", s, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return "", Errorf(EINVALID, "feed URL %q: no scheme: want http:// or https://", s)
		}
		return "", Errorf(EINVALID, "feed URL %q: scheme %s: want http or https", s, u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", Errorf(EINVALID, "feed URL %q: no host", s)
	}
	if u.User != nil {
		return "", Errorf(EINVALID, "feed URL %q: user names and passwords in URLs are not kept", s)
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}

// ValidFeedEvery returns every, or DefaultFeedEvery for 0, or an Error with
// code EINVALID when it is out of bounds.
func ValidFeedEvery(every time.Duration) (time.Duration, error) {
	switch {
	case every == 0:
		return DefaultFeedEvery, nil
	case every < MinFeedEvery || every > MaxFeedEvery:
		return 0, Errorf(EINVALID, "feed interval %v: want %v to %v", every, MinFeedEvery, MaxFeedEvery)
	}
	return every, nil
}
