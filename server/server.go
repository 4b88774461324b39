// Package server is sitrep's HTTP service: a JSON API over a sitrep.Store
// (events, incidents, map clusters, statistics, control, articles, and
// the feeds when the store keeps them),
// the same lists as GeoJSON and ACLED CSV, a live stream of new incidents
// and control changes (Server-Sent Events), an OpenAPI description,
// /healthz and Prometheus /metrics, and the web page (web/, embedded, with
// its libraries vendored, so it works with no internet).
//
// The server keeps no state of its own beyond counters: every answer comes
// from the store, and the stream follows the store's change log, so any
// number of servers can run over one PostgreSQL database.
package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"golang.org/x/sync/semaphore"
)

// textBudget is how many bytes of posted text the server works on at
// once: two posts of the largest size.
const textBudget = 2 * maxBody

//go:embed all:web
var web embed.FS

//go:embed openapi.json
var openapi []byte

// Options configure a Server.
type Options struct {
	// Token guards the writing endpoints (posting articles, managing
	// feeds): a request must carry "Authorization: Bearer TOKEN". With no
	// token, writing is refused.
	Token string
	// ReadToken makes reading need the token too (the header, or a
	// token= query parameter, which is all an EventSource can send).
	ReadToken bool
	// Poll is how often the live stream looks for changes (default 1 s).
	Poll time.Duration
	// MaxStreams bounds the live streams open at once (default 256);
	// past it a new one is refused with 503 and Retry-After.
	MaxStreams int
	// MaxReplay is how many changes back a stream resumes from
	// Last-Event-ID (default 5000); from further back it is refused
	// with 410, and the paged API gives the history.
	MaxReplay int
	// Log receives one line per failed request (default: slog's default).
	Log *slog.Logger
	// Gazetteer finds the places of posted articles and of near= (nil:
	// the embedded one; an extension adds villages, see
	// gazetteer/geonames).
	Gazetteer *gazetteer.Gazetteer
	// ArticleTimeout is how long one posted article's extraction may take
	// (0: half of extract.DefaultTimeout, so that the answer is written
	// within the minute sitrep serve gives a request); an article that
	// spends it is answered as failed, and the others are stored.
	ArticleTimeout time.Duration
}

// Server answers HTTP requests from a store. It is an http.Handler.
type Server struct {
	st      sitrep.Store
	opt     Options
	mux     *http.ServeMux
	gaz     *gazetteer.Gazetteer
	metrics *metrics

	xOnce sync.Once
	x     *extract.Extractor
	xErr  error

	// slots bounds the API requests answered at once (reads, writes,
	// places, each poll of a live stream); the rest wait their turn.
	// Past a few per core, more at once only adds database connections,
	// contention and memory (a posted body is read inside the slot), and
	// a burst would make every answer slow instead of a few late.
	slots chan struct{}

	// streamSlots are the slots the live streams' reads may take at once
	// (a quarter, at least one): streams catching up read batch after
	// batch, and would otherwise fill every slot and starve the queries.
	streamSlots chan struct{}

	// text bounds the bytes of posted text read and worked on at once
	// (textBudget), over all slots: reading places and events takes
	// memory in proportion to the text, so the slots alone would let a
	// server with many cores hold gigabytes for maximal posts.
	text *semaphore.Weighted

	// done ends the live streams when the server closes.
	done      chan struct{}
	closeOnce sync.Once
}

// New returns a server over st.
func New(st sitrep.Store, opt Options) *Server {
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.MaxStreams <= 0 {
		opt.MaxStreams = 256
	}
	if opt.MaxReplay <= 0 {
		opt.MaxReplay = 5000
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	s := &Server{st: st, opt: opt, mux: http.NewServeMux(), metrics: newMetrics(), done: make(chan struct{}),
		slots: make(chan struct{}, max(4, 2*runtime.GOMAXPROCS(0))), text: semaphore.NewWeighted(textBudget)}
	s.streamSlots = make(chan struct{}, max(1, cap(s.slots)/4))
	if s.gaz = opt.Gazetteer; s.gaz == nil {
		s.gaz = gazetteer.Default()
	}
	s.routes()
	// The first visitor should not wait for the store's map cache to
	// load: a tally of everything loads it now.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := st.Tally(ctx, sitrep.EventFilter{}); err != nil {
			opt.Log.Warn("warming the map cache", "err", err)
		}
	}()
	return s
}

// Close ends the live streams; the store is the caller's to close.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
}

