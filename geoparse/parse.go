package geoparse

import (
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sitrep/sitrep/gazetteer"
)

// maxRun bounds the words of one capitalised run; maxName, the tokens of
// the longest name looked up ("Democratic Republic of the Congo").
const (
	maxRun  = 8
	maxName = 6
)

// span is a candidate mention while a text is parsed.
type span struct {
	t0, t1     int // first and last token
	start, end int // byte span
	cands      []cand
	// unknown says the gazetteer has no exact reading of the name: cands
	// are fuzzy matches or none.
	unknown bool
	// fuzzy says the name may be looked up by skeleton whatever its
	// context: a run the gazetteer knows only the head of.
	fuzzy bool
	// Context.
	locative bool      // a preposition or verb of place before it
	beyond   bool      // across a border from the events, or whence someone came (see state.beyond)
	cue      cueLevel  // the place noun after it (or before: "the town of X")
	after    int       // first token after the name and its place noun
	person   bool      // the run it is in follows a person's title
	money    bool      // a country's prefix to a currency sign ("US$5", "$US 5")
	outlet   bool      // the start of a newspaper's name ("the Jakarta Post")
	inRun    bool      // other capitalised words the gazetteer lacks adjoin it
	class    wordClass // lexicon classes of a one-word name
	sentInit bool      // the first word of a sentence
	acronym  bool      // one all-capital word of up to four letters
	paren    bool      // stands in the parentheses after another name
	own      []vote    // its own vote for the text's countries
	self     []vote    // the votes of all the spans of its name (see groupVotes)
	group    int32     // the first span of the same name (see groupVotes)
	name     *cand     // the first of the name's shared readings (see groupVotes)
	listed   bool      // stands in a list with other names ("X, Y and Z")
	road     bool      // names an end of a road ("the Homs-Tadmor road")
	// Qualifiers.
	quals  []int // spans proposed as its qualifiers, nearest first
	qhow   []how // how each was proposed
	qual   int   // accepted qualifier, -1
	isQual bool  // qualifies another span
	// Resolution.
	fallback bool    // resolved to its qualifier's place
	best     int     // index in cands of the choice, -1
	accepted bool    // kept as a mention
	score    float64 // score of the choice
}

// cand is one reading of a span.
type cand struct {
	p      *gazetteer.Place
	alt    bool
	fuzzy  bool
	lit    bool    // written as the place's name (see sameFold)
	prior  float64 // see prior
	local  float64 // prior and the words around (see local), once counted
	weight float64 // e^prior, its share of the name's focus vote
	base   float64 // local and focus
	s      float64 // base with qualifier and proximity evidence
}

// how says by which words a qualifier was proposed.
type how uint8

const (
	byParen how = iota // "X (A, B)"
	byComma            // "X, Y": a qualifier or a list
	byIn               // "X in Y": inside
	byOf               // "X of Y": inside, or only a genitive ("the Direction of Labour")
	byNear             // "X near Y": close by
)

// run is a maximal sequence of capitalised words, with the connectors and
// hyphenated parts between them: the extent a name can have.
type run struct {
	t0, t1 int
	// named is the last token of the person's name a title opens the run
	// with ("President Bashar al-Assad"), -1 if none (see findPersons).
	named int
}

// Parse returns the place mentions of text in text order.
func (p *Parser) Parse(text string) []Mention {
	return p.ParseHints(text, nil)
}

// ParseHints is Parse for a text the caller knows more about: hints are
// the ISO 3166 alpha-2 codes of countries the text involves (the
// countries of its actors: "Tiger Forces", "Kenyan police"). A hint
// weighs almost as much as a country the text names, so that "Maareh
// village east of Sarhan" in a note about the Tiger Forces is read in
// Syria, and a weak reading abroad is not taken for lack of evidence.
func (p *Parser) ParseHints(text string, hints []string) []Mention {
	st := newState(p, text)
	defer st.release()
	st.hints = hints
	st.detect()
	if len(st.spans) == 0 {
		return nil
	}
	st.context()
	st.propose()
	st.resolve()
	return shortNames(st.mentions())
}

