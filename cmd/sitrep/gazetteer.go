package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/gazetteer/geonames"
)

func init() {
	commands = append(commands, command{"gazetteer",
		"sitrep gazetteer import [--out FILE] XX.zip|allCountries.zip... [alternateNamesV2.zip]",
		"add GeoNames' villages to the gazetteer: build an extension from GeoNames dumps, which --gazetteer or $SITREP_GAZETTEER then selects", runGazetteer})
}

// defaultGazetteer is --gazetteer's default: $SITREP_GAZETTEER, else ""
// (the embedded data).
func defaultGazetteer() string { return os.Getenv("SITREP_GAZETTEER") }

// addGazetteerFlag is the flag of the commands that find places.
func addGazetteerFlag(fs *flag.FlagSet) *string {
	return fs.String("gazetteer", defaultGazetteer(), "gazetteer extension written by sitrep gazetteer import (default $SITREP_GAZETTEER; empty: the embedded cities500)")
}

// extractorFor returns the extractor over the gazetteer at path ("": the
// embedded one).
func extractorFor(path string) (*extract.Extractor, error) {
	if path == "" {
		return extract.Default()
	}
	g, err := gazetteer.Open(path)
	if err != nil {
		return nil, err
	}
	return extract.WithGazetteer(g)
}

func runGazetteer(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gazetteer", stderr)
	out := fs.String("out", "", "extension to write (default $SITREP_GAZETTEER, else sitrep.gaz here)")
	switch {
	case len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		fs.Usage()
		return flag.ErrHelp
	case len(args) == 0 || args[0] != "import":
		fs.Usage()
		return errUsage
	}
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	path := *out
	if path == "" {
		path = defaultGazetteer()
	}
	if path == "" {
		path = "sitrep.gaz"
	}
	start := time.Now()
	// Written beside its place and renamed: a failed import leaves the
	// extension there before it whole.
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer os.Remove(tmp.Name())
	st, err := geonames.Import(gazetteer.DataFile(), fs.Args(), tmp)
	if err == nil {
		err = tmp.Chmod(0o644) // data, not a secret, as a file os.Create makes
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sitrep gazetteer import: %d rows read; added %d towns and villages, %d areas, %d refugee camps; %d places already held gained their names; %d alternate names used; %s: %d places, %d bytes, in %.1f s\n",
		st.Rows, st.Towns, st.Areas, st.Camps, st.Known, st.AltNames, path, st.Places, st.Bytes, time.Since(start).Seconds())
	fmt.Fprintf(stdout, "use it with --gazetteer %s, or export SITREP_GAZETTEER=%s\n", path, path)
	return nil
}
