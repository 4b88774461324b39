package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalPlacesPrintsTheFiguresAndChecksFloors(t *testing.T) {
	// Made up for the test, in GeoVirus' format (offsets from 1).
	data := write(t, "gv.xml", `<articles><article><text>Shells fell on Aleppo on Monday.</text><locations>
<location><name>Aleppo</name><start>16</start><end>22</end><lat>36.2</lat><lon>37.16</lon></location>
</locations></article></articles>`)
	code, out, errs := runCmd(t, "eval", "places", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, m := range []string{"docs: 1", "gold: 1", "mentions: 1", "recall: 1.000", "precision: 1.000", "acc_161km: 1.000", "found_within_161km_of_gold: 1.000", "exact_id: n/a", "mean_error_km:", "docs_per_sec:"} {
		if !strings.Contains(out, m) {
			t.Errorf("output lacks %q:\n%s", m, out)
		}
	}
	fail := write(t, "fail.txt", "gv.xml recall >= 1.1\n")
	if code, out, _ := runCmd(t, "eval", "places", "--floors", fail, data); code == 0 || !strings.Contains(out, "BELOW FLOOR: gv.xml recall") {
		t.Errorf("floor missed: exit %d, %q; want a failure naming the figure", code, out)
	}
	if code, _, errs := runCmd(t, "eval", "places", write(t, "x.json", "{}")); code == 0 || !strings.Contains(errs, "x.json: unknown format") {
		t.Errorf("unknown format: exit %d, %q; want an error naming the file", code, errs)
	}
}

// TestEvalPlacesOnTheCorpora runs the command as `make eval` does, over
// ../shared/data/geoparse, against eval/places_floors.txt.
func TestEvalPlacesOnTheCorpora(t *testing.T) {
	dir := os.Getenv("SITREP_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	gv, gc := filepath.Join(dir, "geoparse", "GeoVirus.xml"), filepath.Join(dir, "geoparse", "geocorpora.tsv")
	for _, p := range []string{gv, gc} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("no geoparsing data (set SITREP_DATA to the shared data directory): %v", err)
		}
	}
	code, out, errs := runCmd(t, "eval", "places", "--floors", filepath.Join("..", "..", "eval", "places_floors.txt"), gv, gc)
	if code != 0 || !strings.Contains(out, "floors: all figures at or above") {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errs)
	}
}
