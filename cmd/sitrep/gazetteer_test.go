package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gt "github.com/sitrep/sitrep/gazetteer/geonames/geonamestest"
)

// A made-up village of North Kivu that the embedded cities500 lacks.
var village = gt.Feature{ID: 90000011, Name: "Kivulembe", Alts: []string{"Kivulembé"}, Lat: -1.45, Lon: 29.35,
	Class: "P", Code: "PPL", Country: "CD", Admin1: "11", Admin2: "01", Population: 700}

const villageNews = "M23 rebels captured Kivulembe on Tuesday after heavy fighting with the army, residents said.\n"

// TestGazetteerImportReachesEveryCommand: sitrep gazetteer import turns a
// dump as geonames.org publishes it into an extension, and places,
// extract, ingest and events --near resolve the village through it when
// --gazetteer or $SITREP_GAZETTEER names it, and not otherwise.
func TestGazetteerImportReachesEveryCommand(t *testing.T) {
	t.Setenv("SITREP_GAZETTEER", "")
	dir := t.TempDir()
	dump, ext := filepath.Join(dir, "CD.zip"), filepath.Join(dir, "cd.gaz")
	gt.Zip(t, dump, "CD.txt", gt.Lines(village))
	code, out, errs := runCmd(t, "gazetteer", "import", "--out", ext, dump)
	if code != 0 || !strings.Contains(out, "added 1 towns") {
		t.Fatalf("import: exit %d: %s%s", code, out, errs)
	}
	news := write(t, "news.txt", villageNews)

	placed := func(args ...string) bool {
		t.Helper()
		code, out, errs := runCmd(t, append(args, "--published", "2025-03-04", news)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return strings.Contains(out, `"geonameid":90000011`)
	}
	if placed("places") || placed("extract") {
		t.Errorf("without the extension, the village must not be found")
	}
	if !placed("places", "--gazetteer", ext) || !placed("extract", "--gazetteer", ext) {
		t.Errorf("with --gazetteer, places and extract must find the village")
	}
	t.Setenv("SITREP_GAZETTEER", ext)
	if !placed("places") || !placed("extract") {
		t.Errorf("with $SITREP_GAZETTEER, places and extract must find the village")
	}

	db := filepath.Join(dir, "r.db")
	if code, _, errs := runCmd(t, "ingest", "--db", db, "--published", "2025-03-04", news); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	code, out, errs = runCmd(t, "events", "--db", db, "--near", "Kivulembe", "--km", "5", "--format", "jsonl")
	var e struct{ Location struct{ Name, Admin1 string } }
	if code != 0 || json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &e) != nil || e.Location.Name != "Kivulembe" || e.Location.Admin1 != "North Kivu" {
		t.Errorf("events --near the village: exit %d, %q %s; want the event ingested there", code, out, errs)
	}
	t.Setenv("SITREP_GAZETTEER", "")
	if code, _, errs := runCmd(t, "events", "--db", db, "--near", "Kivulembe"); code == 0 || !strings.Contains(errs, "Kivulembe") {
		t.Errorf("events --near the village without the extension: exit %d, %s; want it unknown", code, errs)
	}
}

func TestGazetteerFlagNamesABadFile(t *testing.T) {
	bad := write(t, "bad.gaz", "not a gazetteer\n")
	news := write(t, "news.txt", villageNews)
	for _, cmd := range [][]string{
		{"places", "--gazetteer", bad, news},
		{"extract", "--gazetteer", bad, news},
		{"ingest", "--db", filepath.Join(t.TempDir(), "r.db"), "--gazetteer", bad, news},
		{"serve", "--gazetteer", "/no/such.gaz"},
		{"worker", "--gazetteer", "/no/such.gaz"},
		{"events", "--near", "Goma", "--gazetteer", bad},
	} {
		code, _, errs := runCmd(t, cmd...)
		if code == 0 || !strings.Contains(errs, cmd[slices.Index(cmd, "--gazetteer")+1]) {
			t.Errorf("%v: exit %d, %q; want an error naming the file", cmd, code, errs)
		}
	}
	if code, _, _ := runCmd(t, "gazetteer", "import"); code != 2 {
		t.Errorf("gazetteer import of nothing: exit %d, want 2 (usage)", code)
	}
}
