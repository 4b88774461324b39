package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
	"github.com/sitrep/sitrep/internal/pgtest"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/sqlite"
)

// benchIngest ingests b.N synthetic articles, extraction included, in
// batches as sitrep ingest does, and reports articles per second.
func benchIngest(b *testing.B, st sitrep.Store) {
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	arts := newsgen.Articles(b.N, uint64(b.N), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	var bytes int64
	for i := range arts {
		bytes += int64(len(arts[i].Text))
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	docs := make([]sitrep.Doc, 0, 256)
	events := 0
	for i := range arts {
		evs := x.Extract(&arts[i])
		events += len(evs)
		docs = append(docs, sitrep.Doc{Article: arts[i], Events: evs})
		if len(docs) == cap(docs) || i == len(arts)-1 {
			if _, err := st.Ingest(ctx, docs); err != nil {
				b.Fatal(err)
			}
			docs = docs[:0]
		}
	}
	b.StopTimer()
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/s, "articles/s")
	b.ReportMetric(float64(events)/s, "events/s")
	b.SetBytes(bytes / int64(b.N))
}

func BenchmarkIngestSQLite(b *testing.B) {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	benchIngest(b, st)
}

func BenchmarkIngestPostgres(b *testing.B) {
	st, err := postgres.Open(context.Background(), pgtest.NewDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	benchIngest(b, st)
}
