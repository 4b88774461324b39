package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/text"
)

// dateMention is a date expression found in a sentence.
type dateMention struct {
	date       time.Time
	precision  string // day, week, month, year
	start, end int    // token indexes
}

// findDates returns the date expressions of a sentence's tokens, resolved
// against the publication date pub (zero when unknown: relative dates are
// then skipped, absolute ones without a year too). analyseSentence calls
// appendDates with the starts it has already looked up.
func (lx *Lexicon) findDates(s string, toks []text.Token, pub time.Time) []dateMention {
	at := lx.appendStarts(nil, toks)
	var all uint32
	for _, a := range at {
		all |= a
	}
	return lx.appendDates(nil, s, toks, at, all, pub)
}

// appendDates is findDates appending to out; all is the union of at.
func (lx *Lexicon) appendDates(out []dateMention, s string, toks []text.Token, at []uint32, all uint32, pub time.Time) []dateMention {
	// Without "ago" in the sentence, no quantity starts a date ("three
	// days ago"): "a", "at" and "more" need no look.
	ago := has(all, startAgo)
	for i := 0; i < len(toks); {
		if !lx.mayDate(toks, at, i, ago) {
			i++
			continue
		}
		if d, ok := lx.dateAt(s, toks, at, i, ago, pub); ok {
			out = append(out, d)
			i = d.end
			continue
		}
		i++
	}
	return out
}

// mayDate reports whether a date expression may start at toks[i], cheaply:
// a number, a capitalised word (a month or a weekday), the first word of a
// relative phrase, or, when ago tells the sentence has "ago", of a
// quantity. at holds the tokens' lexicon starts.
func (lx *Lexicon) mayDate(toks []text.Token, at []uint32, i int, ago bool) bool {
	t := &toks[i]
	switch {
	case t.Kind == text.Number:
		return true
	case t.Kind != text.Word:
		return false
	case t.Cap && (has(at[i], startMonth) || has(at[i], startWeekday)):
		return true
	}
	return ago && has(at[i], startQuantity) || lx.relativeF.may(toks, at, i) || lx.vagueDateF.may(toks, at, i)
}

