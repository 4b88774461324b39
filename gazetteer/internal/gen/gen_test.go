package main

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/gazetteer/internal/build"
)

func TestStripRemovesGenericAffixes(t *testing.T) {
	affixes := build.DefaultAffixes()
	cases := []struct{ name, want string }{
		{"Homs Governorate", "Homs"},
		{"Province du Yatenga", "Yatenga"},
		{"Province de l'Oudalan", "Oudalan"},
		{"Kirinyaga County", "Kirinyaga"},
		{"Nyamira county", "Nyamira"},
		{"Sar-e Pol Province", "Sar-e Pol"},
		{"Homs", ""},       // nothing to strip
		{"Province", ""},   // nothing would remain
		{"Statesboro", ""}, // a suffix must be a whole word
		{"Dhaka Division", "Dhaka"},
	}
	for _, c := range cases {
		if got := affixes.Strip(c.name); got != c.want {
			t.Errorf("strip(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestUsableAlt(t *testing.T) {
	cases := []struct {
		alt  string
		want bool
	}{
		{"Tallbisah", true},
		{"Deir al-Zour", true},
		{"Madīnat Ḩalab", true},
		{"DEZ", false},          // an airport code
		{"dyralzwr", false},     // a machine transliteration
		{"حلب", false},          // another script
		{"Алеппо", false},       // another script
		{"75001", false},        // a postal code
		{"http://x.org", false}, // a link
	}
	for _, c := range cases {
		if got := build.UsableAlt(c.alt); got != c.want {
			t.Errorf("usableAlt(%q) = %v, want %v", c.alt, got, c.want)
		}
	}
}

// TestBuildAndLoad runs a small world through the generator and the
// loader: what go generate writes, the gazetteer reads back.
func TestBuildAndLoad(t *testing.T) {
	affixes := build.DefaultAffixes()
	towns := []town{
		{id: 169577, name: "Homs", ascii: "Homs", alts: []string{"Hims", "حمص"}, lat: 34.72682, lon: 36.72339, feature: "PPLA", country: "SY", a1: "11", population: 775404},
		{id: 172946, name: "Ar Rastan", ascii: "Ar Rastan", alts: []string{"Al-Rastan", "Rastan"}, lat: 34.92667, lon: 36.73241, feature: "PPLA2", country: "SY", a1: "11", population: 53152},
		{id: 163779, name: "Tallbīsah", ascii: "Tallbisah", alts: []string{"Talbiseh", "DEZ"}, lat: 34.84072, lon: 36.73092, feature: "PPLA3", country: "SY", a1: "11", population: 38491},
		{id: 163532, name: "Tall Kalakh", ascii: "Tall Kalakh", lat: 34.66842, lon: 36.25995, feature: "PPLA2", country: "SY", a1: "11"},
		{id: 2988507, name: "Paris", ascii: "Paris", lat: 48.85341, lon: 2.3488, feature: "PPLC", country: "FR", a1: "11", population: 2138551},
	}
	admin1 := []adminName{{Code: "SY.11", Name: "Homs Governorate"}, {Code: "FR.11", Name: "Île-de-France"}}
	admin2 := []adminName{{Code: "SY.11.163532", Name: "Tall Kalakh District"}, {Code: "SY.11.999", Name: "Empty District"}}
	countries := []country{{iso2: "SY", name: "Syria", aliases: []string{"Syrian Arab Republic"}}, {iso2: "FR", name: "France"}, {iso2: "AQ", name: "Antarctica"}}
	aliases := map[string][]string{"SY.11": {"Hims Province"}}
	info := map[string]gnPoint{"FR": {id: 3017382, lat: 46, lon: 2}}
	// Natural Earth's point for Île-de-France lies among its towns and is
	// taken; the one for Homs is 300 km east of all of them (a code given
	// since to another area) and is not.
	areas := map[string]gnPoint{"FR.11": {id: 3012874, lat: 48.7, lon: 2.5}, "SY.11": {id: 169575, lat: 34.7, lon: 40.1}}
	b := assemble(towns, admin1, admin2, countries, info, areas, aliases, affixes)
	for _, p := range b.Places {
		switch {
		case p.Level == levelRegion && p.Country == "FR" && (p.Lat != 48.7 || p.Lon != 2.5 || p.GeonameID != 3012874):
			t.Errorf("Île-de-France: id %d at %v,%v, want Natural Earth's 3012874 at 48.7,2.5", p.GeonameID, p.Lat, p.Lon)
		case p.Level == levelRegion && p.Country == "SY" && (p.Lat != 34.72682 || p.GeonameID != 0):
			t.Errorf("Homs Governorate: id %d at %v,%v, want no id, at its seat Homs", p.GeonameID, p.Lat, p.Lon)
		case p.Level == levelCountry && p.Country == "FR" && (p.Lat != 46 || p.Lon != 2 || p.GeonameID != 3017382):
			t.Errorf("France: id %d at %v,%v, want GeoNames' 3017382 at 46,2", p.GeonameID, p.Lat, p.Lon)
		case p.Level == levelCountry && p.Country == "SY" && (p.Lat < 34 || p.Lat > 35 || p.GeonameID != 0):
			t.Errorf("Syria, not in GeoNames' table here: id %d at %v,%v, want none, at the centre of its towns' extent", p.GeonameID, p.Lat, p.Lon)
		}
	}
	file, err := b.Encode(4)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	// Antarctica has no towns and the empty district no seat: neither is
	// placed.
	if g.Country("AQ") != nil || g.Admin2("SY", "11", "999") != nil {
		t.Errorf("areas with nothing to place them by must be left out")
	}
	find := func(q, name string, lvl gazetteer.Level) *gazetteer.Place {
		for _, c := range g.Lookup(q) {
			if c.Place.Name == name && c.Place.Level == lvl {
				return c.Place
			}
		}
		t.Errorf("Lookup(%q) lacks %s (%s)", q, name, lvl)
		return nil
	}
	if p := find("Rastan", "Ar Rastan", gazetteer.LevelTown); p != nil {
		if p.Admin1 != "Homs Governorate" || p.Admin1Code != "11" || p.CountryCode != "SY" || p.GeonameID != 172946 {
			t.Errorf("Ar Rastan = %+v", p)
		}
	}
	find("Talbisseh", "Tallbīsah", gazetteer.LevelTown)
	find("Homs", "Homs Governorate", gazetteer.LevelRegion)              // without its suffix
	find("Hims", "Homs Governorate", gazetteer.LevelRegion)              // from aliases.tsv, stripped
	find("Syrian Arab Republic", "Syria", gazetteer.LevelCountry)        // a country's alias
	find("Tall Kalakh", "Tall Kalakh District", gazetteer.LevelDistrict) // without its suffix
	if len(g.Lookup("DEZ")) != 0 {
		t.Errorf("a code among alternate names must not become a key")
	}
	// Areas sit at their seats.
	if a := g.Admin1("SY", "11"); a == nil || gazetteer.Distance(a.Lat, a.Lon, 34.72682, 36.72339) > 0.01 {
		t.Errorf("Homs governorate = %+v, want it at Homs", a)
	}
	if d := g.Admin2("SY", "11", "163532"); d == nil || gazetteer.Distance(d.Lat, d.Lon, 34.66842, 36.25995) > 0.01 {
		t.Errorf("Tall Kalakh District = %+v, want it at its namesake town", d)
	}
	if !g.StartsName("Ar") || !g.StartsName("Tall") || g.StartsName("Paris") {
		t.Errorf("StartsName: Ar and Tall start names of several words, Paris none")
	}
}
