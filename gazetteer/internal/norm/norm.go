// Package norm turns place names into lookup keys. The generator keys the
// gazetteer with it and the runtime keys the text with it, so the two must
// never disagree: change a rule here, bump Version, and run go generate.
//
// News spells one place many ways (Talbisseh, Talbiseh, Talbisse,
// Tallbisah; Deir ez-Zor, Deir al-Zour, Dayr az Zawr). Two levels absorb
// that:
//
//   - the key: lower case, diacritics folded, hyphens and spaces as word
//     breaks, apostrophes (' ’ ʿ ʾ) dropped, Arabic articles (al-, ar-, ez-
//     ...) and one-letter connectors (the Persian -e-, -i-) dropped
//     wherever they stand, doubled
//     letters collapsed, ou -> u, iy -> i, word endings -eh/-ah/-a/-e/-h
//     removed, words joined without spaces ("Dawlat Abad" = "Dawlatabad");
//   - the skeleton, derived from the key: consonants only, with the
//     digraphs of transliteration merged (kh -> k, sh/ch -> s, q/c -> k),
//     so that Deir/Dayr, Homs/Hims, Zour/Zor meet. It is loose and only a
//     fallback.
//
// A third form, the loose key, also strips articles written joined to the
// word (Arraqqa, Ezzor, Alrastan); it is tried when the key misses.
package norm

//go:generate go run ./mkfold

import (
	"unicode"
	"unicode/utf8"
)

// Version identifies the rules; the data file records the version it was
// keyed with and the gazetteer refuses a file keyed by other rules.
const Version = 5

// MinSkeleton is the shortest skeleton worth a fuzzy match: two consonants
// match far too much of the world.
const MinSkeleton = 3

type foldBlock struct {
	lo, hi rune
	to     []string
}

// articles are the words dropped wherever they stand in a name: Arabic
// articles in their transliterations, and the one-letter connectors of
// Persian and Romance names (Mazar-i-Sharif, Côte d'Ivoire).
var articles = [...]string{
	"al", "el", "ar", "as", "ad", "ash", "at", "az", "an", "ez", "es",
	"ed", "er", "et", "en", "ech", "esh", "eth", "adh", "ath", "ul",
	"a", "e", "i", "o", "y", "l", "d",
}

func isArticle(w []byte) bool {
	if len(w) > 3 {
		return false
	}
	for _, a := range articles {
		if string(w) == a {
			return true
		}
	}
	return false
}

// Key returns the lookup key of name.
func Key(name string) string {
	var buf [64]byte
	return string(AppendKey(buf[:0], name))
}

// AppendKey appends the key of name to dst.
func AppendKey(dst []byte, name string) []byte {
	return appendKey(dst, name, true, false)
}

// AppendLoose appends the loose key of name: the key, with articles
// written joined to their word also stripped ("Arraqqa" -> "raqa",
// "Deir Ezzor" -> "deirzor"). It equals the key when there are none.
func AppendLoose(dst []byte, name string) []byte {
	return appendKey(dst, name, true, true)
}

func appendKey(dst []byte, name string, dropArticles, loose bool) []byte {
	if dropArticles {
		if k, ok := appendWordKey(dst, name, loose); ok {
			return k
		}
	}
	return appendKeySlow(dst, name, dropArticles, loose)
}

