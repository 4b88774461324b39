package sqlstore_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/sqlite"
)

// benchStore returns an SQLite store holding at least want events from
// synthetic reports (extracted and fused as sitrep ingest would), kept at
// $SITREP_BENCH_DB between runs since a million events take minutes to
// build, or in a temporary directory.
func benchStore(b *testing.B, want int) (sitrep.Store, string) {
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	have, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have.Events >= want {
		return st, path
	}
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	events := have.Events
	for round := uint64(have.Articles/1000 + 1); events < want; round++ {
		arts := newsgen.Articles(1000, round, start.AddDate(0, 0, int(round)*25))
		docs := make([]sitrep.Doc, len(arts))
		for i := range arts {
			docs[i] = sitrep.Doc{Article: arts[i], Events: x.Extract(&arts[i])}
		}
		res, err := st.Ingest(ctx, docs)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			events += r.Events
		}
	}
	return st, path
}

// BenchmarkEventsQuery times the map's commonest query, a 30-day window
// within 25 km of a town, over a store of $SITREP_BENCH_EVENTS events
// (default 100,000), and reports p50/p99 latency and the database's size
// per million events.
func BenchmarkEventsQuery(b *testing.B) {
	want := 100_000
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_EVENTS")); err == nil && v > 0 {
		want = v
	}
	st, path := benchStore(b, want)
	defer st.Close()
	ctx := context.Background()
	stats, _ := st.Stats(ctx)
	towns := []sitrep.Point{{Lat: 35.13, Lon: 36.76}, {Lat: 48.72, Lon: 37.56}, {Lat: 2.04, Lon: 45.34}, {Lat: 15.6, Lon: 32.53}, {Lat: 36.2, Lon: 37.16}}
	r := rand.New(rand.NewPCG(1, 2))
	var lat []time.Duration
	rows := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		since := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(stats.Articles/40))
		f := sitrep.EventFilter{Since: since, Until: since.AddDate(0, 0, 30), Near: &towns[r.IntN(len(towns))], Km: 25}
		t0 := time.Now()
		evs, err := st.Events(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		rows += len(evs)
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(rows)/float64(b.N), "rows/query")
	b.ReportMetric(float64(stats.Events), "events")
	// Measure the database file alone: fold the write-ahead log into it.
	if _, err := st.(*sqlstore.Store).DB.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}
	b.ReportMetric(float64(size)/float64(stats.Events)*1e6/(1<<20), "MB/1M-events")
}
