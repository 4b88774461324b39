// Package geonames reads GeoNames' dumps as geonames.org publishes them
// (a country's XX.zip or allCountries.zip, and alternateNamesV2.zip) into
// an extension of the embedded gazetteer: the embedded places with the
// dumps' villages, towns, neighbourhoods, refugee camps and missing admin
// areas added, in the same format and keyed by the same code
// (gazetteer/internal/build), so lookups, fuzzy matching and admin names
// behave as they do on the embedded data. gazetteer.Open reads it.
//
// The extension holds the embedded data whole rather than beside it: one
// file, one index, one order of candidates (countries, regions,
// districts, towns), and nothing in the gazetteer's lookups that has to
// merge two. A dump's place whose GeoNames id the embedded data holds (or
// an area whose code it holds) is not added again; its alternate names
// are added to the embedded place.
//
// Place data (c) GeoNames (https://www.geonames.org), CC BY 4.0.
package geonames

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/gazetteer/internal/build"
	"github.com/sitrep/sitrep/gazetteer/internal/format"
	"github.com/sitrep/sitrep/gazetteer/internal/norm"
)

// Levels, as the gazetteer numbers them.
const (
	levelTown     uint8 = 0
	levelDistrict uint8 = 1
	levelRegion   uint8 = 2
)

// Stats say what an import did.
type Stats struct {
	// Rows are the dumps' rows read; Known those of places the embedded
	// data already holds (their alternate names were added to it).
	Rows, Known int
	// Towns, Areas and Camps are the places added: populated places,
	// first- and second-level areas, refugee camps.
	Towns, Areas, Camps int
	// AltNames are the rows of alternate names files used.
	AltNames int
	// Places is the extension's number of places; Bytes its size.
	Places, Bytes int
}

// Depth is the compression effort of an extension: less than go
// generate's 64, since an import of allCountries compresses a hundred
// times more, for a file a few per cent larger.
const Depth = 16

// Import reads the GeoNames files (dumps and alternate names, in any
// order: each is told by its columns) and writes to w the extension of
// base, the embedded data file (gazetteer.DataFile).
func Import(base []byte, files []string, w io.Writer) (Stats, error) {
	var st Stats
	var dumps, alts []string
	for _, f := range files {
		alt, err := kind(f)
		if err != nil {
			return st, fmt.Errorf("geonames: %w", err)
		}
		if alt {
			alts = append(alts, f)
		} else {
			dumps = append(dumps, f)
		}
	}
	d, err := format.Decode(base, norm.Version)
	if err != nil {
		return st, fmt.Errorf("geonames: the embedded gazetteer: %w", err)
	}
	im := newImporter(d)
	// The dumps first: alternate names are kept only for the places they
	// name, which the dumps decide.
	for _, f := range dumps {
		if err := eachRow(f, im.dumpRow); err != nil {
			return st, fmt.Errorf("geonames: %w", err)
		}
	}
	for _, f := range alts {
		if err := eachRow(f, im.altRow); err != nil {
			return st, fmt.Errorf("geonames: %w", err)
		}
	}
	im.st.Places = len(im.b.Places)
	data, err := im.finish()
	if err != nil {
		return im.st, fmt.Errorf("geonames: %w", err)
	}
	ext := format.WrapExtension(base, data)
	im.st.Bytes = len(ext)
	if _, err := w.Write(ext); err != nil {
		return im.st, fmt.Errorf("geonames: write: %w", err)
	}
	return im.st, nil
}

type importer struct {
	b       *build.Builder
	affixes build.Affixes
	nBase   int
	// byID maps a GeoNames id to its place: the embedded places', the
	// added ones', and a dump area's the embedded data holds by code.
	byID map[int]int32
	// areas maps "CD.11" and "CD.11.7938" to the area's place.
	areas map[string]int32
	codes map[string]string
	st    Stats
}

func newImporter(d *format.Decoded) *importer {
	im := &importer{b: build.New(), affixes: build.DefaultAffixes(), nBase: len(d.Places),
		byID: map[int]int32{}, areas: map[string]int32{}, codes: map[string]string{}}
	for _, p := range d.Places {
		i := im.b.Add(p)
		if p.GeonameID > 0 {
			im.byID[p.GeonameID] = int32(i)
		}
		if code := areaCode(&p); code != "" {
			im.areas[code] = int32(i)
		}
	}
	for _, e := range d.Keys {
		for _, p := range e.Postings {
			im.b.Post(e.Key, p.Place, p.Kind)
		}
	}
	for _, s := range d.Starts {
		im.b.Start(s)
	}
	return im
}

