package geoparse

import (
	"hash/maphash"
	"math"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
)

// context reads the words around each span: what comes before (a
// preposition of place, a person's title, "the town of"), what comes after
// (a place noun), and whether the span stands among capitalised words the
// gazetteer does not know (an organisation, a person). It also looks the
// spans up.
func (st *state) context() {
	lex := st.p.lex
	st.indexSpans()
	st.findPersons()
	persons := st.persons // the words of people's names, by wordHash
	isPerson := func(k int) bool {
		_, ok := persons[wordHash(st.word(k))]
		return ok
	}
	ri := 0
	for i := range st.spans {
		s := &st.spans[i]
		for ri < len(st.runs) && st.runs[ri].t1 < s.t0 {
			ri++
		}
		s.locative = st.locativeBefore(s.t0)
		s.cue, s.after = st.cueAfter(s.t1)
		if s.unknown && s.t0 == s.t1 && st.toks[s.t0].flags&tSentStart != 0 && s.cue != cueNone && st.cue(s.t1+1) == cueNone {
			// "Flooding closed roads in Ely": a sentence's first word,
			// then a word and a place noun, is a subject and its verb,
			// not "Zaatari refugee camp".
			s.cue, s.after = cueNone, s.t1+1
		}
		if s.cue == cueNone && s.t1 > s.t0 && st.cls(s.t1)&classUnit == 0 {
			// The place noun may be part of the name: "Tana River County".
			s.cue = st.cue(s.t1)
		}
		if s.cue == cueNone {
			s.cue = st.cueBefore(s.t0)
		}
		if s.cue == cueNone && st.dateline(s) {
			s.cue = cueTown // where the report was filed, not where things happened
		}
		if s.unknown && !s.fuzzy && !s.locative && s.cue == cueNone && !st.isPunct(s.after, '(') {
			continue // a name the gazetteer lacks, in no place's position: dropped below
		}
		r := run{s.t0, s.t1, -1}
		if ri < len(st.runs) && st.runs[ri].t0 <= s.t0 {
			r = st.runs[ri]
		}
		s.person = s.t0 <= r.named || st.partisan(s.t0) || st.personTok(s)
		s.money = st.currency(s)
		s.outlet = st.isWord(s.t1+1) && st.toks[s.t1+1].flags&tCap != 0 && st.cls(s.t1+1)&classOutlet != 0
		if !s.person && len(persons) > 0 {
			s.person = isPerson(s.t1) && isPerson(s.t0)
		}
		// Capitalised words the gazetteer lacks next to the name, within
		// its run: "Hama Military Council", "Antonio Guterres"; not the
		// words before a name that names what happened there with it
		// ("the Great Alaska Earthquake", "South Napa Earthquake").
		eventNamed := s.t1 < r.t1 && st.eventAfter(s.t1+1)
		if (!eventNamed && st.strayNear(s.t0, r.t0, -1) || st.strayNear(s.t1, r.t1, +1)) && !st.titledName(s) || st.saintsBuilding(s) {
			s.inRun = true
		}
		if s.t0 == s.t1 {
			w := st.word(s.t0)
			s.class = lex.lookup(w)
			if s.class&(classFacility|classUnit|classTitle) != 0 {
				// "Sabha" (a council), "Temple", "Division", "Brig." (a
				// brigadier): alone, such a word is a place only where
				// the words around say so.
				s.class |= classContext
			}
			s.acronym = st.toks[s.t0].flags&tUpper != 0 && len(w) <= 4 || len(w) <= 4 && hasInnerUpper(w)
		} else if st.articlesBefore(s.t0, s.t1) {
			s.class = st.cls(s.t1) // "al-Sham" is as "Sham"
		}
		if s.t0 == s.t1 && (st.lowerElsewhere(s.t0) || shortLoose(s)) {
			// "a tornado ... Tornado damage": a word, capitalised; "Lu",
			// "Gaz": a short name that only sounds like a place's.
			s.class |= classContext
		}
		s.sentInit = st.toks[s.t0].flags&tSentStart != 0
		s.beyond = st.beyond(s)
	}
	// Candidates.
	for i := range st.spans {
		s := &st.spans[i]
		c := st.stateAbbrev(s)
		if c < 0 {
			c = st.abbreviated(s)
		}
		if c >= 0 {
			s.cands = st.cands[c : c+1 : c+1]
			s.name, s.unknown, s.class, s.acronym, s.inRun = &s.cands[0], false, 0, false, false
			continue
		}
		// Known names got their readings when they were found.
		if s.unknown && (s.locative || s.cue != cueNone || s.fuzzy) {
			// A name the gazetteer lacks, in a place's position: try its
			// skeleton ("Harmoushiyeh" for Harmushiyah).
			if m := st.lookupLoose(st.text[s.start:s.end]); len(m) > 0 {
				s.cands, s.name = st.copyCands(m), &m[0]
			} else if m := st.respelt(s); len(m) > 0 {
				s.cands, s.name = st.copyCands(m), &m[0]
				for k := range s.cands {
					s.cands[k].alt = true // another's spelling: as good as an alternate name
				}
			}
		}
	}
	// Names with many readings ("San Jose", "Washington") keep the best by
	// prior and those in the countries the text's surer names point to.
	var hint [26*26 + 1]bool
	for i := range st.spans {
		if s := &st.spans[i]; len(s.cands) > 0 && len(s.cands) <= 3 && !s.money {
			for _, c := range s.cands {
				hint[ccIndex(c.p.CountryCode)] = true
			}
		}
	}
	st.demonyms = st.demonyms[:0]
	for i, t := range st.toks {
		if t.flags&tCap != 0 && st.cls(i)&classDemonym != 0 {
			ccs := st.p.demonymOf(st.word(i))
			st.demonyms = append(st.demonyms, demonymTok{i, ccs})
			for _, cc := range ccs {
				hint[ccIndex(cc)] = true
			}
		}
	}
	for i := range st.spans {
		if s := &st.spans[i]; len(s.cands) > maxCands {
			st.prune(i, &hint)
		}
	}
	// Names that can be no place from here on are dropped: people, money,
	// and unknown names with nothing around them that says place. Most of a
	// text's capitalised words are such.
	kept := st.spans[:0]
	for i := range st.spans {
		s := &st.spans[i]
		if s.person || s.money || len(s.cands) == 0 && s.cue == cueNone && !s.locative && !st.isPunct(s.after, '(') {
			continue
		}
		kept = append(kept, *s)
	}
	clear(st.spans[len(kept):])
	st.spans = kept
	st.indexSpans()
	st.countFocus()
}

