package geonames_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/gazetteer/geonames"
	gt "github.com/sitrep/sitrep/gazetteer/geonames/geonamestest"
)

// Made-up places in North Kivu (admin1 11 of CD in the embedded data),
// none of which the embedded data holds, beside a real one it does
// (Goma, 216281) and features the importer must leave out.
var world = []gt.Feature{
	{ID: 90000001, Name: "Kivulembé", ASCII: "Kivulembe", Alts: []string{"Kivulembe Centre", "KVL", "kivulembe"}, Lat: -1.45, Lon: 29.35, Class: "P", Code: "PPL", Country: "CD", Admin1: "11", Admin2: "01", Population: 800},
	{ID: 90000002, Name: "Nyabutaka", Lat: -1.1, Lon: 29.2, Class: "P", Code: "PPL", Country: "CD", Admin1: "11", Admin2: "97"},
	{ID: 90000003, Name: "Bwisha-Kati Territory", Lat: -1.0, Lon: 29.3, Class: "A", Code: "ADM2", Country: "CD", Admin1: "11", Admin2: "97"},
	{ID: 90000004, Name: "Mugerero Camp", Lat: -1.6, Lon: 29.1, Class: "S", Code: "CMPRF", Country: "CD", Admin1: "11"},
	{ID: 216281, Name: "Goma", Alts: []string{"Gomaville"}, Lat: -1.67409, Lon: 29.22845, Class: "P", Code: "PPLA", Country: "CD", Admin1: "11", Admin2: "01", Population: 670575},
	{ID: 90000005, Name: "Rivière Ngombazi", Lat: -1.2, Lon: 29.4, Class: "H", Code: "STM", Country: "CD", Admin1: "11"},
	{ID: 90000006, Name: "Old Kabindu", Lat: -1.3, Lon: 29.4, Class: "P", Code: "PPLH", Country: "CD", Admin1: "11"},
}

var altNames = []gt.AltName{
	{ID: 1, GeonameID: 90000002, Lang: "fr", Name: "Nyabutaka-Kati"},
	{ID: 2, GeonameID: 90000001, Lang: "unlc", Name: "CDKVB"}, // a UN/LOCODE: a code, not a name
	{ID: 3, GeonameID: 90000001, Lang: "link", Name: "https://example.org/Kivulembe"},
	{ID: 4, GeonameID: 206938, Lang: "en", Name: "Kivu-Kaskazini Province"}, // the embedded North Kivu
	{ID: 5, GeonameID: 90000099, Lang: "en", Name: "Nowhere Ndogo"},         // a place not imported
}

var imported struct {
	once sync.Once
	g    *gazetteer.Gazetteer
	st   geonames.Stats
	path string
	err  error
}

// importWorld writes the dump and alternate names as geonames.org packs
// them, imports them, and opens the extension; once for all the tests,
// since an import re-encodes the whole embedded data (seconds).
func importWorld(t *testing.T) (*gazetteer.Gazetteer, geonames.Stats, string) {
	t.Helper()
	imported.once.Do(func() {
		imported.g, imported.st, imported.path, imported.err = importFiles(t)
	})
	if imported.err != nil {
		t.Fatal(imported.err)
	}
	return imported.g, imported.st, imported.path
}

func importFiles(t *testing.T) (*gazetteer.Gazetteer, geonames.Stats, string, error) {
	dir, err := os.MkdirTemp("", "geonames-test-")
	if err != nil {
		return nil, geonames.Stats{}, "", err
	}
	dump, alts := filepath.Join(dir, "CD.zip"), filepath.Join(dir, "alternateNamesV2.zip")
	gt.Zip(t, dump, "CD.txt", gt.Lines(world...))
	gt.Zip(t, alts, "alternateNamesV2.txt", gt.Lines(altNames...))
	ext := filepath.Join(dir, "cd.gaz")
	var buf bytes.Buffer
	// The alternate names first: the importer orders the files itself.
	st, err := geonames.Import(gazetteer.DataFile(), []string{alts, dump}, &buf)
	if err != nil {
		return nil, st, "", err
	}
	if err := os.WriteFile(ext, buf.Bytes(), 0o644); err != nil {
		return nil, st, "", err
	}
	g, err := gazetteer.Open(ext)
	return g, st, ext, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if imported.path != "" {
		os.RemoveAll(filepath.Dir(imported.path))
	}
	os.Exit(code)
}

// only returns the one candidate of name (not fuzzy), failing otherwise.
func only(t *testing.T, g *gazetteer.Gazetteer, name string) *gazetteer.Place {
	t.Helper()
	cs := g.Lookup(name)
	if len(cs) != 1 || cs[0].Fuzzy {
		var got []string
		for _, c := range cs {
			got = append(got, c.Place.Name+" "+c.Place.CountryCode)
		}
		t.Fatalf("Lookup(%q) = %q, want one place", name, got)
	}
	return cs[0].Place
}

