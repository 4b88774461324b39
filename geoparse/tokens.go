package geoparse

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of the text.
type token struct {
	start, end int32 // byte span in the text
	flags      tokFlags
	punct      byte // for a punctuation token: the ASCII mark, or '"' for any quote
}

type tokFlags uint16

const (
	tWord       tokFlags = 1 << iota
	tCap                 // starts with an upper-case letter
	tUpper               // all letters upper case, two or more of them
	tHyphen              // joined to the previous word by a hyphen, no space
	tSentStart           // first word of a sentence
	tDigit               // starts with a digit
	tPossessive          // followed by 's, which is not part of it
	tNewline             // a line break precedes it
	tTitled              // follows a title that opens its run (set by state.context)
	tGlued               // a later word of a hashtag run together: "Leone" of #SierraLeone
	tTag                 // the first word of a hashtag
	tPerson              // a word of a person's name here (set by state.findPersons)
)

// asciiKind classes the ASCII bytes that make words.
var asciiKind = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = kLower
		t[c-'a'+'A'] = kUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = kDigit
	}
	return t
}()

const (
	kLower = 1 << iota
	kUpper
	kDigit
)

// alnumEnd returns the end of the ASCII letters and digits from i on.
// Most of a text is such runs, and their ends cannot be predicted: the
// bytes are tested eight at a time, and the first that is none is found
// without a branch per byte.
func alnumEnd(text string, i int) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	// ge(y, c) has the high bit of each byte of y (each below 0x80) that
	// is c or more: adding 0x80-c carries into the high bit exactly then,
	// and never into the next byte.
	ge := func(y uint64, c byte) uint64 { return y + (0x80-uint64(c))*ones }
	for ; i+8 <= len(text); i += 8 {
		w := text[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		y := x &^ high
		l := y | 0x20*ones // ASCII letters in lower case; nothing else becomes one
		letter := ge(l, 'a') &^ ge(l, 'z'+1)
		digit := ge(y, '0') &^ ge(y, '9'+1)
		// A byte that is neither stops, and so does one of 0x80 or more.
		if stop := (^(letter | digit) | x) & high; stop != 0 {
			return i + bits.TrailingZeros64(stop)/8
		}
	}
	for ; i < len(text) && asciiKind[text[i]] != 0; i++ {
	}
	return i
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʿ', 'ʾ', 'ʼ', '`', '´':
		return true
	}
	return false
}

// initialsEnd returns the end of the initials joined by dots that start at
// i ("U.S.", "U.K.": two or more capitals, each followed by a dot, and no
// letter after), or i+1.
func initialsEnd(text string, i int) int {
	j, n := i, 0
	for j+1 < len(text) && text[j] >= 'A' && text[j] <= 'Z' && text[j+1] == '.' {
		j += 2
		n++
	}
	if n < 2 || j < len(text) && asciiKind[text[j]]&(kLower|kUpper) != 0 {
		return i + 1
	}
	return j
}

// placeAbbrev reports whether text[start:end] is an abbreviation that
// opens place names (St, Ste, Mt, Ft, Pt) followed by its full stop, a
// space and a capital: "St. Petersburg" is one name, not "St" and a
// sentence starting "Petersburg".
func placeAbbrev(text string, start, end int) bool {
	switch text[start:end] {
	case "St", "Ste", "Mt", "Ft", "Pt":
	default:
		return false
	}
	return end+2 < len(text) && text[end] == '.' && text[end+1] == ' ' && asciiKind[text[end+2]] == kUpper
}

// elided reports whether w is a French article elided onto a capitalised
// name: d'Ivoire, l'Ouest.
func elided(w string) bool {
	if len(w) < 3 || w[0] != 'd' && w[0] != 'l' {
		return false
	}
	r, n := utf8.DecodeRuneInString(w[1:])
	if !isApostrophe(r) || 1+n >= len(w) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(w[1+n:])
	return unicode.IsUpper(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into words and punctuation marks. Apostrophes
// between letters stay inside words (Dar'a, Ma'arrat); a final 's is cut
// off and noted (Assad's); hyphens split words but are noted on the word
// after them (Deir ez-Zor), so that names may span them.
func tokenize(text string, toks []token) []token {
	sentStart := true
	newline := false
	hyphen := false // the previous character was a hyphen right after a word
	for i := 0; i < len(text); {
		c := text[i]
		// ASCII fast paths.
		if c == ' ' || c == '\t' || c == '\r' {
			hyphen = false
			i++
			continue
		}
		if c == '\n' {
			hyphen = false
			newline = true
			sentStart = true
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		k := asciiKind[c]
		if k == 0 && (c < utf8.RuneSelf || !isWordRune(r)) {
			if r == '-' || r == '‐' || r == '‑' {
				// A hyphen joins the words around it only with no space
				// on either side; with space it separates, like a dash.
				hyphen = len(toks) > 0 && toks[len(toks)-1].flags&tWord != 0 && int(toks[len(toks)-1].end) == i
				if !hyphen {
					toks = append(toks, token{start: int32(i), end: int32(i + n), punct: '-'})
				}
				i += n
				continue
			}
			if unicode.IsSpace(r) {
				hyphen = false
				i += n
				continue
			}
			hyphen = false
			var p byte
			switch {
			case r < utf8.RuneSelf:
				p = byte(r)
			case r == '“' || r == '”' || r == '«' || r == '»' || r == '„':
				p = '"'
			case r == '’' || r == '‘':
				p = '\''
			case r == '–' || r == '—':
				p = '-'
			case r == '…':
				p = '.'
			default:
				p = ';' // any other mark: a break that means nothing more
			}
			toks = append(toks, token{start: int32(i), end: int32(i + n), punct: p})
			switch p {
			case '.', '!', '?':
				sentStart = true
			}
			i += n
			continue
		}
		// A word.
		start := i
		var f tokFlags = tWord
		if hyphen {
			f |= tHyphen
		}
		hyphen = false
		if newline {
			f |= tNewline
			newline = false
		}
		if sentStart {
			f |= tSentStart
			sentStart = false
		}
		switch {
		case k == kUpper:
			f |= tCap
		case k == kDigit:
			f |= tDigit
		case k == 0 && unicode.IsUpper(r):
			f |= tCap
		}
		upper, lower := 0, 0
		if k == kUpper {
			// Capitals count only until a lower-case letter shows the
			// word is not all capitals.
			for upper, i = 1, i+1; i < len(text); i++ {
				if k := asciiKind[text[i]]; k == kLower {
					lower = 1
					break
				} else if k == 0 {
					break
				} else if k == kUpper {
					upper++
				}
			}
		}
		if k == kLower || lower > 0 {
			// Lower case from the start, or past the first lower-case
			// letter: never all capitals, nothing to count.
			lower = 1
			i = alnumEnd(text, i+1)
		}
		for i < len(text) {
			c := text[i]
			if k := asciiKind[c]; k != 0 {
				// ASCII letters and digits, the bulk of any English text.
				upper += int(k&kUpper) >> 1
				lower += int(k & kLower)
				i++
				continue
			}
			if c < utf8.RuneSelf && c != '\'' && c != '`' {
				break // ASCII space or punctuation ends the word
			}
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[i:])
			}
			if isWordRune(r) {
				if r < utf8.RuneSelf {
					// (ASCII letters and digits took the fast path.)
				} else if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				}
				i += n
				continue
			}
			if isApostrophe(r) && i+n < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[i+n:])
				if (r2 == 's' || r2 == 'S') && (i+n+n2 >= len(text) || !isWordRune(rune(text[i+n+n2]))) {
					// A possessive: Assad's, Homs's. The word ends here.
					f |= tPossessive
					if upper >= 2 && lower == 0 {
						f |= tUpper
					}
					if f&tCap == 0 && elided(text[start:i]) {
						f |= tCap
					}
					toks = append(toks, token{start: int32(start), end: int32(i), flags: f})
					i += n + n2
					goto next
				}
				if isWordRune(r2) {
					i += n
					continue
				}
			}
			break
		}
		if i == start+1 && k == kUpper {
			if j := initialsEnd(text, start); j > i {
				i, upper = j, 2 // "U.S.", "U.A.E.": one word, in capitals
			}
		}
		if placeAbbrev(text, start, i) {
			i++ // "St. Louis", "Mt. Vernon": the full stop is the word's, and no sentence ends
		}
		if upper >= 2 && lower == 0 {
			f |= tUpper
		}
		if f&tCap == 0 && elided(text[start:i]) {
			f |= tCap // "Côte d'Ivoire": the name after the article is capitalised
		}
		if start > 0 && text[start-1] == '#' {
			toks = appendHashtag(toks, text, start, i, f)
			continue
		}
		toks = append(toks, token{start: int32(start), end: int32(i), flags: f})
	next:
	}
	return toks
}

