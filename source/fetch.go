package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"

	"code.dny.dev/ssrf"
	"github.com/sitrep/sitrep"
)

// UserAgent is what sitrep tells the servers it fetches from.
const UserAgent = "sitrep/0.1 (conflict-news reader; +https://github.com/sitrep/sitrep)"

// ErrPrivateAddress is returned for a URL that resolves (or redirects) to
// a loopback, private, link-local or otherwise special-purpose address
// (documentation, benchmarking, reserved), or an IPv6 form of one.
var ErrPrivateAddress = errors.New("refusing to fetch from a private, loopback, link-local or reserved address")

// Fetcher fetches web pages for reading, bounded in size and time. Text
// from the web is hostile, and so are its addresses: unless AllowPrivate
// is set, a Fetcher refuses every address inside the machine or its
// network, checked on each connection, so a redirect or a DNS answer
// cannot lead it there either.
type Fetcher struct {
	// MaxBytes bounds a response body (0: DefaultMaxBytes).
	MaxBytes int64
	// Timeout bounds a whole fetch, redirects included (0: 30 s).
	Timeout time.Duration
	// AllowPrivate permits internal addresses (a feed on the same host).
	AllowPrivate bool

	// once makes the client on first use: one Fetcher serves many
	// goroutines (a worker's jobs) and they share its connections.
	once   sync.Once
	client *http.Client
}

func (f *Fetcher) httpClient() *http.Client {
	f.once.Do(f.makeClient)
	return f.client
}

func (f *Fetcher) makeClient() {
	d := &net.Dialer{Timeout: 10 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		if f.AllowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrPrivateAddress, address)
		}
		if internal(ap.Addr()) {
			return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
		}
		return nil
	}}
	tr := &http.Transport{
		DialContext:           d.DialContext,
		Proxy:                 nil, // a proxy would dial for us, past the check
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConnsPerHost:   4,
	}
	f.client = &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to a %s: URL", req.URL.Scheme)
		}
		return nil
	}}
}

// registries judges an address by IANA's IPv4 and IPv6 special-purpose
// address registries, which code.dny.dev/ssrf keeps generated from IANA's
// files: every IPv4 block in them, and every IPv6 address outside global
// unicast or in one of its special blocks. Ports and networks are not its
// business here: a feed may live on any port.
var registries = ssrf.New(ssrf.WithAnyPort(), ssrf.WithAnyNetwork())

// internal reports whether a is an address no public web page lives at.
// An IPv6 address that carries an IPv4 one is judged by what it carries,
// which is where its packets end up: [::127.0.0.1] is loopback, and
// NAT64 of a public address is public.
func internal(a netip.Addr) bool {
	v4 := carried(a)
	if len(v4) == 0 {
		return registries.SafeAddr(a) != nil
	}
	for _, c := range v4 {
		if registries.SafeAddr(c) != nil {
			return true
		}
	}
	return false
}

var (
	compatible = netip.MustParsePrefix("::/96")        // IPv4-compatible (RFC 4291, deprecated)
	nat64      = netip.MustParsePrefix("64:ff9b::/96") // NAT64 well-known prefix (RFC 6052)
	sixToFour  = netip.MustParsePrefix("2002::/16")    // 6to4 (RFC 3056): the IPv4 in bits 16-47
	teredo     = netip.MustParsePrefix("2001::/32")    // Teredo (RFC 4380): server in bits 32-63, client inverted in 96-127
)

// carried returns the IPv4 addresses a carries: itself if it is one, the
// embedded one of the IPv6 forms that route to it, or none. Teredo names
// two hosts, its server and its client, and both must be public.
func carried(a netip.Addr) []netip.Addr {
	b := a.As16()
	v4 := func(i int) netip.Addr { return netip.AddrFrom4([4]byte(b[i : i+4])) }
	switch {
	case a.Is4(), a.Is4In6():
		return []netip.Addr{a.Unmap()}
	case compatible.Contains(a), nat64.Contains(a):
		return []netip.Addr{v4(12)}
	case sixToFour.Contains(a):
		return []netip.Addr{v4(2)}
	case teredo.Contains(a):
		client := v4(12).As4()
		for i := range client {
			client[i] ^= 0xff
		}
		return []netip.Addr{v4(4), netip.AddrFrom4(client)}
	}
	return nil
}

// HTTPError is a response whose status says the fetch failed.
type HTTPError struct {
	// StatusCode is the HTTP status code (404).
	StatusCode int
	// Status is the status line's text ("404 Not Found").
	Status string
}

func (e *HTTPError) Error() string { return "HTTP " + e.Status }

// Validators are what a server said of the version it sent (its ETag and
// Last-Modified headers), kept to ask next time whether it has changed.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is what a fetch got.
type Response struct {
	// Body is the body, at most MaxBytes; empty when NotModified.
	Body []byte
	// ContentType is the Content-Type header.
	ContentType string
	// URL is the address the body finally came from, after redirects.
	URL string
	// Validators are the response's, for the next conditional GET; when
	// NotModified they are the ones sent, unless the server gave new ones.
	Validators
	// NotModified is set when the server answered 304: nothing changed
	// since the version the Validators sent name.
	NotModified bool
}

// pageAccept is the Accept header of Get.
const pageAccept = "text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.5"

// Get fetches rawURL and returns its body (at most MaxBytes), its
// Content-Type and the URL it finally came from.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (body []byte, contentType, final string, err error) {
	r, err := f.GetIfChanged(ctx, rawURL, pageAccept, Validators{})
	if err != nil {
		return nil, "", "", err
	}
	return r.Body, r.ContentType, r.URL, nil
}

// GetIfChanged fetches rawURL, with accept as its Accept header, unless
// the server says the version v names is still current: a conditional
// GET (If-None-Match, If-Modified-Since), which a feed reader owes the
// servers it polls. A 304 answer gives a Response with NotModified set; a
// status other than 200 or 304 an *HTTPError.
func (f *Fetcher) GetIfChanged(ctx context.Context, rawURL, accept string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL")
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.httpClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &Response{
		ContentType: resp.Header.Get("Content-Type"),
		URL:         resp.Request.URL.String(),
		Validators:  Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && (v.ETag != "" || v.LastModified != ""):
		r.NotModified = true
		if r.ETag == "" {
			r.ETag = v.ETag
		}
		if r.LastModified == "" {
			r.LastModified = v.LastModified
		}
		return r, nil
	case resp.StatusCode != http.StatusOK:
		return nil, &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status}
	}
	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	r.Body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(r.Body)) > limit {
		return nil, fmt.Errorf("%w: more than %s", ErrTooLarge, byteSize(limit))
	}
	return r, nil
}

// ReadURL fetches rawURL with f and reads its articles as Read does; the
// address the page came from becomes the articles' URL.
func ReadURL(ctx context.Context, f *Fetcher, rawURL string, opt Options) ([]sitrep.Article, error) {
	body, ct, final, err := f.Get(ctx, rawURL)
	if err != nil {
		return nil, &ParseError{File: rawURL, Err: err}
	}
	opt.ContentType = ct
	if opt.URL == "" {
		opt.URL = final
	}
	return Read(bytes.NewReader(body), final, opt)
}
