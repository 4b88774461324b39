package gazetteer

import (
	"math"
	"runtime"
	"testing"
)

func TestKeyJoinsSpellings(t *testing.T) {
	// Each group is one place as news spells it; all must share a key.
	groups := []struct {
		name      string
		spellings []string
	}{
		{"doubled letters and -eh/-ah endings", []string{"Talbisseh", "Talbiseh", "Talbisse", "Tallbisah", "Tallbīsah"}},
		{"Arabic article before the name", []string{"Al-Rastan", "Rastan", "Ar Rastan", "ar-Rastan"}},
		{"article in the middle", []string{"Deir ez-Zor", "Deir-ez-Zor"}},
		{"article in the middle, spaced", []string{"Jisr ash-Shughur", "Jisr Ash Shughur", "Jisr-ash-Shughur"}},
		{"final -h", []string{"Hama", "Hamah", "Ḩamāh"}},
		{"article and final -ah", []string{"Raqqa", "Al-Raqqah", "Ar Raqqah", "ar-Raqqa"}},
		{"apostrophes join", []string{"Ma'arrat an-Nu'man", "Maarrat al-Numan", "Ma‘arrat al-Nu‘man", "Maʿarrat al-Nuʿman"}},
		{"apostrophe for a final ayn", []string{"Dar'a", "Daraa", "Dara", "Darʿā"}},
		{"Persian connector", []string{"Mazar-i-Sharif", "Mazar-e Sharif", "Mazar Sharif"}},
		{"spaces do not count", []string{"Dawlat Abad", "Dawlatabad", "Dawlat-Abad"}},
		{"ou and u", []string{"Tartous", "Tartus"}},
		{"iy and i", []string{"Harmushiyah", "Harmoushieh", "Harmushiya"}},
		{"case", []string{"KABUL", "Kabul", "kabul"}},
	}
	for _, g := range groups {
		want := Key(g.spellings[0])
		for _, s := range g.spellings[1:] {
			if got := Key(s); got != want {
				t.Errorf("%s: Key(%q) = %q, want %q (the key of %q)", g.name, s, got, want, g.spellings[0])
			}
		}
	}
}

func TestSkeletonJoinsLooserSpellings(t *testing.T) {
	groups := []struct {
		name      string
		spellings []string
	}{
		{"vowels of Deir ez-Zor", []string{"Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"}},
		{"vowels of Idlib", []string{"Idlib", "Idleb"}},
		{"vowels of Homs", []string{"Homs", "Hims"}},
		{"kh and q", []string{"Khan Shaykhun", "Khan Sheikhoun", "Khan Shaykhoun"}},
	}
	for _, g := range groups {
		want := Skeleton(Key(g.spellings[0]))
		for _, s := range g.spellings[1:] {
			if got := Skeleton(Key(s)); got != want {
				t.Errorf("%s: Skeleton(Key(%q)) = %q, want %q", g.name, s, got, want)
			}
		}
	}
}

func TestKeyKeepsDistinctNamesApart(t *testing.T) {
	pairs := [][2]string{{"Homs", "Hama"}, {"Aleppo", "Idlib"}, {"Iran", "Iraq"}, {"Niger", "Nigeria"}, {"As", "El"}, {"Al-Wa'er", "Wa"}}
	for _, p := range pairs {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) = Key(%q) = %q, want different keys", p[0], p[1], Key(p[0]))
		}
	}
	if Key("As") == "" || Key("El") == "" {
		t.Errorf("a name that is only an article must keep a key")
	}
}

// has reports whether cs holds a place with that name, country and level.
func has(cs []Candidate, name, cc string, lvl Level) *Candidate {
	for i, c := range cs {
		if c.Place.Name == name && c.Place.CountryCode == cc && c.Place.Level == lvl {
			return &cs[i]
		}
	}
	return nil
}

