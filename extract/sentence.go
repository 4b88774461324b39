package extract

import (
	"github.com/sitrep/sitrep/actors"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/text"
)

// sent is one sentence under analysis. Token offsets are byte offsets in
// the article text.
type sent struct {
	start, end int
	idx        int  // position among the article's sentences
	first      int  // index of the sentence's first token in the document
	inDraft    bool // the sentence heads or details a draft
	d          *doc // the document, for its working memory
	para       int
	toks       []text.Token
	placeAt    []int    // per token: index into doc.places, or -1
	inDate     []bool   // per token: part of a date ("On 3 May 2020")
	ref        []bool   // per token: inside a reference to another event
	actorAt    []int    // per token: index into doc.actors, or -1
	startAt    []uint32 // per token: the lexicons that may start there (Lexicon.starts)
	// lexicons is the union of startAt: a lexicon none of whose bits is
	// in it matches nowhere in the sentence, and its loop need not run.
	lexicons uint32
	places   []int // doc.places in the sentence
	actors   []int // doc.actors in the sentence
	cues     []cue
	dates    []dateMention
	figs     figures
	attribs  []attrib // who the sentence says reported what
	holds    []hold   // statements of who holds a place
}

// hold is a statement of who holds a place ("government-held", "controlled
// by the rebels"): its cue's tokens and the holder, when named. The holder
// plays no part in the sentence's acts: "Rebels shelled government-held
// Homs" is the rebels' shelling.
type hold struct {
	start, end int
	holder     *actors.Mention
}

// cue is an event cue found in a sentence.
type cue struct {
	s          *sent
	start, end int // token indexes in s
	classes    classSet
	certainty  string
	reference  bool // names another event (a reason, a context), not asserted here
	span       bool // counts acts over weeks or more ("months of fighting"): a reference too
	anaphoric  bool // "the clashes", "this advance": refers back to a known event
	example    bool // "dangers like a siege": a likeness named, a reference too
}

func (d *doc) analyseSentence(s *sent, sp text.Span, para int) {
	lx := d.x.lx
	s.start, s.end, s.para, s.idx = sp.Start, sp.End, para, len(d.sents)
	a := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= sp.Start })
	b := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= sp.End })
	s.toks, s.placeAt, s.actorAt, s.startAt = d.toks[a:b:b], d.placeAt[a:b:b], d.actorAt[a:b:b], d.startAt[a:b:b]
	s.first = a
	s.d = d
	s.places = d.placeIndex(sp.Start, sp.End)
	s.actors = d.actorIndex(sp.Start, sp.End)

	for _, at := range s.startAt {
		s.lexicons |= at
	}

	s.dates = lx.appendDates(s.dates, d.text, s.toks, s.startAt, s.lexicons, d.pub)
	s.inDate = d.bools(0, a, b)
	for _, dm := range s.dates {
		for k := dm.start; k < dm.end; k++ {
			s.inDate[k] = true
		}
	}
	s.findCues(lx)
	s.captivesFreed(lx)
	s.captivesNamed(lx)
	s.projectileFired(lx)
	s.crowdActs(lx)
	s.modality(lx)
	s.figs = lx.findFigures(d.text, s)
	s.attribs = lx.attribution(d.text, s)
}

// spanIndex maps n byte spans (sorted) onto token indexes: it fills at
// with, per token, the index k of the span that covers it, or -1.
func spanIndex(at []int, toks []text.Token, n int, span func(int) (int, int)) []int {
	for i := range at {
		at[i] = -1
	}
	t := 0
	for k := 0; k < n; k++ {
		a, b := span(k)
		for t < len(toks) && toks[t].End <= a {
			t++
		}
		for u := t; u < len(toks) && toks[u].Start < b; u++ {
			if toks[u].Start >= a {
				at[u] = k
			}
		}
	}
	return at
}

// norm returns the folded form of token k, "" outside the sentence.
func (s *sent) norm(k int) string {
	if k < 0 || k >= len(s.toks) {
		return ""
	}
	return s.toks[k].Norm
}

// words returns the text of tokens [a, b).
func (s *sent) words(a, b int) string {
	if b <= a {
		return "" // a toll's period the sentence does not name, before a stop ("!Fatalities 0")
	}
	return s.d.text[s.toks[a].Start:s.toks[b-1].End]
}

// findCues marks the event cues of the sentence. Words inside a place name
// are not cues ("Battle Creek").
func (s *sent) findCues(lx *Lexicon) {
	if s.lexicons&lx.cueF.first == 0 {
		return
	}
	capPlace, capture, withdraw, enter := lx.cls.capturePlace, lx.cls.capture, lx.cls.withdraw, lx.cls.enter
	// titleCase reads the whole sentence: ask it once, when first needed,
	// not at every capitalised word of a long one.
	title := -1
	isTitle := func() bool {
		if title < 0 {
			title = 0
			if s.titleCase() {
				title = 1
			}
		}
		return title == 1
	}
	for i := 0; i < len(s.toks); {
		if s.placeAt[i] >= 0 || s.inDate[i] || i > 0 && s.toks[i].Cap && s.toks[i].Norm == "march" {
			i++ // "Battle Creek", "On 3 March 2020", "in mid-March"
			continue
		}
		if i > 0 && s.toks[i].Cap && s.toks[i-1].Cap && s.toks[i-1].Kind == text.Word && !isTitle() {
			i++ // a name's word: "Merrill Lynch", "Peter Fight"
			continue
		}
		if !lx.cueF.may(s.toks, s.startAt, i) {
			i++
			continue
		}
		end, classes, ok := lx.cues.Match(s.toks, i)
		if !ok {
			i++
			continue
		}
		if end == i+1 && s.describing(i) {
			i++ // "the besieged city", "the stolen paintings"
			continue
		}
		if s.listedGoods(i, end) {
			i++ // "the thieves and stolen paintings"
			continue
		}
		if s.figurative(lx, i, end) {
			i++ // "a custody battle", "the fight against corruption"
			continue
		}
		if s.gathersOrShows(i, end, isTitle) || s.showsQuality(lx, i, end) {
			i++ // "rallies Labour voters", "demonstrating the strength of"
			continue
		}
		if p := lx.cls.protest; p >= 0 && classes&(1<<p) != 0 && (s.armedMarch(lx, i) || s.rebelSubject(i)) {
			// "rebels marched on the capital", "soldiers march through
			// the town": a force on the move, no crowd's march.
			if classes &^= 1 << p; classes == 0 {
				i++
				continue
			}
		}
		if capPlace >= 0 && classes&(1<<capPlace) != 0 {
			classes &^= 1 << capPlace
			if s.placeFollows(end) {
				classes |= 1 << capture
			}
		}
		// "SDF-controlled areas", "IS-held": a participle glued to a name
		// by a hyphen is a modifier, not an act.
		if i > 0 && s.toks[i-1].Norm == "-" && s.toks[i-1].Start == s.toks[i].Start-1 && i > 1 && s.toks[i-2].End == s.toks[i-1].Start && isParticiple(s.toks[i].Norm) {
			classes = 0
		}
		// A capture or a withdrawal needs ground for its object:
		// "captured 2 soldiers" takes no territory, a law "withdrawn"
		// cedes none.
		// "Kherson, a regional capital that Russian forces had captured
		// early in the war": the ground is what the clause describes, and
		// the act is the place's past, not news.
		described := capture >= 0 && classes&(1<<capture) != 0 && s.relativeGround(lx, i)
		for _, id := range []int{capture, withdraw, enter} {
			if described && id == capture {
				continue
			}
			if id >= 0 && classes&(1<<id) != 0 && (!s.groundObject(lx, i, end) && !s.groundOwner(lx, i) && (id != capture || !s.townSubject(lx, i) && !s.groundTakenBy(i, end)) || id == withdraw && s.destinationAt(end)) {
				classes &^= 1 << id
				// "seized a vehicle" is looting; "captured two
				// soldiers", an abduction.
				// A capture with no object ("the capture, if confirmed,
				// would") is neither.
				if id == capture && seizure[s.toks[i].Norm] && !s.bareNoun(i, end) {
					if s.personObject(lx, end) {
						classes |= 1 << lx.cls.abduct
					} else if s.thingObject(lx, end) {
						classes |= 1 << lx.cls.loot
					}
				}
			}
		}
		if lx.cls.hold >= 0 && classes&(1<<lx.cls.hold) != 0 {
			// Only ground is held: "government-held Homs", "the village
			// of Hajara, controlled by HTS"; not "positions held by the
			// rebels near Hama".
			// Either way the holder is no actor of the sentence's act.
			ground := s.groundObject(lx, i, end)
			if h := s.holdAt(i, end); ground {
				s.holds = append(s.holds, h)
			} else {
				classes &^= 1 << lx.cls.hold
			}
		}
		if classes != 0 {
			c := cue{s: s, start: i, end: end, classes: classes, certainty: "reported", reference: described}
			if i > 0 {
				switch s.toks[i-1].Norm {
				case "the", "this", "these", "that", "those", "such":
					// "the clashes" points back; "the capture of
					// Medaya" names its own object.
					c.anaphoric = (end >= len(s.toks) || s.toks[end].Norm != "of") && s.toks[end-1].Norm != "of"
				}
			}
			s.cues = append(s.cues, c)
		}
		i = end
	}
}

// captivesFreed reads a release told before the captivity it ends
// ("were freed a month after being abducted", "released by their
// kidnappers", "freed a journalist abducted in Gaza") as the news: an
// agreement between the sides, which rules.txt prefers to the abduction
// it ends. A captivity told first ("abducted three traders and released
// them the next day") stays the abduction. Words of a release or of
// captors are no cues otherwise ("released a statement", "the Free
// Syrian Army", "police hunt the kidnappers").
func (s *sent) captivesFreed(lx *Lexicon) {
	freed, words := -1, classSet(1)<<lx.cls.release|1<<lx.cls.captor
	for i := range s.cues {
		c := &s.cues[i]
		if c.classes&(1<<lx.cls.abduct|1<<lx.cls.captor) != 0 {
			if freed >= 0 {
				s.cues[freed].classes |= 1<<lx.cls.agree | 1<<lx.cls.abduct
			}
			break
		}
		if c.classes&(1<<lx.cls.release) != 0 && freed < 0 && s.actorAt[c.start] < 0 {
			freed = i
		}
	}
	s.cues = slices.DeleteFunc(s.cues, func(c cue) bool { return c.classes&^words == 0 })
}

// captivesNamed drops the abduction a captive's word alone would tell
// when the sentence tells of nothing else: "the hostage faces a
// handover", "gunmen holding two engineers hostage opened talks" name
// people already held, not their taking, unless a verb of taking stands
// before the word in its clause ("took 26 people hostage").
func (s *sent) captivesNamed(lx *Lexicon) {
	for _, c := range s.cues {
		bare := c.classes&(1<<lx.cls.abduct) != 0 && c.end == c.start+1 && word(lx.captive, s.toks, c.start)
		if !bare || s.takenBefore(lx, c.start) {
			return
		}
	}
	s.cues = s.cues[:0]
}

// takenBefore reports whether a verb of taking or holding ([take
// captive]) ends at most six words before token k, in its clause.
func (s *sent) takenBefore(lx *Lexicon, k int) bool {
	for j := k - 1; j >= 0 && j >= k-7 && !clauseEnd(s.toks[j]); j-- {
		if end, _, ok := lx.takeCaptive.Match(s.toks, j); ok && end <= k && end >= k-6 {
			return true
		}
	}
	return false
}

// projectileFired reads a firing with a projectile named within three
// words of it ("rockets were fired at an Israeli town", "fired three
// missiles at a warehouse") as the manner of the shelling or strike, not
// an attack of its own, which would make the act a battle or an attack
// by whom it hit.
func (s *sent) projectileFired(lx *Lexicon) {
	projectile := lx.projectiles
	for i := range s.cues {
		c := &s.cues[i]
		if c.classes&(1<<lx.cls.fire) == 0 {
			continue
		}
		for j := range s.cues {
			o := &s.cues[j]
			if j != i && o.classes&projectile != 0 && o.start <= c.end+3 && o.end >= c.start-3 {
				c.classes &^= 1 << lx.cls.attack
				break
			}
		}
	}
}

