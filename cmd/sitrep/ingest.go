package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/source"
)

func runIngest(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", stderr)
	db := fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN")
	in := addInputFlags(fs)
	batch := fs.Int("batch", 256, "articles per transaction")
	gaz := addGazetteerFlag(fs)
	timeout := addTimeoutFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *batch < 1 {
		return fmt.Errorf("--batch %d: want at least 1", *batch)
	}
	opt, paths, err := in.options(fs)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// The gazetteer first: a wrong --gazetteer must not leave a new,
	// empty database behind.
	x, err := extractorFor(*gaz)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(), progressbar.OptionSetItsString("articles"), progressbar.OptionShowIts(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	opt.Skipped = func(path string, why error) { fmt.Fprintf(stderr, "sitrep ingest: skipped %s: %v\n", path, why) }

	// Reading feeds the extractors, which feed the one writer; the writer
	// commits a batch at a time, so a crash loses at most the batch in
	// flight and a rerun stores it (everything before is a duplicate).
	arts := make(chan sitrep.Article, 64)
	docs := make(chan extracted, 64)
	var readErr error
	go func() {
		defer close(arts)
		readErr = source.Walk(paths, opt, func(a sitrep.Article) error {
			select {
			case arts <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range arts {
				docs <- extractDoc(ctx, x, a, *timeout)
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()

	var sum ingestSummary
	unread := 0 // articles whose extraction failed
	pending := make([]sitrep.Doc, 0, *batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := sum.ingest(ctx, st, pending, stderr)
		if bar != nil {
			bar.Add(len(pending))
		}
		pending = pending[:0]
		return err
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var werr error
loop:
	for {
		select {
		case d, ok := <-docs:
			if !ok {
				break loop
			}
			if d.err != nil {
				if ctx.Err() == nil { // not interrupted: this article failed
					sum.failed++
					unread++
					fmt.Fprintf(stderr, "sitrep ingest: %v\n", d.err)
				}
				continue
			}
			if note := extract.CutNote(d.cut); note != "" {
				fmt.Fprintf(stderr, "sitrep ingest: article %s: %s\n", d.doc.Article.ID, note)
			}
			if pending = append(pending, d.doc); len(pending) >= *batch {
				if werr = flush(); werr != nil {
					break loop
				}
			}
		case <-tick.C:
			if werr = flush(); werr != nil {
				break loop
			}
		}
	}
	if werr == nil {
		werr = flush()
	}
	if werr != nil {
		stop()
		for range docs { // let the readers and extractors finish
		}
	}
	if bar != nil {
		bar.Finish()
	}
	sum.failed += countErrors(readErr)
	fmt.Fprintf(stderr, "sitrep ingest: %d articles: %d new, %d duplicate, %d near-duplicate, %d failed; %d events added\n",
		sum.new+sum.dup+sum.near+sum.failed, sum.new, sum.dup, sum.near, sum.failed, sum.events)
	if werr != nil {
		return werr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return readErr
	}
	if unread > 0 && ctx.Err() == nil {
		return fmt.Errorf("%d articles could not be read", unread)
	}
	return ctx.Err()
}

// extracted is an article as an extractor hands it to ingest's writer,
// which alone writes to stderr.
type extracted struct {
	doc sitrep.Doc
	cut int   // sentences read in pieces
	err error // the article is not stored
}

// extractDoc extracts a within timeout.
func extractDoc(ctx context.Context, x *extract.Extractor, a sitrep.Article, timeout time.Duration) extracted {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d, cut, err := x.DocContext(ctx, a)
	return extracted{d, cut, err}
}

type ingestSummary struct {
	new, dup, near, failed, events int
	// added holds the articles counted new, in case a fuller copy of
	// one arrives later in the run and makes it a near-duplicate.
	added map[string]bool
}

// ingest stores a batch; if the batch fails it stores each document on
// its own, so one bad document is reported and the others still land.
func (s *ingestSummary) ingest(ctx context.Context, st sitrep.Store, docs []sitrep.Doc, stderr io.Writer) error {
	res, err := st.Ingest(ctx, docs)
	if err != nil && len(docs) > 1 && ctx.Err() == nil {
		for i := range docs {
			if err := s.ingest(ctx, st, docs[i:i+1], stderr); err != nil {
				return err
			}
		}
		return nil
	}
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		s.failed++
		fmt.Fprintf(stderr, "sitrep ingest: %s (%s): %v\n", docs[0].Article.ID, docs[0].Article.Source, err)
		return nil
	}
	for _, r := range res {
		if s.added == nil {
			s.added = map[string]bool{}
		}
		for _, id := range r.Replaced {
			if s.added[id] {
				s.new--
				s.near++
				delete(s.added, id)
			}
		}
		switch r.Status {
		case sitrep.StatusNew:
			s.new++
			s.added[r.ArticleID] = true
		case sitrep.StatusDuplicate:
			s.dup++
		case sitrep.StatusNearDuplicate:
			s.near++
		}
		s.events += r.Events
	}
	return nil
}

// countErrors counts the errors errors.Join put together.
func countErrors(err error) int {
	if err == nil || errors.Is(err, context.Canceled) {
		return 0
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return len(j.Unwrap())
	}
	return 1
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
