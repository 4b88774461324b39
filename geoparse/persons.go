package geoparse

import "github.com/sitrep/sitrep/gazetteer"

// findPersons fills st.persons with the words of the people the text
// names, and flags (tPerson) the tokens of a name that is a person only
// where it stands: a title opens its run ("President Bashar al-Assad"),
// or stands inside it ("Fisheries Minister Alan Barker"); a given name
// comes before it ("Gloria Welch"); an initial ("Thomas R. Lennox"); a
// verb of speech follows it or, at the end of a clause, precedes it
// ("Dunn told", "said Steele."); a kinship noun follows its possessive
// ("Cooke's widow"); or it is a kunya ("Abu Mohammed al-Jolani"). A
// person's surname is a person wherever else the text has it alone.
func (st *state) findPersons() {
	if st.persons == nil {
		st.persons = map[uint64]struct{}{}
	}
	clear(st.persons)
	for ri := range st.runs {
		r := &st.runs[ri]
		if r.t1 > r.t0 && st.cls(r.t0)&classTitle != 0 {
			r.t0++ // "MP Kabir Hashim", "President Assad": the title opens the run
			st.toks[r.t0].flags |= tTitled
		}
		switch {
		case st.kunya(*r):
			st.markPerson(r.t0, r.t1, 0)
			r.named = r.t1
		case st.titled(r.t0) && !st.rankWord(*r):
			// (The span that starts at the title is a place's name the
			// gazetteer knows: "Imam Sahib", "General Santos".) A title
			// names the next three words at most: in "Senator Warren
			// Sends Aid To Russia And Ukraine", a headline, Russia is no
			// person's name.
			r.named = st.nameEnd(r.t0, r.t1)
			st.markPerson(r.t0, r.named, 0)
		case st.speaker(*r):
			st.markPerson(r.t0, r.t1, tPerson)
		default:
			st.namedInRun(*r)
		}
		st.initialled(r.t0)
	}
}

// rankWord reports whether the title before run r names no one, the run
// being a place's name: a place noun follows the run, and the title is a
// word of size or rank apart from it ("the only major Kursk region
// town") or is someone's of the place ("the Governor of Kursk region").
// A capitalised title joined to the name is a word of a place's name
// ("Sheikh Saad town").
func (st *state) rankWord(r run) bool {
	if !st.isWord(r.t1+1) || st.cue(r.t1+1) == cueNone {
		return false
	}
	if st.toks[r.t0].flags&tTitled != 0 {
		return st.is(r.t0, "of")
	}
	return st.isWord(r.t0-1) && st.toks[r.t0-1].flags&tCap == 0
}

// nameEnd returns the last token of a person's name that starts at
// token a, within the run ending at t1: up to three capitalised words,
// with what hyphens and connectors join to them ("Bashar al-Assad"),
// never past "of" ("Deputy Head of the Kherson Oblast Council": what
// follows is the body the title is of).
func (st *state) nameEnd(a, t1 int) int {
	e, n := a, 0
	for k := a; k <= t1; k++ {
		t := st.toks[k]
		if st.is(k, "of") {
			break
		}
		if t.flags&tCap != 0 && t.flags&tHyphen == 0 {
			if n++; n > 3 {
				break
			}
		}
		e = k
	}
	return e
}

// markPerson records the capitalised words of tokens a..b as a person's,
// and gives their tokens flag.
func (st *state) markPerson(a, b int, flag tokFlags) {
	for k := a; k <= b; k++ {
		if st.toks[k].flags&tCap != 0 {
			st.persons[wordHash(st.word(k))] = struct{}{}
			st.toks[k].flags |= flag
		}
	}
}