// indexSpans maps each token that starts a span to it (spanAt).
func (st *state) indexSpans() {
	st.spanAt = slices.Grow(st.spanAt[:0], len(st.toks)+1)[:len(st.toks)+1]
	for i := range st.spanAt {
		st.spanAt[i] = -1
	}
	for i := range st.spans {
		st.spanAt[st.spans[i].t0] = int32(i)
	}
}

// maxCands bounds the readings kept per name by prior: "San Jose" has
// hundreds, and every reading costs.
const maxCands = 12

// prune keeps span si's maxCands readings with the best prior, and up to
// as many more that lie in the hinted countries or in a reading of one of
// the next names (which may qualify it: "Benito Juarez, Nuevo Leon").
func (st *state) prune(si int, hint *[26*26 + 1]bool) {
	s := &st.spans[si]
	// (The readings come best prior first: see readings.) The countries
	// of the next names first, to pass over most readings at once.
	var next [26*26 + 1]bool
	for j := si + 1; j < len(st.spans) && j <= si+3; j++ {
		for _, q := range st.spans[j].cands {
			next[ccIndex(q.p.CountryCode)] = true
		}
	}
	keep := func(c *cand) bool {
		cc := ccIndex(c.p.CountryCode)
		if hint[cc] {
			return true
		}
		if !next[cc] {
			return false
		}
		for j := si + 1; j < len(st.spans) && j <= si+3; j++ {
			for _, q := range st.spans[j].cands {
				if q.p.CountryCode == c.p.CountryCode && within(q.p, c.p) {
					return true
				}
			}
		}
		return false
	}
	n := maxCands
	for i := maxCands; i < len(s.cands) && n < 2*maxCands; i++ {
		if keep(&s.cands[i]) {
			s.cands[n], s.cands[i] = s.cands[i], s.cands[n]
			n++
		}
	}
	s.cands = s.cands[:n]
}

// articlesBefore reports whether tokens t0..t1-1 are all articles.
func (st *state) articlesBefore(t0, t1 int) bool {
	for k := t0; k < t1; k++ {
		if !st.isArticle(k) {
			return false
		}
	}
	return true
}