// crowdActs adds a protest cue where protesters or rioters named as such
// do what crowds do: "protesters gathered outside the Seray", "hundreds
// of demonstrators marched", "protesters blocked the airport road". The
// verb alone ("gathered", "blocked") names no protest.
func (s *sent) crowdActs(lx *Lexicon) {
	added := false
	for k := 0; k < len(s.toks); k++ {
		ai := s.actorAt[k]
		if ai < 0 || k > 0 && s.actorAt[k-1] == ai {
			continue
		}
		m := &s.d.actors[ai]
		// People in the plural who are no crowd by name ("children",
		// "villagers") protest only by a blockade: "villagers blocked
		// the road", not "villagers gathered".
		people := m.Actor.Side == "civilians" && strings.HasSuffix(s.toks[k].Norm, "s") || s.toks[k].Norm == "children" || s.toks[k].Norm == "people"
		if !m.Head || m.Actor.Side != "protesters" && m.Actor.Side != "rioters" && !people {
			continue
		}
		j := s.mentionEnd(s.actorAt, k)
		j = s.pastModifier(lx, j)
		for j < len(s.toks) && (strings.HasSuffix(s.toks[j].Norm, "ly") || s.toks[j].Norm == "also" || s.toks[j].Norm == "then" || perfect[s.toks[j].Norm]) {
			j++
		}
		if j >= len(s.toks) || s.hasCueAt(j) {
			continue
		}
		e, _, ok := lx.crowdAct.Match(s.toks, j)
		ok = ok && !people
		if ok && posture[s.toks[j].Norm] {
			ok = false // "lawyers sitting in a room": a sit-in needs its word
		}
		if !ok && blockVerb[s.toks[j].Norm] {
			for w := j + 1; w < len(s.toks) && w <= j+4; w++ {
				if _, _, way := lx.way.Match(s.toks, w); way {
					e, ok = j+1, true
					break
				}
			}
		}
		if ok {
			s.cues = append(s.cues, cue{s: s, start: j, end: e, classes: classSet(1) << lx.cls.protest, certainty: "reported"})
			added = true
		}
	}
	if added { // the cues stay in text order
		slices.SortStableFunc(s.cues, func(a, b cue) int { return a.start - b.start })
	}
}

// pastModifier returns where the verb after a crowd's name at j stands
// when a short phrase of "with", "from" or "of" describes the crowd
// ("protesters with a farm workers' union blocked the line", "residents
// from the camp marched"): the first word of a block or a crowd's act
// within six words, in the clause; else j.
func (s *sent) pastModifier(lx *Lexicon, j int) int {
	if j >= len(s.toks) || !crowdModifier[s.toks[j].Norm] {
		return j
	}
	for k := j + 1; k < len(s.toks) && k <= j+6 && !clauseEnd(s.toks[k]); k++ {
		if blockVerb[s.toks[k].Norm] {
			return k
		}
		// A crowd's act in the past ("marched", "sat"), not a noun of
		// the phrase ("from the transit camp").
		if _, _, ok := lx.crowdAct.Match(s.toks, k); ok && !objectDet[s.toks[k-1].Norm] && (isParticiple(s.toks[k].Norm) || s.toks[k].Norm == "sat") {
			return k
		}
	}
	return j
}

// perfect are the auxiliaries of a perfect: "residents have blocked".
var perfect = map[string]bool{"have": true, "has": true, "had": true}

// crowdModifier are the prepositions of a phrase that says who a crowd
// is: "with a union", "from the township", "of the camp".
var crowdModifier = map[string]bool{"with": true, "from": true, "of": true}

// posture are crowd acts that are also how anyone sits or lies.
var posture = map[string]bool{"sit": true, "sits": true, "sat": true, "sitting": true, "lie": true, "lies": true, "lying": true, "lay": true, "camp": true, "camps": true, "camped": true, "camping": true}

// blockVerb are the verbs of a blockade: "blocked the road".
var blockVerb = map[string]bool{"blocked": true, "blocking": true, "block": true, "blocks": true, "barricaded": true, "barricading": true}

// hasCueAt reports whether a cue of the sentence starts at token k.
func (s *sent) hasCueAt(k int) bool {
	for _, c := range s.cues {
		if c.start == k {
			return true
		}
	}
	return false
}

// holdAt reads the holder of the hold cue at toks[i:end]: an actor inside
// the cue ("under government control") or right after one that ends in
// "by" or "of", or is followed by one ("held by the rebels", "in the
// hands of HTS", "still held by HTS"); such a holder's tokens are taken
// out of the sentence's actors, so no act claims it. Failing those, the
// actor just before the cue holds ("the army still controls Homs").
func (s *sent) holdAt(i, end int) hold {
	h := hold{start: i, end: end}
	at := -1
	for k := i; k < end; k++ {
		if s.actorAt[k] >= 0 {
			at = k
			break
		}
	}
	k := end
	if n := s.norm(k); n == "by" || n == "of" {
		k++ // "still held by the rebels"
	} else if last := s.norm(end - 1); last != "by" && last != "of" {
		k = -1
	}
	if at < 0 && k >= 0 {
		if n := s.norm(k); n == "the" || n == "a" || n == "an" {
			k++
		}
		if k < len(s.toks) && s.actorAt[k] >= 0 {
			at = k
		}
	}
	if at < 0 {
		// "Government forces still hold Homs": the subject holds. It
		// stays an actor of the sentence: "Rebels still hold Hama and
		// shelled Homs".
		for k := i - 1; k >= 0 && k >= i-6; k-- {
			if s.actorAt[k] >= 0 {
				h.holder = &s.d.actors[s.actorAt[k]]
				break
			}
		}
		return h
	}
	id := s.actorAt[at]
	h.holder = &s.d.actors[id]
	for k := range s.actorAt {
		if s.actorAt[k] == id {
			s.actorAt[k] = -1
		}
	}
	return h
}

// groundObject reports whether the capture cue at toks[i:end] has ground
// for its object: a place name or a noun of ground after it ("captured the
// village of Badi", "took control of Hill 45"), or a place right before it
// ("Hama fell to the rebels", "Hama was captured").
// timeSpan are the words of a while: "fought for hours".
var timeSpan = map[string]bool{"hours": true, "days": true, "weeks": true, "months": true, "years": true, "minutes": true, "day": true, "night": true, "nights": true, "weekend": true, "hour": true, "week": true, "month": true, "year": true, "decades": true, "time": true, "while": true, "long": true}

// whereWords open a phrase of place: "in Soweto", "near the border".
var whereWords = map[string]bool{"in": true, "at": true, "near": true, "across": true, "around": true, "outside": true, "inside": true, "on": true}

// contestWords are the words of a fight that a contest of law, money or
// politics borrows.
// armedBefore reports whether an armed group is named before token i.
func (s *sent) armedBefore(i int) bool {
	for _, ai := range s.actors {
		m := &s.d.actors[ai]
		if m.Head && actors.Armed(m.Actor.Side) && m.End <= s.toks[i].Start {
			return true
		}
	}
	return false
}

// determinerWord and ownDefence are the words after "fought to" that keep
// the fight a fight: "to the death", "to defend the town".
var (
	determinerWord = map[string]bool{"the": true, "a": true, "their": true, "his": true, "its": true, "last": true, "death": true}
	ownDefence     = map[string]bool{"defend": true, "hold": true, "repel": true, "repulse": true, "protect": true, "push": true, "break": true, "stop": true, "halt": true, "prevent": true, "block": true, "contain": true, "dislodge": true, "drive": true, "expel": true, "clear": true, "encircle": true, "surround": true, "advance": true, "reach": true}
)

var contestWords = map[string]bool{"fight": true, "fights": true, "fighting": true, "fought": true, "battle": true, "battles": true, "battling": true, "battled": true, "clash": true, "clashes": true}

// figurative reports whether the fight or battle at toks[i:end] is a
// contest, not violence: one of law, money or politics ("a custody
// battle", [contest]), or one for or against something that names no
// party, place or ground ("the fight against global terrorism", "a fight
// for the future of the country"); "the battle for Aleppo", "fighting
// against the rebels" and "the fight for control of the town" are
// violence.
func (s *sent) figurative(lx *Lexicon, i, end int) bool {
	if end != i+1 || !contestWords[s.toks[i].Norm] {
		return false
	}
	if i > 0 {
		if e, _, ok := lx.contest.Match(s.toks, i-1); ok && e == i {
			return true
		}
	}
	if s.foughtFoe(lx, end) {
		return true // "as they battle terrorism", "crews battling the blaze"
	}
	if end+1 < len(s.toks) && s.toks[end].Norm == "to" {
		// "fight to retain their rights", "won a battle to be allowed to
		// stay": a campaign; not "fought to the last man", nor "fought to
		// retake the town", whose verb is an act of war, nor the fighting
		// of an armed group ("rebels fought to flush out the troops").
		noun := i > 0 && adjectiveSlot[s.toks[i-1].Norm] || i > 1 && adjectiveSlot[s.toks[i-2].Norm]
		if !noun && s.armedBefore(i) {
			return false
		}
		v := s.toks[end+1]
		_, _, act := lx.cues.Match(s.toks, end+1)
		return v.Kind == text.Word && !v.Cap && !act && !determinerWord[v.Norm] && !ownDefence[v.Norm]
	}
	end = s.agentAfter(end)
	if end >= len(s.toks) || s.toks[end].Norm != "for" && s.toks[end].Norm != "against" && s.toks[end].Norm != "of" {
		return false
	}
	n := 0
	for k := end + 1; k < len(s.toks) && k < end+8 && !clauseEnd(s.toks[k]); k++ {
		t := s.toks[k]
		if n > 0 && whereWords[t.Norm] {
			break // "a fight for clean water in Soweto": where, not what for
		}
		if s.placeAt[k] >= 0 || s.actorAt[k] >= 0 || t.Kind == text.Word && (t.Cap || t.Upper) || t.Kind == text.Number || timeSpan[t.Norm] {
			return false // "fought for hours", "for the third day"
		}
		if _, _, ok := lx.ground.Match(s.toks, k); ok {
			return false
		}
		if _, _, ok := lx.combatant.Match(s.toks, k); ok {
			return false
		}
		n++
	}
	return n > 0
}

// agentAfter returns where a fight's words go on after the agent that
// may follow it, "by" and up to four words ("a lengthy fight by the
// veterans for the right to stay"), or k when no agent follows.
func (s *sent) agentAfter(k int) int {
	if k >= len(s.toks) || s.toks[k].Norm != "by" {
		return k
	}
	for j := k + 1; j < len(s.toks) && j <= k+5 && !clauseEnd(s.toks[j]); j++ {
		if w := s.toks[j].Norm; w == "for" || w == "against" {
			return j
		}
	}
	return k
}

// foughtFoe reports whether what a fight or a battle takes right after
// it, a determiner between, is a scourge, no party ([foe]): "battle
// terrorism", "battling the blaze", "fight crime".
func (s *sent) foughtFoe(lx *Lexicon, k int) bool {
	if e, _, ok := lx.determiner.Match(s.toks, k); ok {
		k = e
	}
	if _, _, ok := lx.scourge.Match(s.toks, k); ok {
		return true
	}
	_, _, ok := lx.foe.Match(s.toks, k)
	return ok
}

// fightsScourge reports whether the words at k, "to fight" or "to
// battle", take a scourge ([scourge]) within a few words: "to fight an
// invasion of locusts", "to battle the flames".
func (s *sent) fightsScourge(lx *Lexicon, k int) bool {
	if k+1 >= len(s.toks) || s.toks[k].Norm != "to" || !contestWords[s.toks[k+1].Norm] {
		return false
	}
	for j := k + 2; j < len(s.toks) && j <= k+6 && !clauseEnd(s.toks[j]); j++ {
		if _, _, ok := lx.scourge.Match(s.toks, j); ok {
			return true
		}
	}
	return false
}

// gathersOrShows reports whether a verb of rallying or demonstrating at
// toks[i:end] takes an object: one rallies supporters or demonstrates a
// point ("the chancellor rallies Labour voters", "demonstrating the
// strength of our values", "demonstrated that"); a crowd rallies or
// demonstrates with at most how, where, when, against or for what after
// it, or demonstrates its anger or support. The object is a determiner's
// or a name's: "demonstrating members of the party" are protesters, "a
// party rally the following day" a rally. "rally" and "rallies", nouns
// too, never after a determiner or a number, nor in a headline's
// capitals.
func (s *sent) gathersOrShows(i, end int, title func() bool) bool {
	w := s.toks[i].Norm
	if end != i+1 || end+1 >= len(s.toks) || !showVerb[w] {
		return false
	}
	t, u := s.toks[end], s.toks[end+1]
	if t.Kind != text.Word || s.inDate[end] || s.placeAt[end] >= 0 || s.actorAt[end] >= 0 {
		return false
	}
	if w == "rally" || w == "rallies" {
		if i > 0 && (adjectiveSlot[s.toks[i-1].Norm] || s.toks[i-1].Kind == text.Number) || title() {
			return false // "a rally", "two rallies"
		}
	}
	if !demonstrateVerb[w] && heldFeeling[t.Norm] {
		return true // "rallying opposition to the bid": support gathered
	}
	if objectWord[t.Norm] {
		return !timeSpan[u.Norm] && !timeWord[u.Norm] && !heldFeeling[u.Norm] // not "the following day", "their anger"
	}
	return t.Cap && !t.Upper || demonstrateVerb[w] && t.Norm == "that"
}

