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
}

// Every special-purpose address of IANA's registries is refused, and an
// IPv6 address that carries an IPv4 one is judged by the IPv4 it carries.
func TestInternalAddresses(t *testing.T) {
	for _, c := range []struct {
		name, addr string
		internal   bool
	}{
		{"IPv4 loopback", "127.0.0.1", true},
		{"private 10/8", "10.1.2.3", true},
		{"private 192.168/16", "192.168.0.1", true},
		{"private 172.16/12", "172.16.5.4", true},
		{"cloud metadata (link-local)", "169.254.169.254", true},
		{"shared address space (CGNAT)", "100.64.0.1", true},
		{"this network", "0.0.0.0", true},
		{"documentation TEST-NET-1", "192.0.2.7", true},
		{"documentation TEST-NET-2", "198.51.100.7", true},
		{"documentation TEST-NET-3", "203.0.113.7", true},
		{"benchmarking", "198.18.0.5", true},
		{"IETF protocol assignments", "192.0.0.9", true},
		{"6to4 relay anycast", "192.88.99.1", true},
		{"reserved 240/4", "240.0.0.1", true},
		{"limited broadcast", "255.255.255.255", true},
		{"IPv4 multicast", "224.0.0.251", true},
		{"IPv6 loopback", "::1", true},
		{"IPv6 unspecified", "::", true},
		{"IPv6 link-local", "fe80::1", true},
		{"IPv6 unique local", "fd00::1", true},
		{"IPv6 multicast", "ff02::1", true},
		{"IPv6 discard-only", "100::1", true},
		{"IPv6 documentation", "2001:db8::1", true},
		{"IPv6 documentation 3fff::/20", "3fff::1", true},
		{"IPv6 benchmarking", "2001:2::1", true},
		{"IPv4-mapped loopback", "::ffff:127.0.0.1", true},
		{"IPv4-mapped private", "::ffff:10.0.0.1", true},
		{"IPv4-compatible loopback", "::127.0.0.1", true},
		{"IPv4-compatible private", "::192.168.1.1", true},
		{"NAT64 of loopback", "64:ff9b::7f00:1", true},
		{"NAT64 of metadata", "64:ff9b::a9fe:a9fe", true},
		{"local-use NAT64 prefix", "64:ff9b:1::a00:1", true},
		{"6to4 of loopback", "2002:7f00:1::1", true},
		{"6to4 of private", "2002:c0a8:101::1", true},
		{"Teredo to a loopback client", "2001:0:808:808::80ff:fffe", true},
		{"Teredo through a private server", "2001:0:a00:1::f7f7:f7f7", true},
		{"public IPv4", "8.8.8.8", false},
		{"public IPv6", "2a00:1450:4001::1", false},
		{"IPv4-mapped public", "::ffff:8.8.8.8", false},
		{"NAT64 of a public address", "64:ff9b::808:808", false},
		{"6to4 of a public address", "2002:808:808::1", false},
		{"Teredo between public addresses", "2001:0:808:808::f7f7:f7f7", false},
	} {
		if got := internal(netip.MustParseAddr(c.addr)); got != c.internal {
			t.Errorf("%s: internal(%s) = %v, want %v", c.name, c.addr, got, c.internal)
		}
	}
}

// The check is made where the fetch connects, so an address written in
// an embedding form in the URL itself is refused too.
func TestFetchRefusesEmbeddedLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(testSite))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	for _, host := range []string{"[::127.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]"} {
		_, _, _, err := (&Fetcher{}).Get(context.Background(), "http://"+host+":"+port+"/story")
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("fetch from %s: %v, want ErrPrivateAddress", host, err)
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