// state is one call of Parse.
type state struct {
	p     *Parser
	text  string
	toks  []token
	spans []span
	// spanAt maps a token to the span starting there, -1 for none.
	spanAt []int32
	runs   []run
	// classes caches the lexicon classes of each token (classUnknown until
	// looked up).
	classes []wordClass
	// persons holds the words of people's names (see wordHash).
	persons map[uint64]struct{}
	// lower holds the text's lower-case words (see lowerElsewhere), once
	// lowerDone.
	lower     map[uint64]struct{}
	lowerDone bool
	// hints are the caller's countries (see ParseHints).
	hints []string
	// evidence is the text's country evidence, by ccIndex; the last slot
	// takes any code that is not two letters.
	evidence [26*26 + 1]float64
	// cands backs the readings of all spans (and of the memo).
	cands  []cand
	memo   map[string]*named
	ranked []string // the countries of evidence, most first
	total  float64
	buf    []gazetteer.Candidate
	// groups serves groupVotes; sure, oneSense; index, mentions.
	groups []groupSlot
	sure   []int32
	index  []int
	// votes backs the spans' own votes.
	votes []vote
	// anchors serves proximity.
	anchors []anchor
	// quals and qhows back the spans' proposed qualifiers (see propose);
	// selfs, the votes of the names of several spans (see groupVotes).
	quals []int
	qhows []how
	selfs []vote
	// demonyms holds the capitalised demonyms of the text with their
	// countries, found once for context and countFocus.
	demonyms []demonymTok
	// abroad holds the countries of forces fighting abroad (forcesAbroad).
	abroad []string
}

// cls returns the lexicon classes of word token k, looked up once.
func (st *state) cls(k int) wordClass {
	if c := st.classes[k]; c != classUnknown {
		return c
	}
	c := st.tokenClass(k, st.p.lex.lookup(st.word(k)))
	st.classes[k] = c
	return c
}

// tokenClass returns the classes of token k from its word's.
func (st *state) tokenClass(k int, c wordClass) wordClass {
	if st.toks[k].flags&tCap == 0 {
		c &^= classDemonym // "syrian" in lower case is no demonym of note
	}
	if c&classStop != 0 && st.toks[k].flags&tUpper != 0 && st.lookup(st.word(k)).country {
		c &^= classStop // "US" is the country, "us" the pronoun
	}
	return c
}

func (st *state) word(i int) string {
	t := st.toks[i]
	return st.text[t.start:t.end]
}

func (st *state) isWord(i int) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].flags&tWord != 0
}

func (st *state) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].flags&tWord == 0 && st.toks[i].punct == c
}

// continues reports whether token k+1 extends a run that has reached k.
func (st *state) continues(k int) bool {
	if !st.isWord(k) || !st.isWord(k+1) {
		return false
	}
	a, b := st.toks[k], st.toks[k+1]
	if a.flags&tPossessive != 0 || b.flags&tNewline != 0 {
		return false
	}
	if st.text[a.end-1] == '.' && b.flags&tCap != 0 && st.functionWord(k+1) {
		return false // "in the U.S. The first case": the abbreviation's full stop ends the sentence too
	}
	if b.flags&(tHyphen|tCap) != 0 {
		return true // "Aleppo Hama", and hyphenated parts of any case: ez-Zor, Ti-n-Samane
	}
	// A connector continues the run when a capitalised or hyphenated word
	// follows it: "Jisr al Shughur", "Bosnia and Herzegovina".
	// (Connectors are short: longer words need no look-up.)
	if st.is(k+1, "of") && st.is(k+2, "the") && st.isWord(k+3) && st.toks[k+3].flags&(tCap|tNewline) == tCap &&
		st.p.g.StartsName(st.word(k)) {
		// "Democratic Republic of the Congo", where a name of several
		// words starts ("Republic of the Congo"); not "Reilly of the
		// California Department".
		return true
	}
	if b.flags&tPossessive == 0 && b.end-b.start <= 5 && st.isWord(k+2) && st.toks[k+2].flags&(tCap|tHyphen) != 0 &&
		st.cls(k+1)&classConnector != 0 {
		if st.is(k+1, "the") && !st.is(k, "of") {
			return false // "the" only in "Republic of the Congo"
		}
		c := st.toks[k+2]
		return c.flags&tNewline == 0 && c.flags&(tCap|tHyphen) != 0 && !st.notInName(k+2)
	}
	return false
}

