package extract

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep/sitrep"
)

// TestDebug prints the analysis of $SITREP_DEBUG_TEXT, for study:
// SITREP_DEBUG_TEXT='...' go test -run Debug -v ./extract
func TestDebug(t *testing.T) {
	txt := os.Getenv("SITREP_DEBUG_TEXT")
	if txt == "" {
		t.Skip("set SITREP_DEBUG_TEXT to study a text")
	}
	x := extractor(t)
	pub := day("2020-05-05")
	if p := os.Getenv("SITREP_DEBUG_PUB"); p != "" {
		pub = day(p)
	}
	a := &sitrep.Article{ID: "debug", Text: txt, Published: pub}
	d := x.analyse(a)
	fmt.Println("focus:", d.focus)
	for _, p := range d.places {
		name := "-"
		if p.Place != nil {
			name = fmt.Sprintf("%s (%s, %s) %s", p.Place.Name, p.Place.Admin1, p.Place.CountryCode, p.Place.Level)
		}
		fmt.Printf("place %q -> %s qual=%v fallback=%v score=%.2f\n", p.Text, name, p.IsQualifier, p.Fallback, p.Score)
	}
	for _, m := range d.actors {
		fmt.Printf("actor %q -> %s (%s %d %s) head=%v generic=%v\n", m.Text, m.Actor.Name, m.Actor.Side, m.Actor.Inter, m.Actor.Country, m.Head, m.Actor.Generic)
	}
	for i, s := range d.sents {
		fmt.Printf("sentence %d: %q\n", i, d.text[s.start:s.end])
		for _, c := range s.cues {
			var names []string
			for id, n := range x.lx.classNames {
				if c.classes&(1<<id) != 0 {
					names = append(names, n)
				}
			}
			fmt.Printf("  cue %q %v cert=%s ref=%v ana=%v\n", d.text[s.toks[c.start].Start:s.toks[c.end-1].End], names, c.certainty, c.reference, c.anaphoric)
		}
		for _, dm := range s.dates {
			fmt.Printf("  date %s %s\n", dm.date.Format(sitrep.DateLayout), dm.precision)
		}
		fmt.Printf("  figures: %+v\n", s.figs)
	}
	for _, dr := range d.drafts {
		fmt.Printf("draft head=%q cert=%s dropped=%v more=%d cues=%d\n", d.text[dr.head.start:dr.head.end][:min(40, dr.head.end-dr.head.start)], dr.certainty, dr.dropped, len(dr.more), len(dr.cues))
	}
	fmt.Println(describe(d.events()))
}