// appendKeySlow is appendKey for any name.
func appendKeySlow(dst []byte, name string, dropArticles, loose bool) []byte {
	start := len(dst)
	var wb [96]byte
	w := wb[:0]
	kept, dropped := 0, 0
	flush := func() {
		if len(w) == 0 {
			return
		}
		if dropArticles && isArticle(w) {
			dropped++
			w = w[:0]
			return
		}
		if loose {
			w = stripJoinedArticle(w)
		}
		w = normWord(w)
		if len(dst) > start && len(w) > 0 && dst[len(dst)-1] == w[0] {
			w = w[1:] // a doubled letter across the join collapses too
		}
		dst = append(dst, w...)
		kept++
		w = w[:0]
	}
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				w = append(w, c)
			case c >= 'A' && c <= 'Z':
				w = append(w, c+'a'-'A')
			case c == '\'' || c == '`':
				// An apostrophe marks an ʿayn or a glottal stop that other
				// spellings leave out: it joins (Dar'a = Daraa, Ma'arrat =
				// Maarrat), and what follows it is never an article
				// (Al-Wa'er is not Al-Wa).
			default:
				flush()
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		if r >= 0x0300 && r <= 0x036F { // combining marks stay inside the word
			continue
		}
		if r >= 0x02B0 && r <= 0x02FF || r == '’' || r == '‘' || r == '´' {
			// Modifier letters (the ʿ and ʾ of ʿayn and hamza, ʼ) and
			// typographic apostrophes join like the apostrophe.
			continue
		}
		if s, ok := foldLatin(r); ok {
			if s == "" {
				flush()
			} else {
				w = append(w, s...)
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			// Other scripts are kept as they are: they never match the
			// gazetteer, which holds Latin names only, but must not
			// collapse into an empty key that would.
			w = utf8.AppendRune(w, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	if kept == 0 && dropped > 0 && dropArticles {
		// The name is nothing but articles ("As", "El"): key it as it is.
		return appendKeySlow(dst[:start], name, false, false)
	}
	return dst
}

// AppendFold appends the letters and digits of s, lower-cased and with
// diacritics folded, and nothing else: "Rājshāhi" -> "rajshahi". Unlike
// the key it keeps every letter, to tell a name written exactly from one
// that only shares a key ("Room" and "Rome").
func AppendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				dst = append(dst, c)
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if f, ok := foldLatin(r); ok {
			dst = append(dst, f...)
		} else if unicode.IsLetter(r) {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// appendWordKey is the key of a name that is one word of ASCII letters
// (most names in a text), without the general machinery; ok is false for
// any other name.
func appendWordKey(dst []byte, name string, loose bool) ([]byte, bool) {
	if len(name) == 0 || len(name) > 64 {
		return dst, false
	}
	var wb [64]byte
	w := wb[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		default:
			return dst, false
		}
		w[i] = c
	}
	if isArticle(w) {
		return append(dst, w...), true // a name that is only an article keeps it
	}
	if loose {
		w = stripJoinedArticle(w)
	}
	return append(dst, normWord(w)...), true
}

func foldLatin(r rune) (string, bool) {
	for i := range foldBlocks {
		b := &foldBlocks[i]
		if r >= b.lo && r <= b.hi {
			return b.to[r-b.lo], true
		}
	}
	return "", false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func ascii(w []byte) bool {
	for _, c := range w {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// MayHaveJoinedArticle reports, cheaply, whether name has a word the loose
// key would change (one starting with al-, el- or a doubled sun letter
// after a or e): when it has none, the loose key is the key.
func MayHaveJoinedArticle(name string) bool {
	start := true
	for i := 0; i < len(name); i++ {
		c := name[i] | 0x20 // ASCII lower case; other bytes do not matter here
		isLetter := c >= 'a' && c <= 'z' || name[i] >= utf8.RuneSelf
		if start && (c == 'a' || c == 'e') && i+2 < len(name) {
			n1, n2 := name[i+1]|0x20, name[i+2]|0x20
			if n1 == 'l' || n1 == n2 {
				return true
			}
		}
		start = !isLetter && name[i] != '\''
	}
	return false
}

// stripJoinedArticle removes an article written as part of its word: al-
// or el- before four or more letters (Alrastan), or the sun-letter forms
// whose consonant doubles (Arraqqa, Ezzor, Assuwayda).
func stripJoinedArticle(w []byte) []byte {
	if len(w) >= 6 && (w[0] == 'a' || w[0] == 'e') && w[1] == 'l' {
		return w[2:]
	}
	if len(w) >= 5 && (w[0] == 'a' || w[0] == 'e') && w[1] == w[2] {
		switch w[1] {
		case 't', 'd', 'r', 'z', 's', 'n':
			return w[2:]
		}
	}
	return w
}

// normWord applies the in-word rules to w in place: doubled letters
// collapse, ou -> u, iy -> i, and one of the endings -eh, -ah, -a, -e, or
// -h after a vowel goes when at least three letters remain.
func normWord(w []byte) []byte {
	if !ascii(w) {
		return w
	}
	out := w[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		n := len(out)
		if n > 0 && out[n-1] == c {
			continue
		}
		if n > 0 && ((out[n-1] == 'o' && c == 'u') || (out[n-1] == 'i' && c == 'y')) {
			out[n-1] = c
			if c == 'y' {
				out[n-1] = 'i'
			}
			continue
		}
		out = append(out, c)
	}
	w = out
	n := len(w)
	switch {
	case n >= 5 && (w[n-2] == 'e' || w[n-2] == 'a') && w[n-1] == 'h':
		w = w[:n-2]
	case n >= 4 && (w[n-1] == 'a' || w[n-1] == 'e'):
		w = w[:n-1]
	case n >= 4 && w[n-1] == 'h' && isVowel(w[n-2]):
		w = w[:n-1]
	}
	return w
}

// Skeleton returns the skeleton of a key.
func Skeleton(key string) string {
	var buf [64]byte
	return string(AppendSkeleton(buf[:0], []byte(key)))
}

// AppendSkeleton appends the skeleton of key (a key, not a raw name) to
// dst: transliteration digraphs merged, vowels and the glides w and y
// dropped, doubled consonants collapsed.
func AppendSkeleton(dst []byte, key []byte) []byte {
	start := len(dst)
	push := func(c byte) {
		if len(dst) > start && dst[len(dst)-1] == c {
			return
		}
		dst = append(dst, c)
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		var next byte
		if i+1 < len(key) {
			next = key[i+1]
		}
		switch {
		case next == 'h' && (c == 'k' || c == 'g' || c == 's' || c == 'c' || c == 't' || c == 'd' || c == 'p' || c == 'z'):
			i++
			switch c {
			case 'c':
				c = 's'
			case 'p':
				c = 'f'
			case 'z':
				c = 'j'
			}
			push(c)
		case c == 'd' && next == 'j':
			i++
			push('j')
		case c == 'c' && next == 'k':
			i++
			push('k')
		case c == 'q' || c == 'c':
			push('k')
		case c == 'x':
			push('k')
			push('s')
		case c == 'v':
			push('f')
		case isVowel(c) || c == 'y' || c == 'w':
			// Dropped. A consonant repeated across a vowel then collapses
			// too (Hamam -> hm): the skeleton is a coarse net on purpose.
		default:
			push(c)
		}
	}
	return dst
}