// notInName reports whether the word at k, after a connector and a
// space, starts no part of a name: a people's word, an acronym or a word
// with a digit ("Goma as M23 advanced", "Mykolaiv as Russian troops
// left": the connector is the English word).
func (st *state) notInName(k int) bool {
	t := st.toks[k]
	if t.flags&tHyphen != 0 {
		return false // "as-Suwayda"
	}
	return st.cls(k)&classDemonym != 0 || t.flags&tUpper != 0 && t.end-t.start <= 5 || strings.ContainsAny(st.word(k), "0123456789")
}

// functionWord reports whether token k is an article, a conjunction or a
// preposition ("The", "A", "In", "Of"), not one of the nouns that are
// never places alone ("Army", "Police").
func (st *state) functionWord(k int) bool {
	c := st.cls(k)
	return c&classStop != 0 && (c&(classConnector|classLocative|classFiller) != 0 || st.toks[k].end-st.toks[k].start <= 2)
}

// detect finds the capitalised runs and, within each, the longest names
// the gazetteer knows, left to right; the stretches of a run it does not
// know become unknown spans, kept if context later marks them as places.
func (st *state) detect() {
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.flags&tWord == 0 || t.flags&tCap == 0 {
			continue
		}
		r0 := i
		// "al-Rastan", "el-Fasher": a lower-case article joined to the
		// name belongs to it.
		if t.flags&tHyphen != 0 && st.isWord(i-1) && toks[i-1].flags&tCap == 0 &&
			st.cls(i-1)&classConnector != 0 && (len(st.runs) == 0 || st.runs[len(st.runs)-1].t1 < i-1) {
			r0 = i - 1
		}
		j := i
		for j-r0+1 < maxRun && st.continues(j) {
			j++
		}
		// A run does not end on a connector.
		for j > i && toks[j].flags&(tCap|tHyphen) == 0 {
			j--
		}
		st.runs = append(st.runs, run{r0, j, -1})
		st.matchRun(r0, j)
		i = j
	}
}

// name returns the words of tokens k to e as the gazetteer keys them: the
// text, with a space between words a hashtag ran together ("Sierra Leone"
// for #SierraLeone).
func (st *state) name(k, e int) string {
	n := st.text[st.toks[k].start:st.toks[e].end]
	glued := false
	for i := k + 1; i <= e; i++ {
		glued = glued || st.toks[i].flags&tGlued != 0
	}
	if !glued {
		return n
	}
	b := make([]byte, 0, len(n)+e-k)
	for i := k; i <= e; i++ {
		if i > k {
			if st.toks[i].flags&tGlued != 0 {
				b = append(b, ' ')
			} else {
				b = append(b, st.text[st.toks[i-1].end:st.toks[i].start]...)
			}
		}
		b = append(b, st.text[st.toks[i].start:st.toks[i].end]...)
	}
	return string(b)
}

// canStart reports whether a name may start at token k of a run: not in
// the middle of a hyphenated compound ("Ti-n-Samane"), unless what the
// hyphen joins it to is a word of its own ("pro-Assad", "Sudan-Kenya").
func (st *state) canStart(k, r0 int) bool {
	t := st.toks[k]
	if k == r0 {
		return true
	}
	if t.flags&tCap == 0 {
		return false
	}
	if t.flags&tHyphen == 0 {
		return true
	}
	// "pro-Assad", and the second of two capitalised names joined by a
	// hyphen ("the Sudan-Kenya border", "Kisumu-Usenge road").
	p := st.toks[k-1]
	return p.end-p.start >= 3 && st.cls(k-1)&classConnector == 0
}

// canEnd reports whether a name may end at token e: not on a connector,
// and not in the middle of a hyphenated compound unless what follows is a
// word of its own ("Damascus-based", "Sudan-Kenya").
func (st *state) canEnd(e int) bool {
	if st.toks[e].flags&(tCap|tHyphen) == 0 || st.toks[e].end-st.toks[e].start <= 3 && st.isArticle(e) {
		return false // "Sahm El" is no name
	}
	if st.toks[e].end-st.toks[e].start == 1 && st.text[st.toks[e].start] == 'I' {
		return false // "And I", "But I": the pronoun ends no name
	}
	if !st.isWord(e+1) || st.toks[e+1].flags&tHyphen == 0 {
		return true
	}
	n := st.toks[e+1]
	return n.end-n.start >= 3 && st.cls(e+1)&classConnector == 0 &&
		(n.flags&tCap == 0 || st.toks[e].flags&tCap != 0)
}