func TestImportAddsVillagesTheEmbeddedDataLacks(t *testing.T) {
	g, st, _ := importWorld(t)
	base := gazetteer.Default()
	for _, name := range []string{"Kivulembe", "Nyabutaka", "Bwisha-Kati", "Mugerero Camp"} {
		if base.Has(name) {
			t.Fatalf("the embedded data has %q: the test needs a name it lacks", name)
		}
	}
	p := only(t, g, "Kivulembe")
	if p.GeonameID != 90000001 || p.Level != gazetteer.LevelTown || p.Name != "Kivulembé" ||
		p.Admin1 != "North Kivu" || p.Admin2 != "Goma" || p.Lat != -1.45 || p.Population != 800 {
		t.Errorf("Kivulembe = %+v, want the village of the dump, in the embedded North Kivu and Goma", p)
	}
	if q := only(t, g, "Kivulembe Centre"); q != p {
		t.Errorf("an alternate name of the dump's column must name the village")
	}
	// A district the embedded data lacks comes with its own point, under
	// its name without "Territory", and its towns name it.
	d := only(t, g, "Bwisha-Kati")
	if d.Level != gazetteer.LevelDistrict || d.Admin1 != "North Kivu" || d.SeatLat != -1.0 {
		t.Errorf("Bwisha-Kati = %+v, want a district of North Kivu seated at its point", d)
	}
	if n := only(t, g, "Nyabutaka"); n.Admin2 != "Bwisha-Kati Territory" || g.Parent(n) != d {
		t.Errorf("Nyabutaka = %+v (parent %v), want it in the added district", n, g.Parent(n))
	}
	if c := only(t, g, "Mugerero Camp"); c.Feature != "CMPRF" || c.Level != gazetteer.LevelTown {
		t.Errorf("the refugee camp = %+v, want a town-level place", c)
	}
	if st.Towns != 2 || st.Areas != 1 || st.Camps != 1 || st.Known != 1 || g.Len() != base.Len()+4 {
		t.Errorf("stats %+v, %d places; want 2 towns, 1 area, 1 camp added to the embedded %d, Goma known", st, g.Len(), base.Len())
	}
}

func TestImportAddsNoPlaceTwice(t *testing.T) {
	g, _, _ := importWorld(t)
	goma := 0
	for _, c := range g.Lookup("Goma") {
		if c.Place.GeonameID == 216281 {
			goma++
		}
	}
	if goma != 1 {
		t.Errorf("Goma (216281) is %d places, want the embedded one only", goma)
	}
	if p := only(t, g, "Gomaville"); p.GeonameID != 216281 {
		t.Errorf("the dump's alternate name of a known town names %+v, want the embedded Goma", p)
	}
	// Features the gazetteer does not take: a stream, a historical site.
	for _, name := range []string{"Rivière Ngombazi", "Old Kabindu"} {
		for _, c := range g.Lookup(name) {
			if c.Place.GeonameID >= 90000005 {
				t.Errorf("Lookup(%q) finds %+v, which must be left out", name, c.Place)
			}
		}
	}
}

func TestImportTakesAlternateNamesByLanguage(t *testing.T) {
	g, st, _ := importWorld(t)
	if p := only(t, g, "Nyabutaka-Kati"); p.GeonameID != 90000002 {
		t.Errorf("a French alternate name names %+v", p)
	}
	if p := only(t, g, "Kivu-Kaskazini"); p.Level != gazetteer.LevelRegion || p.Name != "North Kivu" {
		t.Errorf("an English name of the embedded North Kivu (without Province) names %+v", p)
	}
	for _, code := range []string{"CDKVB", "KVL", "Nowhere Ndogo"} {
		if cs := g.Lookup(code); len(cs) > 0 && cs[0].Place.GeonameID >= 90000000 {
			t.Errorf("Lookup(%q) = %+v: a code, or a place not imported, must name nothing", code, cs[0].Place)
		}
	}
	if st.AltNames != 2 {
		t.Errorf("%d alternate names used, want the 2 of imported or embedded places in a language (link and unlc are no language)", st.AltNames)
	}
}