// namedInRun marks the people a run names after a title or a given name
// inside it: the words from the title's next, or the given name's, up to
// the first word that is no capitalised word of its own.
func (st *state) namedInRun(r run) {
	for k := r.t0; k < r.t1; k++ {
		c := st.cls(k)
		if c&(classTitle|classGiven) == 0 || !st.nameWord(k) || !st.nameWord(k+1) || st.knownAcross(k) {
			continue
		}
		e := st.capsEnd(k+1, min(r.t1, k+2)) // a surname of two words at most
		if st.placeWordsIn(k+1, e) {
			return // "Nelson Mandela Bay", "Nat Taung village"
		}
		if c&classTitle != 0 {
			// Past the rest of the title ("Secretary General Kofi
			// Annan"), a name of up to three words.
			j := k + 1
			for j < r.t1 && st.cls(j)&classTitle != 0 && st.nameWord(j+1) {
				j++
			}
			st.markPerson(j, st.capsEnd(j, min(r.t1, j+2)), tPerson)
			return
		}
		if st.surnameAt(k + 1) {
			st.markPerson(k+1, e, tPerson)
			if !st.placeOnItsOwn(st.word(k)) {
				st.toks[k].flags |= tPerson // this once: "Gloria" may be a town too
			}
			return
		}
	}
}

// placeWordsIn reports whether tokens a..b, or the word after, hold a
// place noun or the head of a facility's or a body's name: what looked
// like a person's name is then a place's or an organisation's.
func (st *state) placeWordsIn(a, b int) bool {
	for k := a; k <= b+1 && st.isWord(k); k++ {
		if st.cue(k) != cueNone || st.cls(k)&(classHead|classFacility|classUnit) != 0 {
			return true
		}
	}
	return false
}

// nameWord reports whether token k may be a word of a person's name:
// capitalised, not all capitals (a shouted headline) and no part of a
// hashtag run together (#SydneySiege).
func (st *state) nameWord(k int) bool {
	return st.toks[k].flags&(tCap|tUpper|tGlued|tTag) == tCap
}

// capsEnd returns the last of the capitalised words from token k on,
// within the run ending at t1.
func (st *state) capsEnd(k, t1 int) int {
	for k < t1 && st.nameWord(k+1) && st.toks[k+1].flags&tHyphen == 0 && !st.areaOnItsOwn(st.word(k+1)) {
		k++
	}
	return k
}

// surnameAt reports whether token k, after a given name, is a surname:
// a capitalised word, not joined by a hyphen, that is no place news
// names on its own ("Sydney Australia", "Rob Baltimore Kid" in a
// headline) and no noun of an event ("Ferguson Protest Leader").
func (st *state) surnameAt(k int) bool {
	t := st.toks[k]
	if t.flags&tCap == 0 || t.flags&tHyphen != 0 || st.cls(k)&(classStop|classDemonym|classTitle|classEvent) != 0 || st.cue(k) != cueNone {
		return false
	}
	return !st.placeOnItsOwn(st.word(k))
}

// areaOnItsOwn reports whether a name is that of a country or a
// first-level area: after a title, a city's name may be a surname too
// ("Minister Jim Sutton"), a state's seldom.
func (st *state) areaOnItsOwn(name string) bool {
	for _, c := range st.lookup(name).cands {
		if !c.fuzzy && c.p.Level >= gazetteer.LevelRegion {
			return true
		}
	}
	return false
}

// knownAcross reports whether a name the gazetteer knows covers token k
// and the next ("Alice Springs"), or k and the one before ("San Carlos").
func (st *state) knownAcross(k int) bool {
	for _, j := range [2]int{k, k + 1} {
		si := st.spanCovering(j)
		if si >= 0 && !st.spans[si].unknown && st.spans[si].t0 < j && st.spans[si].t1 >= k {
			return true
		}
	}
	return false
}

// placeOnItsOwn reports whether a name has a reading news names on its
// own: a country, a first-level area, a capital or seat, a city of
// 100,000 (see strong).
func (st *state) placeOnItsOwn(name string) bool {
	for _, c := range st.lookup(name).cands {
		if strong(&c) || !c.fuzzy && c.p.Level >= gazetteer.LevelRegion {
			return true
		}
	}
	return false
}