// showsQuality reports whether a demonstrating verb at toks[i:end] shows
// a quality or a fact ([shown] in syntax.txt) named right after it or
// after one plain word ("demonstrated high professionalism"): no crowd
// protests. A place, an actor, a date or a word of a protest's where,
// when or against what between them keeps the protest ("demonstrated
// against").
func (s *sent) showsQuality(lx *Lexicon, i, end int) bool {
	if end != i+1 || !demonstrateVerb[s.toks[i].Norm] || end >= len(s.toks) {
		return false
	}
	if word(lx.shown, s.toks, end) {
		return true
	}
	t := s.toks[end]
	if t.Kind != text.Word || t.Cap || protestAfter[t.Norm] || s.inDate[end] || s.placeAt[end] >= 0 || s.actorAt[end] >= 0 {
		return false
	}
	return word(lx.shown, s.toks, end+1)
}

// intendedGerund reports whether the cue is a gerund right after a word
// of intent ([intent] in modality.txt): "intended protesting", "are
// considering marching" tell of an act not yet done.
func (s *sent) intendedGerund(lx *Lexicon, c *cue) bool {
	if c.start == 0 || !strings.HasSuffix(s.toks[c.start].Norm, "ing") {
		return false
	}
	for k := max(c.start-2, 0); k < c.start; k++ {
		if end, _, ok := lx.intent.Match(s.toks, k); ok && end == c.start {
			return true
		}
	}
	return false
}

// showVerb are the verbs of a protest that also gather support or show a
// thing; objectWord the words an object opens with; heldFeeling what a
// crowd demonstrates; timeWord what follows a determiner in a time.
var (
	showVerb = map[string]bool{"rally": true, "rallies": true, "rallied": true, "rallying": true,
		"demonstrate": true, "demonstrates": true, "demonstrated": true, "demonstrating": true}
	objectWord  = map[string]bool{"the": true, "a": true, "an": true, "its": true, "his": true, "her": true, "their": true, "our": true, "this": true, "these": true, "those": true}
	heldFeeling = map[string]bool{"anger": true, "support": true, "solidarity": true, "opposition": true, "discontent": true, "displeasure": true, "frustration": true, "outrage": true, "grievances": true, "dissatisfaction": true}
	timeWord    = map[string]bool{"following": true, "next": true, "previous": true, "same": true, "morning": true, "evening": true, "afternoon": true}
)

// groundOwner reports whether the nominal act at i is the possession of a
// town or of ground: "the city's capture", "Bakhmut's fall" (not
// "Russia's withdrawal": a country's act is its own).
func (s *sent) groundOwner(lx *Lexicon, i int) bool {
	if i < 3 || !s.possessiveAt(i-1) {
		return false
	}
	k := i - 3
	if pi := s.placeAt[k]; pi >= 0 {
		p := s.d.places[pi].Place
		return p != nil && p.Level == gazetteer.LevelTown
	}
	_, _, ok := lx.ground.Match(s.toks, k)
	return ok
}

// describing reports whether the one-word cue at token i is a participle
// that describes the noun after it: "the besieged city", "a destroyed
// house", "in occupied Ukraine", "the region's assassinated leader", "the
// town's deserted, narrow lanes", "the stolen paintings". Between a
// determiner, a preposition or a possessive and its noun, it tells of no
// act.
func (s *sent) describing(i int) bool {
	end := i + 1
	if i == 0 || end >= len(s.toks) {
		return false
	}
	prev, w := s.toks[i-1].Norm, s.toks[i].Norm
	poss := s.possessiveAt(i - 1)
	if !adjectiveSlot[prev] && !participleSlot[prev] && !poss {
		return false
	}
	if s.toks[end].Kind != text.Word && !(poss && s.adjectiveList(end)) {
		return false
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) || pastTaking[w]
}

// relativeGround reports whether the act at token i, with no object of
// its own, sits in a relative clause on ground: "a regional capital that
// Russian forces had captured", "the town which the rebels took".
func (s *sent) relativeGround(lx *Lexicon, i int) bool {
	if s.appositiveGround(lx, i) {
		return true
	}
	if i+1 < len(s.toks) && !clauseEnd(s.toks[i+1]) && s.groundObject(lx, i, i+1) {
		return false // an object of its own
	}
	for j := i - 1; j > 0 && j >= i-6; j-- {
		if clauseEnd(s.toks[j]) {
			return false
		}
		if w := s.toks[j].Norm; w != "that" && w != "which" {
			continue
		}
		return s.placeAt[j-1] >= 0 || s.groundEndsAt(lx, j)
	}
	return false
}

// groundEndsAt reports whether a noun of ground ([ground], up to three
// words) ends right before token end: "a regional capital|".
func (s *sent) groundEndsAt(lx *Lexicon, end int) bool {
	for k := max(0, end-3); k < end; k++ {
		if e, _, ok := lx.ground.Match(s.toks, k); ok && e == end {
			return true
		}
	}
	return false
}

// namedAfter reports whether the noun of ground ending before token e
// is followed by the place's name: "the town of Sudzha", "the capital,
// Damascus" (a name the gazetteer does not hold counts).
func (s *sent) namedAfter(e int) bool {
	if e+1 >= len(s.toks) || s.toks[e].Norm != "of" && s.toks[e].Norm != "," {
		return false
	}
	t := s.toks[e+1]
	return s.placeAt[e+1] >= 0 || t.Kind == text.Word && t.Cap && s.actorAt[e+1] < 0
}

// appositiveGround reports whether the participle at token i, with its
// agent after it, ends a noun of ground in apposition to a place:
// "Kherson, the only regional capital captured by Russia's army".
func (s *sent) appositiveGround(lx *Lexicon, i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].Norm != "by" {
		return false
	}
	if !s.groundEndsAt(lx, i) {
		return false
	}
	for k := i - 1; k > 0 && k >= i-6; k-- {
		if s.toks[k].Norm == "," {
			return s.placeAt[k-1] >= 0
		}
		if clauseEnd(s.toks[k]) {
			return false
		}
	}
	return false
}

// groundObject reports whether the act at tokens [i, end) takes ground
// for its object: a place, a noun of ground or an unknown name after it,
// past determiners and a few modifiers, or a place named just before a
// passive act ("Homs was captured").
func (s *sent) groundObject(lx *Lexicon, i, end int) bool {
	skips := 2 // modifiers before the ground noun: "a military regional command"
	for k, lim := end, end+7; k < len(s.toks) && k < lim; {
		t := s.toks[k]
		if s.placeAt[k] >= 0 {
			return true
		}
		if t.Kind == text.Word && !t.Cap && s.possessiveAt(k+2) {
			k, lim = k+3, lim+2 // a determiner: "the country's second city"
			continue
		}
		if e, _, ok := lx.ground.Match(s.toks, k); ok {
			_ = e
			return true
		}
		if t.Kind == text.Word && (t.Cap || t.Upper) && s.actorAt[k] < 0 {
			return !demonymPlural(t) // a name the gazetteer does not know: "Gharitah Hill"; not "two Americans"
		}
		if ai := s.actorAt[k]; ai >= 0 && k > 0 && s.toks[k-1].Norm == "of" {
			// "the retreat of Ukrainian troops from Maryinka": who left,
			// then the ground.
			k = s.mentionEnd(s.actorAt, k)
			continue
		}
		if ai := s.actorAt[k]; ai >= 0 && !s.d.actors[ai].Head {
			// "the Russian town of Sudzha", "the Syrian capital,
			// Damascus": a people's word before the noun of a named
			// place names its country.
			// "captured another Congolese town": the people's word says
			// whose town, named or not (not "entered Syrian territory",
			// a crossing, nor "the French garrison", a military target).
			g := s.mentionEnd(s.actorAt, k)
			_, _, military := lx.militaryTarget.Match(s.toks, g)
			if e, _, ok := lx.ground.Match(s.toks, g); ok && (s.namedAfter(e) || seizure[s.toks[i].Norm] && !military) {
				return true
			}
		}
		if e := s.ownerEnd(k); e > k {
			k, lim = e, lim+2 // whose ground: "the army's last stronghold"
			continue
		}
		if e, _, ok := lx.determiner.Match(s.toks, k); ok {
			k = e
			continue
		}
		switch t.Norm {
		case "of", "over", "-", "'", "s", "al", "el", "ad", "ar", "as", "ash", "at", "az", "ad-", "an", "from", "to", "towards", "toward", "into":
			k++
			continue
		case "it", "them":
			return true // "taking control of it"
		}
		if t.Kind == text.Number {
			k++ // "took control of over 12 hamlets"
			continue
		}
		if _, _, person := lx.victim.Match(s.toks, k); t.Kind == text.Word && !t.Cap && (!person || s.groundNext(lx, k+1)) && skips > 0 {
			skips-- // "a military regional command", "the rebel stronghold town"
			k++
			continue
		}
		if seizure[s.toks[i].Norm] && !slices.ContainsFunc(s.toks[end-1:k], func(t text.Token) bool { return t.Norm == "by" }) && s.peopleAt(lx, k) {
			return false // "seized two Americans": people, not ground, whatever place came before; not "held by rebels"
		}
		break
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if s.placeAt[k] >= 0 && !s.d.insideActor(s.placeAt[k]) {
			return true // "Homs was captured"; not "a US military column entered"
		}
		if clauseEnd(s.toks[k]) {
			break
		}
	}
	return false
}

// townSubject reports whether the passive act at token i has for subject
// a noun of ground that is no military target: "the capital was seized by
// the rebels", "these cities have been captured"; not "positions held by
// the rebels" (no auxiliary) nor "the post was overrun" (an attack on a
// post is a battle).
func (s *sent) townSubject(lx *Lexicon, i int) bool {
	a := auxStart(s.toks, i)
	if a == i || !s.passiveAt(i) || !s.groundEndsAt(lx, a) {
		return false
	}
	for k := max(0, a-3); k < a; k++ {
		if e, _, ok := lx.militaryTarget.Match(s.toks, k); ok && e == a {
			return false
		}
	}
	return true
}

// auxStart returns the first token of the auxiliaries and adverbs right
// before token i: the subject of "these cities have been captured" ends
// where "have" begins.
func auxStart(toks []text.Token, i int) int {
	for i > 0 {
		w := toks[i-1].Norm
		if !beForms[w] && w != "has" && w != "have" && w != "had" && w != "reportedly" && w != "reported" && !strings.HasSuffix(w, "ly") {
			break
		}
		i--
	}
	return i
}

// destinationAt reports whether the words at token k say where a force
// went, not what it left: "withdrew to eastern Chad", "pulled back
// towards the capital". A withdrawal's ground is the place left.
func (s *sent) destinationAt(k int) bool {
	if k >= len(s.toks) {
		return false
	}
	switch s.toks[k].Norm {
	case "to", "toward", "towards", "into", "across":
		return true
	}
	return false
}

// peopleAt reports whether the object at token k names people: a noun for
// a person, or an actor that is not the owner of what follows ("the
// rebels' stronghold").
func (s *sent) peopleAt(lx *Lexicon, k int) bool {
	if _, _, ok := lx.victim.Match(s.toks, k); ok {
		return true
	}
	return s.actorAt[k] >= 0 && !s.possessiveAt(s.mentionEnd(s.actorAt, k)+1)
}

// bareNoun reports whether the act at tokens [i, end) is a noun after a
// determiner or a possessive with no "of" to bring its object: "the
// capture consolidates their hold" takes nobody and nothing.
func (s *sent) bareNoun(i, end int) bool {
	if i == 0 || end < len(s.toks) && s.toks[end].Norm == "of" {
		return false
	}
	return objectWord[s.toks[i-1].Norm] || s.possessiveAt(i-1)
}

