// Package feed polls news feeds (RSS, Atom, JSON Feed) the way a polite
// reader does: a conditional GET through source.Fetcher (bounded, no
// private addresses unless allowed), so an unchanged feed costs the
// server a 304; parsing by gofeed, after decoding whatever charset the
// feed came in; and a schedule that backs off while a feed fails. Each
// item's page is then read by source.ReadURL (ReadItem).
//
// What to poll and when, and which items were seen, is kept by the store
// (sitrep.FeedStore); the job queue that runs polls is package worker.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/source"
)

// Item is one entry of a feed: a page to read.
type Item struct {
	// Key identifies the item within its feed: its guid (Atom id, JSON
	// Feed id), else its link.
	Key string `json:"key"`
	// URL is the item's link, made absolute against the feed's address.
	URL string `json:"url"`
	// Title is the item's title.
	Title string `json:"title,omitempty"`
	// Published is when the feed says the item was published (else
	// updated); zero when it says neither.
	Published time.Time `json:"published,omitzero"`
}

// Result is what one poll of a feed found.
type Result struct {
	// NotModified is set when the server answered that the feed has not
	// changed since the version asked about: Title and Items are empty.
	NotModified bool
	// Validators name the version read, for the next poll.
	source.Validators
	// Title is the feed's name for itself.
	Title string
	// Items are the feed's items with a link, in the feed's order, at
	// most MaxItems, one per key.
	Items []Item
}

// MaxItems bounds the items taken from one feed: feeds list their newest
// first, and one listing more than this is an archive, not a feed.
const MaxItems = 500

// MaxBackoff bounds how far failures push a feed's next poll (unless its
// own interval is longer).
const MaxBackoff = 6 * time.Hour

// Accept is the Accept header of a poll.
const Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

// Error is a feed that could not be polled or read, and why.
type Error struct {
	// URL is the feed's address.
	URL string
	// Err is what went wrong.
	Err error
}

func (e *Error) Error() string { return "feed " + e.URL + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Poll fetches the feed at rawURL with f, unless the server says the
// version v names is still current, and parses it. Errors are *Error.
func Poll(ctx context.Context, f *source.Fetcher, rawURL string, v source.Validators) (*Result, error) {
	r, err := f.GetIfChanged(ctx, rawURL, Accept, v)
	if err != nil {
		var ue *url.Error // `Get "URL": ...` would name the feed twice
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &Error{URL: rawURL, Err: err}
	}
	if r.NotModified {
		return &Result{NotModified: true, Validators: r.Validators}, nil
	}
	res, err := Parse(r.Body, r.ContentType, r.URL)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	res.Validators = r.Validators
	return res, nil
}

// Parse reads a feed's body, which came with contentType from base (the
// address relative links resolve against).
func Parse(body []byte, contentType, base string) (*Result, error) {
	body, err := toUTF8(body, contentType)
	if err != nil {
		return nil, err
	}
	p, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("not an RSS, Atom or JSON feed (%s, starting %q)", describeType(contentType), start(body))
		}
		return nil, fmt.Errorf("cannot parse: %w", err)
	}
	baseURL, _ := url.Parse(base)
	res := &Result{Title: strings.TrimSpace(p.Title)}
	seen := map[string]bool{}
	for _, it := range p.Items {
		if len(res.Items) == MaxItems {
			break
		}
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		u := absolute(baseURL, link)
		if u == "" {
			continue // nothing to read
		}
		key := strings.TrimSpace(it.GUID)
		if key == "" {
			key = u
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		item := Item{Key: key, URL: u, Title: strings.TrimSpace(it.Title)}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		res.Items = append(res.Items, item)
	}
	return res, nil
}

// absolute returns link resolved against base if the result is an http(s)
// URL, else "".
func absolute(base *url.URL, link string) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

func describeType(contentType string) string {
	if contentType == "" {
		return "no Content-Type"
	}
	return "Content-Type " + contentType
}

// start returns the first few dozen characters of body, for an error.
func start(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}

// NextPoll returns when a feed polled at at, every every, is due again
// after errors polls in a row failed: every × 2^errors, at most
// MaxBackoff (or every, if that is longer).
func NextPoll(at time.Time, every time.Duration, errors int) time.Time {
	d := every
	for i := 0; i < errors && d < MaxBackoff; i++ {
		d *= 2
	}
	if d > MaxBackoff {
		d = max(MaxBackoff, every)
	}
	return at.Add(d)
}

// ReadItem fetches the item's page with f and reads its article
// (readability's main text, the page's charset honoured); the item's
// date stands in when the page gives none, its title when the page has
// none, and src names the outlet when the page does not.
func ReadItem(ctx context.Context, f *source.Fetcher, it Item, src string) ([]sitrep.Article, error) {
	arts, err := source.ReadURL(ctx, f, it.URL, source.Options{Published: it.Published, Source: src})
	for i := range arts {
		if arts[i].Title == "" {
			arts[i].Title = it.Title
		}
	}
	return arts, err
}