func TestLookup(t *testing.T) {
	g := Default()
	cases := []struct {
		name     string
		query    string
		place    string // GeoNames name of the place that must be among the candidates
		cc       string
		lvl      Level
		fuzzyOK  bool
		admin1   string // its admin1 name, when checked
		admin1Cd string
	}{
		{"Talbisseh is Tallbisah in Homs", "Talbisseh", "Tallbīsah", "SY", LevelTown, false, "Homs", "11"},
		{"Tallbisah is Tallbisah", "Tallbisah", "Tallbīsah", "SY", LevelTown, false, "Homs", "11"},
		{"Rastan is Ar Rastan", "Rastan", "Ar Rastan", "SY", LevelTown, false, "Homs", "11"},
		{"Al-Rastan is Ar Rastan", "Al-Rastan", "Ar Rastan", "SY", LevelTown, false, "", ""},
		{"Deir ez-Zor city", "Deir ez-Zor", "Deir ez-Zor", "SY", LevelTown, false, "", ""},
		{"Deir al-Zour is an alternate name", "Deir al-Zour", "Deir ez-Zor", "SY", LevelTown, false, "", ""},
		{"Dayr az Zawr is an alternate name", "Dayr az Zawr", "Deir ez-Zor", "SY", LevelTown, false, "", ""},
		{"Deir Ezzor by loose key", "Deir Ezzor", "Deir ez-Zor", "SY", LevelTown, false, "", ""},
		{"Idleb city", "Idleb", "Idlib", "SY", LevelTown, true, "", ""},
		{"Idleb governorate", "Idleb", "Idlib", "SY", LevelRegion, false, "", ""},
		{"Hamah is Hama", "Hamah", "Ḩamāh", "SY", LevelTown, false, "", ""},
		{"Raqqa", "Raqqa", "Ar Raqqah", "SY", LevelTown, false, "", ""},
		{"Al-Raqqah", "Al-Raqqah", "Ar Raqqah", "SY", LevelTown, false, "", ""},
		{"Aleppo", "Aleppo", "Aleppo", "SY", LevelTown, false, "Aleppo", "09"},
		{"Homs", "Homs", "Homs", "SY", LevelTown, false, "", ""},
		{"Hims is Homs", "Hims", "Homs", "SY", LevelTown, false, "", ""},
		{"Kabul", "Kabul", "Kabul", "AF", LevelTown, false, "", ""},
		{"Ouagadougou", "Ouagadougou", "Ouagadougou", "BF", LevelTown, false, "", ""},
		{"Mogadishu", "Mogadishu", "Mogadishu", "SO", LevelTown, false, "", ""},
		{"Syria the country", "Syria", "Syria", "SY", LevelCountry, false, "", ""},
		{"country alias", "DRC", "Democratic Republic of Congo", "CD", LevelCountry, false, "", ""},
		{"Congo alone is the larger Congo, as news writes it", "Congo", "Democratic Republic of Congo", "CD", LevelCountry, false, "", ""},
		{"the smaller Congo by its republic", "Republic of Congo", "Republic of the Congo", "CG", LevelCountry, false, "", ""},
		{"governorate without its suffix", "Damascus", "Damascus Governorate", "SY", LevelRegion, false, "", ""},
		{"English name of an admin1 area from aliases.tsv", "Rural Damascus", "Rif-dimashq", "SY", LevelRegion, false, "", ""},
		{"county without its suffix", "Kirinyaga", "Kirinyaga County", "KE", LevelRegion, false, "", ""},
		{"province prefix stripped", "Yatenga", "Province du Yatenga", "BF", LevelDistrict, false, "", ""},
	}
	for _, c := range cases {
		cs := g.Lookup(c.query)
		got := has(cs, c.place, c.cc, c.lvl)
		if got == nil {
			var names []string
			for _, x := range cs {
				names = append(names, x.Place.Name+"/"+x.Place.CountryCode+"/"+x.Place.Level.String())
			}
			t.Errorf("%s: Lookup(%q) lacks %s (%s, %s); got %v", c.name, c.query, c.place, c.cc, c.lvl, names)
			continue
		}
		if got.Fuzzy && !c.fuzzyOK {
			t.Errorf("%s: Lookup(%q) found %s only fuzzily", c.name, c.query, c.place)
		}
		if c.admin1 != "" && (got.Place.Admin1 != c.admin1 || got.Place.Admin1Code != c.admin1Cd) {
			t.Errorf("%s: %s is in %q (%s), want %q (%s)", c.name, c.place, got.Place.Admin1, got.Place.Admin1Code, c.admin1, c.admin1Cd)
		}
	}
}

func TestLookupUnknownNameIsEmpty(t *testing.T) {
	for _, q := range []string{"", "Xqzvvbn", "-", "the"} {
		if cs := Default().Lookup(q); len(cs) != 0 && q != "the" {
			t.Errorf("Lookup(%q) = %d candidates, want none", q, len(cs))
		}
	}
}

