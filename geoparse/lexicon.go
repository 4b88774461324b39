package geoparse

import (
	"embed"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
)

// The word lists live in lexicon/*.txt, one entry a line, so that they can
// be read and extended without reading Go.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// wordClass is a set of the lists a word is on.
type wordClass uint32

const (
	classStop      wordClass = 1 << iota // never a place alone
	classContext                         // a place only when context says so
	classTitle                           // makes the next capitalised words a person
	classLocative                        // before a name: the name is a place
	classFiller                          // may stand between a name and its qualifier
	classCue                             // a place noun (its level in cueLevel)
	classConnector                       // lower-case word inside a place name
	classHead                            // a generic word that begins place names
	classDemonym                         // a capitalised demonym (state.cls only)
	classArticle                         // an Arabic article (al, el, ash...)
	classUnit                            // capitalised after a name, an armed unit or a body: "Hamza Division"
	classFacility                        // capitalised after a name, a facility there: "Kelaniya University"
	classGiven                           // a given name: the capitalised word after it is a surname
	classSpeech                          // a verb of speech: the name before it is a person ("Dunn told")
	classKin                             // a kinship noun: the name whose possessive it follows is a person
	classEvent                           // capitalised after a name, what happened there: "Napa Earthquake"
	classOutlet                          // capitalised after a name, a newspaper: "the Jakarta Post"
	classBody                            // capitalised after a name, past its other words, a public body there: "Ferguson PD"
	classCalendar                        // a day's or a month's name: "Kherson Wednesday" in a headline's style is no name
	classForce                           // armed men or arms, after a demonym: "Russian ground forces"
	classLower                           // a place's name that is a common word in lower case: "turkey"
	classCountry                         // a country's name of one word (set by New): "japan"

	classUnknown wordClass = 1 << 31 // not looked up yet (see state.cls)
	// cueShift places a word's cueLevel in the class bits (four, above
	// the twenty-two classes).
	cueShift = 22
)

// cueLevel is what a place noun says about the name before it.
type cueLevel uint8

const (
	cueNone cueLevel = iota
	cueTown
	cueDistrict
	cueRegion
	cueCounty
	cueAround
	cueSite
	cueCountry
	cueRoute   // a road or front between places: "the Homs-Tadmor road"
	cueVillage // a settlement too small to be a city: "Tiba village" is no Chiba
)

var cueLevels = map[string]cueLevel{
	"town": cueTown, "district": cueDistrict, "region": cueRegion, "county": cueCounty,
	"around": cueAround, "site": cueSite, "country": cueCountry, "route": cueRoute,
	"village": cueVillage,
}

// connectors are the lower-case words that stand inside place names
// ("Deir ez-Zor", "Ras al Ain", "Bosnia and Herzegovina", "Rio de
// Janeiro"). They are part of the grammar of names rather than a lexicon,
// so they stay here.
var connectors = []string{
	"al", "el", "ar", "as", "ad", "ash", "at", "az", "an", "ez", "es", "ed", "er", "et", "en",
	"ech", "esh", "eth", "adh", "ath", "ul", "e", "i", "y", "de", "del", "della", "di", "da",
	"do", "dos", "das", "du", "des", "la", "le", "les", "lo", "of", "and", "bin", "ibn", "bint",
	"sur", "upon", "am", "im", "van", "von", "der", "den", "ben", "wa", "the", "los", "las",
	"dei", "degli", "della", "dello", "ya", "wa", "na",
}

// arabicArticles are the transliterations of the Arabic article.
var arabicArticles = []string{
	"al", "el", "ar", "as", "ad", "ash", "at", "az", "an", "ez", "es", "ed", "er", "et", "en",
	"ech", "esh", "eth", "adh", "ath", "ul",
}

// lexicon is the parsed word lists.
type lexicon struct {
	// class holds each word's classes, with its cueLevel in the bits from
	// cueShift, so that one look-up tells all.
	class map[string]wordClass
	cue   map[string]cueLevel
	// regions holds the gazetteer keys of the names in regions.txt.
	regions map[string]bool
	// states maps the abbreviation of a state after a town and a comma
	// (states.txt: "mo", "n.y") to the state's name.
	states map[string]string
	// abbrevs maps the abbreviation of a city or an area news writes in
	// capitals (abbreviations.txt: "NYC", "L.A.", "NSW") to its name.
	abbrevs map[string]string
	// spellings maps a word of place names to its other transliterations
	// (spellings.txt: "ein" -> "ayn", "ain").
	spellings map[string][]string
	// maxLen is the length of the longest word listed: longer words are
	// on no list.
	maxLen int
	// fast answers for the ASCII words of class (see wordTable); built
	// once every list is in.
	fast wordTable
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{class: map[string]wordClass{}, cue: map[string]cueLevel{}, regions: map[string]bool{}}
	rb, err := lexiconFS.ReadFile("lexicon/regions.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(rb), "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			lx.regions[gazetteer.Key(line)] = true
		}
	}
	if lx.states, err = readAbbreviations("lexicon/states.txt"); err != nil {
		return nil, err
	}
	if lx.abbrevs, err = readAbbreviations("lexicon/abbreviations.txt"); err != nil {
		return nil, err
	}
	if err := lx.loadSpellings(); err != nil {
		return nil, err
	}
	lists := []struct {
		file  string
		class wordClass
	}{
		{"stopwords.txt", classStop},
		{"context.txt", classContext},
		{"common.txt", classContext},
		{"titles.txt", classTitle},
		{"locatives.txt", classLocative},
		{"fillers.txt", classFiller},
		{"cues.txt", classCue},
		{"heads.txt", classHead},
		{"units.txt", classUnit},
		{"facilities.txt", classFacility},
		{"givennames.txt", classGiven},
		{"speech.txt", classSpeech},
		{"kin.txt", classKin},
		{"events.txt", classEvent},
		{"outlets.txt", classOutlet},
		{"bodies.txt", classBody},
		{"calendar.txt", classCalendar},
		{"forces.txt", classForce},
		{"lowerwords.txt", classLower},
	}
	for _, l := range lists {
		b, err := lexiconFS.ReadFile("lexicon/" + l.file)
		if err != nil {
			return nil, err
		}
		for i, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Fields(line)
			w := strings.ToLower(f[0])
			lx.class[w] |= l.class
			if l.class == classCue {
				if len(f) != 2 || cueLevels[f[1]] == cueNone {
					return nil, fmt.Errorf("lexicon/%s:%d: want a word and a level (%s)", l.file, i+1, line)
				}
				lx.cue[w] = cueLevels[f[1]]
			} else if len(f) != 1 {
				return nil, fmt.Errorf("lexicon/%s:%d: one word a line (%s)", l.file, i+1, line)
			}
		}
	}
	for _, c := range connectors {
		lx.class[c] |= classConnector
	}
	for _, a := range arabicArticles {
		lx.class[a] |= classArticle
	}
	for w, c := range lx.cue {
		lx.class[w] |= wordClass(c) << cueShift
	}
	for w := range lx.class {
		lx.maxLen = max(lx.maxLen, len(w))
	}
	return lx, nil
}