// compassTown reports whether name, which starts with a compass word at
// token k ("East Hama", "Northern Aleppo"), reads only as towns: then the
// compass word describes the place after it. Names of countries and areas
// keep it ("South Sudan", "West Bank", "North Kivu").
func (st *state) compassTown(k int, name string) bool {
	if !st.compassWord(k) {
		return false
	}
	m := st.lookup(name).cands
	if len(m) == 0 {
		return false
	}
	for _, c := range m {
		if c.p.Level != gazetteer.LevelTown {
			return false
		}
	}
	return true
}

// compassWord reports whether token k is a compass word that names a
// part of a place: North, Eastern, Central, Upper...
func (st *state) compassWord(k int) bool {
	switch {
	case st.is(k, "north"), st.is(k, "south"), st.is(k, "east"), st.is(k, "west"),
		st.is(k, "northern"), st.is(k, "southern"), st.is(k, "eastern"), st.is(k, "western"),
		st.is(k, "central"), st.is(k, "upper"), st.is(k, "lower"):
		return true
	}
	return false
}

// strayAfter reports whether the token after e is a capitalised word the
// gazetteer does not know, continuing e's run.
func (st *state) strayAfter(e int) bool {
	if !st.isWord(e + 1) {
		return false
	}
	t := st.toks[e+1]
	if t.flags&tCap == 0 || t.flags&tUpper != 0 {
		return false
	}
	w := st.word(e + 1)
	if st.cls(e+1)&(classStop|classDemonym) != 0 || st.cue(e+1) != cueNone {
		return false
	}
	return len(st.lookup(w).cands) == 0
}

// cueNext reports whether the word after token k is a place noun.
func (st *state) cueNext(k int) bool {
	return st.isWord(k+1) && st.cue(k+1) != cueNone
}

// capAfter reports whether the token after e is a capitalised word that is
// neither a stop word nor a place noun.
func (st *state) capAfter(e int) bool {
	if !st.isWord(e+1) || st.toks[e+1].flags&tCap == 0 {
		return false
	}
	return st.cls(e+1)&classStop == 0 && st.cue(e+1) == cueNone
}

// fuzzyHas reports whether name has a skeleton match.
func (st *state) fuzzyHas(name string) bool {
	return len(st.lookupLoose(name)) > 0
}

// isRegion reports whether name is a world region (regions.txt).
func (st *state) isRegion(name string) bool {
	var kb [64]byte
	k := gazetteer.AppendKey(kb[:0], name)
	return st.p.lex.regions[string(k)]
}

// articleNext reports whether the token after e is an Arabic article
// continuing the name ("al" in "Khan al-Sabeel").
func (st *state) articleNext(e int) bool {
	if !st.isWord(e + 1) {
		return false
	}
	t := st.toks[e+1]
	if t.flags&tCap != 0 && t.flags&tHyphen == 0 {
		return false
	}
	return st.isArticle(e + 1)
}

// isArticle reports whether token k is an Arabic article.
func (st *state) isArticle(k int) bool {
	return st.cls(k)&classArticle != 0
}

// is reports whether token k is the word w (lower case, ASCII), in any
// case.
func (st *state) is(k int, w string) bool {
	return st.isWord(k) && equalFoldASCII(st.word(k), w)
}

