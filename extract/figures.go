package extract

import (
	"github.com/sitrep/sitrep/text"
	"strings"
)

// figures is what a sentence says about the human toll.
type figures struct {
	deaths, injuries, displaced []figure
	// period is the token range of the phrase that makes the sentence's
	// figures a toll over a period ([period] in casualties.txt); end 0
	// when it has none.
	periodStart, periodEnd int
	// noDeaths: the sentence says nobody died ("No fatalities reported").
	noDeaths bool
	// unknownDeaths: it says people died but not how many.
	unknownDeaths bool
}

// figure is one count attached to a casualty phrase.
type figure struct {
	value     int
	certainty string // reported, hypothetical, projected
	toll      bool   // a running total ("the death toll rose to 12")
	// period: the figure counts over a period the sentence names ("since
	// the offensive began", "this year"): a toll, not an event's dead.
	period     bool
	start, end int // token range of the figure and its phrase
}

// casualty phrase kinds
const (
	kDeath = iota
	kInjury
	kDisplaced
	kNoDeaths
	kUnknown
)

// qty is a quantity of a sentence, and the casualty phrase it counts.
type qty struct {
	Quantity
	partitive bool
	attached  int // index into phrases, -1
	next      int // index of a coordinated quantity ("2 soldiers and 3 civilians"), -1
	viaLeft   bool
}

type phraseMatch struct {
	kind       int
	start, end int
	toll       bool
}