func TestOnePlacePerIndex(t *testing.T) {
	g := Default()
	a := g.Lookup("Homs")
	b := g.Lookup("Hims")
	for _, x := range a {
		for _, y := range b {
			if x.Place.Index() == y.Place.Index() && x.Place != y.Place {
				t.Fatalf("two *Place for index %d", x.Place.Index())
			}
		}
	}
}

func TestAreas(t *testing.T) {
	g := Default()
	homs := g.Admin1("SY", "11")
	if homs == nil || homs.Name != "Homs" || homs.Level != LevelRegion {
		t.Fatalf("Admin1(SY, 11) = %+v, want the Homs governorate", homs)
	}
	sy := g.Country("SY")
	if sy == nil || sy.Name != "Syria" || sy.Level != LevelCountry {
		t.Fatalf("Country(SY) = %+v, want Syria", sy)
	}
	// The governorate carries GeoNames' id and a point inside it (Natural
	// Earth's, in the desert east of the city), and its seat, the city of
	// Homs, where events reported only by the governorate are coded.
	if homs.GeonameID != 169575 {
		t.Errorf("Homs governorate: GeoNames id %d, want 169575", homs.GeonameID)
	}
	if d := Distance(homs.SeatLat, homs.SeatLon, 34.7268, 36.7234); d > 5 {
		t.Errorf("Homs governorate's seat is %.0f km from the city of Homs", d)
	}
	if d := Distance(homs.Lat, homs.Lon, 34.7268, 36.7234); d < 50 || d > 250 {
		t.Errorf("Homs governorate's point is %.0f km from the city of Homs, want inside the governorate, east of it", d)
	}
	// A country's seat is its capital.
	if d := Distance(sy.SeatLat, sy.SeatLon, 33.5102, 36.2913); d > 5 {
		t.Errorf("Syria's seat is %.0f km from Damascus", d)
	}
	if d := Distance(sy.Lat, sy.Lon, 35.0, 38.0); d > 250 {
		t.Errorf("Syria's centre is %.0f km from the middle of the country", d)
	}
	rastan := has(g.Lookup("Rastan"), "Ar Rastan", "SY", LevelTown)
	if rastan == nil {
		t.Fatal("no Ar Rastan")
	}
	if !homs.Contains(rastan.Place) || !sy.Contains(homs) || homs.Contains(sy) {
		t.Errorf("containment: Homs governorate must contain Ar Rastan, Syria must contain Homs governorate, not the reverse")
	}
	if p := g.Parent(rastan.Place); p == nil || (p != homs && g.Parent(p) != homs) {
		t.Errorf("Parent(Ar Rastan) = %v, want an area within Homs governorate", p)
	}
	if g.Admin1("SY", "99") != nil || g.Country("XX") != nil {
		t.Errorf("unknown codes must give nil")
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", 34.7, 36.7, 34.7, 36.7, 0},
		{"Homs to Damascus", 34.7268, 36.7234, 33.5102, 36.2913, 140},
		{"quarter of the equator", 0, 0, 0, 90, 10008},
	}
	for _, c := range cases {
		if got := Distance(c.lat1, c.lon1, c.lat2, c.lon2); math.Abs(got-c.want) > c.want*0.02+1 {
			t.Errorf("%s: Distance = %.1f km, want %.0f", c.name, got, c.want)
		}
	}
}

func TestLoadRejectsOtherFiles(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("SRG2"), []byte("not a data file at all"), placesBin[:len(placesBin)/2]} {
		if _, err := Load(b); err == nil {
			t.Errorf("Load(%d bytes) = nil error, want one", len(b))
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	var g *Gazetteer
	for b.Loop() {
		var err error
		if g, err = Load(placesBin); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/1e6, "heapMB")
	runtime.KeepAlive(g)
}

func BenchmarkLookup(b *testing.B) {
	g := Default()
	names := []string{"Talbisseh", "Aleppo", "Deir al-Zour", "Government", "Xqzvvbn", "Hama", "Kabul", "Idleb"}
	var cs []Candidate
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		cs = g.AppendLookup(cs[:0], names[i%len(names)])
	}
}

