// Package geoparse finds the place names in a text and resolves each to a
// place of the gazetteer, all of them together: the places a text names
// explain one another. "Rastan, in Homs province" is the Rastan of Homs;
// "Talbisseh" in an article about Syria is the Syrian one; "Bara village in
// Idleb countryside" is somewhere in Idleb even though the gazetteer knows
// no Bara there, and never the Bara of Sudan.
//
// Parse is a pure function of the text and the gazetteer: no I/O, and the
// same text always gives the same mentions.
//
// How a mention is resolved, in order:
//
//  1. Detection. A mention starts with a capitalised word; the longest run
//     of words the gazetteer knows wins ("Deir ez-Zor" over "Deir"). Words
//     that are never places alone (lexicon/stopwords.txt), demonyms
//     ("Syrian") and people are not mentions: names after a person's
//     title ("President Assad") or a given name ("Gloria Welch"), before
//     a verb of speech ("Dunn told") and the like (persons.go), and
//     their surnames wherever else they stand; words that are usually
//     something else (lexicon/context.txt: Jordan, Kikuyu, Western), and
//     a word the text also writes in lower case ("Tornado" after "a
//     tornado"), are mentions only when context says place. Unknown
//     names that context marks as places ("Ndiriti village",
//     "Ti-n-Samane (Markoye, Oudalan)") are kept for the fallback.
//  2. Focus. Countries named, demonyms, the caller's hints (ParseHints:
//     the countries of the text's actors) and the readings of the names
//     vote for the countries the text is about. A name's votes never
//     count for itself, nor for its repetitions.
//  3. Scoring. Each candidate place scores its population and rank
//     (capitals, admin seats), the quality of the name match (main name,
//     alternate, skeleton), the text's focus, and how it fits the words
//     around it ("Homs province" wants a province, "Rastan town" a town).
//     A weak reading (a name that only sounds like the place's, an
//     alternate name, a skeleton match, a village, a name inside a run of
//     capitals, a sentence's first word) needs support in proportion to
//     its weakness from the rest of the text for its country; unsupported,
//     it loses to leaving the name unresolved: a wrong country is worse
//     than none, for it makes the actors foreign too.
//  4. Qualifiers. "X, Y", "X in Y", "X (Y, Z)": when Y can contain X, Y
//     qualifies X and the pair is chosen jointly; an X that is not in the
//     gazetteer, or whose only readings lie outside Y, is the town of Y it
//     names in another transliteration ("Thiban" in Deir ez-Zor is Dhiban:
//     a spelling key, respell.go), else falls back to Y at Y's coarser
//     precision. A town or village nothing places, unknown in the text's
//     country, is that country's town of the same spelling key, if one.
//  5. Proximity. Candidates near the other places of the text gain; the
//     choice is made again. A name falls back only to a qualifier that is
//     itself a mention, and every span of a name takes the reading of the
//     surest (one sense per name).
//
// Parsing is fast because names recur: the parser keeps what the
// gazetteer said of each name met (readings with their priors, or none)
// in a cache shared by all calls, with a lock-free front.
package geoparse