// loadSpellings reads spellings.txt.
func (lx *lexicon) loadSpellings() error {
	b, err := lexiconFS.ReadFile("lexicon/spellings.txt")
	if err != nil {
		return err
	}
	lx.spellings = map[string][]string{}
	for i, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0][0] == '#' {
			continue
		}
		if len(f) < 2 {
			return fmt.Errorf("lexicon/spellings.txt:%d: want a word and its other spellings (%s)", i+1, line)
		}
		lx.spellings[f[0]] = f[1:]
	}
	return nil
}

// lookup returns the classes of a word, ignoring case. It allocates
// nothing for words of up to 32 bytes.
func (lx *lexicon) lookup(word string) wordClass {
	if len(word) > lx.maxLen && lx.maxLen > 0 {
		return 0
	}
	if lx.fast.tags != nil {
		if c, ok := lx.fast.get(word); ok {
			return c
		}
	}
	var buf [32]byte
	if len(word) > len(buf) {
		return lx.class[strings.ToLower(word)]
	}
	b := buf[:len(word)]
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return lx.class[string(b)]
}

// wordTable is an open-addressing table of the lexicon's ASCII words,
// looked up without lower-casing a copy first: the hash and the
// comparison fold ASCII case as they go. A word with other bytes misses
// (ok false) and goes to the map.
type wordTable struct {
	// tags holds each slot's hash with its low bit set, 0 for an empty
	// slot: a probe reads this small array, and the slot only when the
	// hash matches.
	tags  []uint32
	slots []wordSlot
	mask  uint32
}

type wordSlot struct {
	word  string
	hash  uint32 // of the word, to pass over other words without comparing
	class wordClass
}

func foldHash(w string) (uint32, bool) {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return 0, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * 16777619
	}
	return h, true
}

func newWordTable(class map[string]wordClass) wordTable {
	size := 1
	for size < 4*len(class) {
		size <<= 1
	}
	t := wordTable{tags: make([]uint32, size), slots: make([]wordSlot, size), mask: uint32(size - 1)}
	for w, c := range class {
		h, ok := foldHash(w)
		if !ok || w == "" {
			continue
		}
		i := h & t.mask
		for t.tags[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.tags[i] = h | 1
		t.slots[i] = wordSlot{w, h, c}
	}
	return t
}

// get returns the classes of w (any ASCII case); ok is false for a word
// with non-ASCII bytes, which the table cannot answer for.
func (t *wordTable) get(w string) (wordClass, bool) {
	h, ok := foldHash(w)
	if !ok {
		return 0, false
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.tags[i] {
		case 0:
			return 0, true
		case h | 1:
			if s := &t.slots[i]; s.hash == h && equalFoldASCII(w, s.word) {
				return s.class, true
			}
		}
	}
}

// withoutCue returns an area's name without the place noun that ends or
// opens it ("Colombo District" -> "Colombo", "Province du Bam" -> "Bam"),
// else "".
func (lx *lexicon) withoutCue(name string) string {
	if i := strings.LastIndexByte(name, ' '); i > 0 && lx.cueOf(name[i+1:]) != cueNone {
		return name[:i]
	}
	i := strings.IndexByte(name, ' ')
	if i <= 0 || lx.cueOf(name[:i]) == cueNone {
		return ""
	}
	// Past the place noun, the connectors: "de la", "du", "of".
	rest := name[i+1:]
	for {
		j := strings.IndexByte(rest, ' ')
		if j <= 0 || lx.lookup(rest[:j])&classConnector == 0 {
			return rest
		}
		rest = rest[j+1:]
	}
}

// cueOf returns the level a place noun points to, cueNone for other words.
func (lx *lexicon) cueOf(word string) cueLevel {
	return cueLevel(lx.lookup(word) >> cueShift & 15)
}

// readAbbreviations reads a list of abbreviations, one a line: the
// abbreviation, a space, then the name it stands for.
func readAbbreviations(file string) (map[string]string, error) {
	b, err := lexiconFS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			abbr, name, ok := strings.Cut(line, " ")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want an abbreviation and a name (%s)", file, i+1, line)
			}
			m[abbr] = name
		}
	}
	return m, nil
}