// speaksForItself reports whether a place's name stands for those who
// govern it ("Beijing said", "the US says", "Texas argues"): a country, a
// first-level area, a national capital or a city of a million. A
// smaller city that speaks is more likely a person ("Palma said").
func (st *state) speaksForItself(name string) bool {
	for _, c := range st.lookup(name).cands {
		if c.fuzzy {
			continue
		}
		if c.p.Level >= gazetteer.LevelRegion || !c.alt && (c.p.Feature == "PPLC" || c.p.Population >= 1000000) {
			return true
		}
	}
	return false
}

// speaker reports whether run r is a person by a verb of speech: right
// after it ("Dunn told"), or right before it when a clause ends after it
// ("said Steele."); by a kinship noun after its possessive ("Cooke's
// widow"); or by an age in commas after it ("Welch, 45,"). A place named after a preposition ("police in Dunn
// said") and a place news names on its own ("Beijing said") speak for
// those who are there.
func (st *state) speaker(r run) bool {
	before := st.isWord(r.t1+1) && st.toks[r.t1+1].flags&tCap == 0 && st.cls(r.t1+1)&classSpeech != 0
	after := st.isWord(r.t0-1) && st.toks[r.t0-1].flags&tCap == 0 && st.cls(r.t0-1)&classSpeech != 0 &&
		(r.t1+1 >= len(st.toks) || st.isPunct(r.t1+1, '.') || st.isPunct(r.t1+1, ',') || st.isPunct(r.t1+1, ';'))
	kin := st.toks[r.t1].flags&tPossessive != 0 && st.isWord(r.t1+1) && st.cls(r.t1+1)&classKin != 0
	if !before && !after && !kin && !st.aged(r.t1) {
		return false
	}
	if st.locativeBefore(r.t0) || st.is(r.t0-1, "of") {
		return false
	}
	// Every word a name's own: no "The", no "University", no place
	// known on its own ("Ohio State University said").
	for k := r.t0; k <= r.t1; k++ {
		if st.toks[k].flags&tCap == 0 {
			continue
		}
		if st.cls(k)&(classStop|classUnit|classFacility|classTitle|classDemonym) != 0 || st.cue(k) != cueNone || st.speaksForItself(st.word(k)) {
			return false
		}
	}
	// A place's name of several words is the place's: "Fort Hood said".
	return r.t1 == r.t0 || len(st.lookup(st.name(r.t0, r.t1)).cands) == 0
}

// aged reports whether an age in commas follows token k: "Dunn, 45,
// was charged".
func (st *state) aged(k int) bool {
	if !st.isPunct(k+1, ',') || !st.isWord(k+2) || !st.isPunct(k+3, ',') {
		return false
	}
	t := st.toks[k+2]
	if t.end-t.start > 3 {
		return false
	}
	for i := t.start; i < t.end; i++ {
		if c := st.text[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// initialled marks the surname after a middle initial ("Thomas R.
// Lennox", "Albert R. T. Lim"): a capitalised word after a capital letter
// and its full stop that follow a capitalised word.
func (st *state) initialled(k int) {
	j := k - 1
	if !st.isPunct(j, '.') {
		return
	}
	n := 0
	for st.isPunct(j, '.') && st.isWord(j-1) && st.toks[j-1].end-st.toks[j-1].start == 1 && st.toks[j-1].flags&tCap != 0 {
		j -= 2
		n++
	}
	if n > 0 && st.isWord(j) && st.toks[j].flags&tCap != 0 && st.cls(j)&classStop == 0 {
		st.markPerson(k, k, tPerson)
	}
}

// personTok reports whether a word of span s is flagged as a person's.
func (st *state) personTok(s *span) bool {
	for k := s.t0; k <= s.t1; k++ {
		if st.toks[k].flags&tPerson != 0 {
			return true
		}
	}
	return false
}
