package main

import (
	"bufio"
	"io"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
)

func init() {
	commands = append(commands, command{"places",
		"sitrep places [--published YYYY-MM-DD] [--format jsonl|geojson] [FILE|URL|-]...",
		"every place name in news text, resolved in the gazetteer, with the next best readings", runPlaces})
}

// runPlaces writes the place mentions of each input: the same resolution
// extract uses for events' locations.
func runPlaces(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("places", stderr)
	in := addInputFlags(fs)
	format := fs.String("format", "jsonl", "output format: jsonl (a mention a line) or geojson (the resolved ones)")
	gaz := addGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, paths, err := in.options(fs)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	w, err := export.NewPlaceWriter(bw, *format)
	if err != nil {
		return err
	}
	x, err := extractorFor(*gaz)
	if err != nil {
		return err
	}
	return walkArticles("places", paths, opt, stderr, bw, func(a sitrep.Article) error {
		for _, m := range export.PlaceMentions(a.ID, x.Places(&a)) {
			if err := w.Write(&m); err != nil {
				return err
			}
		}
		return nil
	}, w.Close)
}
