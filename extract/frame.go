package extract

import (
	"slices"
	"time"
)

// draft is an event under construction: the cues of one sentence that share
// a certainty, plus the sentences after it that only add detail.
type draft struct {
	head      *sent
	more      []*sent // sentences merged in, after head
	certainty string
	cues      []cue // the head sentence's cues of this certainty
	figs      []figures
	dropped   bool // history, not news: it absorbs follow-ups and yields nothing
	attrib    string
	// proj is set on drafts made from a single projected or hypothetical
	// figure ("could rise to 1.5 million").
	proj *figure
	// projKind is the casualty kind of proj.
	projKind int
	// toll: proj is a toll over a period ("800 killed since the offensive
	// began") or a projection, recorded as such, never as an event's
	// dead; period is the words of its period, if any.
	toll   bool
	period string
	// date is the draft's date, resolved once all sentences are read.
	date     time.Time
	datePrec string
	dateText string
}

// sentOf returns the sentence of figs[i]: the head's, then each merged
// sentence's in turn.
func (dr *draft) sentOf(i int) *sent {
	if i > 0 && i-1 < len(dr.more) {
		return dr.more[i-1]
	}
	return dr.head
}

// mainClass reports whether a cue set holds an act of its own, as opposed
// to a toll ("killed", "wounded", "displaced") or a manner ("without
// resistance").
func (lx *Lexicon) mainClass(c classSet) bool {
	return c&^lx.minor != 0
}

// frame groups the sentences' cues into drafts.
func (d *doc) frame() {
	lx := d.x.lx
	var last *draft
	for _, s := range d.sents {
		background := d.isHistory(s)
		var orderBuf [4]string
		order := orderBuf[:0] // certainties, in order of first cue
		for _, c := range s.cues {
			if !c.reference && !slices.Contains(order, c.certainty) {
				order = append(order, c.certainty)
			}
		}
		hasDate := len(s.dates) > 0
		hasPlace := d.hasEventPlace(s)
		var reported *draft
		for _, cert := range order {
			cs := s.cuesOf(cert)
			main, own := false, false
			for _, c := range cs {
				if lx.mainClass(c.classes) {
					main = true
					if !c.anaphoric {
						own = true
					}
				}
			}
			if cert != "reported" {
				// Hypothetical and negated acts are events of their own,
				// kept apart from the record by their certainty; a
				// hypothetical toll is not.
				if main {
					dr := &draft{head: s, certainty: cert, cues: cs, dropped: background, attrib: s.attribFor(firstCue(cs))}
					d.drafts = append(d.drafts, dr)
					s.inDraft = true
				}
				continue
			}
			// A sentence continues the act before it when it is in the
			// same paragraph or directly follows it (news puts details in
			// paragraphs of their own).
			sameBlock := last != nil && (last.lastSent().para == s.para && s.idx-last.lastSent().idx <= detailGap || last.lastSent().idx == s.idx-1)
			if !own && !main && !sameBlock && tollNounsOnly(s.figs) {
				// "The army's dead in the war now number over 900": a
				// toll stated for itself, with no act of its sentence,
				// counts many events, none told here.
				for _, l := range [][]figure{s.figs.deaths, s.figs.displaced} {
					for i := range l {
						l[i].period = true
					}
				}
			}
			if !own && !main && periodOnly(s.figs) {
				continue // only a toll over a period: recorded as a toll below
			}
			switch {
			case own && !sameBlock, own && (hasDate || hasPlace), own && d.protestApart(last, cs), own && d.groundApart(last, cs):
				// A new act of its own.
			case sameBlock && !hasDate && !hasPlace && !d.afterFlight(last, cs):
				// Detail of the act before: "Police broke up the
				// march with tear gas." "The clashes left 3 dead."
				last.more = append(last.more, s)
				last.cues = append(last.cues, cs...)
				last.figs = append(last.figs, s.figs)
				s.inDraft = true
				reported = last
				continue
			case own, main, hasFigure(s.figs), hasDate, hasPlace, len(s.actors) > 0:
				// Any act with its own date, place or actor: "a man was
				// killed in Watamu", "Gunmen kill Italian missionary".
			default:
				continue
			}
			reported = &draft{head: s, certainty: cert, cues: cs, dropped: background, attrib: s.attribFor(firstCue(cs))}
			reported.figs = append(reported.figs, s.figs)
			d.drafts = append(d.drafts, reported)
			s.inDraft = true
		}
		if reported == nil && last != nil && (last.lastSent().para == s.para || last.lastSent().idx == s.idx-1) && (hasFigure(s.figs) || s.figs.noDeaths) {
			// A sentence of figures alone: "No fatalities were reported."
			last.more = append(last.more, s)
			last.figs = append(last.figs, s.figs)
			reported = last
		}
		if reported != nil {
			last = reported
		}
		// Projected and hypothetical figures are events of their own: "the
		// number of displaced people could rise to 1.5 million".
		for _, list := range []struct {
			figs []figure
			kind int
		}{{s.figs.displaced, kDisplaced}, {s.figs.deaths, kDeath}} {
			for i := range list.figs {
				fg := list.figs[i]
				if fg.certainty == "reported" && !fg.period {
					continue
				}
				dr := &draft{head: s, certainty: fg.certainty, proj: &fg, projKind: list.kind, toll: true, attrib: s.attribFor(fg.start)}
				if fg.period {
					dr.period = s.clauseWords(s.figs.periodStart, s.figs.periodEnd)
				} else {
					dr.dropped = background // a projection from the past is history
				}
				d.drafts = append(d.drafts, dr)
			}
		}
	}
}