// dateAt reads the date expression starting at toks[i]; at holds the
// tokens' lexicon starts, ago whether the sentence has "ago" (startAgo).
func (lx *Lexicon) dateAt(s string, toks []text.Token, starts []uint32, i int, ago bool, pub time.Time) (dateMention, bool) {
	t := toks[i]
	at := starts[i]
	// Relative phrases: "yesterday", "last week".
	if !pub.IsZero() && lx.relativeF.may(toks, starts, i) {
		if end, r, ok := lx.relative.Match(toks, i); ok {
			return dateMention{date: shift(pub, r.n, r.unit), precision: r.precision, start: i, end: end}, true
		}
	}
	if !pub.IsZero() && lx.vagueDateF.may(toks, starts, i) {
		// "as recently as Saturday" names its day: the day, not "recently".
		if end, p, ok := lx.vagueDate.Match(toks, i); ok && (end >= len(toks) || toks[end].Norm != "as") {
			return dateMention{date: pub, precision: p, start: i, end: end}, true
		}
	}
	// "three days ago", "2 weeks ago"
	if ago && agoAhead(toks, i) && !pub.IsZero() {
		if v, end, _, ok := lx.number(s, toks, i); ok && end+1 < len(toks) && toks[end+1].Norm == "ago" {
			if _, unit, ok := lx.agoUnits.Match(toks, end); ok {
				prec := map[byte]string{'d': "day", 'w': "week", 'm': "month", 'y': "year"}[unit]
				// A number may be up to 1e9: "1000000000 years ago" would
				// be a year no YYYY-MM-DD can write (found by FuzzExtract).
				if d := shift(pub, -v, unit); d.Year() >= 1 && d.Year() <= 9999 {
					return dateMention{date: d, precision: prec, start: i, end: end + 2}, true
				}
			}
		}
	}
	// Weekdays: "on Friday" is the last Friday on or before publication.
	if t.Cap && has(at, startWeekday) && !pub.IsZero() {
		if end, wd, ok := lx.weekdays.Match(toks, i); ok {
			delta := (int(pub.Weekday()) - wd + 7) % 7
			return dateMention{date: pub.AddDate(0, 0, -delta), precision: "day", start: i, end: end}, true
		}
	}
	// Day Month [Year]: "21 March 2020", "21st Mar. 2020", "28 Feb".
	if day, ok := dayNumber(s, toks, i); ok {
		j := i + 1
		if j < len(toks) && toks[j].Norm == "of" {
			j++
		}
		if end, m, ok := lx.monthAt(toks, j); ok {
			y, yend := yearAt(toks, end)
			return resolveDMY(day, m, y, pub, i, max(end, yend))
		}
	}
	// Month Day[,] [Year]: "March 21, 2020", "October 8th", "December 31 2019".
	if t.Cap && has(at, startMonth) {
		if end, m, ok := lx.monthAt(toks, i); ok {
			if day, ok := dayNumber(s, toks, end); ok {
				dend := end + 1
				if dend < len(toks) && isOrdinalSuffix(toks[dend].Norm) {
					dend++
				}
				k := dend
				if k < len(toks) && toks[k].Norm == "," {
					k++
				}
				y, yend := yearAt(toks, k)
				if y == 0 {
					yend = dend
				}
				return resolveDMY(day, m, y, pub, i, yend)
			}
			// Month Year: "March 2020".
			if y, yend := yearAt(toks, end); y != 0 {
				return dateMention{date: time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), precision: "month", start: i, end: yend}, true
			}
			// "in March": the last such month on or before publication.
			if i > 0 && (toks[i-1].Norm == "in" || toks[i-1].Norm == "since") && !pub.IsZero() && t.Norm != "may" {
				y := pub.Year()
				if m > int(pub.Month()) {
					y--
				}
				return dateMention{date: time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), precision: "month", start: i, end: end}, true
			}
		}
	}
	// Numeric: "2020-03-21", "21/03/2020", "12/04" (day first).
	if t.Kind == text.Number {
		if d, end, ok := numericDate(s, toks, i, pub); ok {
			return dateMention{date: d, precision: "day", start: i, end: end}, true
		}
		// A bare year after "in", "since", "during", "of": "in 2011".
		if i > 0 && len(t.Norm) == 4 {
			switch toks[i-1].Norm {
			case "in", "since", "during", "of", "until", "till", "from":
				if y, err := strconv.Atoi(t.Norm); err == nil && y >= 1900 && y <= 2100 {
					return dateMention{date: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), precision: "year", start: i, end: i + 1}, true
				}
			}
		}
	}
	return dateMention{}, false
}

// agoAhead reports whether "ago" follows within a few words: only then may
// a number start "three days ago".
func agoAhead(toks []text.Token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		if toks[k].Norm == "ago" {
			return true
		}
	}
	return false
}

func (lx *Lexicon) monthAt(toks []text.Token, j int) (end, m int, ok bool) {
	if j >= len(toks) || toks[j].Kind != text.Word {
		return 0, 0, false
	}
	end, m, ok = lx.months.Match(toks, j)
	if !ok {
		return 0, 0, false
	}
	// "may" and "mar" are words too: a month name needs a capital.
	if !toks[j].Cap {
		return 0, 0, false
	}
	if end < len(toks) && toks[end].Norm == "." && toks[end].Start == toks[end-1].End {
		end++
	}
	return end, m, true
}

