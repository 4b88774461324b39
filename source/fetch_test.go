package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func testSite(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/big" {
		w.Write([]byte(strings.Repeat("<p>Rebels took Hama. </p>", 1000)))
		return
	}
	if r.URL.Path == "/moved" {
		http.Redirect(w, r, "/story", http.StatusFound)
		return
	}
	if r.Header.Get("User-Agent") != UserAgent {
		http.Error(w, "no user agent", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<html><head><title>Hama falls</title></head><body><article><p>Rebels took the city of Hama on Thursday after days of fighting with government forces, a monitor said.</p></article></body></html>`))
}

func TestFetchRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(testSite))
	defer srv.Close()
	_, err := ReadURL(context.Background(), &Fetcher{}, srv.URL+"/story", Options{})
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("fetch from loopback without AllowPrivate: %v, want ErrPrivateAddress", err)
	}
	if !strings.Contains(err.Error(), srv.URL) {
		t.Errorf("error %q does not name the URL", err)
	}
	for _, a := range []string{"127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254", "::1", "fe80::1", "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1"} {
		if !internal(netip.MustParseAddr(a)) {
			t.Errorf("internal(%s) = false, want true", a)
		}
	}
	for _, a := range []string{"8.8.8.8", "2a00:1450:4001::1"} {
		if internal(netip.MustParseAddr(a)) {
			t.Errorf("internal(%s) = true, want false", a)
		}
	}
}

func TestFetchReadsAPageWhenAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(testSite))
	defer srv.Close()
	f := &Fetcher{AllowPrivate: true, MaxBytes: 4096}
	arts, err := ReadURL(context.Background(), f, srv.URL+"/moved", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("ReadURL = %d articles, %v", len(arts), err)
	}
	if arts[0].URL != srv.URL+"/story" || !strings.Contains(arts[0].Text, "Rebels took the city of Hama") {
		t.Errorf("article from %q: %q", arts[0].URL, arts[0].Text)
	}
	if _, err := ReadURL(context.Background(), f, srv.URL+"/big", Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a page over MaxBytes: %v, want ErrTooLarge", err)
	}
	if _, err := ReadURL(context.Background(), f, "file:///etc/passwd", Options{}); err == nil {
		t.Error("a file: URL was fetched")
	}
}

func TestFetchErrorsCarryTheHTTPStatus(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, _, _, err := (&Fetcher{AllowPrivate: true}).Get(context.Background(), srv.URL+"/gone")
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusNotFound || err.Error() != "HTTP 404 Not Found" {
		t.Errorf("Get of a missing page: %v, want an *HTTPError with status 404", err)
	}
	// A 304 to a request that named no version is an error, not "not modified".
	srv304 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) }))
	defer srv304.Close()
	if r, err := (&Fetcher{AllowPrivate: true}).GetIfChanged(context.Background(), srv304.URL, "*/*", Validators{}); err == nil {
		t.Errorf("an unasked-for 304: %+v, want an error", r)
	}
}

// One Fetcher serves a worker's concurrent jobs (run with -race).
func TestFetcherIsSafeForConcurrentUse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(testSite))
	defer srv.Close()
	f := &Fetcher{AllowPrivate: true}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, _, _, err := f.Get(context.Background(), srv.URL+"/story")
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
