package actors

import (
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/text"
)

// How a word joins the word before it. Phrases continue across spaces and
// hyphens ("al-Shabaab" = "al Shabaab") but not across other punctuation,
// so "the army, police" is two mentions and "army police" one phrase.
const (
	glueNone   uint8 = iota // punctuation or a blank line between: a phrase stops
	glueSpace               // white space, or an apostrophe that ended a possessive
	glueHyphen              // a hyphen or en dash ("Houthi-held", "pro-Houthi")
)

// word is one word of a text, as the scanner found it.
type word struct {
	start, end int // byte offsets of the word in the text
	// caps is true when the word has upper-case letters and no lower-case
	// ones ("IS", "U.S.", "M23").
	caps bool
	// title is true when the word starts with a capital letter: a country
	// name or demonym fills a template's slot only then, so that "turkey"
	// and "chad" stay words.
	title bool
	// letters counts the word's letters: short all-caps aliases match
	// case-sensitively.
	letters int
	// glue says how the word joins the previous one.
	glue uint8
}

// nextWord finds the first word of s at or after i. It appends the word's
// key to key[:0], describes the word in *w and returns the key with the
// position after the word; ok is false when no word is left. (*w is
// written, not returned: a returned word went to the stack a field at a
// time and was then copied whole, a store-forwarding stall per word.)
//
// The key is the word folded the way every alias is: lower case, diacritics
// removed, apostrophes inside words dropped ("Jama'at" = "Jamaat"), dots of
// initials dropped ("U.S." = "US"), and doubled letters collapsed ("Shabaab"
// = "Shabab", "Hizbollah" = "Hizbolah") because transliterations of Arabic
// and other names double letters at whim. A possessive "'s" becomes a word
// of its own ("Assad's forces" = "Assad s forces"), so that "Assad" matches.
func nextWord(s string, i int, key []byte, w *word) (k []byte, j int, ok bool) {
	k = key[:0]
	glue := glueSpace
	newlines := 0
	// Separators.
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if isASCIIAlnum(c) {
				break
			}
			switch c {
			case ' ', '\t', '\r', '\f', '\v', '\'', '`':
			case '\n':
				newlines++
				if newlines > 1 {
					glue = glueNone
				}
			case '-':
				if glue == glueSpace {
					glue = glueHyphen
				}
			default:
				glue = glueNone
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) && !isApostrophe(r) || unicode.IsDigit(r) {
			break
		}
		switch {
		case r == '\u00a0' || (r >= '\u2000' && r <= '\u200b') || r == '\u202f' || isApostrophe(r) || unicode.Is(unicode.Mn, r):
		case r == '\u2010' || r == '\u2011' || r == '\u2013':
			if glue == glueSpace {
				glue = glueHyphen
			}
		default:
			glue = glueNone
		}
		i += size
	}
	if i >= len(s) {
		return k, i, false
	}
	start := i
	upper, lower := 0, 0
	title := false
	seg := 0        // letters since the start or the last dot of initials
	dotted := false // the word is initials joined by dots ("U.S")
	// last is the key's last byte when the character before was a letter,
	// else 0: a letter that folds to it is doubled, and collapsed.
	var last byte
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z':
				// A run of lower-case letters, most of any text, in a
				// loop of its own.
				from := i
				for {
					if c != last {
						k = append(k, c)
						last = c
					}
					if i++; i == len(s) {
						break
					}
					if c = s[i]; c < 'a' || c > 'z' {
						break
					}
				}
				lower += i - from
				seg += i - from
				continue
			case c >= 'A' && c <= 'Z':
				if upper+lower == 0 {
					title = true
				}
				upper++
				c += 'a' - 'A'
				if c != last {
					k = append(k, c)
					last = c
				}
				seg++
				i++
				continue
			case c >= '0' && c <= '9':
				k = append(k, c)
				last = 0
				seg = 2 // digits are not initials
				i++
				continue
			case c == '\'' || c == '`':
				if joinsApostrophe(s, i+1) {
					i++
					continue
				}
			case c == '.':
				// "U.S." and "U.N.": a single letter, a dot, a single letter.
				if seg == 1 && i+2 < len(s) && isASCIILetter(s[i+1]) && !isASCIILetter(s[i+2]) {
					dotted = true
					seg = 0
					i++
					continue
				}
				if dotted && seg == 1 {
					i++ // the initials' closing dot belongs to the word
				}
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isApostrophe(r):
			// Before the letters: the modifier apostrophe (ʼ) and the
			// half rings are letters to Unicode, but "Assadʼs" is a
			// possessive as "Assad’s" is.
			if joinsApostrophe(s, i+size) {
				i += size
				continue
			}
		case unicode.IsLetter(r):
			if upper+lower == 0 && unicode.IsUpper(r) {
				title = true
			}
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			if r >= 0xc0 && r < 0x250 {
				f := latinFold[r-0xc0]
				for n := 0; n < len(f); n++ {
					if f[n] != last {
						k = append(k, f[n])
						last = f[n]
					}
				}
			} else {
				k = utf8.AppendRune(k, unicode.ToLower(r))
				last = 0
			}
			seg++
			i += size
			continue
		case unicode.IsDigit(r):
			k = utf8.AppendRune(k, r)
			last = 0
			seg = 2
			i += size
			continue
		case unicode.Is(unicode.Mn, r):
			i += size // a combining accent: folded away
			continue
		}
		break
	}
	// An acronym keeps its doubled letters: "PCC" is no "PC".
	if upper > 1 && lower == 0 && len(k) < upper {
		k = k[:0]
		for j := start; j < i; j++ {
			if c := s[j]; isASCIIAlnum(c) {
				k = append(k, c|0x20)
			}
		}
	}
	// Field by field: a composite literal is built on the stack and copied
	// whole, the same stall again.
	w.start, w.end = start, i
	w.caps = upper > 0 && lower == 0
	w.title = title
	w.letters = upper + lower
	w.glue = glue
	return k, i, true
}

// joinsApostrophe reports whether an apostrophe before s[i:] is inside a
// word ("Jama'at", "N'Djamena") rather than before a possessive "s" or
// after the word.
func joinsApostrophe(s string, i int) bool {
	if i >= len(s) || !isLetterAt(s, i) {
		return false
	}
	if s[i] == 's' || s[i] == 'S' {
		return i+1 < len(s) && isLetterAt(s, i+1)
	}
	return true
}

func isApostrophe(r rune) bool {
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u02bf', '\u02be', '\u00b4':
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || (c >= '0' && c <= '9') }

func isLetterAt(s string, i int) bool {
	if s[i] < utf8.RuneSelf {
		return isASCIILetter(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// latinFold spells the Latin letters with diacritics (U+00C0-U+024F) the way
// package text folds them, precomputed so that the scanner need not
// allocate.
var latinFold = func() []string {
	t := make([]string, 0x250-0xc0)
	for r := rune(0xc0); r < 0x250; r++ {
		t[r-0xc0] = text.Fold(string(r))
	}
	return t
}()
