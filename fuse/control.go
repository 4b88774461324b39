package fuse

import (
	"sort"

	"github.com/sitrep/sitrep"
)

// DenialDays is how long after a claimed change of hands a denial of it
// still contests it.
const DenialDays = 3

// Claim is what one event says about who holds its place: the part of
// the event the control timeline reads, small enough for a store to keep
// beside the event and read back without the event.
type Claim struct {
	EventID      string `json:"id,omitempty"`
	SubEventType string `json:"sub,omitempty"`
	Certainty    string `json:"cert,omitempty"`
	Date         string `json:"date,omitempty"`
	// Actor is the event's actor1, for the evidence.
	Actor *Party `json:"actor,omitempty"`
	// Gainer holds the place after the claim, Loser held it before; nil
	// when unsaid.
	Gainer *Party `json:"gainer,omitempty"`
	Loser  *Party `json:"loser,omitempty"`
	// Hold marks a statement of who holds the place; Denied a change
	// the report says did not happen.
	Hold   bool `json:"hold,omitempty"`
	Denied bool `json:"denied,omitempty"`
}

// Party is an actor as a claim names it.
type Party struct {
	Name string `json:"name"`
	Side string `json:"side"`
}

func party(a *sitrep.Actor) *Party {
	if a == nil {
		return nil
	}
	return &Party{Name: a.Name, Side: a.Side}
}

// ClaimOf reads e as a claim about its place; ok is false when e says
// nothing about control. Only reported events change control, and a
// negated change ("the rebels did not enter Hama") is a denial.
func ClaimOf(e *sitrep.Event) (c Claim, ok bool) {
	if e.Location == nil || e.Date == "" {
		return c, false
	}
	if _, ok := DayOf(e.Date); !ok {
		return c, false
	}
	c = Claim{EventID: e.ID, SubEventType: e.SubEventType, Certainty: e.Certainty, Date: ClaimDay(e).String(), Actor: party(e.Actor1)}
	switch {
	case e.Site != "":
		return c, false // a base or a district taken or held is not the place
	case e.Kind == sitrep.KindControl && e.Certainty == sitrep.Reported:
		c.Hold, c.Gainer = true, party(e.Actor1)
		return c, e.Actor1 != nil
	case !sitrep.Territorial(e.SubEventType):
		return c, false
	case e.Certainty == sitrep.Negated:
		c.Denied, c.Gainer = true, party(e.Actor1)
		return c, e.Actor1 != nil && e.PloverMode != "withdraw"
	case e.Certainty != sitrep.Reported:
		return c, false
	case e.PloverMode == "withdraw":
		c.Gainer, c.Loser = party(e.Actor2), party(e.Actor1)
	default:
		c.Gainer, c.Loser = party(e.Actor1), party(e.Actor2)
	}
	return c, c.Gainer != nil || c.Loser != nil
}

// ClaimDay is the day from which e's report holds a place to be in the
// hands it says: the event's day when the text gives one, else the last
// day of the period its date stands for ("last week", "in August"), and
// not after the article's publication. A town taken "over the past week"
// is not known to be held before the week is out: dating the change at
// the period's start would put it before the evidence. e must have a date.
func ClaimDay(e *sitrep.Event) Day {
	lo, hi, _ := Interval(e)
	if e.DatePrecision == "day" || e.DatePrecision == "" {
		d, _ := DayOf(e.Date)
		return d
	}
	if pub, ok := DayOf(e.Article.Published); ok && pub < hi {
		return max(pub, lo)
	}
	return hi
}

// claim is a Claim being folded into the timeline.
type claim struct {
	Claim
	day Day
}

func sideOf(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Side
}

func partySide(p *Party) string {
	if p == nil {
		return ""
	}
	return p.Side
}

// Control returns the control timeline of one place from every event
// reported there (events elsewhere or saying nothing of control are
// ignored), with the events' sentences and articles as evidence.
func Control(events []sitrep.Event) []sitrep.ControlSpan {
	var claims []Claim
	byID := map[string]*sitrep.Event{}
	var place *sitrep.Location
	for i := range events {
		if c, ok := ClaimOf(&events[i]); ok {
			claims = append(claims, c)
			byID[c.EventID] = &events[i]
			if place == nil {
				place = events[i].Location
			}
		}
	}
	if len(claims) == 0 {
		return nil
	}
	_, spans, assigned, _, _ := Fold(nil, place, claims)
	sort.Slice(claims, func(a, b int) bool {
		if claims[a].Date != claims[b].Date {
			return claims[a].Date < claims[b].Date
		}
		return claims[a].EventID < claims[b].EventID
	})
	for _, c := range claims {
		if k := assigned[c.EventID]; k >= 0 {
			ev := EvidenceOf(&c)
			e := byID[c.EventID]
			ev.Sentence, ev.Span, ev.Article = e.Sentence, e.Span, e.Article
			spans[k].Evidence = append(spans[k].Evidence, ev)
		}
	}
	return spans
}