// equalFoldASCII reports whether s is w (lower-case ASCII) but for case.
func equalFoldASCII(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// matchRun finds the names within the run of tokens r0..j.
func (st *state) matchRun(r0, j int) {
	toks := st.toks
	unknownFrom, lastFound := -1, -1
	flushUnknown := func(end int) {
		if unknownFrom >= 0 {
			st.addSpan(unknownFrom, end, true)
			unknownFrom = -1
		}
	}
	for k := r0; k <= j; k++ {
		if !st.canStart(k, r0) {
			if unknownFrom < 0 && toks[k].flags&tCap != 0 && lastFound != k-1 {
				unknownFrom = k
			}
			continue
		}
		tk := toks[k]
		found := -1
		var hit *named
		last := min(j, k+maxName-1)
		first := st.lookup(st.word(k))
		if st.classes[k] == classUnknown {
			st.classes[k] = st.tokenClass(k, first.class) // known with the name: no second look-up
		}
		if last > k && !first.starts {
			last = k // no name of several words starts with this one
		}
		if last > k && tk.end-tk.start == 1 && st.cls(k)&classStop != 0 && toks[k+1].flags&tHyphen == 0 {
			// "A Homs resident": the article opens no name (the key drops
			// it); "A-Raqqa" is an Arabic article's.
			last = k
		}
		for e := last; e >= k; e-- {
			if !st.canEnd(e) {
				continue
			}
			if e == k {
				c := st.cls(k)
				if c&(classStop|classConnector|classDemonym) != 0 || st.cue(k) != cueNone {
					break // not a name alone: "The", "Syrian", "Province", "Al"
				}
				if c&classContext != 0 && toks[k].flags&tSentStart != 0 && !st.cueNext(k) {
					// "Police", "Mark" opening a sentence: nothing before
					// can make it a place, and nothing after does.
					break
				}
			}
			name := st.name(k, e)
			if e > k && st.compassTown(k, name) {
				continue // "East Hama" is Hama, not East Ham
			}
			m := first
			if e > k {
				m = st.lookup(name)
			}
			if len(m.cands) > 0 {
				if m.region {
					found = -2 - e // a world region: no mention, and skip it
				} else {
					found, hit = e, m
				}
				break
			}
		}
		if found <= -2 {
			flushUnknown(k - 1)
			k = -2 - found
			lastFound = k
			continue
		}
		if found < 0 {
			if _, ok := st.p.lex.abbrevs[st.word(k)]; ok {
				flushUnknown(k - 1)
				st.addSpan(k, k, true) // "NYC": read in context (abbreviated)
				lastFound = k
				continue
			}
			if _, ok := st.postalCode(k); ok {
				// "Kingsport TN": the state, whatever else TN may be.
				flushUnknown(k - 1)
				st.addSpan(k, k, true)
				lastFound = k
				continue
			}
			w := st.word(k)
			if toks[k].flags&tCap == 0 || st.cls(k)&(classStop|classDemonym) != 0 ||
				toks[k].flags&tUpper != 0 && len(w) <= 5 || st.cue(k) != cueNone {
				// Not part of an unknown name: a stop word, a demonym, an
				// acronym (QSD, HTS) or a place noun.
				flushUnknown(k - 1)
				continue
			}
			if unknownFrom < 0 {
				unknownFrom = k
			}
			continue
		}
		if found == k && found < j && (st.strayAfter(found) || st.cls(k)&classHead != 0 && st.capAfter(found)) {
			// One known word followed by capitalised words the gazetteer
			// does not know: "Tal Heddiyeh", "Khan Shaykun", "Jebel Saman".
			// If the whole is a misspelling of a known name, or the word is
			// a generic head, the whole is the name.
			e := found + 1
			for e < j && st.toks[e+1].flags&(tCap|tHyphen) != 0 {
				e++
			}
			whole := st.text[tk.start:toks[e].end]
			if st.cls(k)&classHead != 0 || st.fuzzyHas(whole) {
				flushUnknown(k - 1)
				st.addSpan(k, e, true)
				st.spans[len(st.spans)-1].fuzzy = true
				k, lastFound = e, e
				continue
			}
		}
		if found < j && st.articleNext(found) {
			// "Khan al-Sabeel", "Dar'a al-Balad": the known name is the
			// head of a longer one the gazetteer lacks. Take the whole.
			e := found + 1
			for e < j && (st.toks[e+1].flags&tHyphen != 0 || st.toks[e].flags&tCap != 0 && st.toks[e+1].flags&tCap != 0) {
				e++
			}
			if unknownFrom < 0 {
				unknownFrom = k
			}
			k = e
			continue
		}
		flushUnknown(k - 1)
		st.addSpan(k, found, false)
		st.spans[len(st.spans)-1].cands = st.copyCands(hit.literal)
		st.spans[len(st.spans)-1].name = &hit.cands[0]
		k, lastFound = found, found
	}
	flushUnknown(j)
}

// lookup returns the exact readings of name, with what they are worth
// before the text is read (see readings), from the gazetteer the first
// time and from the memo and the parser's cache after: names recur in a
// text and from text to text. The slice is shared: copy it to change it.
func (st *state) lookup(name string) *named {
	// The front cache first: a slot per hash, no lock.
	slot := &st.p.cache.front[maphash.String(frontSeed, name)&(frontSize-1)]
	if m := slot.Load(); m != nil && m.name == name {
		return m
	}
	m, ok := st.p.cache.exact.get(name)
	if !ok {
		if m, ok = st.memo[name]; ok {
			return m // (the cache is full)
		}
		st.buf = st.p.g.AppendExact(st.buf[:0], name)
		var fb [64]byte
		m = &named{name: strings.Clone(name)}
		m.cands = slices.Clip(st.p.readings(nil, st.buf, gazetteer.AppendFold(fb[:0], name)))
		m.country = literalCountry(m.cands)
		m.literal = m.cands
		if m.country {
			m.literal = slices.Clip(literalOnly(slices.Clone(m.cands)))
		}
		m.region = len(m.cands) > 0 && st.isRegion(name)
		m.starts = st.p.g.StartsName(name)
		m.class = st.p.lex.lookup(name)
		if !st.p.cache.exact.put(m.name, m) {
			st.memo[m.name] = m
		}
	}
	slot.Store(m)
	return m
}

// named is what lookup finds for a name.
type named struct {
	name   string    // the name (a copy: not the text's)
	cands  []cand    // its readings, shared
	region bool      // a world region (regions.txt): no mention
	starts bool      // a longer name starts with it (gazetteer.StartsName)
	class  wordClass // its lexicon classes, as one word (lexicon.lookup)
	// country says a reading is a country written by its name
	// (literalCountry); literal is then cands without the loose readings
	// (literalOnly), else cands: what a span of the name starts with,
	// worked out once per name rather than once per span.
	country bool
	literal []cand
}

// readings appends to dst the readings of a name folded to fold (see
// gazetteer.AppendFold), with their prior, weight and spelling, best
// prior first (ties by gazetteer order).
func (p *Parser) readings(dst []cand, cs []gazetteer.Candidate, fold []byte) []cand {
	n := len(dst)
	for _, gc := range cs {
		c := cand{p: gc.Place, alt: gc.Alt, fuzzy: gc.Fuzzy}
		// The other names of an area or a country are the news names
		// aliases.tsv and countries.tsv give it, or loose spellings of
		// its own: as good as literal.
		c.lit = sameFold(fold, c.p.Name) || c.p.Level != gazetteer.LevelTown &&
			(c.alt || sameFold(fold, p.lex.withoutCue(c.p.Name)))
		c.prior = prior(&c)
		dst = append(dst, c)
	}
	if slices.ContainsFunc(dst[n:], func(c cand) bool { return c.lit && c.p.Level == gazetteer.LevelTown }) {
		for i := n; i < len(dst); i++ {
			if c := &dst[i]; !c.lit && !c.fuzzy && nearSpelling(fold, c) {
				c.lit, c.alt = true, false
				c.prior = prior(c)
			}
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i].weight = math.Exp(dst[i].prior)
	}
	slices.SortStableFunc(dst[n:], func(a, b cand) int {
		switch {
		case a.prior > b.prior:
			return -1
		case a.prior < b.prior:
			return 1
		}
		return a.p.Index() - b.p.Index()
	})
	return dst
}

// nearSpelling reports whether the name written (folded to fold) is a
// capital's or a provincial seat's own name spelt another way, a letter
// apart, as another language writes it: Geneva for Genève, Odessa for
// Odesa, Lugansk for Luhansk. Where a town bears that very name (a county
// seat of Illinois, a city of Texas), the name is the city's as much as
// the town's. (Where none does, the city reads as it did: a letter apart
// may be another place the gazetteer lacks, Malabe near Colombo.)
func nearSpelling(fold []byte, c *cand) bool {
	p := c.p
	if p.Level != gazetteer.LevelTown || p.Feature != "PPLA" && p.Feature != "PPLC" {
		return false
	}
	var b [64]byte
	own := gazetteer.AppendFold(b[:0], p.Name)
	if len(own) == 0 || own[0] != fold[0] {
		return false
	}
	// A city of 100,000, and a name of six letters or more one letter
	// from its own (not Trent for Trento, Pray for Praia).
	return len(fold) >= 6 && p.Population >= 100000 && gazetteer.EditDistance(fold, string(own), 1) <= 1
}

// lookupCache remembers what the gazetteer said of the names met in
// earlier texts: their readings (none, for most capitalised words) and
// whether a longer name starts with them, their loose readings. The same names
// come back story after story, and a map is cheaper than the gazetteer's
// keys, hash tables and postings, and than the readings' priors. Each map
// stops growing at maxCached names.
type lookupCache struct {
	exact nameCache[*named]
	loose nameCache[[]cand]
	// front holds the names met last, a slot per hash: most look-ups
	// end there, without a lock.
	front [frontSize]atomic.Pointer[named]
}

const frontSize = 1 << 14

var frontSeed = maphash.MakeSeed()

// nameCache is one map of lookupCache, safe for concurrent use.
type nameCache[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

const maxCached = 1 << 17

func (c *nameCache[V]) get(name string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[name]
	c.mu.RUnlock()
	return v, ok
}

// put keeps v for name (copied), and reports whether there was room.
func (c *nameCache[V]) put(name string, v V) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]V{}
	}
	if len(c.m) >= maxCached {
		return false
	}
	c.m[strings.Clone(name)] = v
	return true
}

