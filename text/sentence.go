package text

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a [Start,End) byte range of a text.
type Span struct{ Start, End int }

//go:embed abbreviations.txt
var abbreviationsTxt string

var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(abbreviationsTxt, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && l[0] != '#' {
			m[l] = true
		}
	}
	return m
}()

// Sentences splits s into sentences, trimmed of surrounding space. A
// sentence ends at ".", "!" or "?" (with any closing quotes or brackets)
// followed by space and a capital, digit or opening quote, unless the word
// before the stop is an abbreviation or an initial; at a blank line; and at
// a line break followed by a capital (a new paragraph in plain text).
func Sentences(s string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		a, b := trimSpan(s, start, end)
		if a < b {
			out = append(out, Span{a, b})
		}
		start = end
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '.', '!', '?':
			j := i + 1
			for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?') {
				j++
			}
			j = skipClosers(s, j)
			if j < len(s) && !isSpaceByte(s[j]) {
				continue // "1.5", "U.S.-led", "e.g.,"
			}
			k := skipSpace(s, j)
			if k < len(s) && !startsSentence(s, k) {
				continue
			}
			if c == '.' && j == i+1 && !endsSentence(s, start, i) {
				continue
			}
			emit(j)
			i = j - 1
		case '\n':
			// The whole run of space is read at once: read again from
			// each of its line breaks, a long run cost its square.
			k := skipSpace(s, i)
			if k < len(s) {
				breaksInSpace(s, i, k, &start, emit)
			}
			i = k - 1
		}
	}
	emit(len(s))
	return out
}

// breaksInSpace ends a sentence at each line break of the space s[i:k]
// (s[i] is the first) that is followed by another, or by a line that
// starts a sentence after one that is not cut short (that ends with no
// comma, colon, semicolon, hyphen or opening bracket, and is not empty).
// It keeps, for the break at hand, the number of breaks left in the run
// and the last byte before it that is not space.
func breaksInSpace(s string, i, k int, start *int, emit func(int)) {
	breaks := strings.Count(s[i:k], "\n")
	starts := startsSentence(s, k)
	last := i - 1 // the last byte before i that is not space (or start-1)
	for last >= *start && isSpaceByte(s[last]) {
		last--
	}
	for ; i < k; i++ {
		if s[i] != '\n' {
			if !isSpaceByte(s[i]) {
				last = i // a no-break space's bytes
			}
			continue
		}
		j := max(*start, last+1) // the end of the line before, within the sentence
		cut := j == *start || strings.IndexByte(",:;-(", s[j-1]) >= 0
		if breaks >= 2 || starts && !cut {
			emit(i)
		}
		breaks--
	}
}

// endsSentence reports whether the full stop at s[i] ends a sentence, given
// the word before it.
func endsSentence(s string, start, i int) bool {
	j := i
	for j > start && !isSpaceByte(s[j-1]) && s[j-1] != '(' && s[j-1] != '"' {
		j--
	}
	w := strings.ToLower(strings.TrimLeft(s[j:i], "\"'“‘("))
	if w == "" {
		return true
	}
	if abbreviations[w] {
		return false
	}
	// An initial or a dotted abbreviation: "J.", "U.S.", "U.N."
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		} else if r != '.' {
			return true
		}
	}
	if letters == 1 || strings.Contains(w, ".") {
		// "U.S." at the true end of a sentence is rare next to
		// "U.S. forces"; keep it inside.
		r, _ := utf8.DecodeRuneInString(s[j:])
		return !unicode.IsUpper(r)
	}
	return true
}

func skipClosers(s string, j int) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch r {
		case '"', '\'', ')', ']', '”', '’', '»':
			j += n
		default:
			return j
		}
	}
	return j
}

func skipSpace(s string, j int) int {
	for j < len(s) {
		if isSpaceByte(s[j]) {
			j++
			continue
		}
		if strings.HasPrefix(s[j:], "\u00a0") {
			j += 2
			continue
		}
		break
	}
	return j
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// startsSentence reports whether s[k:] can begin a sentence.
func startsSentence(s string, k int) bool {
	r, _ := utf8.DecodeRuneInString(s[k:])
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '-', '—', '•', '*':
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.Is(unicode.Lo, r)
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}