// findFigures reads the casualty figures of a sentence.
func (lx *Lexicon) findFigures(src string, s *sent) figures {
	var f figures
	if s.lexicons&lx.casualtyF.first == 0 {
		return f // no casualty phrase, so no toll
	}
	toks := s.toks
	// Tokens that open an act other than a death: the search for a figure's
	// phrase stops there ("20 men stabbed and killed a guard").
	actAt := s.d.bools(3, s.first, s.first+len(toks))
	for _, c := range s.cues {
		if lx.mainClass(c.classes) {
			actAt[c.start] = true
		}
	}
	inDate := s.inDate

	// Casualty phrases, longest first at each position.
	phrases := s.d.sc.phrases[:0]
	kindAt := s.d.ints(2, s.first, s.first+len(toks))
	for i := range kindAt {
		kindAt[i] = -1
	}
	for i := 0; i < len(toks); {
		end, mask, ok := 0, uint8(0), false
		if lx.casualtyF.may(toks, s.startAt, i) {
			end, mask, ok = lx.casualty.Match(toks, i)
		}
		best := -1
		if ok {
			for k := kDeath; k <= kUnknown; k++ {
				if mask&(1<<k) != 0 {
					best = k
					break
				}
			}
		}
		bestEnd := end
		if best < 0 || s.placeAt[i] >= 0 || best == kDeath && s.ref != nil && s.ref[i] {
			i++ // a death named as the reason for something else is not this event's
			continue
		}
		pm := phraseMatch{kind: best, start: i, end: bestEnd}
		if best == kDeath {
			// A running toll ("the death toll rose to 12") or a summary
			// ("3 fatalities.") restates the count rather than adding to it.
			for k := i; k < bestEnd; k++ {
				switch toks[k].Norm {
				case "toll", "fatalities", "fatality":
					pm.toll = true
				}
			}
		}
		phrases = append(phrases, pm)
		for k := i; k < bestEnd; k++ {
			kindAt[k] = len(phrases) - 1
		}
		i = bestEnd
	}
	s.d.sc.phrases = phrases // for the next sentence
	for _, p := range phrases {
		if p.kind == kNoDeaths {
			f.noDeaths = true
		}
	}
	if len(phrases) == 0 {
		return f // no toll named: no figure to attach
	}

	// Quantities.
	qs := s.d.sc.qs[:0]
	for i := 0; i < len(toks); i++ {
		if inDate[i] || kindAt[i] >= 0 && phrases[kindAt[i]].kind != kUnknown {
			continue
		}
		q, ok := Quantity{}, false
		if mayQuantity(toks[i], s.startAt[i]) {
			q, ok = lx.parseQuantity(src, toks, i)
		}
		if !ok {
			// "a man", "an officer", "a 'Sharia cleric'", "a Democratic
			// Forces fighter": one. So is the object of a death verb,
			// whatever the noun, unless it names a thing ("killed a
			// caretaker", not "killed a cow").
			if toks[i].Norm != "a" && toks[i].Norm != "an" {
				continue
			}
			objectOfDeath := i > 0 && kindAt[i-1] >= 0 && phrases[kindAt[i-1]].kind == kDeath && phrases[kindAt[i-1]].end == i
			if !lx.personAhead(s, i+1) && !(objectOfDeath && !lx.thingAhead(s, i+1)) {
				continue
			}
			q = Quantity{Value: 1, Start: i, End: i + 1}
		}
		if q.End <= i || notACount(toks, q.End) || s.ageAt(q) {
			if q.End > i {
				i = q.End - 1
			}
			continue
		}
		// A vague word that says only "some" is an unknown toll, not a count.
		qs = append(qs, qty{Quantity: q, attached: -1, next: -1})
		i = q.End - 1
	}
	s.d.sc.qs = qs
	for qi := range qs {
		q := &qs[qi]
		for k := q.Start - 1; k >= 0 && k >= q.Start-3; k-- {
			if _, _, ok := lx.partitive.Match(toks, k); ok {
				q.partitive = true
				break
			}
		}
		// "one of whom", "two of them": a subset too.
		if q.End+1 < len(toks) && toks[q.End].Norm == "of" {
			switch toks[q.End+1].Norm {
			case "whom", "which", "them", "those":
				q.partitive = true
			}
		}
	}

	// Attach each quantity to a phrase: on its left ("killing 3", "death
	// toll rose to 12", "coded as 10") or on its right ("3 people were
	// killed", "9 insurgents including 3 leaders were killed").
	phraseEndingAt := func(end int) int {
		for pi := len(phrases) - 1; pi >= 0; pi-- {
			if phrases[pi].end == end {
				return pi
			}
		}
		return -1
	}
	for qi := range qs {
		q := &qs[qi]
		// Left.
		for k := q.Start; k >= 0 && k >= q.Start-4; k-- {
			if pi := phraseEndingAt(k); pi >= 0 && phrases[pi].kind != kUnknown {
				q.attached, q.viaLeft = pi, true
				break
			}
			if k > 0 && !leftGap[toks[k-1].Norm] {
				break
			}
		}
		if q.attached >= 0 {
			continue
		}
		// "The toll from the week's fighting has risen to 90": a figure a
		// verb of growth gives belongs to the toll named before it.
		if q.Start > 0 && tollGrowth[toks[q.Start-1].Norm] {
			for pi := len(phrases) - 1; pi >= 0; pi-- {
				if phrases[pi].end <= q.Start && phrases[pi].toll && phrases[pi].kind == kDeath {
					q.attached, q.viaLeft = pi, true
					break
				}
			}
			if q.attached >= 0 {
				continue
			}
		}
		// Right.
		for k := q.End; k < len(toks) && k < q.End+14; k++ {
			if pi := kindAt[k]; pi >= 0 && phrases[pi].kind != kUnknown {
				q.attached = pi
				break
			}
			t := toks[k]
			if inDate[k] {
				continue // "Two men were on 14/03 killed"
			}
			if t.Kind == text.Punct && t.Norm != "," && t.Norm != "-" && t.Norm != "(" && t.Norm != ")" && t.Norm != "'" && t.Norm != "\"" {
				break
			}
			if stopRight[t.Norm] || actAt[k] && !beForms[toks[k-1].Norm] && toks[k-1].Norm != "and" {
				break
			}
			if _, _, ok := lx.nonhuman.Match(toks, k); ok {
				break // "32 sheep were killed"
			}
			if t.Kind == text.Number || t.Norm == "a" || t.Norm == "an" {
				// Another quantity: a subset ("including 2 commanders")
				// is skipped, a coordinated one ("and 3 civilians")
				// shares our phrase.
				nq := -1
				for qj := qi + 1; qj < len(qs); qj++ {
					if qs[qj].Start == k {
						nq = qj
					}
				}
				if nq < 0 {
					continue
				}
				if qs[nq].partitive {
					k = qs[nq].End - 1
					continue
				}
				if prev := toks[k-1].Norm; prev == "and" || prev == "," || prev == "or" {
					q.next = nq
				}
				break
			}
		}
	}
	// Coordinated quantities share the phrase of the last of their chain;
	// a quantity after "and" shares a left-attached one before it
	// ("killing 2 soldiers and 3 civilians").
	for qi := len(qs) - 1; qi >= 0; qi-- {
		if qs[qi].attached < 0 && qs[qi].next >= 0 {
			qs[qi].attached = qs[qs[qi].next].attached
		}
	}
	for qi := 1; qi < len(qs); qi++ {
		q := &qs[qi]
		if q.attached >= 0 || q.partitive || q.Start == 0 || toks[q.Start-1].Norm != "and" && toks[q.Start-1].Norm != "," {
			continue
		}
		if p := qs[qi-1]; p.attached >= 0 && p.viaLeft && q.Start-p.End <= 4 {
			q.attached = p.attached
		}
	}

	// Pronouns and bare singulars: "killing him", "kills civilian".
	for _, p := range phrases {
		if p.kind != kDeath || p.end >= len(toks) {
			continue
		}
		if _, n, ok := lx.pronoun.Match(toks, p.end); ok {
			f.deaths = append(f.deaths, figure{value: n, certainty: "reported", start: p.start, end: p.end + 1})
			continue
		}
		if w := toks[p.end].Norm; !strings.HasSuffix(w, "s") && w != "people" && w != "men" && w != "women" && w != "children" {
			if e, _, ok := lx.victim.Match(toks, p.end); ok && e == p.end+1 {
				f.deaths = append(f.deaths, figure{value: 1, certainty: "reported", start: p.start, end: e})
			}
		}
	}

	// "The commander was killed", "Razuk has been killed": a singular
	// passive with no count counts one.
	for pi, p := range phrases {
		if p.kind != kDeath || p.start < 1 {
			continue
		}
		counted := false
		for _, q := range qs {
			if q.attached == pi {
				counted = true
			}
		}
		prev := toks[p.start-1].Norm
		if !counted && (prev == "was" || prev == "been" && p.start >= 2 && (toks[p.start-2].Norm == "has" || toks[p.start-2].Norm == "had")) {
			f.deaths = append(f.deaths, figure{value: 1, certainty: "reported", start: p.start - 1, end: p.end})
			continue
		}
		// "The constable died", "the boy succumbed to his injuries": a
		// singular person just before an intransitive death counts one.
		if !counted && intransitiveDeath[toks[p.start].Norm] && p.start >= 2 && singularPerson(lx, toks, p.start-1) {
			f.deaths = append(f.deaths, figure{value: 1, certainty: "reported", start: p.start - 1, end: p.end})
		}
	}

	for _, q := range qs {
		if q.attached < 0 || q.partitive {
			continue
		}
		p := phrases[q.attached]
		fg := figure{value: q.Value, certainty: lx.figureCertainty(s, q.Quantity, p), toll: p.toll, start: min(q.Start, p.start), end: max(q.End, p.end)}
		switch p.kind {
		case kDeath:
			if q.Vague && q.Value < 10 {
				// "a few killed": ACLED keeps conservative figures, but a
				// vague handful is not a count.
				f.unknownDeaths = true
				continue
			}
			f.deaths = append(f.deaths, fg)
		case kInjury:
			f.injuries = append(f.injuries, fg)
		case kDisplaced:
			f.displaced = append(f.displaced, fg)
		}
	}

	// "An unknown number of deaths", "several soldiers were killed".
	for _, p := range phrases {
		if p.kind != kDeath {
			continue
		}
		counted := false
		for _, fg := range f.deaths {
			if fg.start <= p.start && p.end <= fg.end {
				counted = true
			}
		}
		if counted {
			continue
		}
		for _, u := range phrases {
			if u.kind == kUnknown && u.end <= p.start && p.start-u.end <= 5 {
				f.unknownDeaths = true
			}
		}
	}
	// A figure over a period is a toll: "more than 800 people have been
	// killed since the offensive began", "the week's toll rose to 140".
	// The figure must count up to now ("have been killed", "has risen
	// to"), or be a toll's ("the toll"): "killing 12 this week" is an
	// event's dead.
	for k := range toks {
		if e, _, ok := lx.period.Match(toks, k); ok {
			for _, l := range [][]figure{f.deaths, f.displaced} {
				for i := range l {
					if l[i].toll || perfectNear(toks, l[i].start, l[i].end) {
						l[i].period = true
						f.periodStart, f.periodEnd = k, e
					}
				}
			}
			break
		}
	}
	return f
}