// lookupLoose returns the readings of a name the gazetteer lacks by its
// loose spellings and skeleton (gazetteer.AppendLookup), shared like
// lookup's.
func (st *state) lookupLoose(name string) []cand {
	m, ok := st.p.cache.loose.get(name)
	if !ok {
		st.buf = st.p.g.AppendLookup(st.buf[:0], name)
		var fb [64]byte
		m = slices.Clip(st.p.readings(nil, st.buf, gazetteer.AppendFold(fb[:0], name)))
		st.p.cache.loose.put(name, m)
	}
	return m
}

// literalOnly drops, from the readings of a name that literally names a
// country, those it names only loosely (an alternate name, a skeleton):
// "Libya" is Libya, never Libby, Montana, whatever the text is about.
// Places of that very name stay ("Jordan, Minnesota").
func literalOnly(cs []cand) []cand {
	if !literalCountry(cs) {
		return cs
	}
	out := cs[:0]
	for _, c := range cs {
		if c.lit {
			out = append(out, c)
		}
	}
	return out
}

// copyCands gives a span its own copy of a name's readings.
func (st *state) copyCands(m []cand) []cand {
	i := len(st.cands)
	st.cands = append(st.cands, m...)
	return st.cands[i:len(st.cands):len(st.cands)]
}

