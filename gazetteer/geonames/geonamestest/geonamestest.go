// Package geonamestest writes small GeoNames files in geonames.org's exact
// format (tab-separated columns in a zip beside a readme), for tests of
// the importer and of its users.
package geonamestest

import (
	"archive/zip"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Feature is one row of a dump; the columns it leaves empty are written
// empty, as GeoNames writes unknown values.
type Feature struct {
	ID                      int
	Name, ASCII             string
	Alts                    []string
	Lat, Lon                float64
	Class, Code             string
	Country, Admin1, Admin2 string
	Population              int
}

// Line returns the feature as a dump's line: geonameid, name, asciiname,
// alternatenames, latitude, longitude, feature class, feature code,
// country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code,
// population, elevation, dem, timezone, modification date.
func (f Feature) Line() string {
	ascii := f.ASCII
	if ascii == "" {
		ascii = f.Name
	}
	return strings.Join([]string{
		strconv.Itoa(f.ID), f.Name, ascii, strings.Join(f.Alts, ","),
		strconv.FormatFloat(f.Lat, 'f', 5, 64), strconv.FormatFloat(f.Lon, 'f', 5, 64),
		f.Class, f.Code, f.Country, "", f.Admin1, f.Admin2, "", "",
		strconv.Itoa(f.Population), "", "1500", "Africa/Lubumbashi", "2024-03-01",
	}, "\t")
}

// AltName is one row of alternateNamesV2.
type AltName struct {
	ID, GeonameID int
	Lang, Name    string
	Historic      bool
}

// Line returns the row: alternateNameId, geonameid, isolanguage,
// alternate name, isPreferredName, isShortName, isColloquial,
// isHistoric, from, to.
func (a AltName) Line() string {
	hist := ""
	if a.Historic {
		hist = "1"
	}
	return strings.Join([]string{strconv.Itoa(a.ID), strconv.Itoa(a.GeonameID), a.Lang, a.Name, "", "", "", hist, "", ""}, "\t")
}

// Zip writes a zip at path holding entry (the lines, each ended by a
// newline) and a readme.txt, as geonames.org packs its dumps.
func Zip(t testing.TB, path, entry string, lines []string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	for _, e := range []struct{ name, text string }{
		{"readme.txt", "made-up places for a test\n"},
		{entry, strings.Join(lines, "\n") + "\n"},
	} {
		w, err := z.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// Lines returns the lines of rows.
func Lines[T interface{ Line() string }](rows ...T) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Line()
	}
	return out
}
