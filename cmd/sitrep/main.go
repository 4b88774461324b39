// Command sitrep reads conflict news and keeps a sourced, geocoded record of
// the events it reports. This package only parses flags and wires the
// packages together; see ARCHITECTURE.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand.
type command struct {
	name, usage, summary string
	run                  func(args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands. A command kept in a file of its own
// appends itself from that file's init; this init puts the record's
// commands first whatever order the inits run in.
var commands []command

func init() {
	commands = append([]command{
		{"extract", "sitrep extract [--published YYYY-MM-DD] [--format jsonl|acled|geojson] [FILE|-]...", "extract events from news text, HTML or JSONL", runExtract},
		{"ingest", "sitrep ingest [--db DSN] [--published YYYY-MM-DD] [--source NAME] PATH|URL|-...", "store articles (files, directories, URLs, stdin) with their events; fuse incidents; update control", runIngest},
		{"events", "sitrep events [--db DSN] [--since D] [--until D] [--type T] [--country C] [--near PLACE --km N] [--actor A] [--format table|jsonl|csv|acled|geojson|plover]", "list stored events", runEvents},
		{"incidents", "sitrep incidents [--db DSN] [filters as for events] [--format table|jsonl]", "list incidents: events fused across reports, with their sources", runIncidents},
		{"control", "sitrep control [--db DSN] [--as-of D] [--country C] [--place NAME] [--format table|jsonl]", "who holds which place: on a day, or one place's history with its evidence", runControl},
		{"articles", "sitrep articles [--db DSN] [--query WORDS] [--since D] [--until D] [--limit N] [--format table|jsonl]", "list or search (full text) the stored articles", runArticles},
		{"export", "sitrep export [--db DSN] --format acled|geojson|plover|jsonl [--out FILE] [filters as for events]", "write every stored event (or those filtered) in a file format", runExport},
		{"eval", "sitrep eval acled [--limit N] [--errors N] [--floors FILE] FILE.csv... | sitrep eval places [--floors FILE] [--errors FILE] GeoVirus.xml|GeoCorpora.tsv...", "score the extractor against ACLED-format files, or the geoparser against GeoVirus and GeoCorpora", runEval},
	}, commands...)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(stderr, "sitrep %s: %v\n", c.name, err)
		var ec exitCoder
		if errors.As(err, &ec) {
			return ec.ExitCode()
		}
		return 1
	}
	fmt.Fprintf(stderr, "sitrep: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "sitrep turns conflict news into sourced, geocoded event data.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'sitrep COMMAND --help' for a command's flags.")
}

// errUsage is returned after a usage message has been printed.
var errUsage = errors.New("usage")

type exitCoder interface{ ExitCode() int }

// newFlags returns a flag set for command c that prints c's usage.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("sitrep "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, c := range commands {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(stderr, "usage: %s\n\n%s.\n\nFlags:\n", c.usage, c.summary)
				fs.PrintDefaults()
			}
		}
	}
	return fs
}

// parseFlags parses args, turning a flag error into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
