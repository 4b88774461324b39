package sqlstore

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// A stored event is the JSON json.Marshal writes for a sitrep.Event.
// Reading it with encoding/json (reflection, a string allocated per
// field) was a quarter of a filtered incident list's CPU, so parseEvent reads
// that JSON by hand: the decompressed record becomes one string, and
// every field without an escape is a slice of it; the actors, the
// location and the tolls share one allocation.
//
// parseEvent reads only what json.Marshal writes (and what a hand-written
// record in the same shape holds). On anything else — a key it does not
// know or meets in another case, null where a string or number is, a
// number in a form an int does not take, an object met twice, bytes
// that are not UTF-8 — it gives up and encoding/json reads the record,
// so every record reads as encoding/json reads it (FuzzParseEvent).

// unmarshalEvent reads js, a stored event's JSON, into e (which is
// overwritten).
func unmarshalEvent(js []byte, e *sitrep.Event) error {
	*e = sitrep.Event{}
	if parseEvent(string(js), e) {
		return nil
	}
	*e = sitrep.Event{}
	return json.Unmarshal(js, e)
}

// eventParts are an event's pointed-to values, allocated together.
type eventParts struct {
	actor1, actor2        sitrep.Actor
	location              sitrep.Location
	area                  sitrep.Point
	fatalities, displaced int
}

// jscan reads JSON from s at i; each method reports false at the first
// thing it does not read, and the record is then left to encoding/json.
type jscan struct {
	s     string
	i     int
	parts *eventParts
	used  uint8 // the parts an object was read into, by bit
}

// parseEvent reads js into e, which must be zero, and reports whether
// it could (if not, e holds part of the record).
func parseEvent(js string, e *sitrep.Event) bool {
	p := jscan{s: js}
	ok := p.object(func(key string) bool {
		switch key {
		case "id":
			return p.str(&e.ID)
		case "event_type":
			return p.str(&e.EventType)
		case "sub_event_type":
			return p.str(&e.SubEventType)
		case "kind":
			return p.str(&e.Kind)
		case "period":
			return p.str(&e.Period)
		case "plover":
			return p.str(&e.Plover)
		case "plover_mode":
			return p.str(&e.PloverMode)
		case "date":
			return p.str(&e.Date)
		case "date_precision":
			return p.str(&e.DatePrecision)
		case "date_text":
			return p.str(&e.DateText)
		case "site":
			return p.str(&e.Site)
		case "site_span":
			return p.span(&e.SiteSpan)
		case "actor1":
			return p.actor(&e.Actor1, 1)
		case "actor2":
			return p.actor(&e.Actor2, 2)
		case "location":
			return p.location(&e.Location)
		case "fatalities":
			return p.intPtr(&e.Fatalities, &p.part().fatalities)
		case "fatalities_text":
			return p.str(&e.FatalitiesText)
		case "displaced":
			return p.intPtr(&e.Displaced, &p.part().displaced)
		case "displaced_text":
			return p.str(&e.DisplacedText)
		case "certainty":
			return p.str(&e.Certainty)
		case "attribution":
			return p.str(&e.Attribution)
		case "trigger":
			return p.str(&e.Trigger)
		case "trigger_span":
			return p.span(&e.TriggerSpan)
		case "sentence":
			return p.str(&e.Sentence)
		case "span":
			return p.span(&e.Span)
		case "article":
			return p.article(&e.Article)
		}
		return false
	})
	return ok && p.end()
}

func (p *jscan) part() *eventParts {
	if p.parts == nil {
		p.parts = new(eventParts)
	}
	return p.parts
}

// once reports whether the part of the given bit is still unused:
// encoding/json reads an object met twice into the first one's, or after
// a null into a new one, and parseEvent leaves both to it.
func (p *jscan) once(bit uint8) bool {
	if p.used&bit != 0 {
		return false
	}
	p.used |= bit
	return true
}

func (p *jscan) actor(dst **sitrep.Actor, bit uint8) bool {
	if p.null() {
		*dst = nil
		return true
	}
	if !p.once(bit) {
		return false
	}
	a := &p.part().actor1
	if bit == 2 {
		a = &p.part().actor2
	}
	*dst = a
	return p.object(func(key string) bool {
		switch key {
		case "name":
			return p.str(&a.Name)
		case "side":
			return p.str(&a.Side)
		case "inter":
			return p.int(&a.Inter)
		case "country":
			return p.str(&a.Country)
		case "text":
			return p.str(&a.Text)
		case "span":
			return p.span(&a.Span)
		}
		return false
	})
}

func (p *jscan) location(dst **sitrep.Location) bool {
	if p.null() {
		*dst = nil
		return true
	}
	if !p.once(4) {
		return false
	}
	l := &p.part().location
	*dst = l
	return p.object(func(key string) bool {
		switch key {
		case "name":
			return p.str(&l.Name)
		case "geonameid":
			return p.int(&l.GeonameID)
		case "lat":
			return p.float(&l.Lat)
		case "lon":
			return p.float(&l.Lon)
		case "admin1":
			return p.str(&l.Admin1)
		case "admin2":
			return p.str(&l.Admin2)
		case "country":
			return p.str(&l.Country)
		case "country_code":
			return p.str(&l.CountryCode)
		case "precision":
			return p.str(&l.Precision)
		case "area":
			return p.point(&l.Area)
		case "text":
			return p.str(&l.Text)
		case "span":
			return p.span(&l.Span)
		}
		return false
	})
}

