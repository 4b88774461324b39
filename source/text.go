package source

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// cleanText makes s into the text an Article carries: valid UTF-8 (each run
// of invalid bytes becomes one U+FFFD, so a stray Latin-1 byte costs one
// character, not the article), "\n" line ends, no byte order mark, no
// control characters but tab and newline (PostgreSQL refuses NUL in text,
// and the others only confuse the sentence splitter), and no white space at
// either end.
func cleanText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if isClean(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				// CRLF and a lone CR (old Mac files) both end a line.
				b.WriteByte('\n')
				if i < len(s) && s[i] == '\n' {
					i++
				}
			case c == '\f' || c == '\v':
				b.WriteByte('\n')
			case c < ' ' && c != '\t' && c != '\n', c == 0x7f:
				// dropped
			default:
				b.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
			for i += n; i < len(s); i += n {
				if r, n = utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || n != 1 {
					break
				}
			}
			continue
		case r == '\u2028': // LINE SEPARATOR
			b.WriteByte('\n')
		case r == '\u2029': // PARAGRAPH SEPARATOR
			b.WriteString("\n\n")
		case r == '\uFEFF':
			// A BOM inside the text is left over from concatenated files.
		case r >= 0x80 && r < 0xa0:
			// C1 controls: in practice windows-1252 bytes that were
			// decoded as Latin-1 somewhere upstream; nothing to keep.
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return strings.TrimSpace(b.String())
}

// isClean reports whether cleanText would only have to trim s: the common
// case, checked first so that clean input is not copied.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return cleanRest(s[i:])
		}
		if (c < ' ' && c != '\t' && c != '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

// cleanRest is isClean for the part of s from its first non-ASCII byte.
func cleanRest(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\t' && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == '\u2028' || r == '\u2029' || r == '\uFEFF' || (r >= 0x80 && r < 0xa0) {
			return false
		}
		i += n
	}
	return true
}

// dateLayouts are the layouts parseDate tries, most common first: RFC 3339
// (JSON, HTML meta tags), a bare date, RFC 1123 (RSS, HTTP) and the
// variants of each that sites emit in practice.
var dateLayouts = []string{
	time.RFC3339,
	sitrepDate,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC850,
	"2006/01/02",
}

// sitrepDate is sitrep.DateLayout, repeated so the table above reads whole.
const sitrepDate = "2006-01-02"

// parseDate parses a publication date in any of dateLayouts. Fractional
// seconds are accepted wherever seconds are. A date without a zone is taken
// as UTC: only its day matters to sitrep.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse %q: %w", s, ErrDate)
}