// span is a ControlSpan being built.
type span struct {
	idx             int
	side, contender string
	from            Day
	open            bool // From is before any report
	contested       bool
	names           map[string]int
	sources         int // reports behind the span so far
}

// Timeline is a place's control timeline as the fold left it, enough to
// fold in later claims without reading the earlier ones: the spans as they
// stood before the last day folded, that day, and its claims (a day's
// claims are weighed together, so a late report of the last day re-folds
// it).
type Timeline struct {
	Place *sitrep.Location `json:"place"`
	// Before holds only the spans a later day can still change (the last,
	// those begun within DenialDays of it, and the one before them, whose
	// side a denial names); Offset is the index of the first.
	Offset  int         `json:"offset,omitempty"`
	Before  []SpanState `json:"before,omitempty"`
	LastDay string      `json:"last_day,omitempty"`
	Last    []Claim     `json:"last,omitempty"`
}

// SpanState is a span in a Timeline.
type SpanState struct {
	Side      string         `json:"side"`
	Contender string         `json:"contender,omitempty"`
	From      string         `json:"from"`
	Open      bool           `json:"open,omitempty"`
	Contested bool           `json:"contested,omitempty"`
	Names     map[string]int `json:"names,omitempty"`
	Sources   int            `json:"sources"`
}

// folder runs the fold: claims day by day into spans.
type folder struct {
	base  int // the index of spans[0] in the whole timeline
	spans []*span
	// assigned is the span each claim folded in this run is evidence of.
	assigned map[string]int
}

func (f *folder) cur() *span {
	if len(f.spans) == 0 {
		return nil
	}
	return f.spans[len(f.spans)-1]
}

func (f *folder) start(side string, d Day, open bool) *span {
	s := &span{idx: f.base + len(f.spans), side: side, from: d, open: open, names: map[string]int{}}
	f.spans = append(f.spans, s)
	return s
}

func (f *folder) add(s *span, a *Party, c *Claim) {
	if a != nil && a.Side == s.side {
		s.names[a.Name]++
	}
	s.sources++
	f.assigned[c.EventID] = s.idx
}

// day folds the claims of one day. A change of hands starts a span; a
// holding statement confirms one, or opens the record when nothing came
// before; a denial within DenialDays, or a contrary claim on the same day,
// leaves the span contested until a later report settles it.
func (f *folder) day(day Day, cs []claim) {
	// Reports of a change on this day, by the side said to hold after.
	gains := map[string][]claim{}
	var holds, denials, leaves []claim
	for _, c := range cs {
		switch {
		case c.Denied:
			denials = append(denials, c)
		case c.Hold:
			holds = append(holds, c)
		case c.Gainer == nil:
			leaves = append(leaves, c)
		default:
			gains[c.Gainer.Side] = append(gains[c.Gainer.Side], c)
		}
	}
	if len(gains) == 0 && len(leaves) > 0 {
		// A side left and nobody is said to have come in.
		gains[""] = leaves
		leaves = nil
	}
	if len(gains) > 0 {
		sides := make([]string, 0, len(gains))
		for s := range gains {
			sides = append(sides, s)
		}
		// The side most reports name; on a tie the one that is not the
		// holder before (a change is news), then by name.
		prev := ""
		if c := f.cur(); c != nil {
			prev = c.side
		}
		sort.Slice(sides, func(a, b int) bool {
			na, nb := len(gains[sides[a]]), len(gains[sides[b]])
			if na != nb {
				return na > nb
			}
			if (sides[a] == prev) != (sides[b] == prev) {
				return sides[b] == prev
			}
			return sides[a] < sides[b]
		})
		winner := sides[0]
		c := f.cur()
		if c == nil {
			// What held the place before the first change, if said.
			for _, cl := range append(gains[winner], leaves...) {
				if l := partySide(cl.Loser); l != "" && l != winner {
					before := f.start(l, day, true)
					f.add(before, cl.Loser, &cl.Claim)
					c = before
					break
				}
			}
		}
		s := c
		if c == nil || c.side != winner {
			s = f.start(winner, day, false)
		} else if c.contested && day > c.from {
			c.contested = false // a later report settles it
		}
		for _, cl := range gains[winner] {
			f.add(s, cl.Gainer, &cl.Claim)
		}
		for _, cl := range leaves {
			f.add(s, nil, &cl.Claim)
		}
		if len(sides) > 1 {
			s.contested = true
			s.contender = sides[1]
			for _, side := range sides[1:] {
				for _, cl := range gains[side] {
					f.add(s, nil, &cl.Claim)
				}
			}
		}
	}
	for _, h := range holds {
		c := f.cur()
		switch {
		case c == nil:
			c = f.start(h.Gainer.Side, day, true)
		case c.side == h.Gainer.Side:
			if c.contested && day > c.from {
				c.contested = false
			}
		case c.contested && c.contender == h.Gainer.Side && day > c.from:
			// The contender still holds it: the change did not happen.
			c.side, c.contender, c.contested = h.Gainer.Side, "", false
			c.names = map[string]int{}
		default:
			c.contested, c.contender = true, h.Gainer.Side
		}
		f.add(c, h.Gainer, &h.Claim)
	}
	for _, dn := range denials {
		// The latest change to the denied side within DenialDays.
		for k := len(f.spans) - 1; k >= 0; k-- {
			s := f.spans[k]
			if s.open || s.from > day || day-s.from > DenialDays {
				continue
			}
			if s.side == dn.Gainer.Side {
				s.contested = true
				if k > 0 {
					s.contender = f.spans[k-1].side
				}
				f.add(s, nil, &dn.Claim)
				break
			}
		}
	}
}