// strayNear reports whether, going from token k in direction dir without
// leaving the run that ends (or starts) at limit, the first capitalised
// word past the connectors is one no known name covers and no place noun:
// the rest of an organisation's or a person's name ("Tahrir al Sham",
// "Caroline Odiga").
func (st *state) strayNear(k, limit, dir int) bool {
	crossed := false // a connector lies between
	for j := k + dir; dir < 0 && j >= limit || dir > 0 && j <= limit; j += dir {
		t := st.toks[j]
		if t.flags&tCap == 0 {
			if st.is(j, "of") || st.is(j, "and") {
				// "the Fisheries Office of Naivasha": the place an
				// office is of is the office's place.
				return false
			}
			if st.cls(j)&classConnector != 0 {
				crossed = true
				continue
			}
			return false
		}
		if dir < 0 && st.cls(j)&classStop != 0 && (t.flags&tSentStart != 0 || st.clauseOpens(j)) {
			return false // "The U.S. government": capitalised only to open the sentence
		}
		if dir < 0 && st.cls(j)&(classStop|classLocative) == classStop|classLocative {
			// A preposition of place capitalised in a title ("Protests
			// In Ferguson"): what stands before it is another phrase.
			return false
		}
		if dir > 0 && st.cls(j)&classUnit != 0 {
			return true // "Hamza Division", "Hama Military Council"
		}
		if dir > 0 && st.cls(j)&classCalendar != 0 {
			return false // "shelled Kherson Wednesday": when, in a headline's style
		}
		if _, ok := st.postalCode(j); ok && dir > 0 {
			return false // "Kingsport TN": the state it is in
		}
		if dir > 0 && st.compassWord(j) {
			return false // "Bomet Central", "Baringo South": a part of the place
		}
		if dir > 0 {
			// "Kelaniya University", "Matale International Airport",
			// "Gampaha Municipal Council", "Matara Mayor": a facility or
			// an office of the place, past an adjective or two; "Ferguson
			// Metro Police", "Surigao City Health Office": a public body
			// of the place, past any words of its name.
			adjectives := true
			for f := j; f <= limit && f < j+3 && st.toks[f].flags&tCap != 0; f++ {
				c := st.cls(f)
				if c&classBody != 0 || adjectives && c&(classFacility|classTitle) != 0 {
					return false
				}
				adjectives = adjectives && c&classStop != 0
			}
		}
		if st.cue(j) != cueNone && dir > 0 {
			return false // "Homs Province"
		}
		if dir > 0 && st.eventAfter(j) {
			return false // "Napa Earthquake", "Ferguson Protests"
		}
		// Another known name right against this one ("Hazar Asp", "Jose
		// Felix Ribas") makes one name the gazetteer lacks, not two
		// places; across an article it is the same ("Khan al Sabeel").
		if si := st.spanCovering(j); si >= 0 && !st.spans[si].unknown {
			return !crossed || st.isArticle(j-dir)
		}
		return true
	}
	return false
}

// clauseOpens reports whether token k opens a clause after a colon or a
// dash ("Measles outbreak: The US has", "Ebola - The U.S. Army"), where
// a headline's sentence starts anew.
func (st *state) clauseOpens(k int) bool {
	return st.isPunct(k-1, ':') || st.isPunct(k-1, '-') || st.isPunct(k-1, '|')
}

// eventAfter reports whether token j, right after a name, is a noun of
// something that happened there (events.txt).
func (st *state) eventAfter(j int) bool {
	return st.toks[j].flags&tCap != 0 && st.cls(j)&classEvent != 0
}

// spanCovering returns the span that covers token k, or -1.
func (st *state) spanCovering(k int) int {
	for i := k; i >= 0 && i > k-maxRun; i-- {
		if j := st.spanAt[i]; j >= 0 {
			if st.spans[j].t1 >= k {
				return int(j)
			}
			return -1
		}
	}
	return -1
}

