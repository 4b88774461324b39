package eval

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
)

// The inputs below are written for the tests in the corpora's formats;
// they are not rows of the corpora.

// "Zürich" puts a two-byte character before the toponyms, so character
// and byte offsets differ. Offsets count from 1, as in the published
// GeoVirus file; the third article's location is not where it says.
const geoVirusXML = `<articles>
  <article>
    <source>made up</source>
    <text>In Zürich and Aleppo, talks.</text>
    <locations>
      <location><name>Zürich</name><start>4</start><end>10</end><lat>47.37</lat><lon>8.54</lon><page>x</page></location>
      <location><name>Aleppo</name><start>15</start><end>21</end><lat>36.2</lat><lon>37.16</lon><page>x</page></location>
    </locations>
  </article>
  <!-- <article><text>commented out</text></article> -->
  <article>
    <text>Rain in Homs.</text>
    <locations>
      <location><name>Homs</name><start>9</start><end>13</end><lat>34.73</lat><lon>36.71</lon></location>
    </locations>
  </article>
  <article>
    <text>Nothing at Hama.</text>
    <locations>
      <location><name>Hama</name><start>1</start><end>5</end><lat>35.13</lat><lon>36.75</lon></location>
    </locations>
  </article>
</articles>
`

func TestReadGeoVirusConvertsCharacterOffsetsToBytes(t *testing.T) {
	docs, bad, err := ReadGeoVirus(strings.NewReader(geoVirusXML), "gv.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Gold) != 2 {
		t.Fatalf("got %d docs, want 2 (the bad third article skipped), the first with 2 toponyms", len(docs))
	}
	for _, d := range docs {
		for _, g := range d.Gold {
			if d.Text[g.Start:g.End] != g.Name {
				t.Errorf("%s: span [%d,%d) = %q, want %q", d.ID, g.Start, g.End, d.Text[g.Start:g.End], g.Name)
			}
		}
	}
	if g := docs[0].Gold[1]; g.Start != 15 || g.Lat != 36.2 || g.GeonameID != 0 {
		t.Errorf("Aleppo = %+v, want byte 15 (character 14), lat 36.2, no id", g)
	}
	if len(bad) != 1 || !strings.Contains(bad[0].Error(), `gv.xml: article 3: location 1 "Hama"`) {
		t.Errorf("bad = %v, want one error naming gv.xml, article 3 and the location", bad)
	}
}

func TestReadGeoVirusTruncatedFileIsAnError(t *testing.T) {
	cut := geoVirusXML[:strings.Index(geoVirusXML, "Rain in")]
	docs, _, err := ReadGeoVirus(strings.NewReader(cut), "cut.xml")
	if err == nil || !strings.Contains(err.Error(), "cut.xml") {
		t.Fatalf("error = %v, want one naming cut.xml", err)
	}
	if len(docs) != 1 {
		t.Errorf("got %d docs before the cut, want 1", len(docs))
	}
}

// Tweets: one naming two places after a multi-byte character, with an
// HTML-escaped ampersand before the second (the positions count the
// unescaped text); one naming none; one whose row has a bad position.
const geoCorporaTSV = "feature_id\ttweet_id_str\ttweet_text\tchar_position\ttext\tgeoNameId\tlongitude\tlatitude\n" +
	"1\t11\t¡Hola Madrid &amp; Lyon!\t6\tMadrid\t3117735\t-3.70\t40.42\n" +
	"2\t11\t¡Hola Madrid &amp; Lyon!\t15\tLyon\t\t4.85\t45.75\n" +
	"3\t22\tno place here\t\t\t\t\t\n" +
	"4\t33\tfloods in Dhaka\tx\tDhaka\t1185241\t90.41\t23.71\n" +
	"5\t33\tfloods in Dhaka\t10\tDhaka\t1185241\t90.41\t23.71\n"

func TestReadGeoCorporaGroupsTweetsAndConvertsOffsets(t *testing.T) {
	docs, bad, err := ReadGeoCorpora(strings.NewReader(geoCorporaTSV), "gc.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Gold) != 2 || len(docs[1].Gold) != 0 {
		t.Fatalf("got %d docs, want 2: the tweet with 2 toponyms and the one with none (tweet 33 skipped)", len(docs))
	}
	d := docs[0]
	if d.Text != "¡Hola Madrid & Lyon!" {
		t.Errorf("text %q, want the unescaped tweet", d.Text)
	}
	for _, g := range d.Gold {
		if d.Text[g.Start:g.End] != g.Name {
			t.Errorf("span [%d,%d) = %q, want %q", g.Start, g.End, d.Text[g.Start:g.End], g.Name)
		}
	}
	if g := d.Gold[0]; g.Start != 7 || g.GeonameID != 3117735 || g.Lat != 40.42 || g.Lon != -3.70 {
		t.Errorf("Madrid = %+v, want byte 7, id 3117735, 40.42,-3.70", g)
	}
	if d.Gold[1].GeonameID != 0 {
		t.Errorf("Lyon id = %d, want 0 (none given)", d.Gold[1].GeonameID)
	}
	if len(bad) != 1 || !strings.Contains(bad[0].Error(), "gc.tsv:5: tweet 33: char_position") {
		t.Errorf("bad = %v, want one error naming gc.tsv, line 5 and the field", bad)
	}
}

