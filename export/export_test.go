package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

func sample() sitrep.Event {
	f := 3
	return sitrep.Event{
		ID: "e1", EventType: sitrep.Battles, SubEventType: "Armed clash", Plover: "ASSAULT",
		Date: "2024-12-05", DatePrecision: "day",
		Actor1:     &sitrep.Actor{Name: "Opposition Rebels (Syria)", Side: "rebel", Inter: 2},
		Actor2:     &sitrep.Actor{Name: "Military Forces of Syria", Side: "government", Inter: 1},
		Location:   &sitrep.Location{Name: "Hama", Lat: 35.13, Lon: 36.75, Admin1: "Hama", Country: "Syria", CountryCode: "SY", Precision: "town"},
		Fatalities: &f, Certainty: sitrep.Reported, Attribution: "SOHR",
		Sentence: `Rebels clashed with "government forces" in Hama, killing 3.`,
		Article:  sitrep.ArticleRef{ID: "a1", Published: "2024-12-06", Source: "example"},
	}
}

func TestACLEDHeaderIsACLEDs(t *testing.T) {
	want := "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
	if got := strings.Join(ACLEDHeader, ","); got != want {
		t.Errorf("ACLED header = %s\nwant %s", got, want)
	}
}

func TestACLEDRowRoundTripsThroughCSV(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "acled")
	if err != nil {
		t.Fatal(err)
	}
	e := sample()
	if err := w.Write(&e); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the ACLED output does not parse as CSV: %v", err)
	}
	if len(recs) != 2 || len(recs[1]) != len(ACLEDHeader) {
		t.Fatalf("got %d records of %d fields, want a header and one row of %d", len(recs), len(recs[len(recs)-1]), len(ACLEDHeader))
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for col, want := range map[string]string{
		"event_date": "2024-12-05", "year": "2024", "time_precision": "1", "disorder_type": "Political violence",
		"inter1": "Rebel group", "inter2": "State forces", "interaction": "Rebel group-State forces",
		"iso": "760", "region": "Middle East", "country": "Syria", "location": "Hama",
		"latitude": "35.1300", "longitude": "36.7500", "geo_precision": "1", "fatalities": "3",
		"notes": `Rebels clashed with "government forces" in Hama, killing 3.`, "tags": "attribution=SOHR",
	} {
		if row[col] != want {
			t.Errorf("column %s = %q, want %q", col, row[col], want)
		}
	}
}

func TestACLEDUnstatedTollIsZero(t *testing.T) {
	e := sample()
	e.Fatalities = nil
	rec := ACLEDRecord(&e)
	for i, h := range ACLEDHeader {
		if h == "fatalities" && rec[i] != "0" {
			t.Errorf("fatalities = %q, want 0 for an unstated toll", rec[i])
		}
	}
}

func TestGeoJSONIsLonLat(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "geojson")
	e := sample()
	w.Write(&e)
	noLoc := sample()
	noLoc.Location = nil
	w.Write(&noLoc)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Type     string
			Geometry *struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("GeoJSON does not parse: %v\n%s", err, buf.String())
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("got %s with %d features, want a FeatureCollection of 2", fc.Type, len(fc.Features))
	}
	g := fc.Features[0].Geometry
	if g == nil || g.Type != "Point" || len(g.Coordinates) != 2 || g.Coordinates[0] != 36.75 || g.Coordinates[1] != 35.13 {
		t.Errorf("geometry = %+v, want Point [36.75, 35.13] (lon, lat)", g)
	}
	if fc.Features[1].Geometry != nil {
		t.Errorf("an event without a place has geometry %+v, want null", fc.Features[1].Geometry)
	}
	if fc.Features[0].Properties["sub_event_type"] != "Armed clash" {
		t.Errorf("properties lack the event: %v", fc.Features[0].Properties)
	}
}

func TestUnknownFormatIsAnError(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "xml"); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("NewWriter(xml) error = %v, want one naming the format", err)
	}
}