// afterFlight reports whether a sentence tells of an act after a draft
// that tells only of people leaving ("fled", "were displaced"): its "the
// fighting" points further back, to what they fled ("People have fled
// to Kosti. At least 60 people were killed in the fighting"), and is no
// detail of the flight, whose people are no party to it.
func (d *doc) afterFlight(last *draft, cs []cue) bool {
	lx := d.x.lx
	flight := classSet(1)<<lx.cls.displace | lx.minor
	var mine, theirs classSet
	for _, c := range cs {
		mine |= c.classes
	}
	for _, c := range last.cues {
		theirs |= c.classes
	}
	return theirs&(1<<lx.cls.displace) != 0 && theirs&^flight == 0 && mine&^flight != 0
}

// groundApart reports whether a sentence's own change of control (a
// capture, an entry, a withdrawal) follows an act of violence that moved
// no ground and was no battle: news of its own, not a detail that would make the shelling
// before it a capture ("The army has kept shelling the town, killing 8.
// The town is now almost wholly in the rebels' hands.").
func (d *doc) groundApart(last *draft, cs []cue) bool {
	if last == nil {
		return false
	}
	lx := d.x.lx
	ground := classSet(1)<<lx.cls.capture | 1<<lx.cls.capturePlace | 1<<lx.cls.withdraw | 1<<lx.cls.enter
	var mine, theirs classSet
	for _, c := range cs {
		if !c.anaphoric && !c.reference {
			mine |= c.classes
		}
	}
	for _, c := range last.cues {
		theirs |= c.classes
	}
	// A battle's outcome is the battle's: "Clashes raged in the village.
	// The army took it" is one capture.
	return mine&ground != 0 && theirs&lx.territory == 0 && theirs&lx.harm != 0 && theirs&(1<<lx.cls.clash) == 0
}

// protestApart reports whether a sentence's own protest, staged or held
// ("staged a protest", "held a sit-in") or done by protesters named
// before it, follows an act with no crowd in it (a murder, a battle): a
// happening of its own, not a detail ("Residents staged a protest
// outside the court" after the killing tried there). "Protests are
// expected", "by demonstrating" stay where they were.
func (d *doc) protestApart(last *draft, cs []cue) bool {
	lx := d.x.lx
	if last == nil {
		return false
	}
	for _, c := range last.cues {
		if c.classes&lx.crowdActs != 0 {
			return false
		}
	}
	for _, c := range cs {
		if !c.anaphoric && c.classes&(1<<lx.cls.protest) != 0 && d.doneByCrowd(c) {
			return true
		}
	}
	return false
}

// doneByCrowd reports whether a protest cue is staged or held (a verb of
// [stage] in the four words before it) or follows protesters the
// sentence names.
func (d *doc) doneByCrowd(c cue) bool {
	s := c.s
	for k := c.start - 1; k >= 0 && k >= c.start-4; k-- {
		if e, _, ok := d.x.lx.stage.Match(s.toks, k); ok && e <= c.start {
			return true
		}
	}
	for _, ai := range s.actors {
		if m := &d.actors[ai]; crowdSide(m.Actor.Side) && m.Head && m.End <= s.toks[c.start].Start {
			return true
		}
	}
	return false
}

// cuesOf returns the cues of s asserted with certainty cert: s.cues
// itself when that is all of them (most sentences), else a copy. Appending
// to it copies: its capacity is its length.
func (s *sent) cuesOf(cert string) []cue {
	all := true
	for _, c := range s.cues {
		if c.reference || c.certainty != cert {
			all = false
			break
		}
	}
	if all {
		return s.cues[:len(s.cues):len(s.cues)]
	}
	var cs []cue
	for _, c := range s.cues {
		if !c.reference && c.certainty == cert {
			cs = append(cs, c)
		}
	}
	return cs
}

func firstCue(cs []cue) int {
	if len(cs) == 0 {
		return 0
	}
	return cs[0].start
}