// hasInnerUpper reports whether a word has an upper-case ASCII letter
// after its first: "FaR", "JoS" are acronyms too.
func hasInnerUpper(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// partisan reports whether the name at token k is the object of "pro-" or
// "anti-" ("pro-Hadi forces", "anti-Assad protesters"): a side, not a
// place.
func (st *state) partisan(k int) bool {
	return st.toks[k].flags&tHyphen != 0 && (st.is(k-1, "pro") || st.is(k-1, "anti"))
}

// kunya reports whether a run is a name of the form Abu X, Umm X, Bin X,
// Ibn X that the gazetteer does not know as a whole ("Abu Mohammed
// al-Jolani", but not "Abu Kamal").
func (st *state) kunya(r run) bool {
	if r.t1 == r.t0 {
		return false
	}
	w := st.word(r.t0)
	if len(w) < 3 || len(w) > 5 {
		return false
	}
	var b [5]byte
	for i := 0; i < len(w); i++ {
		b[i] = w[i] | 0x20 // ASCII lower case; other bytes match nothing below
	}
	switch string(b[:len(w)]) {
	case "abu", "umm", "bin", "ibn", "bint", "abdul", "abd", "abdel", "abdol":
	default:
		return false
	}
	if i := st.spanAt[r.t0]; i >= 0 {
		if s := &st.spans[i]; !s.unknown && s.t1 > s.t0 {
			return false
		}
	}
	return true
}

// wordHash is a hash of a word that ignores case.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return maphash.String(groupSeed, strings.ToLower(w))
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// titled reports whether the word before token k is a person's title
// ("President", "Gen." with its full stop).
func (st *state) titled(k int) bool {
	if st.toks[k].flags&tTitled != 0 {
		return true
	}
	j := k - 1
	if st.isPunct(j, '.') {
		j--
	}
	return st.isWord(j) && st.cls(j)&classTitle != 0
}

// locativeBefore reports whether a preposition or verb of place stands
// before token k, allowing fillers between ("in the northern", "near
// the"), or the name follows "border with".
func (st *state) locativeBefore(k int) bool {
	for j, n := k-1, 0; j >= 0 && n < 4; j, n = j-1, n+1 {
		if !st.isWord(j) {
			return false
		}
		c := st.cls(j)
		if c&classLocative != 0 {
			return true
		}
		if st.is(j, "with") {
			// "the border with Jordan".
			return st.is(j-1, "border") || st.is(j-1, "borders") || st.is(j-1, "frontier")
		}
		if c&classFiller == 0 {
			return false
		}
	}
	return false
}

// cueAfter returns the place noun after the name ending at token k and
// the first token after it: "Hama countryside", "Hama's eastern
// countryside", "Homs Province", "Chandpur Sadar upazila" (the first of
// several).
func (st *state) cueAfter(k int) (cueLevel, int) {
	j := k + 1
	for n := 0; n < 3 && st.isWord(j); n++ {
		if st.toks[j].flags&tCap != 0 && st.cls(j)&classUnit != 0 {
			break // "Muthanna Division" is a unit, not a division
		}
		if c := st.cue(j); c != cueNone {
			e := j + 1
			for e < len(st.toks) && st.isWord(e) && st.cue(e) != cueNone {
				e++
			}
			return c, e
		}
		if n == 0 && st.toks[j].flags&tCap == 0 && st.isWord(j+1) && st.toks[j+1].flags&tCap == 0 &&
			st.cue(j+1) != cueNone && st.cls(j)&(classStop|classLocative|classConnector) == 0 {
			// A noun between: "Al-Hail oil fields", "Zaatari refugee
			// camp", "Bab al-Salameh border crossing".
			j++
			continue
		}
		// Fillers may come between only after a possessive: "Hama's
		// eastern countryside", not "Hama in the countryside".
		if st.toks[k].flags&tPossessive == 0 || st.cls(j)&classFiller == 0 {
			break
		}
		j++
	}
	return cueNone, k + 1
}

// beyond reports whether the words around a span make it a place
// across a border from where things happened, or where someone came
// from: "near the border with Somalia", "the Mali border", "fled from
// Niger", "the Somalia-based group".
func (st *state) beyond(s *span) bool {
	k := s.t0 - 1
	if st.is(k, "the") {
		k--
	}
	switch {
	case st.is(k, "from"):
		return true
	case st.is(k, "with") && (st.is(k-1, "border") || st.is(k-1, "borders") || st.is(k-1, "frontier")):
		return true
	}
	e := s.t1 + 1
	if st.isWord(e) && st.toks[e].flags&tHyphen != 0 {
		if st.toks[e].flags&tCap == 0 {
			return true // "Somalia-based", "Turkey-backed"
		}
		e++ // "the Somalia-Kenya border"
	}
	return st.is(e, "border") || st.is(e, "borders") || st.is(e, "frontier")
}

// cueBefore returns the level of "the town of X", "the province of X".
func (st *state) cueBefore(k int) cueLevel {
	if st.is(k-1, "of") && st.isWord(k-2) {
		return st.cue(k - 2)
	}
	return cueNone
}

// countFocus counts the country evidence of the text: demonyms, country
// names, and the readings of every name, each name's vote split by the
// prior of its readings. A span's own vote is kept apart (see focusFor):
// a name must not vouch for itself.
func (st *state) countFocus() {
	for i := range st.spans {
		s := &st.spans[i]
		for j := range s.cands {
			c := &s.cands[j]
			c.local = st.local(s, c)
		}
	}
	st.votes = slices.Grow(st.votes, 4*len(st.spans))
	abroad := st.forcesAbroad()
	for _, cc := range st.hints {
		if len(cc) == 2 && !slices.Contains(abroad, strings.ToUpper(cc)) {
			st.addEvidence(strings.ToUpper(cc), hintWeight)
		}
	}
	for _, d := range st.demonyms {
		i, cs := d.tok, d.ccs
		if st.partisan(i) || st.isWord(i+1) && st.toks[i+1].flags&tHyphen != 0 && st.toks[i+1].flags&tCap == 0 {
			continue // "Saudi-led", "Turkish-backed", "pro-Iranian": a side, not a place
		}
		if len(cs) == 1 && slices.Contains(abroad, cs[0]) && st.forceAfter(i) {
			continue // "government forces backed by Russian ground forces": allies from abroad
		}
		for _, c := range cs {
			st.addEvidence(c, 1/float64(len(cs)))
		}
	}
	for i := range st.spans {
		s := &st.spans[i]
		if len(s.cands) == 0 || s.person || s.acronym || s.outlet {
			continue // a paper's town says where the paper is, not the news
		}
		// A country named outright is strong evidence; otherwise each
		// country gets its readings' share of the prior. (The votes of
		// all spans share one backing array.)
		v0 := len(st.votes)
		s.own = st.votes[v0:v0]
		for j := range s.cands {
			c := &s.cands[j]
			if c.p.Level == gazetteer.LevelCountry && !c.alt && !c.fuzzy && literal(st.text[s.start:s.end], c.p.Name) {
				s.own = append(s.own, vote{c.p.CountryCode, 2})
				break
			}
		}
		if len(s.own) == 0 {
			// Each reading votes its share of the name's prior; the name
			// votes as much as it is likely a place at all ("Nyoro", a
			// surname, read as Nioro in Mali, must not turn a text about
			// Kenya to Mali). Skeleton matches are guesses and do not vote.
			var total, best float64
			best = math.Inf(-1)
			for j := range s.cands {
				c := &s.cands[j]
				if !c.fuzzy {
					// A weak reading votes as if nothing supported it:
					// two weak names must not vouch for each other
					// ("Al-Hardana" and "Al-Hawi" in America).
					total += c.weight
					best = max(best, c.local-st.weakness(s, c))
				}
			}
			if total == 0 {
				continue
			}
			weight := 1 / (1 + math.Exp(-(best - accept)))
			for j := range s.cands {
				if c := &s.cands[j]; !c.fuzzy {
					s.own = addVote(s.own, c.p.CountryCode, weight*c.weight/total)
				}
			}
		}
		if len(s.own) > 0 && cap(st.votes) > v0 && &s.own[0] == &st.votes[:v0+1][v0] {
			st.votes = st.votes[:v0+len(s.own)]
		}
		s.own = s.own[:len(s.own):len(s.own)]
		for _, v := range s.own {
			st.addEvidence(v.cc, v.v)
		}
	}
	st.groupVotes()
	slices.SortFunc(st.ranked, func(a, b string) int {
		switch ea, eb := st.evidence[ccIndex(a)], st.evidence[ccIndex(b)]; {
		case ea > eb:
			return -1
		case ea < eb:
			return 1
		}
		return strings.Compare(a, b)
	})
}

// forcesAbroad returns the countries of the forces a text names by a
// demonym ("Russian ground forces", "Iraqi and Afghan gunmen") when it
// also names the home government's forces: their country says nothing
// of where. The home forces are those of a demonym before "regime"
// ("Syrian regime forces"), or of a country the text sets others
// against ("non-Syrian militias"); named by none ("government forces",
// "regime troops"), they leave every other force a foreign one. (A
// demonym before "army" or "government" is no home: "the Russian army"
// fights abroad as often as not.) (The caller's hints, the countries of the text's
// actors, hold those countries too: they are left out with the
// demonyms.)
func (st *state) forcesAbroad() []string {
	if len(st.demonyms) == 0 {
		return nil
	}
	var hb [4]string
	home, ccs := hb[:0], st.abroad[:0]
	defer func() { st.abroad = ccs }()
	for _, d := range st.demonyms {
		k := d.tok
		if len(d.ccs) == 1 && (st.is(k+1, "regime") || st.toks[k].flags&tHyphen != 0 && st.is(k-1, "non")) {
			home = append(home, d.ccs[0])
		}
	}
	if len(home) == 0 && !st.homeForces() {
		return nil
	}
	for _, d := range st.demonyms {
		if len(d.ccs) == 1 && st.forceAfter(d.tok) && !slices.Contains(home, d.ccs[0]) && !slices.Contains(ccs, d.ccs[0]) {
			ccs = append(ccs, d.ccs[0])
		}
	}
	return ccs
}

// homeForces reports whether the text names a government's forces
// without a demonym or a country before them: "government forces",
// "regime troops".
func (st *state) homeForces() bool {
	for k := 0; k+1 < len(st.toks); k++ {
		if !st.is(k, "government") && !st.is(k, "regime") || st.cls(k+1)&classForce == 0 {
			continue
		}
		if k == 0 || st.cls(k-1)&classDemonym == 0 && (st.toks[k-1].flags&tCap == 0 || !st.lookup(st.word(k-1)).country) {
			return true
		}
	}
	return false
}

// forceAfter reports whether the demonym at token k names a force: a
// force's noun follows, past other demonyms of a list and up to two
// words ("Russian ground forces", "Iraqi, Afghan and Palestinian
// gunmen"), and no "or" leaves open whose ("Syrian or Russian jets").
func (st *state) forceAfter(k int) bool {
	if st.is(k-1, "or") {
		return false // "Syrian or Russian jets": whose is not known
	}
	if st.is(k+1, "army") || st.is(k+1, "military") {
		return false // "the Syrian army": a state's own, at home or abroad
	}
	words := 0
	for j := k + 1; j < len(st.toks) && j <= k+8; j++ {
		switch {
		case st.cls(j)&classForce != 0:
			return true
		case st.is(j, "or"):
			return false
		case st.isPunct(j, ','), st.is(j, "and"):
		case st.cls(j)&classDemonym != 0:
		case st.isWord(j) && st.toks[j].flags&tCap == 0 && words < 2:
			words++
		default:
			return false
		}
	}
	return false
}

// groupVotes gives each span the votes of every span of the same name
// (or of another name whose best reading by prior is the same place:
// "Rastan" and "al-Rastan", "Aleppo" and "Halab") as its self: "Mannar city (Mannar, Mannar district)" must not
// find Mannar's readings in Colombia confirmed by Mannar thrice. It also
// sets each span's group, the first span of its name.
func (st *state) groupVotes() {
	// An open-addressing table from a place's index to the first span
	// whose best reading it is: cleared in proportion to the text, unlike
	// a map.
	size := 16
	for size < 2*len(st.spans) {
		size <<= 1
	}
	groups := slices.Grow(st.groups[:0], size)[:size]
	clear(groups)
	st.groups = groups
	mask := uint32(size - 1)
	shared := false
	for i := range st.spans {
		s := &st.spans[i]
		s.self, s.group = s.own, int32(i)
		if len(s.own) == 0 || s.name == nil {
			continue
		}
		key := uint32(s.name.p.Index()) + 1
		for h := key * 2654435761 & mask; ; h = (h + 1) & mask {
			if g := groups[h]; g.key == 0 {
				groups[h] = groupSlot{key, int32(i)}
				break
			} else if g.key == key {
				s.group, shared = g.span, true
				break
			}
		}
	}
	if !shared {
		return
	}
	st.selfs = st.selfs[:0]
	for i := range st.spans {
		s := &st.spans[i]
		if g := &st.spans[s.group]; s.group != int32(i) {
			if len(g.self) == len(g.own) && &g.self[0] == &g.own[0] {
				// The leader's own votes stay its own: its self starts as
				// a copy, in the state's buffer.
				n := len(st.selfs)
				st.selfs = append(st.selfs, g.own...)
				g.self = st.selfs[n:len(st.selfs):len(st.selfs)]
			}
			for _, v := range s.own {
				g.self = addVote(g.self, v.cc, v.v)
			}
		}
	}
	for i := range st.spans {
		s := &st.spans[i]
		s.self = st.spans[s.group].self
	}
}

var groupSeed = maphash.MakeSeed()

// groupSlot is a slot of groupVotes's table: a place's index + 1 (0 for
// an empty slot) and a span.
type groupSlot struct {
	key  uint32
	span int32
}

// demonymTok is a capitalised demonym of the text: its token and its
// countries (see Parser.demonymOf).
type demonymTok struct {
	tok int
	ccs []string
}

// hintWeight is the evidence a caller's hint gives its country: a little
// less than a country named in the text (2), more than a demonym (1).
const hintWeight = 1.5

// ccIndex maps an ISO 3166 alpha-2 code to its slot in state.evidence.
func ccIndex(cc string) int {
	if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
		return 26 * 26
	}
	return int(cc[0]-'A')*26 + int(cc[1]-'A')
}

