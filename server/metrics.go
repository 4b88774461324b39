package server

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/sitrep/sitrep"
)

// buckets are the request-duration histogram's upper bounds, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// metrics counts requests per route and status and times them, with the
// Prometheus client library: the exposition every scraper reads, and the
// Go runtime's and the process's metrics beside ours.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	articles *prometheus.CounterVec
	// store are the record's totals, set from Store.Stats at each scrape.
	store   map[string]prometheus.Gauge
	streams atomic.Int64
	waiting atomic.Int64 // requests waiting for a slot or the text budget
	handler http.Handler
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry(), store: map[string]prometheus.Gauge{}}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitrep_http_requests_total", Help: "HTTP requests answered, by route and status."}, []string{"route", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sitrep_http_request_duration_seconds", Help: "Time to answer a request, by route.", Buckets: buckets}, []string{"route"})
	m.articles = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitrep_api_articles_total", Help: "Articles posted to the API, by what ingest did with them."}, []string{"status"})
	for _, st := range []string{sitrep.StatusNew, sitrep.StatusDuplicate, sitrep.StatusNearDuplicate} {
		m.articles.WithLabelValues(st) // shown at 0 before the first post
	}
	m.reg.MustRegister(m.requests, m.duration, m.articles,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "sitrep_stream_clients", Help: "Live streams open."}, func() float64 { return float64(m.streams.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "sitrep_http_waiting", Help: "API requests waiting for a slot, or to work on posted text."}, func() float64 { return float64(m.waiting.Load()) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	for name, help := range map[string]string{
		"articles": "Articles stored.", "events": "Events stored.",
		"incidents": "Incidents stored.", "places": "Places with a control timeline.",
	} {
		g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "sitrep_store_" + name, Help: help})
		m.reg.MustRegister(g)
		m.store[name] = g
	}
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m
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
		m.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
		if route == "GET /api/stream" {
			return // a stream's length is not a latency
		}
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

func (m *metrics) ingested(res []sitrep.IngestResult) {
	for _, r := range res {
		m.articles.WithLabelValues(r.Status).Inc()
	}
}

// serve writes the metrics, with the store's counters read now (kept by
// its ingests, so a scrape costs the same however large the record). A
// store that cannot answer fails the scrape rather than show stale totals.
func (m *metrics) serve(st sitrep.Store) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		stats, err := st.Stats(r.Context())
		if err != nil {
			return err
		}
		m.store["articles"].Set(float64(stats.Articles))
		m.store["events"].Set(float64(stats.Events))
		m.store["incidents"].Set(float64(stats.Incidents))
		m.store["places"].Set(float64(stats.Places))
		m.handler.ServeHTTP(w, r)
		return nil
	}
}