func TestFilesHoldTheRecordUnlessAskedForAll(t *testing.T) {
	one := 1
	evs := []sitrep.Event{
		{ID: "r", EventType: sitrep.Battles, SubEventType: "Armed clash", Certainty: sitrep.Reported, Date: "2024-12-06"},
		{ID: "h", EventType: sitrep.Battles, SubEventType: "Non-state actor overtakes territory", Certainty: sitrep.Hypothetical, Date: "2024-12-06"},
		{ID: "c", EventType: sitrep.Battles, SubEventType: "Non-state actor overtakes territory", Certainty: sitrep.Claimed, Date: "2024-12-06"},
		{ID: "t", EventType: sitrep.Strategic, SubEventType: "Other", Kind: sitrep.KindToll, Certainty: sitrep.Reported, Fatalities: &one, Date: "2024-12-06"},
	}
	rows := func(format string, opt Options) int {
		var b strings.Builder
		if err := WriteAll(&b, format, evs, opt); err != nil {
			t.Fatal(err)
		}
		return strings.Count(b.String(), "\n")
	}
	// ACLED: a header and the reported event; with All the hypothetical and
	// claimed ones too (tagged), never the toll.
	if got := rows("acled", Options{}); got != 2 {
		t.Errorf("acled: %d lines, want the header and 1 event", got)
	}
	if got := rows("acled", Options{All: true}); got != 4 {
		t.Errorf("acled, all: %d lines, want the header and 3 events (a toll is no ACLED row)", got)
	}
	// JSON lines say each event's certainty and kind: all of them.
	if got := rows("jsonl", Options{}); got != 4 {
		t.Errorf("jsonl: %d lines, want all 4 events", got)
	}
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
// return) as a formula, and an article is hostile text: each such text
// field is written behind a quote, as OWASP advises, and numbers as they
// are, a negative longitude included.
func TestACLEDNeutralisesFormulas(t *testing.T) {
	e := sample()
	e.Article.Source = "=HYPERLINK(\"http://x.invalid\",\"open\")"
	e.Sentence = "+1 rebels said so"
	e.Actor1.Name = "-Militia of the hills"
	e.Actor2.Name = "@group"
	e.Location.Name = "\tTown"
	e.Location.Admin1 = "\rProvince"
	e.Location.Lat, e.Location.Lon = -3.5, -12.25
	e.Attribution = "monitor" // tags start with "certainty=" or "attribution=": safe already
	var buf bytes.Buffer
	if err := WriteAll(&buf, "acled", []sitrep.Event{e}, Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("ACLED output: %d records, %v", len(recs), err)
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for col, want := range map[string]string{
		"source":     "'" + e.Article.Source,
		"notes":      "'+1 rebels said so",
		"actor1":     "'-Militia of the hills",
		"actor2":     "'@group",
		"location":   "'\tTown",
		"admin1":     "'\rProvince",
		"latitude":   "-3.5000",
		"longitude":  "-12.2500",
		"fatalities": "3",
	} {
		if row[col] != want {
			t.Errorf("column %s = %q, want %q", col, row[col], want)
		}
	}
}

func TestCSVText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=1+2", "'=1+2"},
		{"+44 20", "'+44 20"},
		{"-2 killed", "'-2 killed"},
		{"@cmd", "'@cmd"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"Hama", "Hama"},
		{"", ""},
		{"a=b", "a=b"},
	} {
		if got := CSVText(c.in); got != c.want {
			t.Errorf("CSVText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// ACLED names an area without the generic word of its official name and
// in plain letters; sitrep's record keeps the gazetteer's name.
func TestACLEDAdminNamesAsACLEDWritesThem(t *testing.T) {
	cases := []struct{ name, admin1, admin2, want1, want2 string }{
		{"a province suffix", "Lakeside Province", "Reedbank District", "Lakeside", "Reedbank"},
		{"a division suffix, any case", "Hilltop division", "", "Hilltop", ""},
		{"a French prefix", "Province du Marigot", "", "Marigot", ""},
		{"two generic words", "Upper Valley Autonomous Region", "", "Upper Valley", ""},
		{"a name that is only a generic word", "Region", "", "Region", ""},
		{"a generic word inside a word", "Stateville", "", "Stateville", ""},
		{"diacritics and an ayn", "Şa‘īd Governorate", "", "Said", ""},
		{"already plain", "Northern", "", "Northern", ""},
	}
	for _, c := range cases {
		e := sample()
		e.Location.Admin1, e.Location.Admin2 = c.admin1, c.admin2
		var buf bytes.Buffer
		if err := WriteAll(&buf, "acled", []sitrep.Event{e}, Options{}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("%s: ACLED output: %d records, %v", c.name, len(recs), err)
		}
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = recs[1][i]
		}
		if row["admin1"] != c.want1 || row["admin2"] != c.want2 {
			t.Errorf("%s: admin1, admin2 = %q, %q, want %q, %q", c.name, row["admin1"], row["admin2"], c.want1, c.want2)
		}
	}
}

// sitrep places writes a place's name as readers write it and keeps
// GeoNames' own beside it when it differs.
func TestPlaceNamesArePlainWithGeoNamesBeside(t *testing.T) {
	g := gazetteer.Default()
	var hama, homs *gazetteer.Place
	for _, c := range g.Lookup("Hama") {
		if c.Place.Level == gazetteer.LevelTown && c.Place.CountryCode == "SY" {
			hama = c.Place
		}
	}
	for _, c := range g.Lookup("Homs") {
		if c.Place.Level == gazetteer.LevelTown && c.Place.CountryCode == "SY" {
			homs = c.Place
		}
	}
	if hama == nil || homs == nil {
		t.Fatal("no Hama or Homs town in Syria")
	}
	if p := place(hama, 1); p.Name != "Hamah" || p.GeoNamesName != hama.Name || p.GeonameID != hama.GeonameID {
		t.Errorf("Hama: name %q, geonames_name %q, id %d; want Hamah, %q, %d", p.Name, p.GeoNamesName, p.GeonameID, hama.Name, hama.GeonameID)
	}
	if p := place(homs, 1); p.Name != "Homs" || p.GeoNamesName != "" {
		t.Errorf("Homs: name %q, geonames_name %q; want Homs and none beside", p.Name, p.GeoNamesName)
	}
}

// An event known only by its country: coded at the capital (ACLED's
// convention, kept in its CSV), drawn somewhere in the country (GeoJSON,
// which maps draw).
func TestACountrysEventIsDrawnInItAndCodedAtItsCapital(t *testing.T) {
	e := sample()
	e.Location = &sitrep.Location{Name: "Syria", Lat: 33.5102, Lon: 36.29128, Country: "Syria", CountryCode: "SY",
		Precision: sitrep.PrecisionCountry, Area: &sitrep.Point{Lat: 35, Lon: 38}}
	for _, c := range []struct{ format, want string }{
		{"geojson", `"coordinates":[38,35]`},
		{"acled", "33.5102,36.2913"},
	} {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, c.format)
		w.Write(&e)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("%s: want %s in\n%s", c.format, c.want, buf.String())
		}
	}
}