// sents returns the draft's sentences, its head first.
func (dr *draft) sents() []*sent {
	return append([]*sent{dr.head}, dr.more...)
}

func (dr *draft) lastSent() *sent {
	if len(dr.more) > 0 {
		return dr.more[len(dr.more)-1]
	}
	return dr.head
}

func hasFigure(f figures) bool {
	for _, l := range [][]figure{f.deaths, f.displaced} {
		for _, fg := range l {
			if fg.certainty == "reported" && !fg.period {
				return true
			}
		}
	}
	return false
}

// isHistory reports whether a sentence's own date lies long before the
// publication date: "since the civil war began in 2011".
func (d *doc) isHistory(s *sent) bool {
	if d.pub.IsZero() {
		return d.x.lx.opensPast(s)
	}
	if len(s.dates) == 0 {
		return false
	}
	// Only a date that stands by the sentence's first act dates it: in
	// "hundreds demonstrated for justice about an assassination in 1990"
	// the year belongs to the assassination.
	reach := len(s.toks)
	for _, c := range s.cues {
		if !c.reference && d.x.lx.mainClass(c.classes) {
			reach = c.end + historyReach
			break
		}
	}
	seen := false
	for _, dm := range s.dates {
		if dm.start > reach {
			continue
		}
		seen = true
		if !dm.date.Before(d.pub.AddDate(0, 0, -historyDays)) {
			return false
		}
	}
	return seen
}

// opensPast reports whether a sentence of an undated text opens with a
// past time before its first comma, ahead of any act: "Recently, the firm
// lost a contract after mass protests", "In the north earlier this year,
// the envoy was pelted by a crowd", "In 2001, crowds rioted". The news of
// the day is not told so: such a sentence recalls what the day's news
// follows.
func (lx *Lexicon) opensPast(s *sent) bool {
	comma := -1
	for k := 0; k < len(s.toks) && k <= openerReach; k++ {
		if clauseEnd(s.toks[k]) {
			if s.toks[k].Norm == "," {
				comma = k
			}
			break
		}
	}
	// "Since 2020," runs up to the day's news.
	if comma < 1 || len(s.cues) > 0 && s.cues[0].start < comma || s.toks[0].Norm == "since" {
		return false
	}
	for _, dm := range s.dates {
		if dm.end <= comma && s.yearNumbered(dm) {
			return true
		}
	}
	for k := 0; k < comma; k++ {
		// "As recently as Saturday," names its day.
		if end, _, ok := lx.pastOpener.Match(s.toks, k); ok && end <= comma && s.toks[end].Norm != "as" {
			return true
		}
	}
	return false
}

// openerReach is how many words a sentence's opening time phrase may
// run before its comma: "In the north earlier this year,".
const openerReach = 8

// detailGap is how many sentences on, in its paragraph, a sentence may
// still add detail to the act before it: a paragraph of a court story
// or a profile runs on far past the act it began with.
const detailGap = 3

// historyReach is how many words after an act a date may stand and still
// be the act's.
const historyReach = 4

// historyDays is how far before publication a date must lie for its
// sentence to count as background rather than news.
const historyDays = 62

// hasEventPlace reports whether the sentence names a place that can be an
// event's location.
func (d *doc) hasEventPlace(s *sent) bool {
	for _, pi := range s.places {
		if d.places[pi].Place != nil && !d.places[pi].IsQualifier && !d.insideActor(pi) {
			return true
		}
	}
	return false
}

// insideActor reports whether place mention pi lies within an actor's name
// ("Islamic State in the Greater Sahara", "Tigray forces").
func (d *doc) insideActor(pi int) bool {
	return d.inActor[pi] // worked out once per article (within)
}

// clauseWords returns the words of tokens [start, end) of the sentence,
// extended to the end of their clause: "since the offensive began".
func (s *sent) clauseWords(start, end int) string {
	for end < len(s.toks) && !clauseEnd(s.toks[end]) && s.toks[end].Norm != "," {
		end++
	}
	return s.words(start, end)
}

// periodOnly reports whether every figure of a sentence counts over a
// period ("800 have been killed since the offensive began").
func periodOnly(f figures) bool {
	n := 0
	for _, l := range [][]figure{f.deaths, f.displaced} {
		for _, fg := range l {
			if !fg.period {
				return false
			}
			n++
		}
	}
	return n > 0
}

// tollNounsOnly reports whether every figure of a sentence is a toll's
// ("the death toll tops 1,000"), and there is one.
func tollNounsOnly(f figures) bool {
	n := 0
	for _, l := range [][]figure{f.deaths, f.displaced} {
		for _, fg := range l {
			if !fg.toll || fg.certainty != "reported" {
				return false
			}
			n++
		}
	}
	return n > 0
}
