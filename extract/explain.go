package extract

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep/sitrep"
)

// Explain writes how the extractor read article a: the places and actors
// it found, and for each sentence its cues (with their classes and
// certainty), dates and casualty figures, then the frames and the events
// they gave. It is for whoever tunes the lexicons: it shows which word
// decided what.
func (x *Extractor) Explain(w io.Writer, a *sitrep.Article) error {
	d := x.analyse(context.Background(), a)
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("focus country: %q, off topic: %v\n", d.focus, d.offTopic)
	for _, m := range d.places {
		res := "unresolved"
		if m.Place != nil {
			res = fmt.Sprintf("%s (%s, %s) %s", m.Place.Name, m.Place.Admin1, m.Place.CountryCode, m.Place.Level)
		}
		p("place %q [%d,%d) -> %s score=%.2f qualifier=%v fallback=%v\n", m.Text, m.Start, m.End, res, m.Score, m.IsQualifier, m.Fallback)
	}
	for _, m := range d.actors {
		p("actor %q [%d,%d) -> %s (%s, inter %d, %s) head=%v generic=%v\n", m.Text, m.Start, m.End, m.Actor.Name, m.Actor.Side, m.Actor.Inter, m.Actor.Country, m.Head, m.Actor.Generic)
	}
	for i, s := range d.sents {
		p("sentence %d [%d,%d): %q\n", i, s.start, s.end, d.text[s.start:s.end])
		for _, c := range s.cues {
			var names []string
			for id, n := range x.lx.classNames {
				if c.classes&(1<<id) != 0 {
					names = append(names, n)
				}
			}
			flags := ""
			if c.reference {
				flags += " reference"
			}
			if c.anaphoric {
				flags += " anaphoric"
			}
			p("  cue %q [%s] %s%s\n", d.text[s.toks[c.start].Start:s.toks[c.end-1].End], strings.Join(names, " "), c.certainty, flags)
		}
		for _, dm := range s.dates {
			p("  date %q -> %s (%s)\n", d.text[s.toks[dm.start].Start:s.toks[dm.end-1].End], dm.date.Format(sitrep.DateLayout), dm.precision)
		}
		f := s.figs
		for _, l := range []struct {
			name string
			figs []figure
		}{{"deaths", f.deaths}, {"injured", f.injuries}, {"displaced", f.displaced}} {
			for _, fg := range l.figs {
				p("  %s %d %q (%s)\n", l.name, fg.value, d.text[s.toks[fg.start].Start:s.toks[fg.end-1].End], fg.certainty)
			}
		}
		if f.noDeaths {
			p("  no deaths stated\n")
		}
		if f.unknownDeaths {
			p("  an unknown number of deaths\n")
		}
		for _, at := range s.attribs {
			p("  source %q\n", at.name)
		}
	}
	for i, dr := range d.drafts {
		p("frame %d: sentence at %d, %d more, certainty %s, %d cues", i, dr.head.start, len(dr.more), dr.certainty, len(dr.cues))
		if dr.dropped {
			p(", history: no event")
		}
		p("\n")
	}
	for _, e := range d.events() {
		loc := "-"
		if e.Location != nil {
			loc = e.Location.Name + " (" + e.Location.Precision + ")"
		}
		a1 := "-"
		if e.Actor1 != nil {
			a1 = e.Actor1.Name
		}
		p("event %s / %s at %s, actor1 %s, certainty %s, trigger %q\n", e.EventType, e.SubEventType, loc, a1, e.Certainty, e.Trigger)
	}
	return nil
}