// addEvidence adds v to the evidence for country cc.
func (st *state) addEvidence(cc string, v float64) {
	i := ccIndex(cc)
	if st.evidence[i] == 0 {
		st.ranked = append(st.ranked, cc)
	}
	st.evidence[i] += v
	st.total += v
}

// vote is a span's evidence for a country.
type vote struct {
	cc string
	v  float64
}

func addVote(vs []vote, cc string, v float64) []vote {
	for i := range vs {
		if vs[i].cc == cc {
			vs[i].v += v
			return vs
		}
	}
	return append(vs, vote{cc, v})
}

// focusFor returns the share of the text's country evidence for cc,
// leaving out the votes of span s's name (see groupVotes). Little evidence makes a weak focus: the
// share is of at least one vote's worth.
func (st *state) focusFor(s *span, cc string) float64 {
	e, t := st.evidence[ccIndex(cc)], st.total
	for _, v := range s.self {
		t -= v.v
		if v.cc == cc {
			e -= v.v
		}
	}
	return max(0, e/max(t, 1))
}

// topFocus returns the country with the largest share of evidence other
// than s's own, and that share.
func (st *state) topFocus(s *span) (string, float64) {
	t := st.total
	for _, v := range s.self {
		t -= v.v
	}
	t = max(t, 1)
	top, best := "", 0.0
	consider := func(cc string, e float64) {
		if f := max(0, e/t); f > best || (f == best && f > 0 && cc < top) {
			top, best = cc, f
		}
	}
	// The countries s votes for, less its vote; then the first country in
	// order of evidence that s does not vote for: no later one can beat it.
	for _, v := range s.self {
		consider(v.cc, st.evidence[ccIndex(v.cc)]-v.v)
	}
	for _, cc := range st.ranked {
		if !votesFor(s, cc) {
			consider(cc, st.evidence[ccIndex(cc)])
			break
		}
	}
	return top, best
}