func (s *Server) routes() {
	read := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		s.mux.Handle(pattern, s.handle(pattern, false, true, h))
	}
	write := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		s.mux.Handle(pattern, s.handle(pattern, true, true, h))
	}
	read("GET /api/incidents", s.incidents)
	read("GET /api/incidents/{id}", s.incident)
	read("GET /api/events", s.events)
	read("GET /api/clusters", s.clusters)
	read("GET /api/stats", s.stats)
	read("GET /api/control", s.control)
	read("GET /api/places/{place}", s.place)
	read("GET /api/articles", s.articles)
	read("GET /api/articles/{id}", s.article)
	read("GET /api/taxonomy", s.taxonomy)
	// The stream holds no slot while it waits, only while it reads.
	s.mux.Handle("GET /api/stream", s.handle("GET /api/stream", false, false, s.stream))
	read("GET /api/feeds", s.feeds)
	read("POST /api/places", s.postPlaces)
	write("POST /api/articles", s.postArticle)
	write("POST /api/feeds", s.addFeed)
	write("DELETE /api/feeds", s.removeFeed)
	read("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		_, err := w.Write(openapi)
		return err
	})
	read("/api/", func(w http.ResponseWriter, r *http.Request) error {
		return sitrep.Errorf(sitrep.ENOTFOUND, "no API endpoint %s %s (see /api/openapi.json)", r.Method, r.URL.Path)
	})
	// Health and metrics answer even when every slot is taken.
	s.mux.Handle("GET /healthz", s.handle("GET /healthz", false, false, s.healthz))
	s.mux.Handle("GET /metrics", s.handle("GET /metrics", false, false, s.metrics.serve(s.st)))
	s.mux.Handle("/", s.metrics.wrap("GET /", page()))
}

// page is the embedded page's files, read and compressed once per
// process: every server serves the same bytes.
var page = sync.OnceValue(func() *static {
	sub, _ := fs.Sub(web, "web")
	files, err := newStatic(sub)
	if err != nil {
		panic("server: the embedded page: " + err.Error()) // a broken build, not a runtime fault
	}
	return files
})

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Text from the web is shown by the page: no inline script, no
	// framing, no sniffing a JSON answer into HTML.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	s.mux.ServeHTTP(w, r)
}

// handle wraps an API handler: the token check, a slot when the request
// is costly, metrics, and one place where an error becomes a status and
// a JSON body.
func (s *Server) handle(pattern string, writes, costly bool, h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return s.metrics.wrap(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := s.authorize(r, writes)
		if err == nil && costly {
			var release func()
			if release, err = s.slot(r.Context()); err == nil {
				defer release()
			}
		}
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	}))
}

// slot waits for a turn to answer a costly request; release gives it
// back.
func (s *Server) slot(ctx context.Context) (release func(), err error) {
	s.metrics.waiting.Add(1)
	defer s.metrics.waiting.Add(-1)
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// errUnauthorized and errForbidden are the token check's answers.
var (
	errUnauthorized = errors.New("this needs the token: Authorization: Bearer $SITREP_TOKEN")
	errForbidden    = errors.New("writing is disabled: start the server with SITREP_TOKEN set")
)

func (s *Server) authorize(r *http.Request, writes bool) error {
	if !writes && !s.opt.ReadToken || r.URL.Path == "/healthz" {
		return nil
	}
	if s.opt.Token == "" {
		if writes {
			return errForbidden
		}
		return nil
	}
	given, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		return errUnauthorized
	}
	if given == "" && !writes {
		given = r.URL.Query().Get("token")
	}
	if subtle.ConstantTimeCompare([]byte(given), []byte(s.opt.Token)) != 1 {
		return errUnauthorized
	}
	return nil
}

// bearer reads an Authorization header of the Bearer scheme, whose name
// is case-insensitive (RFC 9110 section 11.1); ok is false for a header
// of another scheme or none, which is not this token whatever follows.
// An empty header gives "", true.
func bearer(header string) (token string, ok bool) {
	if header == "" {
		return "", true
	}
	scheme, token, _ := strings.Cut(header, " ")
	token = strings.TrimLeft(token, " ")
	return token, strings.EqualFold(scheme, "Bearer") && token != ""
}

// apiError is the body of every failed API request.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, code := http.StatusInternalServerError, "EINTERNAL"
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, errUnauthorized):
		status, code = http.StatusUnauthorized, "EUNAUTHORIZED"
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
	case errors.Is(err, errForbidden):
		status, code = http.StatusForbidden, "EFORBIDDEN"
	case errors.Is(err, errBusy):
		status, code = http.StatusServiceUnavailable, "EBUSY"
	case errors.Is(err, errGone):
		status, code = http.StatusGone, "EGONE"
	case errors.As(err, &tooBig):
		status, code = http.StatusRequestEntityTooLarge, "ETOOLARGE"
		err = sitrep.Errorf(sitrep.EINVALID, "request body over %d bytes", tooBig.Limit)
	case errors.Is(err, context.Canceled):
		return // the client went away
	default:
		switch sitrep.ErrorCode(err) {
		case sitrep.EINVALID:
			status, code = http.StatusBadRequest, "EINVALID"
		case sitrep.ENOTFOUND:
			status, code = http.StatusNotFound, "ENOTFOUND"
		}
	}
	var body apiError
	body.Error.Code, body.Error.Message = code, err.Error()
	if status == http.StatusInternalServerError {
		s.opt.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		body.Error.Message = "internal error (logged by the server)"
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// extractor loads the extractor on first use: a read-only server never
// pays for it.
func (s *Server) extractor() (*extract.Extractor, error) {
	s.xOnce.Do(func() { s.x, s.xErr = extract.WithGazetteer(s.opt.Gazetteer) })
	return s.x, s.xErr
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.st.LastChange(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": err.Error()})
		return nil
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
