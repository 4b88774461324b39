package geoparse

import (
	"strings"
	"sync"

	"github.com/sitrep/sitrep/gazetteer"
)

// shortNames gives a country named by a short alias, not its own name,
// the country the text named before by a longer name ending with it:
// after "the Republic of Congo", "Congo" is that Congo, not the larger
// one the alias alone means. A country's own name is left alone: "China"
// after "Republic of China" is China.
func shortNames(ms []Mention) []Mention {
	for i := range ms {
		m := &ms[i]
		if m.Place == nil || m.Place.Level != gazetteer.LevelCountry || ownNames()[strings.ToLower(m.Text)] {
			continue
		}
		short := " " + strings.ToLower(m.Text)
		for j := i - 1; j >= 0; j-- {
			p := &ms[j]
			if p.Place != nil && p.Place.Level == gazetteer.LevelCountry && p.Place.CountryCode != m.Place.CountryCode &&
				strings.HasSuffix(strings.ToLower(p.Text), short) {
				m.Place = p.Place
				break
			}
		}
	}
	return ms
}

// ownNames returns the countries' own names (countries.tsv Name), lower
// case.
var ownNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, c := range gazetteer.Countries() {
		names[strings.ToLower(c.Name)] = true
	}
	return names
})
