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

// claim is what one event says about who holds a place.
type claim struct {
	day          Day
	gainer       *sitrep.Actor // who holds it after; nil when unsaid
	loser        *sitrep.Actor // who held it before; nil when unsaid
	hold, denied bool          // a holding statement; a denied change
	e            *sitrep.Event
}

// claimOf reads e as a claim about its place; ok is false when e says
// nothing about control. Only reported events change control, and a
// negated change ("the rebels did not enter Hama") is a denial.
func claimOf(e *sitrep.Event) (c claim, ok bool) {
	if e.Location == nil || e.Date == "" {
		return c, false
	}
	d, ok := DayOf(e.Date)
	if !ok {
		return c, false
	}
	c = claim{day: d, e: e}
	switch {
	case e.Kind == sitrep.KindControl && e.Certainty == sitrep.Reported:
		c.hold, c.gainer = true, e.Actor1
		return c, e.Actor1 != nil
	case !territory[e.SubEventType]:
		return c, false
	case e.Certainty == sitrep.Negated:
		c.denied, c.gainer = true, e.Actor1
		return c, e.Actor1 != nil && e.PloverMode != "withdraw"
	case e.Certainty != sitrep.Reported:
		return c, false
	case e.PloverMode == "withdraw":
		c.gainer, c.loser = e.Actor2, e.Actor1
	default:
		c.gainer, c.loser = e.Actor1, e.Actor2
	}
	return c, c.gainer != nil || c.loser != nil
}

func sideOf(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Side
}

// span is a ControlSpan being built.
type span struct {
	side, contender string
	from            Day
	open            bool // From is before any report
	contested       bool
	names           map[string]int
	ev              []*sitrep.Event
}

// Control returns the control timeline of one place from every event
// reported there (events elsewhere or saying nothing of control are
// ignored). A change of hands starts a span; a holding statement confirms
// one, or opens the record when nothing came before; a denial within
// DenialDays, or a contrary claim on the same day, leaves the span
// contested until a later report settles it. The result depends only on
// the set of events.
func Control(events []sitrep.Event) []sitrep.ControlSpan {
	var cs []claim
	for i := range events {
		if c, ok := claimOf(&events[i]); ok {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].day != cs[b].day {
			return cs[a].day < cs[b].day
		}
		return cs[a].e.ID < cs[b].e.ID
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
	add := func(s *span, a *sitrep.Actor, e *sitrep.Event) {
		if a != nil && a.Side == s.side {
			s.names[a.Name]++
		}
		s.ev = append(s.ev, e)
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
			case c.denied:
				denials = append(denials, c)
			case c.hold:
				holds = append(holds, c)
			case c.gainer == nil:
				leaves = append(leaves, c)
			default:
				gains[c.gainer.Side] = append(gains[c.gainer.Side], c)
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
					if l := sideOf(cl.loser); l != "" && l != winner {
						before := start(l, day, true)
						add(before, cl.loser, cl.e)
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
				add(s, cl.gainer, cl.e)
			}
			for _, cl := range leaves {
				add(s, nil, cl.e)
			}
			if len(sides) > 1 {
				s.contested = true
				s.contender = sides[1]
				for _, side := range sides[1:] {
					for _, cl := range gains[side] {
						add(s, nil, cl.e)
					}
				}
			}
		}
		for _, h := range holds {
			c := cur()
			switch {
			case c == nil:
				c = start(h.gainer.Side, day, true)
			case c.side == h.gainer.Side:
				if c.contested && day > c.from {
					c.contested = false
				}
			case c.contested && c.contender == h.gainer.Side && day > c.from:
				// The contender still holds it: the change did not happen.
				c.side, c.contender, c.contested = h.gainer.Side, "", false
				c.names = map[string]int{}
			default:
				c.contested, c.contender = true, h.gainer.Side
			}
			add(c, h.gainer, h.e)
		}
		for _, dn := range denials {
			// The latest change to the denied side within DenialDays.
			for k := len(spans) - 1; k >= 0; k-- {
				s := spans[k]
				if s.open || s.from > day || day-s.from > DenialDays {
					continue
				}
				if s.side == dn.gainer.Side {
					s.contested = true
					if k > 0 {
						s.contender = spans[k-1].side
					}
					s.ev = append(s.ev, dn.e)
					break
				}
			}
		}
		i = j
	}
	place := bare(cs[0].e.Location)
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
		for _, e := range s.ev {
			cs.Evidence = append(cs.Evidence, evidence(e))
		}
		out[k] = cs
	}
	return out
}

func evidence(e *sitrep.Event) sitrep.Evidence {
	ev := sitrep.Evidence{
		EventID: e.ID, SubEventType: e.SubEventType, Certainty: e.Certainty, Date: e.Date,
		Sentence: e.Sentence, Span: e.Span, Article: e.Article,
	}
	if e.Actor1 != nil {
		ev.Actor, ev.Side = e.Actor1.Name, e.Actor1.Side
	}
	return ev
}

// IsClaim reports whether e can bear on control, so a store knows which
// places an ingest touches.
func IsClaim(e *sitrep.Event) bool {
	_, ok := claimOf(e)
	return ok
}