// mayQuantity reports whether a quantity may start at t, whose lexicon
// starts are at, cheaply.
func mayQuantity(t text.Token, at uint32) bool {
	if t.Kind == text.Number {
		return true
	}
	return t.Kind == text.Word && has(at, startQuantity)
}

// figureCertainty is "projected" for a figure after a modal and a verb of
// growth ("could rise to 1.5 million"), "hypothetical" after a modal alone.
func (lx *Lexicon) figureCertainty(s *sent, q Quantity, p phraseMatch) string {
	toks := s.toks
	from := min(p.start, q.Start)
	modal, growth := false, false
	for k := max(0, from-3); k < q.Start; k++ {
		if s.inDate[k] {
			continue
		}
		if _, _, ok := lx.hypothetical.Match(toks, k); ok {
			modal = true
		}
		if _, _, ok := lx.projection.Match(toks, k); ok {
			growth = true
		}
	}
	switch {
	case modal && growth:
		return "projected"
	case modal:
		return "hypothetical"
	}
	return "reported"
}

// notACount reports whether the token after a number makes it an age, a
// distance, a time or a measure rather than a count of people.
// ageAt reports whether a quantity is a person's age set off by commas
// after the name: "John Kamau, 34, was shot dead" killed one man, not 34.
func (s *sent) ageAt(q Quantity) bool {
	a, b := q.Start, q.End
	if a < 2 || b >= len(s.toks) || s.toks[a-1].Norm != "," || s.toks[b].Norm != "," || q.Value >= 120 {
		return false
	}
	name := s.toks[a-2]
	return name.Kind == text.Word && name.Cap && s.placeAt[a-2] < 0
}

