package gazetteer

import (
	_ "embed"
	"strings"
	"sync"
)

// Country is one row of countries.tsv.
type Country struct {
	ISO2, ISO3 string
	// Name is the English name news uses ("Syria", not "Syrian Arab Republic").
	Name string
	// Aliases are other names of the country.
	Aliases []string
	// Demonyms are the adjectives and nouns for its people ("Syrian").
	Demonyms []string
	// Region is ACLED's region ("Middle East", "Western Africa").
	Region string
	// Numeric is the ISO 3166-1 numeric code ("760"), which ACLED's iso
	// column holds; empty for Kosovo, which has none.
	Numeric string
}

//go:embed countries.tsv
var countriesTSV string

var countries struct {
	once      sync.Once
	list      []*Country
	byCode    map[string]*Country
	byDemonym map[string][]*Country
}

func loadCountries() {
	c := &countries
	c.byCode = map[string]*Country{}
	c.byDemonym = map[string][]*Country{}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			panic("gazetteer: countries.tsv: bad line: " + line)
		}
		k := &Country{ISO2: f[0], ISO3: f[1], Name: f[2], Aliases: splitList(f[3]), Demonyms: splitList(f[4]), Region: f[5], Numeric: f[6]}
		c.list = append(c.list, k)
		c.byCode[k.ISO2] = k
		c.byCode[k.ISO3] = k
		for _, d := range k.Demonyms {
			key := strings.ToLower(d)
			c.byDemonym[key] = append(c.byDemonym[key], k)
		}
	}
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// Countries returns every country, ordered by ISO2 code.
func Countries() []*Country {
	countries.once.Do(loadCountries)
	return countries.list
}

// CountryByCode returns the country with ISO 3166 alpha-2 or alpha-3 code
// code, or nil.
func CountryByCode(code string) *Country {
	countries.once.Do(loadCountries)
	return countries.byCode[strings.ToUpper(code)]
}

// CountriesByDemonym returns the countries whose people word names
// ("Syrian" -> Syria; "Congolese" -> both Congos), ignoring case.
func CountriesByDemonym(word string) []*Country {
	countries.once.Do(loadCountries)
	return countries.byDemonym[strings.ToLower(word)]
}