func votesFor(s *span, cc string) bool {
	for _, v := range s.self {
		if v.cc == cc {
			return true
		}
	}
	return false
}

// stateAbbrev returns, for a span that is a state's abbreviation after a
// town and a comma ("Paris, Mo.", "Albany, N.Y."), or its postal code
// after a town, with or without the comma ("Moore, OK", "Kingsport TN"),
// the index in st.cands of a copy of the state's reading; else -1.
func (st *state) stateAbbrev(s *span) int {
	if s.t0 != s.t1 {
		return -1
	}
	name, ok := st.postalCode(s.t0)
	if !ok {
		if !st.isPunct(s.t0-1, ',') || st.spanAt[max(0, s.t0-2)] < 0 && st.spanCovering(s.t0-2) < 0 {
			return -1
		}
		w := st.word(s.t0)
		if strings.HasSuffix(w, ".") {
			w = w[:len(w)-1] // "N.Y."
		} else if !st.isPunct(s.t0+1, '.') {
			return -1
		}
		if name, ok = st.p.lex.states[strings.ToLower(w)]; !ok {
			return -1
		}
	}
	for _, c := range st.lookup(name).cands {
		if c.p.Level == gazetteer.LevelRegion && c.p.CountryCode == "US" {
			st.cands = append(st.cands, c)
			return len(st.cands) - 1
		}
	}
	return -1
}

