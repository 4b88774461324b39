package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/source"
)

func runExtract(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", stderr)
	in := addInputFlags(fs)
	format := fs.String("format", "jsonl", "output format: jsonl, acled, geojson or plover")
	all := fs.Bool("all", false, "acled, geojson, plover: write every event, the hypothetical, negated, projected and claimed ones, statements of control and tolls too (marked in ACLED's tags); by default only events reported as fact")
	explain := fs.Bool("explain", false, "instead of events, write how each article was read: places, actors, cues, figures, frames (for tuning the lexicons)")
	timeout := addTimeoutFlag(fs)
	gaz := addGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, paths, err := in.options(fs)
	if err != nil {
		return err
	}
	x, err := extractorFor(*gaz)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	w, err := export.NewWriterWith(bw, *format, export.Options{All: *all})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := 0
	err = walkArticles("extract", paths, opt, stderr, bw, func(a sitrep.Article) error {
		if *explain {
			return x.Explain(bw, &a)
		}
		evs, err := extractArticle(ctx, x, &a, *timeout, "extract", stderr)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err() // interrupted: stop here
			}
			failed++ // named; the others go on
			return nil
		}
		for _, e := range evs {
			if err := w.Write(&e); err != nil {
				return err
			}
		}
		return nil
	}, w.Close)
	if err == nil && failed > 0 {
		err = fmt.Errorf("%d articles failed", failed)
	}
	return err
}

// addTimeoutFlag is the flag of the commands that extract: the time one
// article's extraction may take.
func addTimeoutFlag(fs *flag.FlagSet) *time.Duration {
	return fs.Duration("timeout", extract.DefaultTimeout, "give up on an article whose extraction takes longer than this (it is named, counted failed, and the others go on)")
}

// extractArticle extracts a within timeout, naming in stderr the article
// if it fails (its time spent, a panic) or has sentences read in pieces.
func extractArticle(ctx context.Context, x *extract.Extractor, a *sitrep.Article, timeout time.Duration, cmd string, stderr io.Writer) ([]sitrep.Event, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	evs, cut, err := x.ExtractContext(ctx, a)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep %s: %v\n", cmd, err)
	} else if note := extract.CutNote(cut); note != "" {
		fmt.Fprintf(stderr, "sitrep %s: article %s: %s\n", cmd, a.ID, note)
	}
	return evs, err
}

// walkArticles hands each article of the inputs to each, naming in
// stderr the inputs it skips, then closes the output (closeOut, then bw).
// A skipped input makes the error returned after the rest is written.
func walkArticles(cmd string, paths []string, opt source.Options, stderr io.Writer, bw *bufio.Writer, each func(sitrep.Article) error, closeOut func() error) error {
	opt.Skipped = func(path string, why error) { fmt.Fprintf(stderr, "sitrep %s: skipped %s: %v\n", cmd, path, why) }
	werr := source.Walk(paths, opt, each)
	if err := closeOut(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return werr
}

// inputFlags are the flags of the commands that read articles.
type inputFlags struct {
	published, source *string
	allowPrivate      *bool
}

func addInputFlags(fs *flag.FlagSet) *inputFlags {
	return &inputFlags{
		published:    fs.String("published", "", "publication date (YYYY-MM-DD) of inputs that carry none, such as plain text"),
		source:       fs.String("source", "", "source name of inputs that name none (default: the file name or URL)"),
		allowPrivate: fs.Bool("allow-private", false, "allow fetching URLs on private, loopback and link-local addresses"),
	}
}

// options returns the reading options and the inputs (standard input when
// none is named).
func (in *inputFlags) options(fs *flag.FlagSet) (source.Options, []string, error) {
	opt := source.Options{Source: *in.source, Fetcher: &source.Fetcher{AllowPrivate: *in.allowPrivate}}
	if *in.published != "" {
		t, err := extract.ParseDate(*in.published)
		if err != nil {
			return opt, nil, fmt.Errorf("--published: %v", err)
		}
		opt.Published = t
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	return opt, paths, nil
}