// TestImportOfNothingIsTheEmbeddedData: the extension keeps every
// embedded place, field and key as it was.
func TestImportOfNothingIsTheEmbeddedData(t *testing.T) {
	var buf bytes.Buffer
	if _, err := geonames.Import(gazetteer.DataFile(), nil, &buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "empty.gaz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	base := gazetteer.Default()
	if g.Len() != base.Len() {
		t.Fatalf("%d places, want the embedded %d", g.Len(), base.Len())
	}
	for i := 0; i < base.Len(); i += 97 {
		a, b := *base.Place(i), *g.Place(i)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("place %d = %+v, want %+v", i, b, a)
		}
		ca, cb := base.Lookup(a.Name), g.Lookup(a.Name)
		if len(ca) != len(cb) {
			t.Fatalf("Lookup(%q): %d candidates, want %d", a.Name, len(cb), len(ca))
		}
		for j := range ca {
			if ca[j].Place.Index() != cb[j].Place.Index() || ca[j].Alt != cb[j].Alt || ca[j].Fuzzy != cb[j].Fuzzy {
				t.Fatalf("Lookup(%q)[%d] differs", a.Name, j)
			}
		}
	}
}

func TestImportRefusesWhatIsNoGeoNamesTable(t *testing.T) {
	dir := t.TempDir()
	bad := world[0]
	bad.Lat = 123
	cases := []struct {
		name, entry string
		lines       []string
		want        string
	}{
		{"seven.zip", "seven.txt", []string{"1\t2\t3\t4\t5\t6\t7"}, "line 1 has 7 columns"},
		{"lat.zip", "lat.txt", gt.Lines(world[1], bad), "lat.zip:2: latitude \"123.00000\""},
		{"old.zip", "alternateNames.txt", []string{"1\t2\ten\tX\t\t\t\t"}, "alternateNamesV2"},
		{"empty.zip", "empty.txt", nil, "empty"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		gt.Zip(t, path, c.entry, c.lines)
		_, err := geonames.Import(gazetteer.DataFile(), []string{path}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: error %v, want one naming the file and %q", c.name, err, c.want)
		}
	}
	_, err := geonames.Import(gazetteer.DataFile(), []string{filepath.Join(dir, "CD.zip")}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "CD.zip") {
		t.Errorf("a missing file: %v, want an error naming it", err)
	}
}

func TestOpenRefusesDamagedOrForeignExtensions(t *testing.T) {
	_, _, ext := importWorld(t)
	file, err := os.ReadFile(ext)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cut := write("cut.gaz", file[:len(file)/2])
	flipped := bytes.Clone(file)
	flipped[len(flipped)-10] ^= 1
	foreign := bytes.Clone(file)
	foreign[5] ^= 1 // the embedded data's sum
	cases := []struct{ path, want string }{
		{cut, "damaged"},
		{write("flipped.gaz", flipped), "damaged"},
		{write("foreign.gaz", foreign), "another version of the embedded gazetteer"},
		{write("text.gaz", []byte("Goma\tKivu\n")), "not a sitrep gazetteer extension"},
		{filepath.Join(dir, "missing.gaz"), "no such file"},
	}
	for _, c := range cases {
		_, err := gazetteer.Open(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
			t.Errorf("Open(%s) = %v, want an error naming the file and %q", filepath.Base(c.path), err, c.want)
		}
	}
}

// TestExtractorPlacesEventsInImportedVillages: the extractor over the
// extension codes a change of control at the village; over the embedded
// data it cannot.
func TestExtractorPlacesEventsInImportedVillages(t *testing.T) {
	g, _, _ := importWorld(t)
	a := sitrep.Article{ID: "a", Published: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC),
		Text: "M23 rebels seized Nyabutaka on Monday after clashes with the army, residents said."}
	at := func(x *extract.Extractor) (names []string) {
		for _, e := range x.Extract(&a) {
			if e.Location != nil {
				names = append(names, e.Location.Name+"/"+e.Location.Admin2)
			}
		}
		return names
	}
	x, err := extract.WithGazetteer(g)
	if err != nil {
		t.Fatal(err)
	}
	if got := at(x); !slices.Contains(got, "Nyabutaka/Bwisha-Kati Territory") {
		t.Errorf("events at %q, want one at Nyabutaka, in its district", got)
	}
	def, err := extract.WithGazetteer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := at(def); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "Nyabutaka") }) {
		t.Errorf("without the extension, events at %q: the embedded data has no Nyabutaka", got)
	}
}

// TestImportOfOneDumpTwiceAddsItOnce: a country's dump given beside
// allCountries (or twice) repeats its ids; the second row of an id is
// the same place.
func TestImportOfOneDumpTwiceAddsItOnce(t *testing.T) {
	dump := filepath.Join(t.TempDir(), "CD.zip")
	gt.Zip(t, dump, "CD.txt", gt.Lines(world[0], world[1]))
	st, err := geonames.Import(gazetteer.DataFile(), []string{dump, dump}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Towns != 2 || st.Known != 2 || st.Places != gazetteer.Default().Len()+2 {
		t.Errorf("stats %+v: want the 2 villages added once, known the second time", st)
	}
}