// areaCode is an area's code ("CD.11", "CD.11.7938"), "" for a town or a
// country.
func areaCode(p *format.Place) string {
	switch p.Level {
	case levelRegion:
		return p.Country + "." + p.Admin1
	case levelDistrict:
		return p.Country + "." + p.Admin1 + "." + p.Admin2
	}
	return ""
}

// keep says which of a dump's features the gazetteer takes, and at which
// level. Populated places are what news names, down to the hamlet and
// the quarter of a city (PPLX); the historical (PPLH: ancient sites) and
// abandoned (PPLQ) ones are not, and their names would catch words.
// First- and second-level areas fill the levels the gazetteer knows;
// below them (ADM3-ADM5) areas are mostly named after their seat, which
// is a town here already, and no level of the gazetteer holds them.
// Refugee camps (S.CMPRF) are where much of the news of displacement and
// of attacks on the displaced happens (Zamzam, Kakuma), and GeoNames
// files most of them so.
func keep(class, code string) (level uint8, ok bool) {
	switch {
	case class == "P":
		return levelTown, code != "PPLH" && code != "PPLQ"
	case class == "A" && code == "ADM1":
		return levelRegion, true
	case class == "A" && code == "ADM2":
		return levelDistrict, true
	case class == "S" && code == "CMPRF":
		return levelTown, true
	}
	return 0, false
}

// row is one line of a dump, checked.
type row struct {
	id                   int
	name, ascii, alts    string
	lat, lon             float64
	class, code, country string
	a1, a2               string
	population           int
}

func parseRow(f []string) (row, error) {
	if len(f) != dumpColumns {
		return row{}, fmt.Errorf("%d columns, want %d", len(f), dumpColumns)
	}
	r := row{name: f[1], ascii: f[2], alts: f[3], class: f[6], code: f[7], country: f[8], a1: f[10], a2: f[11]}
	var err error
	if r.id, err = strconv.Atoi(f[0]); err != nil || r.id <= 0 || r.id >= 1<<31 {
		return r, fmt.Errorf("geonameid %q: want a positive number", f[0])
	}
	if r.lat, err = strconv.ParseFloat(f[4], 64); err != nil || !(r.lat >= -90 && r.lat <= 90) {
		return r, fmt.Errorf("latitude %q: want -90 to 90", f[4])
	}
	if r.lon, err = strconv.ParseFloat(f[5], 64); err != nil || !(r.lon >= -180 && r.lon <= 180) {
		return r, fmt.Errorf("longitude %q: want -180 to 180", f[5])
	}
	if f[14] != "" {
		if r.population, err = strconv.Atoi(f[14]); err != nil || r.population < 0 {
			return r, fmt.Errorf("population %q: want a number", f[14])
		}
	}
	if len(r.name) > 200 {
		return r, fmt.Errorf("name of %d bytes", len(r.name))
	}
	return r, nil
}

func (im *importer) dumpRow(_ int, f []string) error {
	r, err := parseRow(f)
	if err != nil {
		return err
	}
	im.st.Rows++
	level, ok := keep(r.class, r.code)
	if !ok || len(r.country) != 2 || r.name == "" {
		return nil
	}
	code := ""
	if level == levelRegion {
		code = r.country + "." + r.a1
	} else if level == levelDistrict {
		code = r.country + "." + r.a1 + "." + r.a2
	}
	// A place the embedded data (or an earlier dump) holds is not added
	// twice: a town by its id, an area by its code (the embedded areas
	// have no GeoNames id, or Natural Earth's). It gains the dump's names.
	i, known := im.byID[r.id]
	if !known && code != "" {
		i, known = im.areas[code]
	}
	if known {
		im.st.Known++
		im.byID[r.id] = i
		im.alternates(int(i), splitAlts(r.alts))
		return nil
	}
	if len(im.b.Places) >= build.MaxPlaces-1 {
		return fmt.Errorf("more than %d places", build.MaxPlaces-1)
	}
	// The row's strings point into its line, alternate names and all: a
	// place keeps copies, its codes shared, or a dump's lines would stay.
	p := format.Place{Level: level, Feature: im.intern(r.code), GeonameID: r.id, Name: strings.Clone(r.name), Lat: r.lat, Lon: r.lon,
		Population: r.population, Country: im.intern(r.country), Admin1: im.intern(r.a1), Admin2: im.intern(r.a2), Admin1Ref: -1, Admin2Ref: -1}
	if level == levelTown {
		p.Admin1 = ""
		if r.a1 != "" && r.a1 != "00" { // 00: GeoNames' "not known"
			p.Admin1 = r.a1
		}
		if p.Admin1 == "" {
			p.Admin2 = ""
		}
	}
	if level == levelRegion {
		p.Admin2 = ""
	}
	ni := im.b.Add(p)
	im.byID[r.id] = int32(ni)
	switch {
	case code != "":
		im.areas[code] = int32(ni)
		im.b.AreaNames(ni, im.affixes, r.name, r.ascii)
		im.st.Areas++
	case r.code == "CMPRF":
		im.b.Name(ni, r.name, format.KindName)
		im.b.Name(ni, r.ascii, format.KindName)
		im.st.Camps++
	default:
		im.b.Name(ni, r.name, format.KindName)
		im.b.Name(ni, r.ascii, format.KindName)
		im.st.Towns++
	}
	im.alternates(ni, splitAlts(r.alts))
	return nil
}