// dateline reports whether a span is a name in capitals before a news
// agency's name in brackets ("WASHINGTON (Reuters) -", "GAZA CITY
// (AP)"): where the report was filed.
func (st *state) dateline(s *span) bool {
	for k := s.t0; k <= s.t1; k++ {
		if st.isWord(k) && st.toks[k].flags&tUpper == 0 {
			return false
		}
	}
	k := s.t1 + 1
	return st.isPunct(k, '(') && st.isWord(k+1) && st.toks[k+1].flags&tCap != 0 && st.isPunct(k+2, ')')
}

// abbreviated returns, for a span that is a city's or an area's
// abbreviation in capitals (abbreviations.txt: "NYC", "L.A.", "NSW"), the
// index in st.cands of a copy of the largest place written as its name;
// else -1.
func (st *state) abbreviated(s *span) int {
	if s.t0 != s.t1 {
		return -1
	}
	name, ok := st.p.lex.abbrevs[st.word(s.t0)]
	if !ok || st.isPunct(s.t0-1, '(') && st.isWord(s.t0-2) && st.toks[s.t0-2].flags&tCap != 0 {
		return -1 // "National Youth Council (NYC)": the name's own abbreviation
	}
	best := -1
	cs := st.lookup(name).cands
	for i := range cs {
		if cs[i].lit && cs[i].p.Level != gazetteer.LevelDistrict && (best < 0 || cs[i].prior > cs[best].prior) {
			best = i
		}
	}
	if best < 0 {
		return -1
	}
	st.cands = append(st.cands, cs[best])
	return len(st.cands) - 1
}

// postalCode returns the state whose postal code token k is, when it
// follows the name of a place in that state, after a comma or right
// against it ("Moore, OK", "Kingsport TN"; "Tiruppur, TN" is Tamil Nadu);
// not after a shouted "LONDON ME" (the name before must not be all
// capitals) nor "#Egypt IN 27 BC".
func (st *state) postalCode(k int) (string, bool) {
	t := st.toks[k]
	if t.end-t.start != 2 || t.flags&tUpper == 0 {
		return "", false
	}
	name, ok := st.p.lex.states[st.word(k)]
	if !ok {
		return "", false
	}
	e := k - 1
	if st.isPunct(e, ',') {
		e--
	}
	i := len(st.spans) - 1
	for i >= 0 && st.spans[i].t1 > e {
		i-- // the spans stand in text order, and detect calls this too
	}
	if i < 0 || st.spans[i].t1 != e || st.spans[i].unknown || e == k-1 && st.isPunct(st.spans[i].t0-1, '#') {
		return "", false // "#Egypt IN 27 BC"
	}
	for j := st.spans[i].t0; j <= e; j++ {
		if st.toks[j].flags&tUpper != 0 && st.toks[j].end-st.toks[j].start > 1 {
			return "", false
		}
	}
	if st.isWord(k+1) && st.toks[k+1].flags&tHyphen != 0 {
		return "", false // "MS-13"
	}
	for _, c := range st.spans[i].cands {
		if c.p.CountryCode == "US" && c.p.Admin1 == name {
			return name, true
		}
	}
	return "", false // "Tiruppur, TN" is in Tamil Nadu
}

// lowerElsewhere reports whether the capitalised word at token k is
// written in lower case elsewhere in the text: then it is a common word
// the writer capitalised ("Tornado warning" after "the tornado"), a place
// only where the words around say so. The text's lower-case words are
// hashed once, at the first question.
func (st *state) lowerElsewhere(k int) bool {
	t := st.toks[k]
	if t.flags&(tCap|tUpper|tGlued) != tCap || t.end-t.start < 4 {
		return false
	}
	if !st.lowerDone {
		st.lowerDone = true
		clear(st.lower)
		if st.lower == nil {
			st.lower = map[uint64]struct{}{}
		}
		for i, u := range st.toks {
			if u.flags&(tWord|tCap|tDigit|tTag) == tWord && u.end-u.start >= 4 && !st.handle(i) {
				st.lower[wordHash(st.word(i))] = struct{}{}
			}
		}
	}
	_, ok := st.lower[wordHash(st.word(k))]
	return ok && !st.lookup(st.word(k)).country
}