func (st *state) addSpan(t0, t1 int, unknown bool) {
	// An unknown stretch does not end on a connector either.
	for t1 > t0 && st.toks[t1].flags&(tCap|tHyphen) == 0 {
		t1--
	}
	st.spans = append(st.spans, span{
		t0: t0, t1: t1, start: int(st.toks[t0].start), end: int(st.toks[t1].end),
		unknown: unknown, qual: -1, best: -1,
	})
}

// demonymOf returns the countries whose people word names, nil for other
// words.
func (p *Parser) demonymOf(word string) []string {
	var buf [32]byte
	if len(word) > len(buf) || len(word) < 3 {
		return nil
	}
	b := buf[:len(word)]
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return p.demonyms[string(b)]
}

// statePool keeps the buffers of finished parses for the next: a parse
// of an article then allocates little but its result.
var statePool = sync.Pool{New: func() any { return new(state) }}

func newState(p *Parser, text string) *state {
	st := statePool.Get().(*state)
	st.p, st.text = p, text
	st.toks = tokenize(text, st.toks[:0])
	clear(st.spans) // drop the old spans' slices for the collector
	st.spans = st.spans[:0]
	st.votes = st.votes[:0]
	st.runs = st.runs[:0]
	st.cands = st.cands[:0]
	st.total = 0
	st.lowerDone = false
	if st.memo == nil {
		st.memo = map[string]*named{}
	}
	for _, cc := range st.ranked {
		st.evidence[ccIndex(cc)] = 0
	}
	st.evidence[26*26] = 0
	clear(st.memo)
	st.ranked = st.ranked[:0]
	st.classes = slices.Grow(st.classes[:0], len(st.toks))[:len(st.toks)]
	for i := range st.classes {
		st.classes[i] = classUnknown
	}
	if strings.IndexByte(text, '#') >= 0 {
		st.countryTags() // (no hashtag, no token to look at)
	}
	st.lowerPlaces()
	if strings.IndexByte(text, '@') >= 0 {
		st.handles()
	}
	return st
}