func BenchmarkHas(b *testing.B) {
	g := Default()
	names := []string{"Talbisseh", "Aleppo", "Government", "Xqzvvbn", "President", "Hama"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Has(names[i%len(names)])
	}
}

func TestPointNamesTheTown(t *testing.T) {
	g := Default()
	cases := []struct {
		name, typed string
		lat, lon    float64 // where the answer must be, within 5 km
		admin1      string  // else: the point of this Syrian governorate
	}{
		{name: "a town that is also a governorate is the town", typed: "Homs", lat: 34.73, lon: 36.72},
		{name: "a capital that is also a governorate is the capital", typed: "Damascus", lat: 33.51, lon: 36.29},
		{name: "lower case", typed: "hama", lat: 35.13, lon: 36.76},
		{name: "the words say governorate", typed: "Homs governorate", admin1: "11"},
		{name: "the words say province, a name keyed without them", typed: "Tartus province", admin1: "14"},
		{name: "a town whose own name carries a generic word is the town", typed: "Mexico City", lat: 19.43, lon: -99.13},
		{name: "coordinates", typed: "35.5, 36.1", lat: 35.5, lon: 36.1},
	}
	for _, c := range cases {
		if c.admin1 != "" {
			a := g.Admin1("SY", c.admin1)
			c.lat, c.lon = a.Lat, a.Lon
		}
		lat, lon, label, err := g.Point(c.typed)
		if err != nil {
			t.Errorf("%s: Point(%q): %v", c.name, c.typed, err)
			continue
		}
		if d := Distance(lat, lon, c.lat, c.lon); d > 5 {
			t.Errorf("%s: Point(%q) = %.4f,%.4f (%s), %.0f km from %.2f,%.2f", c.name, c.typed, lat, lon, label, d, c.lat, c.lon)
		}
	}
}

func TestAreaNameDropsGenericWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Lakeside Province", "Lakeside"},
		{"Lakeside province", "Lakeside"},
		{"Province of Lakeside", "Lakeside"},
		{"Région du Marigot", "Marigot"},
		{"Upper Valley Autonomous Region", "Upper Valley"},
		{"Province", "Province"},
		{"Stateville", "Stateville"},
		{"\rProvince", "\rProvince"},
		{"Lakeside", "Lakeside"},
	} {
		if got := AreaName(c.in); got != c.want {
			t.Errorf("AreaName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if !NamesArea("Homs governorate") || NamesArea("Homs") {
		t.Errorf("NamesArea: want true for %q, false for %q", "Homs governorate", "Homs")
	}
}

func TestPlainWritesNamesAsEnglishNewsDoes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ḩamāh", "Hamah"},
		{"Tallbīsah", "Tallbisah"},
		{"Ma‘arrat an Nu‘mān", "Maarrat an Numan"},
		{"Ta`ib al `Ayn", "Taib al Ayn"},
		{"Ma’rib", "Marib"},
		{"Cox’s Bāzār", "Cox's Bazar"},
		{"Dar'a", "Dar'a"},
		{"Şanlıurfa", "Sanliurfa"},
		{"Łódź", "Lodz"},
		{"Homs", "Homs"},
		{"حماة", "حماة"},
	} {
		if got := Plain(c.in); got != c.want {
			t.Errorf("Plain(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TownsOf lists a country's towns, and only its towns; Name is a
// place's name without the place.
func TestTownsOf(t *testing.T) {
	g := Default()
	var saraqib *Place
	for _, c := range g.Lookup("Saraqib") {
		if c.Place.CountryCode == "SY" && c.Place.Level == LevelTown {
			saraqib = c.Place
		}
	}
	if saraqib == nil {
		t.Fatal("no Saraqib in Syria")
	}
	found := false
	for _, i := range g.TownsOf("SY") {
		p := g.Place(int(i))
		if p.Level != LevelTown || p.CountryCode != "SY" || g.Name(int(i)) != p.Name {
			t.Errorf("TownsOf gave %s (%s, %s), named %q", p.Name, p.Level, p.CountryCode, g.Name(int(i)))
		}
		found = found || p == saraqib
	}
	if !found {
		t.Errorf("TownsOf(SY) lacks %s", saraqib.Name)
	}
	if g.TownsOf("") != nil || g.TownsOf("XX") != nil {
		t.Error("towns of no country")
	}
}
