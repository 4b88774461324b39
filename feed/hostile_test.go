package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/source"
)

// TestEntityExpansionIsNotExpanded: a feed declaring entities that expand
// to each other ("billion laughs") is read without expanding them, so it
// costs what its bytes cost.
func TestEntityExpansionIsNotExpanded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	b.WriteString(`]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://example.org/a</link></item></channel></rss>`)
	body := []byte(b.String())
	done := make(chan struct{})
	var res *Result
	var err error
	go func() {
		defer close(done)
		res, err = Parse(body, "application/rss+xml", "https://example.org/feed")
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("parsing a feed of nested entities did not finish in 5 s")
	}
	if err != nil {
		t.Logf("refused: %v", err)
		return
	}
	if len(res.Items) != 1 {
		t.Fatalf("%d items, want the one", len(res.Items))
	}
	if n := len(res.Items[0].Title); n > 1000 {
		t.Errorf("the item's title was expanded to %d bytes", n)
	}
}

// TestFeedThatNeverFinishes: a server that sends the start of a feed and
// then nothing more costs the poll its time bound, and the error names
// the feed.
func TestFeedThatNeverFinishes(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>`))
		w.(http.Flusher).Flush()
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(stop)
	f := &source.Fetcher{AllowPrivate: true, Timeout: 500 * time.Millisecond}
	start := time.Now()
	_, err := Poll(context.Background(), f, srv.URL+"/feed.xml", source.Validators{})
	if err == nil {
		t.Fatal("a feed that never finished was read")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the poll took %v; the fetch's bound is 500 ms", d)
	}
	if !strings.Contains(err.Error(), srv.URL) {
		t.Errorf("error %q does not name the feed", err)
	}
}