// dayNumber reads a day of the month at toks[i]: "21", "21st", "8th".
func dayNumber(s string, toks []text.Token, i int) (int, bool) {
	// The length first: Atoi allocates its error for "1,500" and "2.5".
	if i >= len(toks) || toks[i].Kind != text.Number || len(toks[i].Norm) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(toks[i].Norm)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

func isOrdinalSuffix(w string) bool { return w == "st" || w == "nd" || w == "rd" || w == "th" }

// yearAt reads a four-digit year at toks[j] (0 when none).
func yearAt(toks []text.Token, j int) (int, int) {
	if j < len(toks) && toks[j].Kind == text.Word && isOrdinalSuffix(toks[j].Norm) {
		j++
	}
	if j < len(toks) && toks[j].Norm == "," {
		j++
	}
	if j >= len(toks) || toks[j].Kind != text.Number || len(toks[j].Norm) != 4 {
		return 0, j
	}
	y, err := strconv.Atoi(toks[j].Norm)
	if err != nil || y < 1900 || y > 2100 {
		return 0, j
	}
	return y, j + 1
}

func resolveDMY(day, m, y int, pub time.Time, start, end int) (dateMention, bool) {
	if y == 0 {
		if pub.IsZero() {
			return dateMention{}, false
		}
		y = pub.Year()
		// Without a year, a date after publication is last year's.
		if time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 1)) {
			y--
		}
	}
	d := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day {
		return dateMention{}, false // 31 February
	}
	return dateMention{date: d, precision: "day", start: start, end: end}, true
}

// numericDate reads "2020-03-21", "21/03/2020", "21/03/20" or "12/04"
// (day first, as most of the world's press writes it).
func numericDate(s string, toks []text.Token, i int, pub time.Time) (time.Time, int, bool) {
	if i+2 >= len(toks) {
		return time.Time{}, 0, false
	}
	sep := toks[i+1].Norm
	if sep != "/" && sep != "-" && sep != "." || toks[i+1].Start != toks[i].End || toks[i+2].Kind != text.Number || toks[i+2].Start != toks[i+1].End {
		return time.Time{}, 0, false
	}
	a, _ := strconv.Atoi(toks[i].Norm)
	b, _ := strconv.Atoi(toks[i+2].Norm)
	end := i + 3
	c, hasC := 0, false
	if end+1 < len(toks) && toks[end].Norm == sep && toks[end].Start == toks[end-1].End && toks[end+1].Kind == text.Number && toks[end+1].Start == toks[end].End {
		c, _ = strconv.Atoi(toks[end+1].Norm)
		hasC = true
		end += 2
	}
	var y, m, d int
	switch {
	case len(toks[i].Norm) == 4 && hasC: // 2020-03-21
		y, m, d = a, b, c
	case hasC: // 21/03/2020 or 21/03/20
		d, m, y = a, b, c
		if y < 100 {
			y += 2000
		}
		if m > 12 && d <= 12 { // US order: 03/21/2020
			d, m = m, d
		}
	case sep == "/" && !pub.IsZero(): // 12/04
		d, m = a, b
		if m > 12 && d <= 12 {
			d, m = m, d
		}
		y = pub.Year()
		if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 1)) {
			y--
		}
	default:
		return time.Time{}, 0, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100 {
		return time.Time{}, 0, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, 0, false
	}
	return t, end, true
}

// shift moves t by n units (d, w, m, y).
func shift(t time.Time, n int, unit byte) time.Time {
	switch unit {
	case 'd':
		return t.AddDate(0, 0, n)
	case 'w':
		return t.AddDate(0, 0, 7*n)
	case 'm':
		return t.AddDate(0, n, 0)
	case 'y':
		return t.AddDate(n, 0, 0)
	}
	return t
}

// ParseDate reads a date as sitrep's inputs write it: YYYY-MM-DD,
// RFC 3339, or ACLED's "21 March 2020", "9-May-20", "31-12-19" and
// "March 21, 2020".
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2 January 2006", "2-Jan-06", "02-Jan-06", "2-January-2006", "January 2, 2006", "2 Jan 2006", "02/01/2006", "2006/01/02", "02-01-06", "2-1-06", "02-01-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, &time.ParseError{Layout: "YYYY-MM-DD", Value: s, Message: ": not a date sitrep reads (want YYYY-MM-DD, 21 March 2020, 9-May-20 or 31-12-19)"}
}