// intern returns one copy of each code.
func (im *importer) intern(s string) string {
	if c, ok := im.codes[s]; ok {
		return c
	}
	c := strings.Clone(s)
	im.codes[c] = c
	return c
}

func splitAlts(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// alternates keys place i under the usable names of alts, an area's also
// without their generic words.
func (im *importer) alternates(i int, alts []string) {
	area := im.b.Places[i].Level == levelRegion || im.b.Places[i].Level == levelDistrict
	for _, a := range alts {
		if !build.UsableAlt(a) {
			continue
		}
		im.b.Name(i, a, format.KindAlt)
		if s := im.affixes.Strip(a); area && s != "" {
			im.b.Name(i, s, format.KindAlt)
		}
	}
}

// altRow reads a line of alternateNamesV2: alternateNameId, geonameid,
// isolanguage, alternate name, isPreferredName, isShortName,
// isColloquial, isHistoric, from, to. A name of a place the extension
// holds is keyed when its language column names a language (ISO 639: two
// or three letters, or none); the other labels GeoNames puts there mark
// what is no name (post, iata, icao, faac, unlc, link, wkdt, abbr...),
// which the dumps' alternatenames column mixes in unmarked.
func (im *importer) altRow(_ int, f []string) error {
	if len(f) != altNameColumns {
		return fmt.Errorf("%d columns, want %d", len(f), altNameColumns)
	}
	id, err := strconv.Atoi(f[1])
	if err != nil || id <= 0 {
		return fmt.Errorf("geonameid %q: want a positive number", f[1])
	}
	i, ok := im.byID[id]
	if !ok || !language(f[2]) || len(f[3]) > 200 {
		return nil
	}
	im.st.AltNames++
	im.alternates(int(i), f[3:4])
	return nil
}

func language(code string) bool {
	lang, _, _ := strings.Cut(code, "-") // zh-CN, sr-Latn
	if len(lang) == 0 && code == "" {
		return true
	}
	if len(lang) < 2 || len(lang) > 3 {
		return false
	}
	for _, c := range lang {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// finish refers the added places to their areas, seats the added areas,
// puts the places in the gazetteer's order and encodes the file.
func (im *importer) finish() ([]byte, error) {
	places := im.b.Places
	for i := im.nBase; i < len(places); i++ {
		p := &places[i]
		if a, ok := im.areas[p.Country+"."+p.Admin1]; ok && p.Admin1 != "" {
			p.Admin1Ref = int(a)
		}
		if a, ok := im.areas[p.Country+"."+p.Admin1+"."+p.Admin2]; ok && p.Admin2 != "" && p.Level != levelRegion {
			p.Admin2Ref = int(a)
		}
	}
	im.seat()
	// Countries, regions, districts, towns, as in the embedded file; the
	// embedded places keep their order and come before the added ones of
	// their level.
	order := make([]int, len(places))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(places[b].Level) - int(places[a].Level) })
	if err := im.b.Permute(order); err != nil {
		return nil, err
	}
	return im.b.Encode(Depth)
}

// seat puts each added area's seat where the embedded data puts one: at
// its largest PPLA (a region) or PPLA2 (a district) town, else at the
// area's own point.
func (im *importer) seat() {
	places := im.b.Places
	best := map[int32]int{}
	for i := range places {
		t := &places[i]
		var code string
		switch t.Feature {
		case "PPLA", "PPLC":
			code = t.Country + "." + t.Admin1
		case "PPLA2":
			code = t.Country + "." + t.Admin1 + "." + t.Admin2
		default:
			continue
		}
		a, ok := im.areas[code]
		if !ok || int(a) < im.nBase {
			continue
		}
		if j, ok := best[a]; !ok || t.Population > places[j].Population {
			best[a] = i
		}
	}
	for a, t := range best {
		places[a].SeatLat, places[a].SeatLon = places[t].Lat, places[t].Lon
	}
}