func notACount(toks []text.Token, end int) bool {
	if end >= len(toks) {
		return false
	}
	w := toks[end].Norm
	if w == "-" && end+1 < len(toks) {
		w = toks[end+1].Norm
	}
	return units[w]
}

var units = map[string]bool{
	"year": true, "years": true, "yr": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"km": true, "kilometres": true, "kilometers": true, "kilometre": true, "kilometer": true,
	"mile": true, "miles": true, "metres": true, "meters": true, "m": true, "kg": true,
	"kilograms": true, "tonnes": true, "tons": true, "percent": true, "per": true, "%": true,
	"st": true, "nd": true, "rd": true, "th": true, "am": true, "pm": true, "a.m": true, "p.m": true,
	"dollars": true, "usd": true, "$": true, "euros": true, "rupees": true, "shillings": true,
	"mm": true, "cm": true, "caliber": true, "calibre": true, ":": true, "/": true,
	"o'clock": true, "vehicles": true, "houses": true, "homes": true, "shops": true, "rounds": true,
}

// leftGap are the words that may stand between a casualty phrase and the
// figure after it: "killing at least 3" (qualifiers are part of the
// quantity), "death toll rose to 12", "fatalities coded as 10".
var leftGap = map[string]bool{
	"of": true, "to": true, "at": true, "rose": true, "risen": true, "reached": true,
	"stood": true, "stands": true, "climbed": true, "increased": true, "was": true,
	"is": true, "are": true, "were": true, "has": true, "had": true, "now": true, ":": true, "could": true,
	"may": true, "might": true, "would": true, "will": true, "rise": true, "reach": true,
	"climb": true, "be": true, "expected": true, "as": true, "a": true, "an": true,
}

