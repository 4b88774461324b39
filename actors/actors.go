// Package actors is sitrep's dictionary of conflict actors: the words news
// uses for armed forces, rebels, militias, rioters, protesters and civilians
// ("Houthi rebels", "the Tatmadaw", "Kenyan police", "gunmen"), each mapped to
// a canonical name in ACLED's style, a side and ACLED's inter code.
//
// The dictionary is data (actors.txt, embedded): a linguist extends it
// without reading Go. Its format is documented at the top of that file. State
// forces, protesters, civilians and the like are written once as templates
// ("Military Forces of {country}" with aliases "{demonym} army", "troops")
// and resolved against the country table of package gazetteer: a demonym
// names the country ("Nigerian troops"), a bare alias takes the country the
// document is about ("troops", focus NG).
//
// Dict.Scan finds every actor mention in a text, left to right, the
// longest where they overlap, without allocating per word: it runs well
// above the extractor's speed budget. It has its own scanner rather than
// text.Tokenize because it needs folded keys with doubled letters collapsed
// ("Shabaab" = "Shabab") looked up in place, with no string made per word.
//
// A country's name or demonym alone ("Israel" in "fighting between Israel
// and Hezbollah", "Russian" in "Russian strikes") is found as a mention of
// the country's military, but not as a Head: the extractor prefers Head
// mentions and falls back on these when a sentence names no other actor. A
// bare country after a word like "in" is a place, and no mention at all.
package actors

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
)

// Actor is a canonical actor: who the words name.
type Actor struct {
	// Name is the canonical name in ACLED's style ("Military Forces of
	// Kenya", "Al Shabaab", "Protesters (Sri Lanka)"). Names of generic
	// actors whose country is unknown drop it ("Protesters").
	Name string
	// Side is government, rebel, militia, identity_militia, rioters,
	// protesters, civilians or external (sitrep.Sides).
	Side string
	// Inter is ACLED's inter code for Side, 1-8. Foreign state forces are
	// external where they fight abroad: see InterIn.
	Inter int
	// Country is the ISO 3166 alpha-2 code of the actor's country, "" when
	// it has none (Islamic State, UN peacekeepers) or it is unknown.
	Country string
	// Kind refines the side where ACLED's coding depends on it: "party"
	// for a political party's members and supporters, whose fights are
	// riots rather than battles; "civil" for a state's civilian
	// authorities, state forces to ACLED but unarmed; "police" for law
	// enforcement, whose presence in a crime story (an arrest, an
	// inquiry) makes it no political violence. Empty for most actors.
	Kind string
	// Generic is true when the actor's country came from a demonym or a
	// country name in the text ("Kenyan police") or from the document's
	// focus ("the police"), rather than from a named entry.
	Generic bool
}

// InterIn returns the actor's inter code for an event in eventCountry (ISO
// alpha-2): ACLED codes a state's forces as external (8) when they act
// outside their own country (Russian warplanes over Syria, Turkish troops in
// Iraq). Every other actor keeps its inter code.
func (a Actor) InterIn(eventCountry string) int {
	if a.foreign(eventCountry) {
		return sitrep.Sides["external"]
	}
	return a.Inter
}

// SideIn is InterIn's side: "external" for state forces abroad.
func (a Actor) SideIn(eventCountry string) string {
	if a.foreign(eventCountry) {
		return "external"
	}
	return a.Side
}

func (a Actor) foreign(eventCountry string) bool {
	return a.Side == "government" && a.Country != "" && eventCountry != "" &&
		!strings.EqualFold(a.Country, eventCountry)
}

// Mention is one place in a text that names an actor.
type Mention struct {
	// Start and End are the byte offsets of the words in the text.
	Start, End int
	// Text is text[Start:End].
	Text string
	// Actor is who the words name.
	Actor Actor
	// Head is true when the words name the actor itself, as a noun phrase
	// that can act or be acted on ("Houthi rebels", "Israeli forces",
	// "pro-Houthi forces"). It is false when they only point at it: a
	// country standing for its state ("Israel", "Russian" in "Russian
	// strikes"), a name used as a modifier ("Houthi-held", "IS-linked"), or
	// "pro-X" without a noun. The extractor should prefer Head mentions for
	// actor1 and actor2.
	Head bool
}

// Sitrep returns the mention as the actor of an event that happened in
// eventCountry (ISO alpha-2, may be ""), with the inter code that country
// implies.
func (m Mention) Sitrep(eventCountry string) sitrep.Actor {
	return sitrep.Actor{
		Name:    m.Actor.Name,
		Side:    m.Actor.SideIn(eventCountry),
		Inter:   m.Actor.InterIn(eventCountry),
		Country: m.Actor.Country,
		Text:    m.Text,
		Span:    [2]int{m.Start, m.End},
	}
}

//go:embed actors.txt
var defaultText string

var defaultDict struct {
	once sync.Once
	d    *Dict
}

// Default returns the embedded dictionary, parsed on first use. It panics
// if the embedded file does not parse, which the package's tests rule out.
func Default() *Dict {
	defaultDict.once.Do(func() {
		d, err := parse(defaultText)
		if err != nil {
			panic(err)
		}
		defaultDict.d = d
	})
	return defaultDict.d
}