// groundTakenBy reports whether the act at tokens [i, end) is a noun
// after "the" or "its" with its doer after "by" and no object: "the
// capture by the rebels makes their hold complete", "its capture by the
// army" tell again the taking of ground named before.
func (s *sent) groundTakenBy(i, end int) bool {
	if i == 0 || end >= len(s.toks) || s.toks[end].Norm != "by" {
		return false
	}
	w := s.toks[i-1].Norm
	return w == "the" || w == "its"
}

// ownerEnd returns the token after the possessive of an actor named at
// token k ("M23's", "the army's"), or -1 when no owner stands there.
func (s *sent) ownerEnd(k int) int {
	if s.actorAt[k] < 0 {
		return -1
	}
	if e := s.mentionEnd(s.actorAt, k); s.possessiveAt(e + 1) {
		return e + 2
	}
	return -1
}

// mentionEnd returns the end of the mention at token k: the run of tokens
// with the same index in at (s.actorAt, s.placeAt). A possessive after it
// makes the mention the owner of what follows ("the rebels' stronghold",
// "France's top award").
func (s *sent) mentionEnd(at []int, k int) int {
	e := k + 1
	for e < len(s.toks) && at[e] == at[k] {
		e++
	}
	return e
}

// demonymPlural reports whether a token is a people's word in the plural,
// which names people of that country: "two Americans".
func demonymPlural(t text.Token) bool {
	return t.Cap && strings.HasSuffix(t.Norm, "s") && len(gazetteer.CountriesByDemonym(strings.TrimSuffix(t.Norm, "s"))) > 0
}

// groundNext reports whether ground is named at token k or the one after:
// then the people's word before it only says whose it is ("the rebel
// town", "the militant stronghold of").
func (s *sent) groundNext(lx *Lexicon, k int) bool {
	for j := k; j < len(s.toks) && j <= k+1; j++ {
		if _, _, ok := lx.ground.Match(s.toks, j); ok || s.placeAt[j] >= 0 {
			return true
		}
		if _, _, ok := lx.placeWords.Match(s.toks, j); !ok {
			return false
		}
	}
	return false
}

// seizure are the capture verbs that, with a thing or a person for their
// object, take that instead of ground.
var seizure = map[string]bool{"seized": true, "seize": true, "seizes": true, "seizing": true, "captured": true, "capture": true, "captures": true, "capturing": true}

// personObject reports whether the object after token j names people: a
// number or article before a noun for a person, or an actor.
func (s *sent) personObject(lx *Lexicon, j int) bool {
	for k := j; k < len(s.toks) && k < j+5; k++ {
		if s.toks[k].Norm == "by" {
			// A passive's doer is no object: who was taken came before
			// ("a journalist was seized by militants"), not after
			// ("sites seized last week by gunmen").
			return s.personBefore(lx, j)
		}
		if s.actorAt[k] >= 0 {
			return true
		}
		if _, _, ok := lx.victim.Match(s.toks, k); ok || demonymPlural(s.toks[k]) {
			return true
		}
		if clauseEnd(s.toks[k]) {
			return false
		}
	}
	return false
}

// personBefore reports whether people are named in the few words before
// the act that ends at token j, in its clause: the subject of a passive.
func (s *sent) personBefore(lx *Lexicon, j int) bool {
	for k := j - 2; k >= 0 && k >= j-6; k-- {
		if clauseEnd(s.toks[k]) {
			return false
		}
		if _, _, ok := lx.victim.Match(s.toks, k); ok || demonymPlural(s.toks[k]) {
			return true
		}
	}
	return false
}