// tollGrowth are the words right before a figure that a toll grows to:
// "risen to 90", "reached 90", "stands at 90".
var tollGrowth = map[string]bool{"to": true, "reached": true, "reaches": true, "at": true, "hit": true, "hits": true, "topped": true, "tops": true, "passed": true, "passes": true, "exceeded": true, "exceeds": true, "surpassed": true, "surpasses": true}

// stopRight are words that end the search for the phrase a figure belongs
// to: clause openers and verbs of other acts.
var stopRight = map[string]bool{
	"when": true, "after": true, "while": true, "but": true, "because": true, "as": true,
	"following": true, "during": true, "before": true, "since": true, "where": true,
	"which": true, "that": true, "if": true, "than": true, "by": true,
	"with": true, "causing": true, "resulting": true, "leading": true, "leaving": true,
	"injuring": true, "wounding": true,
}

// intransitiveDeath holds the first words of death phrases whose subject
// is the dead ("he died", "the man succumbed to his wounds").
var intransitiveDeath = map[string]bool{"died": true, "dies": true, "succumbed": true, "succumbs": true}

// singularPerson reports whether toks[k] is a singular noun for a person
// after a determiner: "the constable", "a 15-year-old girl".
func singularPerson(lx *Lexicon, toks []text.Token, k int) bool {
	w := toks[k].Norm
	if strings.HasSuffix(w, "s") || w == "people" || w == "men" || w == "women" || w == "children" {
		return false
	}
	if e, _, ok := lx.victim.Match(toks, k); !ok || e != k+1 {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		switch toks[j].Norm {
		case "the", "a", "an", "his", "her", "their", "one":
			return true
		}
		if toks[j].Kind == text.Punct && toks[j].Norm != "-" {
			return false
		}
	}
	return false
}

// thingAhead reports whether a noun for a thing or an animal comes within
// a few words after toks[j], before punctuation: "a cow", "a parked car".
func (lx *Lexicon) thingAhead(s *sent, j int) bool {
	for k := j; k < len(s.toks) && k < j+5; k++ {
		if _, _, ok := lx.nonhuman.Match(s.toks, k); ok {
			return true
		}
		if t := s.toks[k]; t.Kind == text.Punct && t.Norm != "-" && t.Norm != "'" || stopRight[t.Norm] || nounPhraseEnd[t.Norm] {
			return false
		}
	}
	return false
}

// nounPhraseEnd holds prepositions that end the noun phrase of "a ..."
// ("a caretaker in the village").
var nounPhraseEnd = map[string]bool{"in": true, "at": true, "on": true, "near": true, "from": true, "inside": true, "outside": true, "and": true, "for": true, "over": true}

// personAhead reports whether a noun for a person comes within a few words
// after toks[j], past names, quotes and modifiers: the "a" before it then
// counts one person.
func (lx *Lexicon) personAhead(s *sent, j int) bool {
	for k := j; k < len(s.toks) && k < j+7; k++ {
		if _, _, ok := lx.victim.Match(s.toks, k); ok {
			return true
		}
		t := s.toks[k]
		if t.Kind == text.Punct && t.Norm != "'" && t.Norm != "\"" && t.Norm != "-" && t.Norm != "(" && t.Norm != ")" {
			return false
		}
		if t.Kind == text.Number || stopRight[t.Norm] {
			return false
		}
		if _, _, ok := lx.nonhuman.Match(s.toks, k); ok {
			return false
		}
	}
	return false
}

// perfectNear reports whether a present perfect ("have been killed", "has
// fled", "have died") stands by the figure in toks[start:end].
func perfectNear(toks []text.Token, start, end int) bool {
	for k := max(0, start-3); k < len(toks) && k < end+3; k++ {
		if w := toks[k].Norm; w == "have" || w == "has" {
			return true
		}
	}
	return false
}
