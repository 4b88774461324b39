package main

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
)

// `sitrep events --format csv` is opened in spreadsheets as the ACLED
// export is: text that would run as a formula is quoted, numbers are not.
func TestEventsCSVNeutralisesFormulas(t *testing.T) {
	e := sitrep.Event{
		ID: "e1", Date: "2024-12-05", EventType: sitrep.Battles, SubEventType: "Armed clash",
		Actor1:   &sitrep.Actor{Name: "=cmd|' /C calc'!A0"},
		Actor2:   &sitrep.Actor{Name: "+militia"},
		Location: &sitrep.Location{Name: "@place", CountryCode: "SY", Lat: -1.5, Lon: -70.25},
		Sentence: "-5 said the toll", Certainty: sitrep.Reported,
		Article: sitrep.ArticleRef{ID: "a1", URL: "\thttp://x.invalid/"},
	}
	var buf bytes.Buffer
	if err := writeEvents(&buf, "csv", []sitrep.Event{e}, export.Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("events CSV: %d records, %v", len(recs), err)
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for col, want := range map[string]string{
		"actor1":    "'=cmd|' /C calc'!A0",
		"actor2":    "'+militia",
		"location":  "'@place, SY",
		"sentence":  "'-5 said the toll",
		"url":       "'\thttp://x.invalid/",
		"latitude":  "-1.50000",
		"longitude": "-70.25000",
	} {
		if row[col] != want {
			t.Errorf("column %s = %q, want %q", col, row[col], want)
		}
	}
}