func TestReadGeoCorporaReadsWindows1252(t *testing.T) {
	// "Montréal" with é as the single byte 0xE9.
	in := "tweet_id_str\ttweet_text\tchar_position\ttext\tlatitude\tlongitude\n1\tin Montr\xe9al\t3\tMontr\xe9al\t45.5\t-73.57\n"
	docs, bad, err := ReadGeoCorpora(strings.NewReader(in), "w.tsv")
	if err != nil || len(bad) != 0 || len(docs) != 1 || len(docs[0].Gold) != 1 {
		t.Fatalf("ReadGeoCorpora: %v %v %d docs", err, bad, len(docs))
	}
	if g := docs[0].Gold[0]; g.Name != "Montréal" || docs[0].Text[g.Start:g.End] != "Montréal" {
		t.Errorf("got %q at [%d,%d) of %q, want Montréal", g.Name, g.Start, g.End, docs[0].Text)
	}
}

func TestReadGeoCorporaRefusesAFileWithoutItsColumns(t *testing.T) {
	_, _, err := ReadGeoCorpora(strings.NewReader("a\tb\n1\t2\n"), "x.tsv")
	if err == nil || !strings.Contains(err.Error(), `x.tsv:1: header has no "tweet_id_str" column`) {
		t.Errorf("error = %v, want one naming the missing column", err)
	}
}

func TestScorePlacesArithmetic(t *testing.T) {
	p := geoparse.New(gazetteer.Default())
	text := "Shelling hit Aleppo and Homs on Monday."
	ms := p.Parse(text)
	var aleppo, homs *gazetteer.Place
	for _, m := range ms {
		switch m.Text {
		case "Aleppo":
			aleppo = m.Place
		case "Homs":
			homs = m.Place
		}
	}
	if aleppo == nil || homs == nil {
		t.Fatalf("the parser did not resolve Aleppo and Homs in %q: %+v", text, ms)
	}
	at := func(name string) (int, int) {
		i := strings.Index(text, name)
		return i, i + len(name)
	}
	a0, a1 := at("Aleppo")
	m0, m1 := at("Monday")
	// Gold: Aleppo at the parser's point with its id (right, exact id);
	// Homs is not gold (an extra mention); "Monday" as a gold toponym
	// nobody finds (a miss).
	doc := &PlaceDoc{ID: "d", Text: text, Gold: []GoldPlace{
		{Start: a0, End: a1, Name: "Aleppo", Lat: aleppo.Lat, Lon: aleppo.Lon, GeonameID: aleppo.GeonameID},
		{Start: m0, End: m1, Name: "Monday", Lat: 0, Lon: 0},
	}}
	// A second document whose gold Homs is 2 degrees of latitude (222 km)
	// off, with another id: found, beyond 161 km, not the same id.
	h0 := strings.Index(text, "Homs")
	far := homs.Lat + 2
	doc2 := &PlaceDoc{ID: "d2", Text: text, Gold: []GoldPlace{{Start: h0, End: h0 + 4, Name: "Homs", Lat: far, Lon: homs.Lon, GeonameID: homs.GeonameID + 1}}}
	var errs strings.Builder
	m := ScorePlaces(p, []*PlaceDoc{doc, doc2}, &errs)
	farKm := gazetteer.Distance(homs.Lat, homs.Lon, far, homs.Lon)
	want := PlaceMetrics{Docs: 2, Gold: 3, Mentions: 4, Found: 2, OnGold: 2, Within161: 1, ExactID: 0}
	if aleppo.GeonameID != 0 {
		want.ExactID = 1
	}
	want.WithID = 1 + want.ExactID // doc2's gold id is always set, never the parser's
	got := m
	got.Seconds, got.ErrorKm = 0, 0
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if math.Abs(m.ErrorKm-farKm) > 0.01 {
		t.Errorf("error km = %.2f, want %.2f (0 for Aleppo, the Homs offset)", m.ErrorKm, farKm)
	}
	figs := map[string]float64{}
	for _, f := range m.Figures() {
		figs[f.Name] = f.Value
	}
	for name, v := range map[string]float64{"recall": 2.0 / 3, "precision": 0.5, "acc_161km": 0.5, "found_within_161km_of_gold": 1.0 / 3, "mean_error_km": farKm / 2} {
		if math.Abs(figs[name]-v) > 1e-9 {
			t.Errorf("%s = %.4f, want %.4f", name, figs[name], v)
		}
	}
	for _, line := range []string{"MISSED\td\tMonday", "EXTRA\td\tHoms", "WRONG\td2\tHoms", "EXTRA\td2\tAleppo"} {
		if !strings.Contains(errs.String(), line) {
			t.Errorf("errors lack %q:\n%s", line, errs.String())
		}
	}
}

// The geoparsing corpora are evaluation fixtures under ../../shared/data
// (or $SITREP_DATA), never copied into the project.
func placesDataDir(t *testing.T) string {
	dir := os.Getenv("SITREP_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	dir = filepath.Join(dir, "geoparse")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no geoparsing data at %s (set SITREP_DATA to the shared data directory): %v", dir, err)
	}
	return dir
}

// TestPlacesCorpora reads both corpora whole and holds the geoparser to
// the floors of eval/places_floors.txt (speed aside: it is measured by
// `sitrep eval places`, not under a test's load).
func TestPlacesCorpora(t *testing.T) {
	dir := placesDataDir(t)
	p := geoparse.New(gazetteer.Default())
	results := map[string]PlaceMetrics{}
	for _, c := range []struct {
		file string
		read func(r io.Reader, name string) ([]*PlaceDoc, []error, error)
	}{{"GeoVirus.xml", ReadGeoVirus}, {"geocorpora.tsv", ReadGeoCorpora}} {
		f, err := os.Open(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		docs, bad, err := c.read(f, c.file)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(bad) > len(docs)/100 {
			t.Errorf("%s: %d bad records for %d docs: %v", c.file, len(bad), len(docs), bad)
		}
		results[c.file] = ScorePlaces(p, docs, nil)
	}
	failed, err := CheckFloors("places_floors.txt", results, "docs_per_sec")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range failed {
		t.Error("below floor:", f)
	}
}