// siteObject returns the tokens [a,b) of a site or part of a place that
// the object starting at token j names ("a base vacated by", "the centre
// of Bakhmut", "most of the town"), before any place name or other ground
// ("the town of Hama"); ok is false when the object is a place.
func (s *sent) siteObject(lx *Lexicon, j int) (a, b int, ok bool) {
	skips := 2 // modifiers: "a key military base", "the eastern districts"
	for k := j; k < len(s.toks) && k < j+7; {
		if s.placeAt[k] >= 0 || clauseEnd(s.toks[k]) {
			return 0, 0, false
		}
		if final[s.toks[k].Norm] {
			return 0, 0, false // "the last army outpost in the town": the town
		}
		if e, _, ok := lx.site.Match(s.toks, k); ok {
			return k, e, true
		}
		if _, _, ok := lx.ground.Match(s.toks, k); ok {
			return 0, 0, false
		}
		if e, _, ok := lx.determiner.Match(s.toks, k); ok {
			k = e
			continue
		}
		t := s.toks[k]
		switch {
		case t.Norm == "of" || t.Norm == "control" || t.Kind == text.Number:
			k++
		case t.Kind == text.Word && !t.Cap && skips > 0:
			skips--
			k++
		default:
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// sinceToday reports whether the "since" at token k opens a time of the
// last days ("fighting since dawn", "since Friday"): an act that goes on,
// news, not a past the sentence recalls.
func (s *sent) sinceToday(k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+3; j++ {
		if dayPart[s.toks[j].Norm] {
			return true
		}
	}
	for _, dm := range s.dates {
		if dm.start == k+1 && !s.d.pub.IsZero() && !dm.date.Before(s.d.pub.AddDate(0, 0, -7)) {
			return true
		}
	}
	return false
}

// dayPart are the parts of a day: "since dawn", "since the early morning".
var dayPart = map[string]bool{"dawn": true, "daybreak": true, "morning": true, "noon": true, "afternoon": true, "evening": true, "midnight": true, "overnight": true}

// final are words that make the site taken the place's last foothold.
var final = map[string]bool{"last": true, "final": true, "remaining": true}

// thingObject reports whether an object starts at token j: not the end of
// the clause, a comma or a modal.
func (s *sent) thingObject(lx *Lexicon, j int) bool {
	if j >= len(s.toks) || clauseEnd(s.toks[j]) || s.toks[j].Norm == "," {
		return false
	}
	_, _, modal := lx.modal.Match(s.toks, j)
	return !modal
}

// placeFollows reports whether a place name starts at token j, perhaps after
// "the town of", "the city of".
func (s *sent) placeFollows(j int) bool {
	return s.objectPlace(j) >= 0
}

// objectPlace returns the token where the place that placeFollows finds
// starts, or -1.
func (s *sent) objectPlace(j int) int {
	for k := j; k < len(s.toks) && k < j+7; k++ {
		if pi := s.placeAt[k]; pi >= 0 {
			// "won France's top award": the place owns the object,
			// which must be ground ("took Syria's second city").
			e := s.mentionEnd(s.placeAt, k)
			if !s.possessiveAt(e + 1) {
				return k
			}
			for g := e + 2; g < len(s.toks) && g < e+5; g++ {
				if _, _, ok := s.d.x.lx.ground.Match(s.toks, g); ok {
					return k
				}
			}
			return -1
		}
		if e, _, ok := s.d.x.lx.placeWords.Match(s.toks, k); ok {
			k = e - 1
			continue
		}
		return -1
	}
	return -1
}

// modality sets each cue's certainty and marks references.
func (s *sent) modality(lx *Lexicon) {
	n := len(s.toks)
	a, b := s.first, s.first+n
	ref, cond := s.d.bools(1, a, b), s.d.bools(2, a, b)
	s.ref = ref
	// Pseudo cues of class "demand" go after the others, which alone get
	// a certainty below.
	found := len(s.cues)
	for i := 0; i < n && s.lexicons&lx.scopeF.first != 0; i++ {
		if s.inDate[i] || !lx.scopeF.may(s.toks, s.startAt, i) {
			continue
		}
		end, kinds, ok := lx.scopes.Match(s.toks, i)
		if !ok {
			continue
		}
		// Words of a name ("the Movement for the Defence of Small
		// Farmers") open no scope.
		if inName(s.toks, i, end) {
			continue
		}
		if kinds&(1<<sConditional) != 0 {
			for k := end; k < n && !clauseEnd(s.toks[k]); k++ {
				cond[k] = true
			}
		}
		if kinds&(1<<sReference) != 0 {
			for k := end; k < n && k < end+4 && !clauseEnd(s.toks[k]); k++ {
				ref[k] = true
			}
		}
		if kinds&(1<<sDemand) != 0 {
			for k := end; k < n; k++ {
				ref[k] = true
			}
			if !s.demandOfOne(lx, i) {
				s.cues = append(s.cues, cue{s: s, start: i, end: end, classes: 1 << lx.cls.demand, certainty: "reported"})
			}
		}
		if kinds&(1<<sNamed) != 0 && (i == 0 || !resultWords[s.toks[i-1].Norm]) {
			// "protested over the killing of" names another event;
			// "resulted in the killing of" gives this one's toll.
			for k := i; k < end; k++ {
				ref[k] = true
			}
		}
		// After a crowd's act, what it acted over: "rioted after a worker
		// was killed by a bus" names the grievance, not the riot's toll.
		if kinds&(1<<sGrievance) != 0 && s.crowdActBefore(lx, i) {
			for k := end; k < n && !clauseEnd(s.toks[k]); k++ {
				ref[k] = true
			}
		}
		// History ("who have previously supported Assad") names no new
		// event up to the end of its clause.
		// "in the aftermath of the protest" dates the clause's act, as
		// "after" would; "the aftermath of the offensive" names what
		// happened before.
		if kinds&(1<<sBackground) != 0 && !(i >= 2 && s.toks[i-1].Norm == "the" && s.toks[i-2].Norm == "in") {
			k := i
			if i == 0 && end < n && s.toks[end].Norm == "," {
				k = end + 1 // "Previously, the alliance captured ...": the sentence's whole first clause
			}
			for ; k < n && !clauseEnd(s.toks[k]); k++ {
				ref[k] = true
			}
		}
	}
	for ci := range s.cues[:found] {
		if c := s.cues[ci]; c.classes&(1<<lx.cls.arrest) != 0 {
			s.markGrounds(c.end, ref)
		}
	}
	s.markKinOf(lx, found)
	s.markHabits(lx, found)
	for ci := range s.cues[:found] {
		c := &s.cues[ci]
		if ref[c.start] {
			c.reference = true
		}
		if c.end < n {
			s.markReference(lx, c)
		}
		if cond[c.start] {
			c.certainty = "hypothetical"
		}
		// Modal and negation words a few words before the cue, within the
		// clause; before a protest that is the purpose of another act,
		// anywhere in the clause: that act's mood is the protest's ("is
		// to ballot its members on strikes in protest at", "threatening a
		// strike in protest").
		// The hyphens of compounds do not count toward the five words:
		// "would be a well-orchestrated coup".
		reach := c.start - 5
		if s.inProtest(lx, c) {
			reach = 0
		}
		for k := c.start - 1; k >= 0 && k >= reach; k-- {
			t := s.toks[k]
			if uncounted[t.Norm] && reach > 0 {
				reach--
			}
			if (t.Norm == "and" || t.Norm == "or") && k >= c.start-3 && reach > 0 {
				reach = max(0, k-6) // "might be cut off from supplies and reinforcements": the second of two objects is the first's
			}
			if clauseEnd(t) || t.Norm == "," || t.Norm == "but" || opensClause[t.Norm] {
				break // "appears imminent after the guerrillas seized": the modal is the other clause's
			}
			if s.inDate[k] || s.month(k) {
				continue // "May" in "On 3 May 2020" or "in May following" is not a modal
			}
			if end, _, ok := lx.negation.Match(s.toks, k); ok && end <= c.start {
				if c.certainty == "reported" {
					c.certainty = "negated"
				}
				break
			}
			if end, _, ok := lx.hypothetical.Match(s.toks, k); ok && end <= c.start {
				c.certainty = "hypothetical"
				break
			}
		}
		if c.certainty == "reported" && s.objectOfModal(lx, c) {
			c.certainty = "hypothetical" // "would pave the way for a Russian advance on the hub"
		}
		if c.certainty == "reported" && (s.purpose(lx, c) || s.modalAfter(lx, c) || s.protestToStage(lx, c) || s.intendedGerund(lx, c)) {
			c.certainty = "hypothetical"
		}
		if c.certainty == "reported" && s.foiledAfter(lx, c) {
			c.certainty = "negated" // "an attack on the court was foiled by police"
		}
		if c.classes&lx.aircraft != 0 && c.classes&lx.weapons&^lx.manner == 0 && s.actedOn(lx, c) {
			c.reference = true // "shot down a cargo plane": the target, not the manner
		}
		if c.classes&lx.aircraft != 0 && c.classes&lx.weapons&^lx.manner == 0 && s.backedBy(c) {
			c.reference = true // "troops backed by helicopters stormed the camp": support, not the act's manner
		}
		if c.classes&(classSet(1)<<lx.cls.protest|1<<lx.cls.riot) != 0 && s.festive(c) {
			c.reference = true // "took to the streets to celebrate", "to fight the locusts": no protest
		}
	}
}

// month reports whether the token at k is "May" the month: capitalised
// within the sentence and not followed by a capitalised word as in a
// title-case headline ("Rebels May Attack Town").
func (s *sent) month(k int) bool {
	t := s.toks[k]
	if k == 0 || t.Norm != "may" || !t.Cap || t.Upper {
		return false
	}
	return k+1 >= len(s.toks) || !s.toks[k+1].Cap
}

// objectOfModal reports whether a nominal cue heads the noun phrase that
// a [hypothetical] phrase ending in "of" or "for" governs, however far its
// start: "would pave the way for a Russian advance on", "on the brink of
// a full-scale war".
func (s *sent) objectOfModal(lx *Lexicon, c *cue) bool {
	k := c.start - 1
	for ; k >= 0 && k >= c.start-4; k-- {
		t := s.toks[k]
		if t.Norm == "of" || t.Norm == "for" {
			break
		}
		if t.Kind != text.Word || s.hasCueAt(k) || s.inDate[k] || s.placeAt[k] >= 0 || strings.HasSuffix(t.Norm, "ed") || npBreak[t.Norm] {
			return false // "on the outskirts of Bamako staged a protest": a place, then a verb
		}
	}
	if k < 1 || k < c.start-4 || (s.toks[k].Norm != "of" && s.toks[k].Norm != "for") {
		return false
	}
	for j := k; j >= 0 && j >= k-4; j-- {
		if e, _, ok := lx.hypothetical.Match(s.toks, j); ok && e == k+1 {
			return true
		}
	}
	return false
}

// npBreak are the words that end a noun phrase read backwards from its
// head: prepositions and conjunctions.
var npBreak = map[string]bool{"amid": true, "amidst": true, "in": true, "on": true, "at": true, "near": true, "from": true,
	"with": true, "by": true, "to": true, "into": true, "and": true, "or": true, "as": true}

// opensClause are the words that open a clause of time or cause: a modal
// before one governs another clause.
var opensClause = map[string]bool{"after": true, "before": true, "when": true, "while": true, "because": true, "until": true, "during": true}

// uncounted are the tokens that do not count toward the words between a
// modal and its act: a compound's hyphen.
var uncounted = map[string]bool{"-": true}

// markGrounds marks as reference what one person arrested is held for,
// to the end of the clause: "police arrested a man in the killing of his
// neighbour", "detained a youth who they say stabbed two pupils". The
// act is the grounds of the arrest, told as the police tell it, one
// suspect's crime, unless he is armed men's; the arrest is the news. People held in numbers ("held
// 40 youths who took part in the riot") were held over a crowd's act,
// which stays an event.
func (s *sent) markGrounds(k int, ref []bool) {
	if k+1 >= len(s.toks) || s.toks[k].Norm != "a" && s.toks[k].Norm != "an" {
		return
	}
	end := min(k+5, len(s.toks))
	for ; k < end && !clauseEnd(s.toks[k]); k++ {
		if a := s.actorAt[k]; a >= 0 && actors.Armed(s.d.actors[a].Actor.Side) {
			return // "arrested a militant who": armed men's violence
		}
		if _, _, ok := s.d.x.lx.combatant.Match(s.toks, k); ok {
			return // "arrested a rogue officer who shot two colleagues"
		}
		w := s.toks[k].Norm
		next := ""
		if k+2 < len(s.toks) {
			next = s.toks[k+1].Norm
		}
		if w == "who" || w == "for" || w == "in" && (next == "the" || next == "a" || next == "an") && s.placeAt[k+2] < 0 {
			for ; k < len(s.toks) && !clauseEnd(s.toks[k]); k++ {
				ref[k] = true
			}
			return
		}
	}
}

// markHabits marks as references the acts a "who" clause tells in the
// present, and the acts after them up to the end of the sentence or an
// act told as done: "bandits who raid grain trucks, loot villages after
// dark and shoot anyone who resists" says what the bandits do, no one act.
// "Gunmen who attacked a convoy", "youths who threw stones" tell of one
// ([past]).
func (s *sent) markHabits(lx *Lexicon, found int) {
	habit := false
	for ci := range s.cues[:found] {
		c := &s.cues[ci]
		w := s.toks[c.start].Norm
		if isParticiple(w) || strings.HasSuffix(w, "ing") || word(lx.past, s.toks, c.start) {
			habit = false
			continue
		}
		if c.start > 0 && s.toks[c.start-1].Norm == "who" {
			habit = true
		}
		for k := c.start - 1; habit && k >= 0 && (ci == 0 || k >= s.cues[ci-1].end); k-- {
			if n := s.toks[k].Norm; n == ";" || n == "." {
				habit = false
			}
		}
		if habit {
			c.reference = true
		}
	}
}

// markKinOf marks as references the acts that name a person his kin are
// known by ([kin] "of" a person "who"): "the brother of a trader who died
// after a struggle with soldiers has asked for an inquiry". The harm was
// told before; the news is what the kin do. Their crowd's acts stay
// events ("the family of a man who was shot by police blocked the
// road"); the person's clause ends at its clause's end or at the main
// verb's auxiliary ("has demanded"). Without "who" the act may be the
// kin's own ("relatives of a deceased child assaulted a doctor").
func (s *sent) markKinOf(lx *Lexicon, found int) {
	n := len(s.toks)
	for i := 0; i+2 < n; i++ {
		if s.toks[i+1].Norm != "of" || !word(lx.kin, s.toks, i) {
			continue
		}
		who := i + 2
		for who < n && who < i+7 && s.toks[who].Norm != "who" && s.toks[who].Kind == text.Word && !s.hasCueAt(who) {
			who++
		}
		if who == n || s.toks[who].Norm != "who" {
			continue // "relatives of a deceased child assaulted a doctor": their act
		}
		end := who + 1
		for end < n && !clauseEnd(s.toks[end]) && !(auxiliary[s.toks[end].Norm] && end > who+1) {
			end++
		}
		for ci := range s.cues[:found] {
			if c := &s.cues[ci]; c.start > i+1 && c.start < end && c.classes&lx.crowdActs == 0 {
				c.reference = true
			}
		}
		i = end
	}
}

// demandOfOne reports whether the demand at i is made by one person or
// by a body that governs, named right before it: "the victim's sister has
// demanded", "local authorities are now demanding" ([authority]). That is
// no crowd's demand: it makes no protest of the sentence.
func (s *sent) demandOfOne(lx *Lexicon, i int) bool {
	if s.toks[i].Norm == "to" {
		return false // "a protest to demand": the purpose of an act
	}
	k, aux := i, false
	for k > 0 && (auxiliary[s.toks[k-1].Norm] || beForms[s.toks[k-1].Norm] || s.toks[k-1].Norm == "now" || strings.HasSuffix(s.toks[k-1].Norm, "ly")) {
		aux = aux || auxiliary[s.toks[k-1].Norm] || beForms[s.toks[k-1].Norm]
		k--
	}
	if k == 0 || s.hasCueAt(k-1) {
		return false // "a rally demanding": the crowd's act demands
	}
	if strings.HasSuffix(s.toks[i].Norm, "ing") && !aux {
		return false // "blocked the road near a hospital demanding": the blockers demand
	}
	if _, _, ok := lx.authority.Match(s.toks, k-1); ok {
		return true
	}
	return s.d.oneObjector(s, k)
}

// backedBy reports whether a cue follows "backed by", "supported by" or
// "covered by": what supports the act of others.
func (s *sent) backedBy(c *cue) bool {
	for k := c.start - 1; k >= 1 && k >= c.start-3; k-- {
		if s.toks[k].Norm == "by" {
			switch s.toks[k-1].Norm {
			case "backed", "supported", "covered", "assisted", "aided":
				return true
			}
		}
	}
	return false
}

// inProtest reports whether a protest cue is a purpose phrase, "in
// protest" or "in a protest", of the act before it.
func (s *sent) inProtest(lx *Lexicon, c *cue) bool {
	if c.classes&(1<<lx.cls.protest) == 0 || c.start == 0 {
		return false
	}
	k := c.start - 1
	if s.toks[k].Norm == "a" && k > 0 {
		k--
	}
	return s.toks[k].Norm == "in"
}

// foiledAfter reports whether the act of cue c is said, later in its
// clause, to have been stopped: "an attack on the court was foiled by
// police", "the bombing that was thwarted". Not "were prevented
// from": the passive must end there or go on with its doer or its time.
func (s *sent) foiledAfter(lx *Lexicon, c *cue) bool {
	for k := c.end; k+1 < len(s.toks) && k < c.end+16; k++ {
		if clauseEnd(s.toks[k]) || s.toks[k].Norm == "," {
			return false
		}
		if beForms[s.toks[k].Norm] && word(lx.foiled, s.toks, k+1) {
			return k+2 >= len(s.toks) || foiledNext[s.toks[k+2].Norm] || s.toks[k+2].Kind != text.Word
		}
	}
	return false
}

// foiledNext are the words after which "was foiled" ends its predicate.
var foiledNext = map[string]bool{"by": true, "in": true, "on": true, "at": true, "when": true, "after": true, "before": true, "as": true, "and": true}

// markReference marks a cue that names no happening of its own by what
// follows or owns it: a topic, an event known by its place, a past, a span
// of time, an adjective.
func (s *sent) markReference(lx *Lexicon, c *cue) {
	if _, _, ok := lx.topic.Match(s.toks, s.compoundEnd(c)); ok {
		c.reference = true // "murder probe", "riot murder trial": a topic
	}
	if s.knownByName(c) {
		c.reference = true // "comments on the Bali bombings": an event known by its place
	}
	if n := s.toks[c.start].Norm; c.end-c.start == 1 && (n == "body" || n == "bodies") && !s.remainsFound() {
		c.reference = true // "the late president's body arrived": remains no one found
	}
	if s.datedAside(c) {
		c.reference = true // "after 14 soldiers were killed in fighting last month": an earlier act, dated apart
	}
	if s.compoundHead(c) || s.prefixed(c) {
		c.reference = true // "storm-wracked", "riot-hit", "anti-coup": a word of another's
	}
	if s.disasterOwns(lx, c.start) {
		c.reference = true // "Cyclone Freddy's strike on the coast": a storm's
	}
	if s.yearsAway(c) {
		c.reference = true // "rallies three decades ago", "60 years after the assault": long past
	}
	if s.toks[c.end].Norm == "since" && !s.sinceToday(c.end) {
		c.reference = true // "the only city it captured since the invasion": a past, not news
	}
	if s.aggregate(lx, c) {
		c.reference, c.span = true, true // "months of fighting", "shelling since 11 November": a span, not a happening
	}
	if _, _, ok := lx.nonhuman.Match(s.toks, c.end); ok && strings.HasSuffix(s.toks[c.end-1].Norm, "ing") {
		c.reference = true // "fighting bulls": an adjective
	}
	if s.killsAnimal(lx, c) {
		c.reference = true // "the ritual beheading of a sheep": no one killed
	}
	if c.classes&lx.weapons != 0 && s.stockOf(lx, c) {
		c.reference = true // "400 tons of explosives have gone missing": a stock, no blast
	}
	if s.exampleOf(lx, c) {
		c.reference, c.example = true, true // "dangers like the siege of a school": a likeness, not news
	}
	if s.toJustice(c) {
		c.reference = true // "surrendered at a base to face charges": the courts' matter
	}
	if s.placesLeader(c) {
		c.reference = true // "the province's new leader": its government's, no armed group's
	}
	if s.describes(lx, c) {
		c.reference = true // "the Arakan Army, which is fighting for autonomy": who the group is
	}
	if s.fledFrom(lx, c) {
		c.reference = true // "fled the fighting", "to move further from the clashes": what people leave
	}
	if capture := classSet(1) << lx.cls.capture; c.classes&capture != 0 && s.ownedControl(c) {
		c.classes = c.classes&^capture | 1<<lx.cls.hold // "de facto rebel control over the north": who holds it
	}
}

// fledFrom reports whether an anaphoric cue ("the fighting") is what
// people flee, a word of flight ([flee from]) right before its
// determiner: "fled the fighting", "move further from the clashes". The
// act is told elsewhere; whoever flees it is no party to it.
func (s *sent) fledFrom(lx *Lexicon, c *cue) bool {
	if !c.anaphoric {
		return false
	}
	det := c.start - 1
	for j := det - 1; j >= 0 && j >= det-3; j-- {
		if e, _, ok := lx.fleeFrom.Match(s.toks, j); ok && e == det {
			return true
		}
	}
	return false
}

// ownedControl reports whether a nominal "control" is held, not taken:
// "de facto control over the region", "de facto rebel control".
func (s *sent) ownedControl(c *cue) bool {
	k := c.start
	if s.toks[k].Norm != "control" {
		return false
	}
	for k--; word(s.d.x.lx.controlDegree, s.toks, k); k-- {
	}
	return k >= 1 && s.toks[k].Norm == "facto" && s.toks[k-1].Norm == "de"
}

// describes reports whether a gerund tells what a group is, not what it
// did: in a relative clause in the present ("the army, which is fighting
// rebels in the north", "deserters who say they are fighting for their
// rights") or right after the group's noun before "alongside" ("militias
// fighting alongside the army denied it"). "who were fighting in the town
// on Monday" tells an act; "youths who are protesting" are the crowd of
// the news.
func (s *sent) describes(lx *Lexicon, c *cue) bool {
	i := c.start
	if !strings.HasSuffix(s.toks[i].Norm, "ing") || c.classes&(classSet(1)<<lx.cls.protest|1<<lx.cls.riot) != 0 {
		return false
	}
	if c.end < len(s.toks) && s.toks[c.end].Norm == "alongside" {
		return i > 0 && s.toks[i-1].Kind == text.Word && !auxiliary[s.toks[i-1].Norm] && !beForm[s.toks[i-1].Norm]
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		w := s.toks[k].Norm
		if w == "which" || w == "who" {
			return k < i-1
		}
		if !presentLink[w] {
			return false
		}
	}
	return false
}

// presentLink are the words that may stand between "which" or "who" and a
// gerund in a clause that tells what a group is doing these days: "which
// is fighting", "who say they are fighting", "which has long been
// fighting".
var presentLink = map[string]bool{"is": true, "are": true, "has": true, "have": true, "been": true, "long": true, "still": true,
	"now": true, "also": true, "say": true, "says": true, "claim": true, "claims": true, "they": true, "it": true}

// beForm are the forms of "be" and its auxiliaries before a gerund.
var beForm = map[string]bool{"be": true, "been": true, "are": true, "were": true, "was": true, "is": true, "am": true}

// placesLeader reports whether a new leader is a place's, by a
// possessive: "the region's new leader vowed", "Chechnya's new leader".
// A place's leader heads its government; an armed group's change of
// leader names the group.
func (s *sent) placesLeader(c *cue) bool {
	i := c.start
	if s.toks[i].Norm != "new" || s.toks[c.end-1].Norm != "leader" || i < 3 || !s.possessiveAt(i-1) {
		return false
	}
	return s.placeAt[i-3] >= 0 || s.toks[i-3].Norm == "region" || s.toks[i-3].Norm == "country" || s.toks[i-3].Norm == "province"
}

// killsAnimal reports whether a killing's object, after "of", is an
// animal or a thing: "the beheading of a sheep", "the slaughter of cattle".
func (s *sent) killsAnimal(lx *Lexicon, c *cue) bool {
	k := c.end
	if lx.cls.kill < 0 || c.classes&(1<<lx.cls.kill) == 0 || k+1 >= len(s.toks) || s.toks[k].Norm != "of" {
		return false
	}
	k++
	if e, _, ok := lx.determiner.Match(s.toks, k); ok {
		k = e
	}
	_, _, ok := lx.nonhuman.Match(s.toks, k)
	return ok
}

// yearsAway reports whether a cue's clause sets it years back, whether
// or not the publication day is known: "his protests three decades ago",
// "60 years after the assault on the fort", "years after he defected".
func (s *sent) yearsAway(c *cue) bool {
	for k := c.end; k < len(s.toks)-1 && k <= c.end+yearsAgoReach && !clauseEnd(s.toks[k]); k++ {
		if yearUnits[s.toks[k].Norm] && s.toks[k+1].Norm == "ago" {
			return true
		}
	}
	for k := c.start - 1; k > 0 && k >= c.start-yearsAfterReach && !clauseEnd(s.toks[k]); k-- {
		if w := s.toks[k].Norm; (w == "after" || w == "since") && yearUnits[s.toks[k-1].Norm] {
			return true
		}
	}
	return false
}

// yearsAgoReach is how many words after an act, within its clause,
// "years ago" may stand and still set it years back: "the army he
// deserted for the north almost 40 years ago".
const yearsAgoReach = 8

// yearsAfterReach is how many words before an act, within its clause,
// "years after" may stand and still set it years back: "150 years after
// the doomed charge against the guns in a battle of the war".
const yearsAfterReach = 12

// datedAside reports whether a cue stands in a clause of its own that
// "after", "following", "since" or "when" opens and that carries its own
// date, a week or more before publication: "reinforced after 14 soldiers were killed in fighting last
// month", "since July 3, when the alliance renewed its offensive". Such a
// clause tells of an earlier act, the reason or the start of the news.
func (s *sent) datedAside(c *cue) bool {
	open := -1
	for k := c.start - 1; k >= 0 && k >= c.start-12; k-- {
		if w := s.toks[k].Norm; asideOpener[w] {
			open = k
			break
		}
		if clauseEnd(s.toks[k]) {
			return false
		}
	}
	if open < 0 || s.d.pub.IsZero() {
		return false
	}
	earlier := func(dm dateMention) bool { return dm.date.Before(s.d.pub.AddDate(0, 0, -asideDays)) }
	if s.toks[open].Norm == "when" && (open == 0 || s.toks[open-1].Norm != ",") {
		return false // "when" of the act's own time: "killed when a shell hit"
	}
	end := c.end
	for end < len(s.toks) && end < c.end+8 && !clauseEnd(s.toks[end]) {
		end++
	}
	for _, dm := range s.dates {
		if dm.start > open && dm.start < end && !s.inDate[open] && earlier(dm) {
			return true
		}
		if s.toks[open].Norm == "when" && (dm.end == open-1 || dm.end == open) && earlier(dm) {
			return true // "since July 3, when ...": the date stands before the comma
		}
	}
	return false
}

// asideDays is how long before publication the date of such a clause
// must lie for it to tell of an earlier act: "after militants attacked
// two vehicles on Monday evening" is the news itself.
const asideDays = 7

// asideOpener are the words that open a clause of an earlier act.
var asideOpener = map[string]bool{"after": true, "following": true, "since": true, "when": true}

// compoundHead reports whether a cue is the first part of a hyphenated
// word that goes on with another word: "Storm-Wracked Haiti", "a
// riot-hit town".
func (s *sent) compoundHead(c *cue) bool {
	k := c.end
	if k+1 >= len(s.toks) || s.toks[k].Norm != "-" || s.toks[k].Start != s.toks[k-1].End {
		return false
	}
	next := s.toks[k+1]
	return next.Kind == text.Word && next.Start == s.toks[k].End
}

// armedMarch reports whether the march at token i is a force's: its
// subject, named at most four words before it, is an army, a rebel group
// or a foreign force, not a party's or the police's people ("rebels
// marched on the capital", "troops, backed by tanks, have marched into
// the city"; not "police broke up the march").
func (s *sent) armedMarch(lx *Lexicon, i int) bool {
	if !word(lx.march, s.toks, i) || i > 0 && adjectiveSlot[s.toks[i-1].Norm] {
		return false
	}
	var last *actors.Mention
	for _, ai := range s.actors {
		if m := &s.d.actors[ai]; m.Head && m.End <= s.toks[i].Start {
			last = m
		}
	}
	if last == nil || last.End < s.toks[max(i-4, 0)].Start {
		return false
	}
	switch last.Actor.Side {
	case "government", "rebel", "external":
		return last.Actor.Kind != "police" && last.Actor.Kind != "party"
	}
	return false
}

// rebelSubject reports whether the clause of token i has for its subject,
// the first actor named in it, a rebel group, with no clause of its own
// opened between them: "rebels walked out of the talks to hold a boycott
// in protest at". Armed men who stay away from talks stage no
// demonstration; a crowd does ("fighters fired on troops after they
// stormed a sit-in" is not the fighters' sit-in). Former rebels are
// civilians ("ex-LTTE cadres staged a protest"), and "rebel advances have
// emboldened protests" names no subject.
func (s *sent) rebelSubject(i int) bool {
	from := i
	for from > 0 && !clauseEnd(s.toks[from-1]) {
		from--
	}
	var subj *actors.Mention
	for _, ai := range s.actors {
		if m := &s.d.actors[ai]; m.Head && m.Start >= s.toks[from].Start {
			subj = m
			break
		}
	}
	if subj == nil || subj.Actor.Side != "rebel" || subj.End > s.toks[i].Start {
		return false
	}
	k, e := s.tokenAt(subj.Start), from
	for e < len(s.toks) && s.toks[e].Start < subj.End {
		e++
	}
	if k > 0 && s.toks[k-1].Norm == "former" || k > 1 && s.toks[k-1].Norm == "-" && s.toks[k-2].Norm == "ex" {
		return false
	}
	for j := e; j < i; j++ {
		if subordinators[s.toks[j].Norm] {
			return false
		}
	}
	return e == len(s.toks) || s.toks[e].Kind != text.Word || s.toks[e].Cap || strings.HasSuffix(s.toks[e-1].Norm, "s")
}

// prefixed reports whether a cue goes after a prefix glued to it by a
// hyphen that makes it a word for something else: "anti-coup fighters",
// "an anti-riot unit", "pro-war rallies" (a rally, not a war).
func (s *sent) prefixed(c *cue) bool {
	k := c.start
	if k < 2 || s.toks[k-1].Norm != "-" || s.toks[k-1].End != s.toks[k].Start || s.toks[k-2].End != s.toks[k-1].Start {
		return false
	}
	return cuePrefix[s.toks[k-2].Norm]
}

// cuePrefix are the prefixes that turn an act into a quality.
var cuePrefix = map[string]bool{"anti": true, "pro": true}

// disasterOwns reports whether the act at token k is a disaster's, by a
// possessive: "Cyclone Freddy's strike", "the flood's assault on".
func (s *sent) disasterOwns(lx *Lexicon, k int) bool {
	if k < 3 || !s.possessiveAt(k-1) {
		return false
	}
	for j := k - 3; j >= 0 && j >= k-5; j-- {
		if _, _, ok := lx.disaster.Match(s.toks, j); ok {
			return true
		}
		if !s.toks[j].Cap {
			break // the owner is one name, or a disaster word
		}
	}
	return false
}

// remainsFound reports whether the sentence tells of remains found or
// left somewhere, the way a killing is told by its dead: "the bodies of
// four men were found", "dumped the body by the road".
func (s *sent) remainsFound() bool {
	for k := range s.toks {
		if word(s.d.x.lx.remainsFound, s.toks, k) {
			return true
		}
	}
	return false
}

// actedOn reports whether an aircraft is the object of an act just
// before it, and so its target: "troops shot down a cargo plane",
// "fighters targeted an army helicopter"; not "attacks by helicopter
// gunships", "bombed them with drones". Guns fired are the manner:
// "fired artillery at the village".
func (s *sent) actedOn(lx *Lexicon, c *cue) bool {
	for _, o := range s.cues {
		if o.end > c.start || o.end < c.start-4 || o.classes&lx.doing == 0 || s.passiveAt(o.start) {
			continue
		}
		for k := o.end; k < c.start; k++ {
			if instrumentWords[s.toks[k].Norm] {
				return false
			}
		}
		return true
	}
	return false
}

// instrumentWords introduce what an act was done with or by.
var instrumentWords = map[string]bool{"by": true, "with": true, "from": true, "using": true, "via": true}

// stockOf reports whether a weapon's noun names a material or a stock
// lost ([stock] before it, past at most one word: "materials for chemical
// weapons", "stolen military explosives"; [gone] within three words
// after it: "explosives have gone missing"). A weapon supplied or lost is
// no blast.
func (s *sent) stockOf(lx *Lexicon, c *cue) bool {
	for k := max(c.start-4, 0); k < c.start; k++ {
		if e, _, ok := lx.stock.Match(s.toks, k); ok && (e == c.start || e == c.start-1 && s.toks[e].Kind == text.Word) {
			return true
		}
	}
	for k := c.end; k < len(s.toks) && k < c.end+3 && !clauseEnd(s.toks[k]); k++ {
		if word(lx.gone, s.toks, k) {
			return true
		}
	}
	return false
}

// exampleOf reports whether an act is named as an example or a
// likeness ([example] before it, with only words of its noun phrase
// between, no actor, no other act): "watch for dangers like the deadly
// siege of a school", "attacks such as the bombing of the market".
func (s *sent) exampleOf(lx *Lexicon, c *cue) bool {
	for k := c.start - 1; k >= 0 && k >= c.start-5; k-- {
		t := s.toks[k]
		if t.Kind != text.Word || s.actorAt[k] >= 0 || s.hasCueAt(k) {
			return false
		}
		if e, _, ok := lx.example.Match(s.toks, k); ok && e <= c.start {
			return true
		}
	}
	return false
}

// toJustice reports whether an act is done, as its clause says, to go
// before a court: "an accused deserter surrendered at a base to face
// charges". One who gives himself up to justice makes no change to a
// group's activity; the news is the case's.
func (s *sent) toJustice(c *cue) bool {
	for k := c.end; k+1 < len(s.toks) && k < c.end+12 && !clauseEnd(s.toks[k]); k++ {
		if s.toks[k].Norm == "to" {
			if _, _, ok := s.d.x.lx.justice.Match(s.toks, k+1); ok {
				return true
			}
		}
	}
	return false
}

// festive reports whether a crowd's act is done, as its clause says, to
// celebrate, welcome or watch: "thousands filled the avenue on Saturday
// to celebrate the festival".
func (s *sent) festive(c *cue) bool {
	if strings.HasPrefix(s.toks[c.start].Norm, "protest") {
		return false // "a protest rally to celebrate the plot's defeat" says it protests
	}
	for k := c.end; k+1 < len(s.toks) && k < c.end+16; k++ {
		if t := s.toks[k]; t.Norm == ";" || t.Norm == "." || t.Norm == "but" {
			return false
		}
		if s.toks[k].Norm == "to" && word(s.d.x.lx.festive, s.toks, k+1) || s.fightsScourge(s.d.x.lx, k) {
			return true
		}
	}
	return false
}

// yearUnits are the spans that put an act years back: "decades ago".
var yearUnits = map[string]bool{"years": true, "decades": true, "centuries": true}

// compoundEnd returns the end of the run of cues that starts with c, one
// straight after another: "riot murder" in "riot murder trial". A cue in
// the form of a verb starts none: "mob lynches murder suspect".
func (s *sent) compoundEnd(c *cue) int {
	end := c.end
	w := s.toks[c.end-1].Norm
	for again := !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing"); again; {
		again = false
		for i := range s.cues {
			if s.cues[i].start == end && s.cues[i].end > end {
				end, again = s.cues[i].end, true
			}
		}
	}
	return end
}

// aggregate reports whether a cue of violence counts acts over weeks or
// more rather than telling of one: "months of fighting", "attacks on the
// battalions in recent months", "fighting has rocked the town since 3
// July". Acts of taking ground are left alone: a town captured "over the
// past week" was captured once.
func (s *sent) aggregate(lx *Lexicon, c *cue) bool {
	ground := classSet(1)<<lx.cls.capture | 1<<lx.cls.capturePlace | 1<<lx.cls.withdraw | 1<<lx.cls.enter | 1<<lx.cls.hold
	if c.classes&ground != 0 {
		return false
	}
	if s.spanBefore(lx, c.start) {
		return true
	}
	limit := c.end + 8
	for k := c.end; k < len(s.toks) && k < limit; k++ {
		if s.toks[k].Norm == "," {
			if j := s.appositionEnd(k); j > k {
				k, limit = j, limit+j-k // "has rocked Lashio, home to the command, since 3 July"
				continue
			}
		}
		if clauseEnd(s.toks[k]) {
			break
		}
		switch s.toks[k].Norm {
		case "since":
			if s.sinceWhen(lx, k) && !s.sinceToday(k) || word(lx.durative, s.toks, k-1) {
				return true // "a ceasefire that had held since the coup": a state over time
			}
		case "recent", "past", "last":
			if k+1 < len(s.toks) && spanUnit[s.toks[k+1].Norm] {
				return true
			}
		case "for":
			if s.spanFor(k) {
				return true
			}
		}
	}
	return false
}

// spanBefore reports whether the words right before the cue at i make
// it a span of time: "months of fighting", "two years of grinding
// battle", "weeks of Russian shelling" (up to two words between), "the
// 18-month siege" (not "a two-week battle", the news of a fight).
func (s *sent) spanBefore(lx *Lexicon, i int) bool {
	if i >= 3 && (s.toks[i-1].Norm == "month" || yearUnits[s.toks[i-1].Norm+"s"]) && s.toks[i-2].Norm == "-" && (s.toks[i-3].Kind == text.Number || numberWords[s.toks[i-3].Norm] > 0) {
		return true
	}
	for k := i - 1; k >= 1 && k >= i-3; k-- {
		t := s.toks[k]
		if t.Norm == "of" {
			return spanUnit[s.toks[k-1].Norm]
		}
		if t.Kind != text.Word || s.hasCueAt(k) {
			return false
		}
	}
	return false
}

// spanFor reports whether the "for" at k opens a span: "for weeks",
// "for years", "for more than a year". A measured span shorter than a year
// may be the news of an assault still going on ("has come under attack
// for more than a month").
func (s *sent) spanFor(k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+4; j++ {
		w := s.toks[j].Norm
		if j == k+1 && spanUnit[w] || yearUnits[w] || yearUnits[w+"s"] {
			return true
		}
		if !spanLead[w] && s.toks[j].Kind != text.Number && numberWords[w] == 0 {
			return false
		}
	}
	return false
}

// spanLead are the words that may stand between "for" and a span's
// unit: "for more than a year", "for the past two months".
var spanLead = map[string]bool{"more": true, "than": true, "over": true, "nearly": true, "almost": true, "about": true,
	"around": true, "some": true, "a": true, "an": true, "the": true, "past": true, "last": true, "several": true, "many": true}

// appositionEnd returns the comma that closes an apposition opened by the
// comma at k ("Lashio, home to the army's regional command, since"), or
// k when none does within ten words.
func (s *sent) appositionEnd(k int) int {
	for j := k + 2; j < len(s.toks) && j <= k+10; j++ {
		if s.toks[j].Norm == "," {
			return j
		}
		if clauseEnd(s.toks[j]) {
			break
		}
	}
	return k
}

// sinceWhen reports whether the "since" at k starts a time, not a reason:
// a date, a season or an event follows within three words ("since 3
// July", "since early October", "since the offensive began"), not a
// clause ("since the ministry had failed").
func (s *sent) sinceWhen(lx *Lexicon, k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+3; j++ {
		if s.inDate[j] || sinceTime[s.toks[j].Norm] {
			return true
		}
		if _, _, ok := lx.cues.Match(s.toks, j); ok {
			return true
		}
	}
	return false
}

// sinceTime are words of time that may follow "since".
var sinceTime = map[string]bool{"early": true, "mid": true, "late": true, "last": true, "then": true, "start": true, "beginning": true, "outbreak": true}

// spanUnit are the spans of time over which acts are counted, not told.
var spanUnit = map[string]bool{"weeks": true, "months": true, "years": true, "decades": true}

// knownByName reports whether a plural nominal cue is named, after "the",
// by the place it struck or the day it fell on: "the Bali bombings", "the
// Gujarat riots", "the Aug. 7 attacks", "the Kampala bus bombings"
// (a kind of venue may stand between the name and the cue) are events
// the reader already knows, not news of the day.
func (s *sent) knownByName(c *cue) bool {
	if c.end-c.start != 1 || c.start < 2 || !strings.HasSuffix(s.toks[c.start].Norm, "s") {
		return false
	}
	k := c.start - 1
	if word(s.d.x.lx.venue, s.toks, k) {
		k-- // "the Kampala bus bombings"
	}
	named := false
	for ; k > 0; k-- {
		t := s.toks[k]
		if s.placeAt[k] >= 0 && s.actorAt[k] < 0 || s.inDate[k] || t.Cap && has(s.startAt[k], startMonth) {
			named = true
		} else if t.Kind != text.Number && t.Norm != "." {
			break
		}
	}
	return named && s.toks[k].Norm == "the"
}

// purpose reports whether a cue of taking, entering or violence is an
// infinitive of purpose or intent: "a bid to retake the town", "poised
// to take", "sent troops to attack" (but "managed to enter", "were forced
// to withdraw": [realized]).
func (s *sent) purpose(lx *Lexicon, c *cue) bool {
	if c.classes&lx.purposeClasses == 0 || c.start == 0 {
		return false
	}
	verb := s.stagedBy(lx, c) // "to launch attacks on the city": the act is the infinitive's object
	if s.toks[verb-1].Norm != "to" {
		return false
	}
	if w := s.toks[c.start].Norm; strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") {
		return false // "due to fighting", "to besieged towns"
	}
	for k := verb - 1; k >= 0 && k >= verb-5; k-- {
		if e, _, ok := lx.realized.Match(s.toks, k); ok && e == verb {
			return false
		}
	}
	return true
}

// stagedBy returns where the verb of staging ([stage]) that governs a
// nominal cue starts ("launch attacks", "mount an offensive"), or the
// cue's own start when none does.
func (s *sent) stagedBy(lx *Lexicon, c *cue) int {
	end := c.start
	if end > 0 && (s.toks[end-1].Norm == "a" || s.toks[end-1].Norm == "an") {
		end--
	}
	for k := end - 1; k >= 1 && k >= end-3; k-- {
		if e, _, ok := lx.stage.Match(s.toks, k); ok && e == end {
			return k
		}
	}
	return c.start
}

// protestToStage reports whether a protest is the object of an
// infinitive of staging that someone was asked, urged or persuaded to, or
// that a headline announces: "failed to persuade the others to stage a
// protest", "urged members to join the march", "England to launch
// protest". Not what people did to protest: "shut their stalls to stage
// a protest", "gathered to hold a demonstration".
func (s *sent) protestToStage(lx *Lexicon, c *cue) bool {
	if c.classes&(1<<lx.cls.protest) == 0 {
		return false
	}
	for k := c.start - 1; k >= 1 && k >= c.start-4; k-- {
		if e, _, ok := lx.stage.Match(s.toks, k); !ok || e > c.start || s.toks[k-1].Norm != "to" {
			continue
		}
		if k-1 <= 2 && s.titleCase() {
			return true // a headline's plan
		}
		for j := k - 2; j >= 0 && j >= k-7 && !clauseEnd(s.toks[j]); j-- {
			if askWord[s.toks[j].Norm] {
				return true
			}
		}
	}
	return false
}

// askWord are the verbs of asking someone to act.
var askWord = map[string]bool{"persuade": true, "persuaded": true, "persuading": true, "urge": true, "urged": true, "urging": true,
	"ask": true, "asked": true, "asking": true, "encourage": true, "encouraged": true, "encouraging": true, "invite": true, "invited": true, "inviting": true}

// modalAfter reports whether a nominal act of taking is followed, in its
// clause, by a modal: "its capture would open the road", "the fall of
// the city could". A finite verb ("captured", "took") is left alone.
func (s *sent) modalAfter(lx *Lexicon, c *cue) bool {
	crowd := c.classes&(classSet(1)<<lx.cls.protest|1<<lx.cls.riot) != 0
	// "the battle for the capital could unfold in the coming days",
	// "fighting could soon reach the city": a fight named by its noun
	// whose verb is modal has not happened; in a relative clause the
	// modal is another thing's ("fighting that could last weeks").
	clash := c.classes&(classSet(1)<<lx.cls.clash) != 0
	if c.classes&(classSet(1)<<lx.cls.capture|1<<lx.cls.enter|1<<lx.cls.withdraw) == 0 && !crowd && !clash {
		return false
	}
	if w := s.toks[c.start].Norm; strings.HasSuffix(w, "ed") || pastTaking[w] {
		return false
	}
	if clash && !crowd && c.classes&(classSet(1)<<lx.cls.capture|1<<lx.cls.enter|1<<lx.cls.withdraw) == 0 && s.ofBefore(c.start) {
		return false // "the motives of the clash might be": the motives' mood
	}
	between := false // "fighting between the army and the RSF could": one noun phrase
	for k := c.end; k < len(s.toks) && k < c.end+10; k++ {
		if s.toks[k].Norm == "," {
			if j := s.asideEnd(k); j > k {
				k = j // "the capture, if confirmed, would"
				continue
			}
		}
		if clash && s.toks[k].Norm == "between" {
			between = true
		}
		if clauseEnd(s.toks[k]) || s.toks[k].Norm == "," || s.toks[k].Norm == "and" && !between {
			return false
		}
		if s.inDate[k] {
			continue // "the capture of Kidal on 3 May": a month, no modal
		}
		if (crowd || clash) && (relative[s.toks[k].Norm] || s.toks[k].Kind != text.Word) {
			return false // "protest a law that would": the law's mood
		}
		if clash && s.toks[k].Cap {
			continue // "resumed fighting in May": a month's name, no modal
		}
		if _, _, ok := lx.modal.Match(s.toks, k); ok {
			return true
		}
	}
	return false
}

// ofBefore reports whether "of", perhaps with an article, comes right
// before token k: the cue names what another noun is of.
func (s *sent) ofBefore(k int) bool {
	if k > 0 && (s.toks[k-1].Norm == "the" || s.toks[k-1].Norm == "a") {
		k--
	}
	return k > 0 && s.toks[k-1].Norm == "of"
}

// relative are the words that open a relative clause: what follows is
// another thing's.
var relative = map[string]bool{"that": true, "which": true, "who": true, "whom": true, "whose": true, "where": true}

// asideEnd returns the index of the comma that closes a short aside opened
// by the comma at k ("the capture, if confirmed, would"; "the fall, analysts
// say, could"), or k when there is none.
func (s *sent) asideEnd(k int) int {
	for j := k + 1; j < len(s.toks) && j <= k+5; j++ {
		if s.toks[j].Norm == "," {
			if j > k+1 {
				return j
			}
			return k
		}
		if clauseEnd(s.toks[j]) {
			return k
		}
	}
	return k
}

// pastTaking holds the irregular past forms of taking verbs: finite acts,
// never nominals.
var pastTaking = map[string]bool{"took": true, "taken": true, "fell": true, "fallen": true, "won": true, "overran": true, "overrun": true, "retook": true, "retaken": true, "lost": true, "left": true}

// resultWords end the phrases that make "the killing of" a consequence of
// the act: "resulted in", "led to", "causing".
var resultWords = map[string]bool{"in": true, "to": true, "caused": true, "causing": true, "left": true, "leaving": true}

// inName reports whether the phrase toks[i:end] has a capitalised word past
// the sentence's first: it is then part of a name.
func inName(toks []text.Token, i, end int) bool {
	for k := max(i, 1); k < end; k++ {
		if toks[k].Cap {
			return true
		}
	}
	return false
}

// clauseEnd reports whether t closes a clause for scoping purposes.
func clauseEnd(t text.Token) bool {
	if t.Kind != text.Punct {
		return false
	}
	switch t.Norm {
	case ",", ";", ":", ".", "!", "?", "(", ")":
		return true
	}
	return false
}

// attrib is a source the sentence cites: the name and the position of
// its verb of saying.
type attrib struct {
	pos  int // token index of the verb ("said", "according to")
	name string
	// from and to are the token range of the name: the source is not an
	// actor of the event it reports.
	from, to int
}

// attribution returns the sources a sentence cites: the name after
// "according to", or the name before a verb of saying.
func (lx *Lexicon) attribution(src string, s *sent) []attrib {
	out := s.attribs[:0] // the array of the sentence's slot (see analyse)
	if !has(s.lexicons, startSay) {
		return out
	}
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		// A verb of saying is in lower case and in no name: "State" in
		// "Islamic State" says nothing.
		if !has(s.startAt[i], startSay) || toks[i].Cap && i > 0 || s.actorAt[i] >= 0 {
			continue
		}
		end, _, ok := lx.say.Match(toks, i)
		if !ok || s.cueBeyond(i, end) {
			continue
		}
		phrase := strings.ToLower(src[toks[i].Start:toks[end-1].End])
		if phrase == "according to" || phrase == "per" || phrase == "citing" || phrase == "quoting" {
			if a, b, ok := s.nameAt(lx, end); ok {
				out = append(out, attrib{pos: i, name: src[toks[a].Start:toks[b-1].End], from: a, to: b})
			}
			continue
		}
		// The name just before the verb: "the UN warned", "SOHR said",
		// "state media reported".
		if a, b, ok := s.nameBefore(lx, i); ok {
			out = append(out, attrib{pos: i, name: src[toks[a].Start:toks[b-1].End], from: a, to: b})
		}
	}
	return out
}

