package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/source"
)

func runExtract(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD) of inputs that carry none, such as plain text")
	format := fs.String("format", "jsonl", "output format: jsonl, acled or geojson")
	src := fs.String("source", "", "source name of inputs that name none (default: the file name)")
	explain := fs.Bool("explain", false, "instead of events, write how each article was read: places, actors, cues, figures, frames (for tuning the lexicons)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt := source.Options{Source: *src}
	if *published != "" {
		t, err := extract.ParseDate(*published)
		if err != nil {
			return fmt.Errorf("--published: %v", err)
		}
		opt.Published = t
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	x, err := extract.Default()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	w, err := export.NewWriter(bw, *format)
	if err != nil {
		return err
	}
	opt.Skipped = func(path string, why error) { fmt.Fprintf(stderr, "sitrep extract: skipped %s: %v\n", path, why) }
	werr := source.Walk(paths, opt, func(a sitrep.Article) error {
		if *explain {
			return x.Explain(bw, &a)
		}
		for _, e := range x.Extract(&a) {
			if err := w.Write(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return werr
}