// handle reports whether token k is written inside a user's handle or a
// hashtag (@iran_policy, #bali): a name, whatever its case.
func (st *state) handle(k int) bool {
	i := int(st.toks[k].start)
	return i > 0 && (st.text[i-1] == '@' || st.text[i-1] == '_' || st.text[i-1] == '#')
}

// saintsBuilding reports whether a span is a saint's name that names a
// building after it ("St. Joseph's Hospital", "St. John Cathedral", "St.
// Clair prison"): a place in a name, as the namesake town only if it is
// one known on its own (see choose).
func (st *state) saintsBuilding(s *span) bool {
	if s.t1 == s.t0 || !(st.is(s.t0, "st.") || st.is(s.t0, "saint") || st.is(s.t0, "st")) {
		return false
	}
	return st.isWord(s.t1+1) && st.cls(s.t1+1)&classFacility != 0
}

// respelt returns the readings of span s's name with one of its words
// written as another transliteration of it (lexicon/spellings.txt: "Ein
// Issa" as "Ayn Issa"), the first that has any; nil if none.
func (st *state) respelt(s *span) []cand {
	for k := s.t0; k <= s.t1; k++ {
		if !st.isWord(k) {
			continue
		}
		for _, v := range st.p.lex.spellings[strings.ToLower(st.word(k))] {
			t := st.toks[k]
			name := st.text[s.start:t.start] + v + st.text[t.end:s.end]
			if m := st.lookup(name).cands; len(m) > 0 {
				return m
			}
		}
	}
	return nil
}

// shortLoose reports whether a span is a word of three letters or fewer,
// not in capitals, that names no place as written: its readings are
// other names or spellings only ("Lu" for Luzhou, "Gaz" for Gaza).
func shortLoose(s *span) bool {
	if s.end-s.start > 3 || s.acronym || len(s.cands) == 0 {
		return false
	}
	for i := range s.cands {
		if s.cands[i].lit && !s.cands[i].alt {
			return false // (an area's other names count as literal: not here)
		}
	}
	return true
}

// wellKnown reports whether reading c is a country or a first-level area
// written by one of its names ("US"), or a city news names on its own
// (strong).
func wellKnown(c cand) bool {
	return c.lit && !c.fuzzy && (c.p.Level >= gazetteer.LevelRegion || strong(&c))
}

// titledName reports whether span s is a well-known place's name, no
// common or compass word (Metro, North) nor after one, in a clause in
// title case or a hashtag.
func (st *state) titledName(s *span) bool {
	if st.isWord(s.t0-1) && st.compassWord(s.t0-1) || st.toks[s.t0].flags&tHyphen != 0 {
		return false // "North America" is no America, "Mayo-Sava" no Sava
	}
	for k := s.t0; k <= s.t1; k++ {
		if st.cls(k)&(classContext|classFiller|classLocative) != 0 {
			return false
		}
	}
	return slices.ContainsFunc(s.cands, wellKnown) && (st.inHashtag(s) || st.titleClause(s))
}

// inHashtag reports whether span s is words of a hashtag run together
// (#KansasToday, #FreedomForScotland): the capitals there only part the
// words.
func (st *state) inHashtag(s *span) bool {
	for k := s.t0; k <= s.t1; k++ {
		if st.toks[k].flags&(tTag|tGlued) == 0 {
			return false
		}
	}
	return true
}

// titleClause reports whether span s stands in a clause written in title
// case ("Military Vets Criticize Ferguson Police Tactics:"): every word of
// four letters or more capitalised (not in capitals: shouting says no
// more), at least four of them besides the span's. There capitals say
// nothing, and the words next to a name are no evidence that it is part
// of an organisation's name. The clause is the first of its sentence or
// line, as a headline's is, and runs to a punctuation mark (a comma too:
// a list of names is no title).
func (st *state) titleClause(s *span) bool {
	caps, words := 0, 0
	count := func(k int) bool {
		t := st.toks[k]
		if t.flags&tWord == 0 {
			return t.punct == '\''
		}
		if t.flags&(tDigit|tTag|tGlued) == 0 && t.end-t.start >= 4 {
			words++
			if t.flags&(tCap|tUpper) == tCap {
				caps++
			}
		}
		return words == caps
	}
	opens := s.t0 == 0 || st.toks[s.t0].flags&(tNewline|tSentStart) != 0
	for k := s.t0 - 1; k >= 0 && !opens && count(k); k-- {
		opens = k == 0 || st.toks[k].flags&(tNewline|tSentStart) != 0
	}
	if !opens {
		return false // a clause within a sentence: "... and raided Kiptere in Upper Mara East"
	}
	if s.t1+1 < len(st.toks) && st.toks[s.t1+1].flags&tNewline == 0 {
		for k := s.t1 + 1; k < len(st.toks) && count(k); k++ {
			if k+1 < len(st.toks) && st.toks[k+1].flags&(tNewline|tSentStart) != 0 {
				break
			}
		}
	}
	return words >= 4 && caps == words
}