// cueBeyond reports whether a cue starts at token i and runs past end:
// the verb of saying begins the act ("the rebels claimed control of the
// town"), and the one before it is its doer, not a source.
func (s *sent) cueBeyond(i, end int) bool {
	for _, c := range s.cues {
		if c.start == i && c.end > end {
			return true
		}
	}
	return false
}

// attribFor returns the source of what the sentence says at token k: the
// last source cited before it ("the UN warned that ... could rise"), or a
// source cited at the end of the sentence, after every cue ("..., SOHR
// said").
func (s *sent) attribFor(k int) string {
	name := ""
	for _, a := range s.attribs {
		if a.pos < k {
			name = a.name
		}
	}
	if name != "" || len(s.attribs) == 0 {
		return name
	}
	last := s.attribs[len(s.attribs)-1]
	for _, c := range s.cues {
		if c.start > last.pos {
			return ""
		}
	}
	return last.name
}

// nameAt reads a source name starting at token j: a known source, an
// actor, or a run of capitalised words, with a leading "the".
func (s *sent) nameAt(lx *Lexicon, j int) (int, int, bool) {
	a := j
	if a < len(s.toks) && s.toks[a].Norm == "the" {
		a++
	}
	if a >= len(s.toks) {
		return 0, 0, false
	}
	if end, _, ok := lx.sources.Match(s.toks, a); ok {
		return j, end, true
	}
	if s.actorAt[a] >= 0 {
		b := s.mentionEnd(s.actorAt, a)
		return j, b, true
	}
	b := a
	for b < len(s.toks) && (s.toks[b].Cap || s.toks[b].Upper) && s.toks[b].Kind == text.Word {
		b++
	}
	if b > a {
		return j, b, true
	}
	return 0, 0, false
}