// handles lower the words of users' handles (@Laurie_Garrett,
// @Chicago_Scanner): a handle names an account, not a place, whatever
// words it is made of.
func (st *state) handles() {
	k := 0
	for at := strings.IndexByte(st.text, '@'); at >= 0; {
		end := at + 1
		for end < len(st.text) && (asciiKind[st.text[end]] != 0 || st.text[end] == '_') {
			end++
		}
		for k < len(st.toks) && int(st.toks[k].start) <= at {
			k++
		}
		for ; k < len(st.toks) && int(st.toks[k].start) < end; k++ {
			st.toks[k].flags &^= tCap | tUpper
		}
		next := strings.IndexByte(st.text[end:], '@')
		if next < 0 {
			break
		}
		at = end + next
	}
}

// countryTags capitalises the hashtags in lower case that are a country's
// name (#iran, #nigeria), or well known (wellKnownTag): their author made
// them names. Other lower-case hashtags stay words (#tornado is no town
// in West Virginia).
func (st *state) countryTags() {
	for i := range st.toks {
		t := &st.toks[i]
		if t.flags&(tTag|tCap|tDigit) != tTag || i+1 < len(st.toks) && st.toks[i+1].flags&tGlued != 0 {
			continue
		}
		if st.lookup(st.word(i)).country || st.wellKnownTag(i) || st.locativeTag(i) {
			t.flags |= tCap
		}
	}
}

// locativeTag reports whether the lower-case hashtag at token i follows a
// preposition of place and is written as a place's name the gazetteer
// holds, no common word ("protests in #ferguson", not "in #reading").
func (st *state) locativeTag(i int) bool {
	k := i - 1
	if st.isPunct(k, '#') {
		k--
	}
	if !st.isWord(k) || st.toks[k].flags&tCap != 0 || st.cls(k)&classLocative == 0 {
		return false
	}
	w := st.word(i)
	if len(w) < 4 || st.p.lex.lookup(w)&(classStop|classContext|classCue|classLower|classFiller|classLocative) != 0 {
		return false
	}
	for _, c := range st.lookup(w).cands {
		if c.lit && !c.alt {
			return true
		}
	}
	return false
}

// lowerPlaces capitalises a word written in lower case after a
// preposition of place when it is a country's name, a first-level area's
// or a well-known city's ("flooding in terengganu", "a riot in
// sydney"), and a country's name anywhere ("pray for japan"): whoever
// writes so writes every name so. Other words stay words ("in reading",
// "at home", "in northeast"), and so do names that are common words in
// lower case ("turkey", "china": lexicon/lowerwords.txt).
func (st *state) lowerPlaces() {
	for i := 0; i < len(st.toks); i++ {
		t := &st.toks[i]
		if t.flags&(tWord|tCap|tDigit|tTag) != tWord || t.end-t.start < 4 ||
			i > 0 && st.isWord(i-1) && st.toks[i-1].flags&tCap != 0 || i+1 < len(st.toks) && st.toks[i+1].flags&(tGlued|tHyphen) != 0 {
			continue
		}
		c := st.cls(i)
		if c&(classFiller|classLocative|classStop|classLower) != 0 {
			continue
		}
		if i > 0 && st.isWord(i-1) && st.cls(i-1)&classLocative != 0 && st.wellKnownTag(i) || c&classCountry != 0 && st.lookup(st.word(i)).country {
			t.flags |= tCap
		}
	}
}

// wellKnownTag reports whether the lower-case hashtag at token i is
// written as the name of a first-level area or of a city news names on
// its own (#california, #miami), and is no common word (#reading,
// #mobile, #tornado).
func (st *state) wellKnownTag(i int) bool {
	w := st.word(i)
	if len(w) < 4 || st.p.lex.lookup(w)&(classStop|classContext|classGiven|classCue) != 0 {
		return false
	}
	for _, c := range st.lookup(w).cands {
		if c.lit && (c.p.Level == gazetteer.LevelRegion || strong(&c)) {
			return true
		}
	}
	return false
}

// release returns st to the pool.
func (st *state) release() {
	st.p, st.text, st.hints = nil, "", nil
	statePool.Put(st)
}

// cue returns the place-noun level of word token k.
func (st *state) cue(k int) cueLevel {
	return cueLevel(st.cls(k) >> cueShift & 15)
}
