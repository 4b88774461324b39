package server

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/gazetteer/geonames"
	gt "github.com/sitrep/sitrep/gazetteer/geonames/geonamestest"
)

// TestServerUsesTheGazetteerItIsGiven: with an extension in Options,
// posted text and near= find a made-up village the embedded data lacks;
// without it they do not.
func TestServerUsesTheGazetteerItIsGiven(t *testing.T) {
	dir := t.TempDir()
	dump, ext := filepath.Join(dir, "CD.zip"), filepath.Join(dir, "cd.gaz")
	gt.Zip(t, dump, "CD.txt", gt.Lines(gt.Feature{ID: 90000021, Name: "Kivulembe", Lat: -1.45, Lon: 29.35,
		Class: "P", Code: "PPL", Country: "CD", Admin1: "11", Admin2: "01"}))
	var buf bytes.Buffer
	if _, err := geonames.Import(gazetteer.DataFile(), []string{dump}, &buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ext, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Open(ext)
	if err != nil {
		t.Fatal(err)
	}
	text := "Fighting near Kivulembe killed three people."
	for _, c := range []struct {
		name string
		g    *gazetteer.Gazetteer
		want bool
	}{{"extension", g, true}, {"embedded", nil, false}} {
		ts := newTestServer(t, testStore(t, false), Options{Gazetteer: c.g})
		code, body := postTo(t, ts, "/api/places", "", "text/plain; charset=utf-8", text)
		var got struct{ Places []export.PlaceMention }
		if err := json.Unmarshal([]byte(body), &got); code != 200 || err != nil {
			t.Fatalf("%s: POST /api/places: %d %s", c.name, code, body)
		}
		found := false
		for _, m := range got.Places {
			found = found || m.Place != nil && m.GeonameID == 90000021
		}
		near := get(t, ts, "/api/incidents?near=Kivulembe", nil) == 200
		if found != c.want || near != c.want {
			t.Errorf("%s gazetteer: village in posted text %v, near=Kivulembe answered %v; want %v", c.name, found, near, c.want)
		}
	}
}
