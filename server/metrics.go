package server

import (
	"bufio"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep/sitrep"
)

// buckets are the request-duration histogram's upper bounds, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// metrics counts requests per route and status and times them, in the
// Prometheus text format (written by hand: a few counters do not need a
// client library).
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]uint64 // route, status -> count
	hist     map[string]*histogram
	articles map[string]uint64 // ingest status -> count
	streams  atomic.Int64
	waiting  atomic.Int64 // requests waiting for a slot or the text budget
	started  time.Time
}

type histogram struct {
	counts []uint64 // per bucket, then +Inf
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, hist: map[string]*histogram{}, articles: map[string]uint64{}, started: time.Now()}
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wrap counts and times the requests h answers under route.
func (m *metrics) wrap(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start).Seconds()
		m.mu.Lock()
		defer m.mu.Unlock()
		m.requests[[2]string{route, fmt.Sprint(sw.status)}]++
		if route == "GET /api/stream" {
			return // a stream's length is not a latency
		}
		hg := m.hist[route]
		if hg == nil {
			hg = &histogram{counts: make([]uint64, len(buckets)+1)}
			m.hist[route] = hg
		}
		i := sort.SearchFloat64s(buckets, d)
		hg.counts[i]++
		hg.sum += d
		hg.n++
	})
}

func (m *metrics) ingested(res []sitrep.IngestResult) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range res {
		m.articles[r.Status]++
	}
}

// serve writes the metrics, with the store's counters read now (kept by
// its ingests, so a scrape costs the same however large the record).
func (m *metrics) serve(st sitrep.Store) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		stats, err := st.Stats(r.Context())
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		bw := bufio.NewWriter(w)
		m.mu.Lock()
		defer m.mu.Unlock()

		fmt.Fprintln(bw, "# HELP sitrep_http_requests_total HTTP requests answered, by route and status.")
		fmt.Fprintln(bw, "# TYPE sitrep_http_requests_total counter")
		keys := make([][2]string, 0, len(m.requests))
		for k := range m.requests {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
		})
		for _, k := range keys {
			fmt.Fprintf(bw, "sitrep_http_requests_total{route=%q,code=%q} %d\n", k[0], k[1], m.requests[k])
		}

		fmt.Fprintln(bw, "# HELP sitrep_http_request_duration_seconds Time to answer a request, by route.")
		fmt.Fprintln(bw, "# TYPE sitrep_http_request_duration_seconds histogram")
		routes := make([]string, 0, len(m.hist))
		for r := range m.hist {
			routes = append(routes, r)
		}
		sort.Strings(routes)
		for _, route := range routes {
			hg := m.hist[route]
			var cum uint64
			for i, b := range buckets {
				cum += hg.counts[i]
				fmt.Fprintf(bw, "sitrep_http_request_duration_seconds_bucket{route=%q,le=\"%g\"} %d\n", route, b, cum)
			}
			fmt.Fprintf(bw, "sitrep_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", route, hg.n)
			fmt.Fprintf(bw, "sitrep_http_request_duration_seconds_sum{route=%q} %g\n", route, hg.sum)
			fmt.Fprintf(bw, "sitrep_http_request_duration_seconds_count{route=%q} %d\n", route, hg.n)
		}

		fmt.Fprintln(bw, "# HELP sitrep_api_articles_total Articles posted to the API, by what ingest did with them.")
		fmt.Fprintln(bw, "# TYPE sitrep_api_articles_total counter")
		for _, st := range []string{sitrep.StatusNew, sitrep.StatusDuplicate, sitrep.StatusNearDuplicate} {
			fmt.Fprintf(bw, "sitrep_api_articles_total{status=%q} %d\n", st, m.articles[st])
		}

		gauge := func(name, help string, v any) {
			fmt.Fprintf(bw, "# HELP %s %s\n# TYPE %s gauge\n%s %v\n", name, help, name, name, v)
		}
		gauge("sitrep_stream_clients", "Live streams open.", m.streams.Load())
		gauge("sitrep_http_waiting", "API requests waiting for a slot, or to work on posted text.", m.waiting.Load())
		gauge("sitrep_store_articles", "Articles stored.", stats.Articles)
		gauge("sitrep_store_events", "Events stored.", stats.Events)
		gauge("sitrep_store_incidents", "Incidents stored.", stats.Incidents)
		gauge("sitrep_store_places", "Places with a control timeline.", stats.Places)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		gauge("go_goroutines", "Goroutines that currently exist.", runtime.NumGoroutine())
		gauge("go_memstats_heap_alloc_bytes", "Heap bytes allocated and in use.", ms.HeapAlloc)
		gauge("process_start_time_seconds", "Start time of the process since the epoch, in seconds.", m.started.Unix())
		return bw.Flush()
	}
}