// ownDate reports whether date mention dm dates the act at token anchor:
// before it, or at most historyReach words after it (as isHistory reads a
// sentence's dates), with no word between them that opens another clause, and not
// inside a clause of its own ("relatives of people who vanished in 2009
// held a vigil", "marched about an assassination in 1990").
func (s *sent) ownDate(dm dateMention, anchor int) bool {
	lo, hi := dm.end, anchor
	if anchor < dm.start {
		lo, hi = anchor+1, dm.start
		if hi-lo > historyReach {
			return false
		}
	}
	for k := lo; k < hi; k++ {
		if clauseEnd(s.toks[k]) || otherClause[s.toks[k].Norm] {
			return false
		}
	}
	for k := dm.start - 1; k >= 0 && !clauseEnd(s.toks[k]) && s.toks[k].Norm != ","; k-- {
		if otherClause[s.toks[k].Norm] {
			return k > anchor // the date's clause opened after the act
		}
	}
	return true
}

// laterClauseDate reports whether date mention dm lies after the act at
// anchor, in a clause of another act that opens between them: "since"
// with words of its own before the date ("their biggest triumph since the
// war began in April 2023", "since the coup in 2021"), or ", which" and
// ", who" ("the junta, which seized power in a February 2021 coup"). That
// date is the other act's, or a period's start; it does not date the act
// before it. "Fighting has gone on since July 3" is the act's own period.
func (s *sent) laterClauseDate(dm dateMention, anchor int) bool {
	if dm.start <= anchor {
		return false
	}
	for k := anchor + 1; k < dm.start; k++ {
		switch s.toks[k].Norm {
		case "since":
			if s.wordsBefore(k+1, dm.start) {
				return true
			}
		case "which", "who":
			if s.toks[k-1].Norm == "," && !s.commaIn(k+1, dm.start) {
				return true // ", who were backed by jets, ... on 4 January": an aside
			}
		}
	}
	return false
}

// wordsBefore reports whether the tokens from i up to j hold a word other
// than a number or a word of a day's time: "since the war began in", not
// "since 11 p.m. on", "since the 30th of".
func (s *sent) wordsBefore(i, j int) bool {
	for k := i; k < j; k++ {
		t := s.toks[k]
		if t.Kind == text.Word && !clockWords[t.Norm] && (t.Norm == "" || t.Norm[0] < '0' || t.Norm[0] > '9') {
			return true
		}
	}
	return false
}

// commaIn reports whether a comma lies among the tokens from i up to j.
func (s *sent) commaIn(i, j int) bool {
	for k := i; k < j; k++ {
		if s.toks[k].Norm == "," {
			return true
		}
	}
	return false
}

// clockWords are the words of a day's time ("11 p.m.", tokens "p" and
// "m") and their prepositions and articles.
var clockWords = map[string]bool{"a": true, "p": true, "m": true, "am": true, "pm": true, "on": true, "at": true, "about": true, "around": true, "of": true, "the": true}

// yearNamed reports whether a date mention is a year alone, named by its
// number: "in 1973". In a text with no publication day, an act so dated is
// background: the news of the day is told by its day or month.
func (s *sent) yearNamed(dm dateMention) bool {
	return dm.precision == "year" && s.yearNumbered(dm)
}

// yearNumbered reports whether a date mention of a year or a month ends
// in the year's number: "in 1973", "in May 1997".
func (s *sent) yearNumbered(dm dateMention) bool {
	if dm.precision != "year" && dm.precision != "month" || dm.end < 1 || dm.end > len(s.toks) {
		return false
	}
	t := s.toks[dm.end-1]
	return t.Kind == text.Number && len(t.Norm) == 4
}

// causeAfter reports whether the act at anchor is told, after date
// mention dm and in its clause, as what the dated act followed: "jailed
// in 1997 following a brawl", "fined in May 1997 after a scuffle". Such
// an act is older than the date: history when the date is, or when a text
// with no publication day names the date's year.
func (s *sent) causeAfter(dm dateMention, anchor int) bool {
	for k := dm.end; k < anchor; k++ {
		switch w := s.toks[k].Norm; {
		case clauseEnd(s.toks[k]):
			return false
		case w == "following" || w == "after":
			return true
		case otherClause[w]:
			return false
		}
	}
	return false
}

// otherClause are the words between a date and an act that put them in
// different clauses or events.
var otherClause = map[string]bool{"who": true, "whom": true, "whose": true, "which": true, "that": true, "following": true, "after": true, "since": true, "about": true, "because": true, "before": true, "when": true, "where": true}
