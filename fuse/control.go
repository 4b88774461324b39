package fuse

import (
	"sort"

	"github.com/sitrep/sitrep"
)

// DenialDays is how long after a claimed change of hands a denial of it
// still contests it.
const DenialDays = 3

// Territory event types: each moves a place from one side to another.
var territory = map[string]bool{
	"Non-state actor overtakes territory": true,
	"Government regains territory":        true,
	"Non-violent transfer of territory":   true,
}

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
	c = Claim{EventID: e.ID, SubEventType: e.SubEventType, Certainty: e.Certainty, Date: e.Date, Actor: party(e.Actor1)}
	switch {
	case e.Kind == sitrep.KindControl && e.Certainty == sitrep.Reported:
		c.Hold, c.Gainer = true, party(e.Actor1)
		return c, e.Actor1 != nil
	case !territory[e.SubEventType]:
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

// span is a ControlSpan being built.
type span struct {
	side, contender string
	from            Day
	open            bool // From is before any report
	contested       bool
	names           map[string]int
	ev              []*Claim
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
	spans := ControlOf(place, claims)
	for i := range spans {
		for k := range spans[i].Evidence {
			ev := &spans[i].Evidence[k]
			e := byID[ev.EventID]
			ev.Sentence, ev.Span, ev.Article = e.Sentence, e.Span, e.Article
		}
	}
	return spans
}

// ControlOf returns the control timeline of place from the claims made
// about it. A change of hands starts a span; a holding statement confirms
// one, or opens the record when nothing came before; a denial within
// DenialDays, or a contrary claim on the same day, leaves the span
// contested until a later report settles it. The result depends only on
// the set of claims. Its evidence carries what the claims hold; a store
// adds each event's sentence and article.
func ControlOf(place *sitrep.Location, claims []Claim) []sitrep.ControlSpan {
	var cs []claim
	for _, c := range claims {
		if d, ok := DayOf(c.Date); ok {
			cs = append(cs, claim{Claim: c, day: d})
		}
	}
	if len(cs) == 0 {
		return nil
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].day != cs[b].day {
			return cs[a].day < cs[b].day
		}
		return cs[a].EventID < cs[b].EventID
	})
	var spans []*span
	cur := func() *span {
		if len(spans) == 0 {
			return nil
		}
		return spans[len(spans)-1]
	}
	start := func(side string, d Day, open bool) *span {
		s := &span{side: side, from: d, open: open, names: map[string]int{}}
		spans = append(spans, s)
		return s
	}
	add := func(s *span, a *Party, c *Claim) {
		if a != nil && a.Side == s.side {
			s.names[a.Name]++
		}
		s.ev = append(s.ev, c)
	}
	for i := 0; i < len(cs); {
		j := i
		for j < len(cs) && cs[j].day == cs[i].day {
			j++
		}
		day := cs[i].day
		// Reports of a change on this day, by the side said to hold after.
		gains := map[string][]claim{}
		var holds, denials, leaves []claim
		for _, c := range cs[i:j] {
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
			if c := cur(); c != nil {
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
			c := cur()
			if c == nil {
				// What held the place before the first change, if said.
				for _, cl := range append(gains[winner], leaves...) {
					if l := partySide(cl.Loser); l != "" && l != winner {
						before := start(l, day, true)
						add(before, cl.Loser, &cl.Claim)
						c = before
						break
					}
				}
			}
			s := c
			if c == nil || c.side != winner {
				s = start(winner, day, false)
			} else if c.contested && day > c.from {
				c.contested = false // a later report settles it
			}
			for _, cl := range gains[winner] {
				add(s, cl.Gainer, &cl.Claim)
			}
			for _, cl := range leaves {
				add(s, nil, &cl.Claim)
			}
			if len(sides) > 1 {
				s.contested = true
				s.contender = sides[1]
				for _, side := range sides[1:] {
					for _, cl := range gains[side] {
						add(s, nil, &cl.Claim)
					}
				}
			}
		}
		for _, h := range holds {
			c := cur()
			switch {
			case c == nil:
				c = start(h.Gainer.Side, day, true)
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
			add(c, h.Gainer, &h.Claim)
		}
		for _, dn := range denials {
			// The latest change to the denied side within DenialDays.
			for k := len(spans) - 1; k >= 0; k-- {
				s := spans[k]
				if s.open || s.from > day || day-s.from > DenialDays {
					continue
				}
				if s.side == dn.Gainer.Side {
					s.contested = true
					if k > 0 {
						s.contender = spans[k-1].side
					}
					s.ev = append(s.ev, &dn.Claim)
					break
				}
			}
		}
		i = j
	}
	place = bare(place)
	out := make([]sitrep.ControlSpan, len(spans))
	for k, s := range spans {
		cs := sitrep.ControlSpan{Place: *place, Side: s.side, Status: sitrep.Held, Contender: s.contender}
		cs.Holder = best(s.names, func(a, b string) bool { return a < b })
		if !s.open {
			cs.From = s.from.String()
		}
		if k+1 < len(spans) {
			cs.To = spans[k+1].from.String()
		}
		if s.contested {
			cs.Status = sitrep.Contested
		}
		for _, c := range s.ev {
			cs.Evidence = append(cs.Evidence, sitrep.Evidence{EventID: c.EventID, SubEventType: c.SubEventType, Certainty: c.Certainty, Date: c.Date})
			if c.Actor != nil {
				cs.Evidence[len(cs.Evidence)-1].Actor, cs.Evidence[len(cs.Evidence)-1].Side = c.Actor.Name, c.Actor.Side
			}
		}
		out[k] = cs
	}
	return out
}