func (p *jscan) point(dst **sitrep.Point) bool {
	if p.null() {
		*dst = nil
		return true
	}
	if !p.once(8) {
		return false
	}
	pt := &p.part().area
	*dst = pt
	return p.object(func(key string) bool {
		switch key {
		case "lat":
			return p.float(&pt.Lat)
		case "lon":
			return p.float(&pt.Lon)
		}
		return false
	})
}

func (p *jscan) article(a *sitrep.ArticleRef) bool {
	return p.object(func(key string) bool {
		switch key {
		case "id":
			return p.str(&a.ID)
		case "url":
			return p.str(&a.URL)
		case "title":
			return p.str(&a.Title)
		case "published":
			return p.str(&a.Published)
		case "source":
			return p.str(&a.Source)
		}
		return false
	})
}

func (p *jscan) intPtr(dst **int, n *int) bool {
	if p.null() {
		*dst = nil
		return true
	}
	*dst = n
	return p.int(n)
}

// ws skips whitespace.
func (p *jscan) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next skips whitespace and reports whether c comes next, consuming it.
func (p *jscan) next(c byte) bool {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jscan) null() bool {
	p.ws()
	if len(p.s)-p.i >= 4 && p.s[p.i:p.i+4] == "null" {
		p.i += 4
		return true
	}
	return false
}

func (p *jscan) end() bool {
	p.ws()
	return p.i == len(p.s)
}

// object reads an object, calling field with each key once the scanner
// stands before its value.
func (p *jscan) object(field func(key string) bool) bool {
	if !p.next('{') {
		return false
	}
	if p.next('}') {
		return true
	}
	for {
		var key string
		if !p.str(&key) || !p.next(':') || !field(key) {
			return false
		}
		if p.next('}') {
			return true
		}
		if !p.next(',') {
			return false
		}
	}
}

// str reads a string. One without escapes is a slice of the record.
func (p *jscan) str(dst *string) bool {
	if !p.next('"') {
		return false
	}
	start, ascii := p.i, true
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			s := p.s[start:p.i]
			p.i++
			if !ascii && !utf8.ValidString(s) {
				return false // encoding/json replaces bad bytes
			}
			*dst = s
			return true
		case c == '\\':
			return p.escaped(dst, start)
		case c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return false
}

// escaped reads the rest of a string from its first backslash at p.i.
func (p *jscan) escaped(dst *string, start int) bool {
	b := make([]byte, 0, p.i-start+16)
	b = append(b, p.s[start:p.i]...)
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(b) {
				return false
			}
			*dst = string(b)
			return true
		case c < 0x20:
			return false
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			return false
		}
		esc := p.s[p.i+1]
		p.i += 2
		switch esc {
		case '"', '\\', '/':
			b = append(b, esc)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return false
			}
			if utf16.IsSurrogate(r) {
				if !(p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u') {
					return false
				}
				p.i += 2
				r2, ok := p.hex4()
				if !ok {
					return false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return false
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return false
		}
	}
	return false
}

func (p *jscan) hex4() (rune, bool) {
	if len(p.s)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}

// int reads an integer of up to 18 digits, written as JSON writes one.
func (p *jscan) int(dst *int) bool {
	p.ws()
	i, neg := p.i, false
	if i < len(p.s) && p.s[i] == '-' {
		neg, i = true, i+1
	}
	start, n := i, 0
	for i < len(p.s) && '0' <= p.s[i] && p.s[i] <= '9' {
		n = n*10 + int(p.s[i]-'0')
		i++
	}
	digits := i - start
	if digits == 0 || digits > 18 || digits > 1 && p.s[start] == '0' {
		return false
	}
	if i < len(p.s) && (p.s[i] == '.' || p.s[i] == 'e' || p.s[i] == 'E') {
		return false // encoding/json refuses a fraction for an int
	}
	if neg {
		n = -n
	}
	p.i, *dst = i, n
	return true
}

// float reads a JSON number as encoding/json does (strconv.ParseFloat of
// the literal).
func (p *jscan) float(dst *float64) bool {
	p.ws()
	i := p.i
	if i < len(p.s) && p.s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(p.s) && '0' <= p.s[i] && p.s[i] <= '9' {
			i++
		}
		return i - j
	}
	if d := digits(); d == 0 || d > 1 && p.s[i-d] == '0' {
		return false
	}
	if i < len(p.s) && p.s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(p.s) && (p.s[i] == 'e' || p.s[i] == 'E') {
		i++
		if i < len(p.s) && (p.s[i] == '+' || p.s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	f, err := strconv.ParseFloat(p.s[p.i:i], 64)
	if err != nil {
		return false
	}
	p.i, *dst = i, f
	return true
}

// span reads a [2]int of exactly two numbers.
func (p *jscan) span(dst *[2]int) bool {
	return p.next('[') && p.int(&dst[0]) && p.next(',') && p.int(&dst[1]) && p.next(']')
}
