package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/sitrep/sitrep/sqlite"
)

// BenchmarkAPI answers the API's common queries from a large store, as
// the page and a client ask them: SITREP_BENCH_DB names an SQLite file
// (see BENCHMARKS.md for how to build one); without it the benchmark is
// skipped.
func BenchmarkAPI(b *testing.B) {
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		b.Skip("SITREP_BENCH_DB is not set (an SQLite store to query)")
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s := New(st, Options{})
	defer s.Close()
	towns := [][2]float64{{35.13, 36.75}, {36.2, 37.16}, {34.73, 36.72}, {48.0, 37.8}, {15.6, 32.5}, {-1.68, 29.22}, {12.37, -1.53}, {2.04, 45.34}}
	for _, c := range []struct {
		name string
		path func(r *rand.Rand) string
	}{
		{"incidents near, 30 days", func(r *rand.Rand) string {
			t := towns[r.IntN(len(towns))]
			m := 1 + r.IntN(12)
			return fmt.Sprintf("/api/incidents?near=%g,%g&km=25&since=2025-%02d-01&until=2025-%02d-28&order=newest&limit=50", t[0], t[1], m, m)
		}},
		{"incidents by country, 30 days", func(r *rand.Rand) string {
			m := 1 + r.IntN(12)
			return fmt.Sprintf("/api/incidents?country=SY&type=Battles&since=2025-%02d-01&until=2025-%02d-28&order=newest&limit=50", m, m)
		}},
		{"clusters, whole record", func(r *rand.Rand) string { return "/api/clusters?zoom=2" }},
		{"clusters, 30 days", func(r *rand.Rand) string {
			m := 1 + r.IntN(12)
			return fmt.Sprintf("/api/clusters?zoom=3&since=2025-%02d-01&until=2025-%02d-28", m, m)
		}},
		{"stats, whole record", func(r *rand.Rand) string { return "/api/stats" }},
		{"control as of a day, brief", func(r *rand.Rand) string {
			return fmt.Sprintf("/api/control?as_of=2025-%02d-15&brief=true", 1+r.IntN(12))
		}},
		{"control of a country, with evidence", func(r *rand.Rand) string {
			return fmt.Sprintf("/api/control?as_of=2025-%02d-15&country=SY", 1+r.IntN(12))
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				s.ServeHTTP(w, httptest.NewRequest("GET", c.path(r), nil))
				if w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}