// nameBefore reads a source name ending just before token i.
func (s *sent) nameBefore(lx *Lexicon, i int) (int, int, bool) {
	// Try known sources ending at i, starting up to five words back.
	for a := max(0, i-5); a < i; a++ {
		if end, _, ok := lx.sources.Match(s.toks, a); ok && end == i {
			if a > 0 && s.toks[a-1].Norm == "the" {
				a--
			}
			return a, i, true
		}
	}
	if i > 0 && s.actorAt[i-1] >= 0 {
		a := i - 1
		for a > 0 && s.actorAt[a-1] == s.actorAt[i-1] {
			a--
		}
		if a > 0 && s.toks[a-1].Norm == "the" {
			a--
		}
		return a, i, true
	}
	a := i
	for a > 0 && (s.toks[a-1].Cap || s.toks[a-1].Upper) && s.toks[a-1].Kind == text.Word {
		a--
	}
	// A capital at the start of the sentence is only a name if it is an
	// acronym or one of several capitalised words ("Several reports").
	if a == 0 && i == 1 && !s.toks[0].Upper {
		return 0, 0, false
	}
	a = s.titledBy(lx, a)
	if a < i {
		if a > 0 && s.toks[a-1].Norm == "the" {
			a--
		}
		return a, i, true
	}
	return 0, 0, false
}

