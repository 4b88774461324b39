// Package text holds the low-level text machinery every extractor stage
// shares: a tokenizer that keeps byte offsets, case folding, a sentence
// splitter that survives abbreviations and quotes, and a longest-match phrase
// matcher for lexicons.
//
// Everything here is allocation-light and has no I/O: the extractor runs it
// over megabytes a second.
package text

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind uint8

const (
	// Word is a run of letters, possibly with digits or inner apostrophes.
	Word Kind = iota
	// Number is a run of digits, with thousands separators and a decimal
	// point when they are followed by digits ("1,500", "1.5").
	Number
	// Punct is a single punctuation or symbol character.
	Punct
)

// Token is one token of a text.
type Token struct {
	// Start and End are the token's byte offsets in the text.
	Start, End int
	// Kind says whether it is a word, a number or punctuation.
	Kind Kind
	// Cap is true when the token starts with an upper-case letter.
	Cap bool
	// Upper is true when the token has two or more letters, all upper-case.
	Upper bool
	// Norm is the token folded: lower-case, diacritics removed, typographic
	// apostrophes made ASCII. It shares memory with the text when the token
	// was already lower-case ASCII.
	Norm string
	// Hash is a hash of Norm without apostrophes, the form lexicons
	// compare, so that matching a phrase hashes no bytes.
	Hash uint64
}

// Tokenize splits s into tokens.
func Tokenize(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/5+4), s)
}

// AppendTokens appends the tokens of s to dst. Offsets are relative to s.
func AppendTokens(dst []Token, s string) []Token {
	return appendTokens(dst, s, lowerASCII(s))
}

// appendTokens tokenizes s, whose ASCII-lower-cased copy is lower: the
// Norm of an ASCII word is a slice of lower, so a document's words cost one
// allocation in all.
func appendTokens(dst []Token, s, lower string) []Token {
	first := len(dst)
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				i++
			case isDigit(c):
				j := scanNumber(s, i)
				dst = append(dst, Token{Start: i, End: j, Kind: Number, Norm: s[i:j]})
				i = j
			case isASCIILetter(c):
				j := scanWord(s, i)
				dst = append(dst, wordToken(s, lower, i, j))
				i = j
			default:
				dst = append(dst, Token{Start: i, End: i + 1, Kind: Punct, Norm: s[i : i+1]})
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == utf8.RuneError:
			i += size
		case unicode.IsLetter(r) && r != 'ʼ' && r != 'ʿ' && r != 'ʾ':
			j := scanWord(s, i)
			dst = append(dst, wordToken(s, lower, i, j))
			i = j
		case unicode.IsDigit(r):
			dst = append(dst, Token{Start: i, End: i + size, Kind: Number, Norm: s[i : i+size]})
			i += size
		case unicode.Is(unicode.Mn, r):
			i += size // a stray combining mark
		default:
			dst = append(dst, Token{Start: i, End: i + size, Kind: Punct, Norm: foldPunct(r, s[i:i+size])})
			i += size
		}
	}
	for k := first; k < len(dst); k++ {
		dst[k].Hash = wordHash(dst[k].Norm)
	}
	return dst
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// scanNumber returns the end of the number starting at i: digits with
// inner "," or "." followed by a digit ("1,500", "1.5", "2,000.5").
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) {
		if isDigit(s[j]) {
			j++
			continue
		}
		if (s[j] == ',' || s[j] == '.') && j+1 < len(s) && isDigit(s[j+1]) {
			j += 2
			continue
		}
		break
	}
	return j
}

// scanWord returns the end of the word starting at i: letters, digits,
// combining marks, and apostrophes between letters ("Jama'at", "N'Djamena")
// except a possessive "'s", which becomes its own token.
func scanWord(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) || isDigit(c) {
				j++
				continue
			}
			if c == '\'' && j+1 < len(s) && isLetterAt(s, j+1) && !possessive(s, j+1) {
				j++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == '’' || r == 'ʼ' || r == 'ʿ' || r == 'ʾ' || r == '‘' {
			// Asked before the letter test: the modifier apostrophe (ʼ) and
			// the half rings are letters to Unicode, but a possessive
			// "ʼs" splits off as "’s" does.
			if j+size < len(s) && isLetterAt(s, j+size) && !possessive(s, j+size) {
				j += size
				continue
			}
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			j += size
			continue
		}
		break
	}
	return j
}

// possessive reports whether s[i:] starts "s" followed by a non-letter, the
// tail of an English possessive.
func possessive(s string, i int) bool {
	if s[i] != 's' && s[i] != 'S' {
		return false
	}
	return i+1 >= len(s) || !isLetterAt(s, i+1)
}

func isLetterAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func wordToken(s, lower string, i, j int) Token {
	w := s[i:j]
	t := Token{Start: i, End: j, Kind: Word}
	letters, uppers := 0, 0
	ascii := true
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			uppers++
			letters++
			if k == 0 {
				t.Cap = true
			}
		} else if c >= 'a' && c <= 'z' {
			letters++
		}
	}
	if ascii {
		t.Upper = letters >= 2 && uppers == letters
		t.Norm = lower[i:j]
		return t
	}
	first, _ := utf8.DecodeRuneInString(w)
	t.Cap = unicode.IsUpper(first)
	letters, uppers = 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	t.Upper = letters >= 2 && uppers == letters
	t.Norm = Fold(w)
	return t
}

// lowerASCII lower-cases the ASCII letters of w, leaving every other byte,
// so offsets stay the same. It returns w itself when nothing changes.
func lowerASCII(w string) string {
	k := 0
	for k < len(w) && (w[k] < 'A' || w[k] > 'Z') {
		k++
	}
	if k == len(w) {
		return w
	}
	b := make([]byte, len(w))
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	return string(b)
}

func foldPunct(r rune, s string) string {
	switch r {
	case '’', '‘', 'ʼ', '′':
		return "'"
	case '“', '”', '„', '«', '»', '″':
		return "\""
	case '–', '—', '‐', '‑', '−':
		return "-"
	}
	return s
}