import (
	"fmt"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// Parser finds and resolves place mentions. It is safe for concurrent use.
type Parser struct {
	g   *gazetteer.Gazetteer
	lex *lexicon
	// demonyms maps a lower-case demonym, and its plural, to the ISO codes
	// of its countries.
	demonyms map[string][]string
	// cache holds the readings of names met in earlier texts.
	cache lookupCache
	// spell holds each country's spelling index (see respeltIn), by ISO
	// code, built when first needed.
	spell sync.Map
}

// New returns a parser over the gazetteer g.
func New(g *gazetteer.Gazetteer) *Parser {
	lx, err := loadLexicon()
	if err != nil {
		panic(fmt.Sprintf("geoparse: %v", err)) // the lists are part of the program
	}
	p := &Parser{g: g, lex: lx, demonyms: map[string][]string{}}
	// A plural that is a country's name is the country: "Philippines"
	// is no plural of "Philippine" here; nor is a name that is also its
	// people's word ("Myanmar") a demonym only.
	names := map[string]bool{}
	for _, c := range gazetteer.Countries() {
		names[strings.ToLower(c.Name)] = true
		for _, a := range c.Aliases {
			names[strings.ToLower(a)] = true
		}
	}
	for n := range names {
		if !strings.ContainsAny(n, " -.'") {
			lx.class[n] |= classCountry // (lowerPlaces looks no other word up)
			lx.maxLen = max(lx.maxLen, len(n))
		}
	}
	for _, c := range gazetteer.Countries() {
		for _, d := range c.Demonyms {
			d = strings.ToLower(d)
			for _, form := range []string{d, d + "s", d + "es"} {
				if names[form] {
					continue
				}
				p.demonyms[form] = appendNew(p.demonyms[form], c.ISO2)
				lx.class[form] |= classDemonym
				lx.maxLen = max(lx.maxLen, len(form))
			}
		}
	}
	lx.fast = newWordTable(lx.class)
	return p
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Scored is a place with the confidence the parser gives it.
type Scored struct {
	Place *gazetteer.Place
	Score float64
}

// Mention is one place name in a text.
type Mention struct {
	// Start and End are the byte span of the name in the text; Text is the
	// name as written.
	Start, End int
	Text       string
	// Place is the place the name denotes; nil when it could not be
	// resolved.
	Place *gazetteer.Place
	// Score is the confidence in Place, 0 to 1.
	Score float64
	// Alternatives are the next best readings, best first.
	Alternatives []Scored
	// Fallback says the name itself is not in the gazetteer (or none of its
	// readings lies where the text puts it) and Place is the enclosing
	// place the text names, at that place's coarser precision.
	Fallback bool
	// Qualifier is the index of the mention that qualifies this one
	// ("Homs" in "Rastan, in Homs province"), -1 if none.
	Qualifier int
	// IsQualifier says this mention only serves as context for another.
	IsQualifier bool
	// Locative says a preposition or verb of place stands before the name
	// ("in X", "near X", "captured X"): what happened, happened there.
	Locative bool
	// Outlet says the name begins a newspaper's name ("the Kabul Times"):
	// it says where the paper is, not where anything the text tells of
	// happened, and is no place mention of the text.
	Outlet bool

	// beyond says the words put the place across a border from what
	// happened, or make it where someone came from ("the border with
	// Somalia", "from Niger", "Somalia-based").
	beyond bool
}

// Location returns the mention as the location of an event, nil when the
// mention is unresolved. Precision is the level of Place: a fallback to a
// district is at district precision, whatever the name denoted; a
// fallback to a town ("Al-Hail oil fields near Palmyra", "X (coded as
// Kutu)") is only near it, at district precision.
func (m Mention) Location() *sitrep.Location {
	p := m.Place
	if p == nil {
		return nil
	}
	loc := PlaceLocation(p, m.Text, [2]int{m.Start, m.End})
	if m.Fallback && p.Level == gazetteer.LevelTown {
		loc.Precision = gazetteer.LevelDistrict.String()
	}
	return loc
}

// PlaceLocation returns the event location of gazetteer place p, named in
// the text by words at span. Its point is p's seat: an event in an area is
// coded at the area's seat of government, as ACLED codes it; a region or
// a country also carries its own point (Area), where a map draws it, so
// that an event somewhere in Syria is not drawn as one in Damascus. Its names
// are GeoNames' in plain letters, as readers and ACLED write them
// ("Hamah", not "Ḩamāh"); the GeoNames id keeps the place exact.
func PlaceLocation(p *gazetteer.Place, words string, span [2]int) *sitrep.Location {
	loc := &sitrep.Location{
		Name:        gazetteer.Plain(p.Name),
		GeonameID:   p.GeonameID,
		Lat:         p.SeatLat,
		Lon:         p.SeatLon,
		Admin1:      gazetteer.Plain(p.Admin1),
		Admin2:      gazetteer.Plain(p.Admin2),
		CountryCode: p.CountryCode,
		Precision:   p.Level.String(),
		Text:        words,
		Span:        span,
	}
	if c := gazetteer.CountryByCode(p.CountryCode); c != nil {
		loc.Country = c.Name
	}
	if loc.InArea() {
		loc.Area = &sitrep.Point{Lat: p.Lat, Lon: p.Lon}
	}
	return loc
}

// Event returns the index of the mention that most likely locates what a
// short report (a sentence, an ACLED note) is about: the first mention
// that is resolved and not only a qualifier of another, preferring one
// reasonably sure (a place inside an organisation's name or at the end of
// a road is not), then one finer than a country, then one after a
// preposition of place. A country across a border ("near the border with
// Somalia") or whence someone came ("attackers from Mali") is none: the
// events happened elsewhere, and a wrong country is worse than none. -1
// when there is none.
func Event(ms []Mention) int {
	const sure = 0.25
	best, bestRank := -1, 99
	for i, m := range ms {
		if m.Place == nil || m.Outlet || m.beyond && m.Place.Level == gazetteer.LevelCountry {
			continue
		}
		// Rank: sure before unsure, sub-national before a country, after
		// a preposition of place before not; only a qualifier last.
		rank := 0
		if !m.Locative {
			rank = 1
		}
		if m.Place.Level == gazetteer.LevelCountry {
			rank += 2
		}
		if m.Score < sure {
			rank += 4
		}
		if m.IsQualifier || m.beyond {
			rank = 8
		}
		if rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}