// appendHashtag appends the words of the hashtag text[start:end] (the
// part after '#'; a possessive took the other path), whose flags as one
// word are f. Words run together are split where a capital follows a
// lower-case letter (#GazaUnderAttack, #SierraLeone) and where letters
// meet digits (#Unity4Malaysia, #Tokyo2020; not in a hashtag that opens
// with digits, #1Ummah), each later word marked tGlued so that a name may
// span them; the digits make no word. The first word is marked tTag.
func appendHashtag(toks []token, text string, start, end int, f tokFlags) []token {
	f |= tTag
	from, first := start, true
	digits := asciiKind[text[start]] != kDigit // not in #1Ummah, #2dayIn1947
	for k := start + 1; k <= end; k++ {
		if k < end && !hashtagBreak(text[k-1], text[k], digits) {
			continue
		}
		a := asciiKind[text[from]]
		if a == kDigit && !first {
			from = k // "4" of #Unity4Malaysia: no word
			continue
		}
		g := f // the first word keeps the hashtag's flags
		if !first {
			g = tWord | tGlued
			if a == kUpper {
				g |= tCap
			}
		}
		toks = append(toks, token{start: int32(from), end: int32(k), flags: g})
		from, first = k, false
	}
	return toks
}

// hashtagBreak reports whether a hashtag's words part between bytes a
// and b: a capital after a lower-case letter, or, if digits, letters
// against digits.
func hashtagBreak(a, b byte, digits bool) bool {
	ka, kb := asciiKind[a], asciiKind[b]
	return ka == kLower && kb == kUpper || digits && ka != 0 && kb != 0 && (ka == kDigit) != (kb == kDigit)
}