// titledBy returns where a source name that starts at token a begins
// once the title before it is read with it, and the title's owner before
// that: "Russian Defence Ministry spokesman Igor Konashenkov said", "an
// army spokesman said" (syntax.txt [attribute]). Who speaks for a force
// tells what happened; the force is not by that a side of it.
func (s *sent) titledBy(lx *Lexicon, a int) int {
	t := a - 1
	if t < 0 {
		return a
	}
	if e, _, ok := lx.attribute.Match(s.toks, t); !ok || e != a {
		return a
	}
	for t > 0 && (s.actorAt[t-1] >= 0 || s.toks[t-1].Kind == text.Word && (s.toks[t-1].Cap || s.toks[t-1].Upper)) {
		t--
	}
	return t
}

// partyOutlet reports whether name is wholly one armed group's own outlet
// ("Voice of Jihad", "Amaq"), and which group.
func (lx *Lexicon) partyOutlet(name string) (string, bool) {
	var buf [16]text.Token
	toks := text.AppendTokens(buf[:0], strings.TrimSpace(name))
	if len(toks) == 0 || len(toks) > len(buf) {
		return "", false
	}
	end, group, ok := lx.partyMedia.Match(toks, 0)
	return group, ok && end == len(toks)
}

// partyClaim reports whether a draft's toll is only an armed group's
// claim: its sentence attributes it to the group's outlet, or every
// source of the article is one.
func (d *doc) partyClaim(dr *draft) bool {
	if dr.attrib != "" {
		if _, ok := d.x.lx.partyOutlet(dr.attrib); ok {
			return true
		}
	}
	if d.a.Source == "" {
		return false
	}
	for _, src := range strings.Split(d.a.Source, ";") {
		if _, ok := d.x.lx.partyOutlet(src); !ok {
			return false
		}
	}
	return true
}

// crowdActBefore reports whether a protest or riot cue comes before token
// i in the sentence.
func (s *sent) crowdActBefore(lx *Lexicon, i int) bool {
	crowd := classSet(1)<<lx.cls.protest | classSet(1)<<lx.cls.riot
	for _, c := range s.cues {
		if c.start < i && c.classes&crowd != 0 {
			return true
		}
	}
	return false
}

// titleCase reports whether most of a sentence's words are capitalised,
// as in a headline ("Rebels Attack Border Town").
func (s *sent) titleCase() bool {
	words, caps := 0, 0
	for _, t := range s.toks {
		if t.Kind != text.Word {
			continue
		}
		words++
		if t.Cap {
			caps++
		}
	}
	return words > 0 && caps*10 >= words*6
}

// possessiveAt reports whether token k is the "s" of a possessive: "the
// region's".
func (s *sent) possessiveAt(k int) bool {
	return k > 0 && k < len(s.toks) && s.toks[k].Norm == "s" && (s.toks[k-1].Norm == "'" || s.toks[k-1].Norm == "’")
}

// listedGoods reports whether the one-word cue at i is a participle in
// -en after "and" and before a noun, with no auxiliary before "and": "the
// thieves and stolen paintings" lists things; "had beaten and stolen
// cattle", "were beaten and stolen from" tell acts.
func (s *sent) listedGoods(i, end int) bool {
	if end != i+1 || i < 2 || end >= len(s.toks) || s.toks[i-1].Norm != "and" || !strings.HasSuffix(s.toks[i].Norm, "en") {
		return false
	}
	if n := s.toks[end]; n.Kind != text.Word || adjectiveSlot[n.Norm] || participleSlot[n.Norm] || instrumentWords[n.Norm] || whereWords[n.Norm] {
		return false
	}
	for k := i - 2; k >= 0 && !clauseEnd(s.toks[k]); k-- {
		if w := s.toks[k].Norm; perfect[w] || beForms[w] {
			return false
		}
	}
	return true
}

// adjectiveSlot holds the words before which a participle is an
// adjective: "the besieged city".
var adjectiveSlot = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "its": true, "their": true}

// adjectiveList reports whether a comma at token k goes on with another
// adjective and the noun of an owner's noun phrase: "the town's deserted,
// narrow lanes".
func (s *sent) adjectiveList(k int) bool {
	return s.toks[k].Norm == "," && k+2 < len(s.toks) && s.toks[k+1].Kind == text.Word && s.toks[k+2].Kind == text.Word &&
		!s.toks[k+1].Cap && !word(s.d.x.lx.listBreak, s.toks, k+1)
}

// participleSlot are the prepositions before which a participle and a noun
// make a noun phrase: "in occupied Ukraine", "across captured villages".
var participleSlot = map[string]bool{"in": true, "of": true, "from": true, "into": true, "across": true, "throughout": true, "to": true, "toward": true, "towards": true, "near": true, "around": true}

// cueEnd returns the end of the longest cue that starts at token k, or
// k+1 when none does.
func (s *sent) cueEnd(k int) int {
	end := k + 1
	for _, c := range s.cues {
		if c.start == k && c.end > end {
			end = c.end
		}
	}
	return end
}
