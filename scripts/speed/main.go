// Command speed measures, in one run over the same synthetic news, how
// fast each stage of sitrep goes against the practical floor of reading
// text: a byte-scan baseline (splitting into sentences and tokens, no
// lexicons), the full extractor, and ingest into SQLite and, when
// SITREP_TEST_POSTGRES names a server (make bench starts one), into
// PostgreSQL. It prints MB/s, articles/s, the ratio of each to the
// baseline, the extractor's allocations per article, and the process's
// peak memory.
//
//	go run ./scripts/speed [-n 3000] [-cpuprofile FILE]
//
// -cpuprofile writes a pprof CPU profile of the extract stage.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/text"
)

func main() {
	n := flag.Int("n", 3000, "articles")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the extract stage to `file`")
	flag.Parse()
	if err := run(*n, *prof); err != nil {
		fmt.Fprintln(os.Stderr, "speed:", err)
		os.Exit(1)
	}
}

type stage struct {
	name    string
	seconds float64
	note    string
}

func run(n int, prof string) error {
	ctx := context.Background()
	arts := newsgen.Articles(n, 42, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	bytes := 0
	for i := range arts {
		arts[i].ID = sitrep.ArticleID(arts[i].Text)
		bytes += len(arts[i].Text)
	}
	x, err := extract.Default()
	if err != nil {
		return err
	}
	var stages []stage

	// The floor: every byte read, split into sentences and tokens. Each
	// stage in memory is timed as its best of reps runs: a run lasts
	// tens of milliseconds, and a shared machine interrupts some.
	const reps = 9
	best := func(f func()) float64 {
		b := 1e9
		for range reps {
			t := time.Now()
			f()
			b = min(b, time.Since(t).Seconds())
		}
		return b
	}
	var toks []text.Token
	sink := 0
	stages = append(stages, stage{name: "byte scan (sentences, tokens)", seconds: best(func() {
		for i := range arts {
			for _, s := range text.Sentences(arts[i].Text) {
				toks = text.AppendTokens(toks[:0], arts[i].Text[s.Start:s.End])
				sink += len(toks)
			}
		}
	})})

	if prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	events := 0
	docs := make([]sitrep.Doc, len(arts))
	secs := best(func() {
		events = 0
		for i := range arts {
			docs[i] = x.Doc(arts[i])
			events += len(docs[i].Events)
		}
	})
	runtime.ReadMemStats(&after)
	if prof != "" {
		pprof.StopCPUProfile()
	}
	allocs := float64(after.Mallocs-before.Mallocs) / float64(reps*len(arts))
	allocBytes := float64(after.TotalAlloc-before.TotalAlloc) / float64(reps*len(arts))
	stages = append(stages, stage{name: "extract", seconds: secs,
		note: fmt.Sprintf("%d events; %.0f allocations, %.0f kB per article", events, allocs, allocBytes/1024)})

	// Ingest: extraction included, batches of 256 as sitrep ingest sends
	// them, into an empty store.
	ingest := func(st sitrep.Store) (float64, error) {
		t := time.Now()
		for start := 0; start < len(arts); start += 256 {
			batch := make([]sitrep.Doc, 0, 256)
			for _, a := range arts[start:min(start+256, len(arts))] {
				batch = append(batch, x.Doc(a))
			}
			if _, err := st.Ingest(ctx, batch); err != nil {
				return 0, err
			}
		}
		return time.Since(t).Seconds(), nil
	}
	dir, err := os.MkdirTemp("", "sitrep-speed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "speed.db"))
	if err != nil {
		return err
	}
	secs, err = ingest(st)
	st.Close()
	if err != nil {
		return err
	}
	stages = append(stages, stage{name: "ingest into SQLite", seconds: secs, note: "empty store, batches of 256"})

	if dsn := os.Getenv("SITREP_TEST_POSTGRES"); dsn != "" {
		db, drop, err := newDatabase(dsn)
		if err != nil {
			return err
		}
		defer drop()
		pg, err := postgres.Open(ctx, db)
		if err != nil {
			return err
		}
		secs, err = ingest(pg)
		pg.Close()
		if err != nil {
			return err
		}
		stages = append(stages, stage{name: "ingest into PostgreSQL", seconds: secs, note: "empty store, batches of 256"})
	} else {
		stages = append(stages, stage{name: "ingest into PostgreSQL", seconds: -1, note: "skipped: SITREP_TEST_POSTGRES is not set"})
	}

	mb := float64(bytes) / 1e6
	fmt.Printf("%d synthetic articles, %.2f MB, GOMAXPROCS %d (one goroutine per stage)\n\n", len(arts), mb, runtime.GOMAXPROCS(0))
	fmt.Printf("%-32s %10s %12s %12s  %s\n", "stage", "MB/s", "articles/s", "x baseline", "")
	base := mb / stages[0].seconds
	for _, s := range stages {
		if s.seconds < 0 {
			fmt.Printf("%-32s %10s %12s %12s  %s\n", s.name, "-", "-", "-", s.note)
			continue
		}
		rate := mb / s.seconds
		fmt.Printf("%-32s %10.2f %12.0f %12.4f  %s\n", s.name, rate, float64(len(arts))/s.seconds, rate/base, s.note)
	}
	fmt.Printf("\npeak memory (VmHWM): %s\n", peak())
	_ = sink
	return nil
}

// newDatabase creates an empty database on the server admin names and
// returns its DSN and a function that drops it.
func newDatabase(admin string) (string, func(), error) {
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, fmt.Errorf("SITREP_TEST_POSTGRES: %w", err)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	name := fmt.Sprintf("sitrep_speed_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		return "", nil, err
	}
	drop := func() {
		if db, err := sql.Open("pgx", admin); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// peak is the process's peak resident memory, from /proc.
func peak() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}