// tail returns the spans a day from last on can still change, as states,
// and the index of the first: the last span, those begun within
// DenialDays before last, and the span before them.
func (f *folder) tail(last Day) ([]SpanState, int) {
	cut := len(f.spans) - 1
	for k, s := range f.spans {
		if !s.open && s.from >= last-DenialDays-1 {
			cut = min(cut, k)
			break
		}
	}
	cut = max(cut-1, 0)
	out := make([]SpanState, len(f.spans)-cut)
	for i, s := range f.spans[cut:] {
		names := make(map[string]int, len(s.names))
		for k, v := range s.names {
			names[k] = v
		}
		out[i] = SpanState{Side: s.side, Contender: s.contender, Open: s.open, Contested: s.contested, Names: names, Sources: s.sources}
		out[i].From = s.from.String()
	}
	return out, f.base + cut
}

// Fold folds claims into the timeline t (nil for a new one) of place. It
// returns the spans from index first on (without evidence; those before
// are as they were: a new timeline returns all), the span each folded claim is
// evidence of (by event id, -1 for none: the new claims and those of the
// last day, which are folded again), and the timeline to keep. ok is false, and
// nothing is folded, when a claim is about a day before t's last day:
// the caller then folds all the place's claims into a new timeline. The
// result depends only on the set of claims folded, whatever the order
// and the number of calls.
func Fold(t *Timeline, place *sitrep.Location, claims []Claim) (first int, spans []sitrep.ControlSpan, assigned map[string]int, next *Timeline, ok bool) {
	f := &folder{assigned: map[string]int{}}
	var cs []claim
	if t != nil && t.LastDay != "" {
		last, _ := DayOf(t.LastDay)
		for _, c := range claims {
			if d, ok := DayOf(c.Date); ok && d < last {
				return 0, nil, nil, nil, false
			}
		}
		claims = append(append([]Claim(nil), t.Last...), claims...)
		f.base = t.Offset
		for _, st := range t.Before {
			d, _ := DayOf(st.From)
			s := &span{idx: f.base + len(f.spans), side: st.Side, contender: st.Contender, from: d, open: st.Open, contested: st.Contested, names: map[string]int{}, sources: st.Sources}
			for k, v := range st.Names {
				s.names[k] = v
			}
			f.spans = append(f.spans, s)
		}
		if place == nil {
			place = t.Place
		}
	}
	seen := map[string]bool{}
	for _, c := range claims {
		if d, ok := DayOf(c.Date); ok && !seen[c.EventID] {
			seen[c.EventID] = true
			cs = append(cs, claim{Claim: c, day: d})
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].day != cs[b].day {
			return cs[a].day < cs[b].day
		}
		return cs[a].EventID < cs[b].EventID
	})
	for _, c := range cs {
		f.assigned[c.EventID] = -1 // evidence of no span, unless a span takes it
	}
	next = &Timeline{Place: bare(place)}
	for i := 0; i < len(cs); {
		j := i
		for j < len(cs) && cs[j].day == cs[i].day {
			j++
		}
		if j == len(cs) {
			// The last day: keep the state before it, and its claims.
			next.Before, next.Offset = f.tail(cs[i].day)
			next.LastDay = cs[i].day.String()
			for _, c := range cs[i:j] {
				next.Last = append(next.Last, c.Claim)
			}
		}
		f.day(cs[i].day, cs[i:j])
		i = j
	}
	if len(cs) == 0 && t != nil {
		next = t
	}
	out := make([]sitrep.ControlSpan, len(f.spans))
	for k, s := range f.spans {
		sp := sitrep.ControlSpan{Side: s.side, Status: sitrep.Held, Contender: s.contender, Sources: s.sources}
		if next.Place != nil {
			sp.Place = *next.Place
		}
		sp.Holder = best(s.names, func(a, b string) bool { return a < b })
		if !s.open {
			sp.From = s.from.String()
		}
		if k+1 < len(f.spans) {
			sp.To = f.spans[k+1].from.String()
		}
		if s.contested {
			sp.Status = sitrep.Contested
		}
		out[k] = sp
	}
	return f.base, out, f.assigned, next, true
}

// EvidenceOf is what a claim tells of itself as evidence.
func EvidenceOf(c *Claim) sitrep.Evidence {
	ev := sitrep.Evidence{EventID: c.EventID, SubEventType: c.SubEventType, Certainty: c.Certainty, Date: c.Date}
	if c.Actor != nil {
		ev.Actor, ev.Side = c.Actor.Name, c.Actor.Side
	}
	return ev
}
