package extract

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
	"github.com/sitrep/sitrep/text"
)

// events turns the drafts into events, in text order.
func (d *doc) events() []sitrep.Event {
	// lastDate[i] is the last day the text stated by sentence i: only a
	// stated day carries over to the sentences after it ("On 21 March
	// 2020, ..."); "last week" belongs to its own clause.
	lastDate := make([]*dateMention, len(d.sents))
	var carry *dateMention
	for i, s := range d.sents {
		if len(s.dates) > 0 && s.dates[0].precision == "day" {
			carry = &s.dates[0]
		}
		lastDate[i] = carry
	}
	d.sc.memo = eventMemo{}
	out := make([]sitrep.Event, 0, len(d.drafts)+2)
	for _, dr := range d.drafts {
		if dr.dropped {
			continue
		}
		d.check()
		n := len(out)
		out = d.appendDraftEvents(out, dr, lastDate)
		if len(out) > n {
			d.sc.memo.told |= d.toldBy(dr)
		}
	}
	return d.dropHeadline(out)
}

// dropHeadline drops the events of a headline when the lead under it
// reports an event: "Clashes kill nine near Gao" restates the lead's
// "troops battled the rebels outside Gao, killing nine", which says who,
// where and with what. A headline is the text's first
// sentence, a paragraph of its own, with no full stop.
func (d *doc) dropHeadline(evs []sitrep.Event) []sitrep.Event {
	if len(d.sents) < 2 || !d.isHeadline(d.sents[0]) {
		return evs
	}
	end, lead := d.sents[0].end, d.sents[1].para
	led := false
	for i := range evs {
		if evs[i].Span[0] >= end && evs[i].Coded() && d.sentAt(evs[i].Span[0]).para == lead {
			led = true
		}
	}
	if !led && !d.leadTellsOfNoAct() {
		return evs
	}
	return slices.DeleteFunc(evs, func(e sitrep.Event) bool { return e.Span[0] < end })
}

// leadTellsOfNoAct reports whether the lead under a headline names acts
// and reports none of them as done: "bomb dogs anger the coach" over a
// lead on the rivalry's "bomb-sniffing" dogs. The headline's act is then
// the story's topic, which its lead tells as such.
func (d *doc) leadTellsOfNoAct() bool {
	lead, cues := d.sents[1].para, 0
	var told classSet // the headline's acts
	for _, c := range d.sents[0].cues {
		told |= c.classes &^ d.x.lx.minor
	}
	for _, s := range d.sents[1:] {
		if s.para != lead {
			break
		}
		for _, c := range s.cues {
			again := (c.anaphoric || c.classes&told != 0) && !s.compoundHead(&c) && !s.prefixed(&c)
			if c.certainty == sitrep.Reported && (!c.reference || again) {
				return false // an act told, or the headline's own told again: "the attack on the post", "the arrest of the commander"
			}
			cues++
		}
	}
	return cues > 0
}

// headlineFuture reports whether the act at token k follows "to" in a
// headline, one word between at most: a headline writes its future so
// ("Sudan to stop fighting", "army to retake the town").
func (s *sent) headlineFuture(k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if s.toks[j].Norm == "to" {
			return j == 0 || !pastTaking[s.toks[j-1].Norm] && !beForms[s.toks[j-1].Norm]
		}
	}
	return false
}

// isHeadline reports whether a sentence is the text's headline: its first
// sentence, a paragraph of its own, that ends with no full stop, question
// or exclamation mark.
func (d *doc) isHeadline(s *sent) bool {
	if len(d.sents) < 2 || s != d.sents[0] || d.sents[1].para == s.para {
		return false
	}
	t := strings.TrimRight(d.text[s.start:s.end], " \t\"')”’")
	return t != "" && !strings.ContainsAny(t[len(t)-1:], ".!?")
}

// placesTold reports whether the events made so far stand at each of the
// places: "the fighting spread to Wad Madani" tells of a new place.
func (d *doc) placesTold(out []sitrep.Event, places []int) bool {
	for _, pi := range places {
		l := d.location(pi)
		if l == nil {
			continue
		}
		if !slices.ContainsFunc(out, func(e sitrep.Event) bool { return e.Location != nil && e.Location.Name == l.Name }) {
			return false
		}
	}
	return true
}

// toldBy returns the classes of the acts a draft tells, not just names.
func (d *doc) toldBy(dr *draft) classSet {
	var told classSet
	for _, c := range dr.cues {
		if !c.anaphoric && !c.reference {
			told |= c.classes
		}
	}
	return told &^ d.x.lx.minor
}

// sentAt returns the sentence that starts at byte at.
func (d *doc) sentAt(at int) *sent {
	for _, s := range d.sents {
		if s.start == at {
			return s
		}
	}
	return d.sents[len(d.sents)-1]
}

// eventMemo is what events works out once per document and reuses from
// event to event. It is kept in the scratch rather than the doc, which
// every article allocates anew; events resets it.
type eventMemo struct {
	ref       sitrep.ArticleRef // the reference every event carries, once refMade
	refMade   bool
	day       time.Time // the date day formatted last, and its text
	dayText   string
	partiesOf *sent    // the sentence whose parties the scratch holds
	told      classSet // the classes of the acts events were made of so far
}

// role is an actor mention chosen for an event.
type role struct {
	m  *actors.Mention
	ok bool
}

// appendDraftEvents appends to out the events one draft tells: it reads
// the act and its anchor, the places, the rule and its actors, builds the
// event, and appends it once per place, with what it says of who holds
// those places.
func (d *doc) appendDraftEvents(out []sitrep.Event, dr *draft, lastDate []*dateMention) []sitrep.Event {
	lx := d.x.lx
	s := dr.head

	classes, anchor, ownMain, anaphoricOnly := d.draftAct(dr)
	places, near, sceneCountry := d.draftPlaces(dr, anchor, classes)
	// Else "the town", "the city", "the base": the town the article
	// named last before this sentence (not a dateline, not where people
	// went). Read here, the one-place slice stays on the stack.
	if ok, area := s.namesTheTown(lx); ok && len(places) == 0 && sceneCountry == "" {
		if pi := d.lastTownBefore(s, area); pi >= 0 {
			places = []int{pi}
		}
	}

	// An act with no place, no date, no toll, that only refers back ("As
	// the fighting worsens, people are scared") is too vague to be an
	// event: GDELT's noise.
	if len(places) == 0 && sceneCountry == "" && len(s.dates) == 0 && dr.proj == nil && !d.hasToll(dr) && !ownMain && (anaphoricOnly || len(s.actors) == 0) {
		return out
	}
	// "Following the clashes, the troops withdrew": an act the text told
	// before, referred back to, is that act again, not another.
	if anaphoricOnly && !d.hasToll(dr) && d.sc.memo.told&classes&^lx.minor != 0 && d.placesTold(out, places) {
		return out
	}
	var buf [4]*sitrep.Location // most drafts have few places: locs stays on the stack
	locs, country := d.draftLocations(buf[:0], places, near, sceneCountry)

	// Actors.
	fat, fatText := d.fatalities(dr)
	r, a1, a2, facts, anchor := d.decideDraft(dr, anchor, classes, fat, country)
	if r == nil {
		return out
	}
	if !d.codable(s, dr, r, facts, classes, anchor, a1, a2, fat) {
		// A cue without a party to political violence: no event. What
		// the sentence says of who holds a place stays data.
		if r = lx.controlRule(); r == nil || !holdsStated(s) {
			return out
		}
		a1, a2 = nil, nil
	}
	r, a1, a2, entered := d.settleSides(s, r, anchor, classes, country, a1, a2)

	ev := d.draftEvent(dr, r, anchor, entered)
	d.setActors(&ev, r, a1, a2, country)
	d.setFigures(&ev, dr, r, anchor, fat, fatText, country)
	if !d.dateEvent(&ev, dr, r, anchor, lastDate) {
		return out // history
	}
	out = d.appendPerPlace(out, ev, locs)
	return d.appendHeld(out, ev, dr, r, locs, country)
}

// draftAct reads the classes of a draft's act and its anchor: the first
// act of the head sentence that does not just refer back. ownMain says the
// head sentence tells a main act of its own, anaphoricOnly that it only
// refers back to one.
func (d *doc) draftAct(dr *draft) (classes classSet, anchor int, ownMain, anaphoricOnly bool) {
	lx := d.x.lx
	s := dr.head

	for _, c := range dr.cues {
		if c.anaphoric == false && lx.mainClass(c.classes) && inSent(s, c) {
			ownMain = true
		}
		if c.anaphoric && lx.mainClass(c.classes) && inSent(s, c) {
			anaphoricOnly = true
		}
	}
	anaphoricOnly = anaphoricOnly && !ownMain
	// A crowd's protest does not become a change of territory by a detail
	// ("They protested outside the office. ... the memorandum handed over
	// on Monday").
	var notDetail classSet
	for _, c := range dr.cues {
		if inSent(s, c) && !c.anaphoric && c.classes&(classSet(1)<<lx.cls.protest|1<<lx.cls.riot) != 0 {
			notDetail = lx.territory
		}
	}
	anchor = -1
	for _, c := range dr.cues {
		if ownMain && c.anaphoric && inSent(s, c) {
			continue
		}
		if inSent(s, c) {
			classes |= c.classes
		} else {
			classes |= c.classes &^ notDetail
		}
		if anchor < 0 && inSent(s, c) && (lx.mainClass(c.classes) || !ownMain) {
			anchor = c.start
		}
	}
	classes |= d.spanFighting(s, classes)
	if dr.proj != nil {
		switch dr.projKind {
		case kDisplaced:
			classes |= 1 << lx.cls.displace
		case kDeath:
			classes |= 1 << lx.cls.kill
		}
		anchor = dr.proj.start
	}
	if anchor < 0 {
		anchor = 0
	}
	return classes, anchor, ownMain, anaphoricOnly
}

// draftPlaces finds where a draft's act happened: the places of its head
// sentence, made finer by the sentences that add detail, else a place the
// act is near, a country named by its people (sceneCountry), or the scene
// a sentence before set. near says the places are points the act is only
// placed by.
func (d *doc) draftPlaces(dr *draft, anchor int, classes classSet) (places []int, near bool, sceneCountry string) {
	lx := d.x.lx
	s := dr.head

	// Places: the event's own, else the focus country.
	places = d.eventPlaces(s, anchor, classes)
	// The sentences that only add detail may place the act more finely
	// ("Clashes in Hama countryside. ... in the village of Kafr Nabl").
	for _, m := range dr.more {
		if len(places) > 0 && d.places[places[0]].Place.Level != gazetteer.LevelRegion && d.places[places[0]].Place.Level != gazetteer.LevelCountry {
			break
		}
		if more := d.eventPlaces(m, 0, classes); len(more) > 0 && (len(places) == 0 || d.places[more[0]].Place.Level < d.places[places[0]].Place.Level && d.places[more[0]].Score >= sureScore) {
			places = more
		}
	}

	// A place the act is only placed by ("clashes south of Deir ez-Zor
	// city", "5 km from Kidal"), when the sentence names no other: the
	// act happened near it, and ACLED codes it there. A change of control
	// is of a place the sentence names as taken, never of such a point.
	territory := classes&(classSet(1)<<lx.cls.capture|1<<lx.cls.enter|1<<lx.cls.withdraw) != 0
	if !territory && (len(places) == 0 || coarse(d.places[places[0]].Place)) {
		// Near a town rather than somewhere in a region or a country:
		// "strikes east of Wad Madani, the capital of Gezira state".
		if refs := d.referencePlaces(s, anchor, classes); len(refs) > 0 && (len(places) == 0 || !coarse(d.places[refs[0]].Place)) {
			places, near = refs, true
		}
	}

	// A place named only by its people ("mortars fired at a Kenyan
	// town", "outside a Peruvian shopping centre") places the act in their
	// country when the sentence names no better scene.
	if cc, at := d.demonymScene(s); cc != "" && !territory && d.demonymWins(s, places, at, anchor) {
		places, sceneCountry = nil, cc
	}

	// A sentence that only set the scene places the act after it: "On 9
	// May 2020, in Georgetown, protesters shouted at a guard. One woman was
	// arrested." A change of control is of the place its own sentence
	// names, never of one the sentence before was heading for.
	for i := s.idx - 1; len(places) == 0 && sceneCountry == "" && !territory && i >= 0; i-- {
		prev := d.sents[i]
		if prev.para != s.para || prev.inDraft {
			break
		}
		places = d.eventPlaces(prev, len(prev.toks), classes)
	}
	return places, near, sceneCountry
}

// draftLocations appends to locs (empty) a draft's locations, one per
// place, else the scene's or the focus country; country is the country of
// the first.
func (d *doc) draftLocations(locs []*sitrep.Location, places []int, near bool, sceneCountry string) ([]*sitrep.Location, string) {
	for _, pi := range places {
		// Two names for one place ("in Charbolak district, Balkh" when
		// only Balkh is known) are one event, not two.
		// The name itself wins over one placed by it: its precision.
		l := d.location(pi)
		if near && l.Precision == sitrep.PrecisionTown {
			l.Precision = sitrep.PrecisionDistrict // near the town, not in it
		}
		if k := slices.IndexFunc(locs, func(o *sitrep.Location) bool { return samePlace(o, l) }); k < 0 {
			locs = append(locs, l)
		} else if !d.places[pi].Fallback {
			locs[k] = l
		}
	}
	if len(locs) == 0 {
		if sceneCountry == "" {
			sceneCountry = d.focus
		}
		if c := d.x.gaz.Country(sceneCountry); c != nil {
			locs = append(locs, geoparse.PlaceLocation(c, "", [2]int{}))
		}
	}
	country := d.focus
	if len(locs) > 0 && locs[0].CountryCode != "" {
		country = locs[0].CountryCode
	}
	return locs, country
}

// decideAt reads the actors around the act at anchor in a draft's head
// sentence and decides the rule they and the act's classes make.
func (d *doc) decideAt(dr *draft, anchor int, classes classSet, fat *int, country string) (*rule, *actors.Mention, *actors.Mention, frameFacts) {
	lx := d.x.lx
	s := dr.head
	a1, a2, passive := d.roles(s, anchor)
	if d.fled(s, a1) {
		a1 = nil
	}
	facts := frameFacts{classes: classes, killed: fat != nil && *fat > 0}
	if a1 != nil {
		facts.actor1 = a1.Actor.SideIn(country)
		facts.actor1State = isState(a1.Actor, country)
		facts.actor1Crowd = d.isCrowd(s, a1)
		if a1.Actor.Kind == "party" {
			facts.actor1 = "party" // a party's people fight as a crowd, not an army
		}
	}
	if a2 != nil {
		facts.actor2 = d.victimSide(s, a2, country)
		facts.actor2State = facts.actor2 == "government" && isState(a2.Actor, country)
		if a2.Actor.Kind == "party" && facts.actor2 != "civilians" {
			facts.actor2 = "party"
		}
	}
	// A victim named only as a fighter ("killed a Northern Brigade
	// fighter") or by what was hit ("attacked a checkpoint", "attacked
	// the village") tells which side it was on.
	if a2 == nil || a2.Actor.Side == "civilians" {
		if k := d.harmedKind(s, dr, anchor, passive, a1); k != "" && (a2 == nil || k == "combatant") {
			facts.actor2 = k
		}
	}
	return lx.decide(facts), a1, a2, facts
}

// decideDraft decides a draft's rule and actors at its anchor, then, when
// another act of the head sentence is the one the rule needs, around that
// act; at is the anchor that decided. The rule is nil when none applies.
func (d *doc) decideDraft(dr *draft, anchor int, classes classSet, fat *int, country string) (r *rule, a1, a2 *actors.Mention, facts frameFacts, at int) {
	s := dr.head
	r, a1, a2, facts = d.decideAt(dr, anchor, classes, fat, country)
	if r == nil {
		return nil, a1, a2, facts, anchor
	}
	// The rule names the act that matters ("captured" in "Following
	// clashes with HTS, regime forces captured Rabiah"): read the actors
	// around that act and decide again.
	anchorClasses := classSet(0)
	for _, c := range dr.cues {
		if inSent(s, c) && c.start == anchor {
			anchorClasses = c.classes
		}
	}
	for _, c := range dr.cues {
		if anchorClasses&r.need != 0 {
			break // the act that decided is the anchor already
		}
		if !inSent(s, c) || c.classes&r.need == 0 || c.start == anchor {
			continue
		}
		if r2, b1, b2, f2 := d.decideAt(dr, c.start, classes, fat, country); r2 != nil && c.classes&r2.need != 0 {
			r, a1, a2, facts, anchor = r2, b1, b2, f2, c.start
		}
		break
	}
	return r, a1, a2, facts, anchor
}

// settleSides sets which side did the act and which it was done to once
// the rule is known: no crowd in a battle, a crowd's target, the side that
// withdrew or came in. entered says the side that came in is actor1; the
// rule may turn into an overtaking.
func (d *doc) settleSides(s *sent, r *rule, anchor int, classes classSet, country string, a1, a2 *actors.Mention) (*rule, *actors.Mention, *actors.Mention, bool) {
	lx := d.x.lx
	if r.eventType == sitrep.Battles && a2 != nil && (crowdSide(a2.Actor.Side) || a2.Actor.Side == "civilians") {
		// "troops entered Kherson as residents flooded the square", "took
		// a city packed with displaced people": a crowd or civilians are
		// no side of a battle.
		a2 = nil
	}
	a1, a2 = d.opponent(s, r, a1, a2)
	// The government a crowd protests against or calls on is its target,
	// not who protests ("staged a protest calling the government to").
	if (r.eventType == sitrep.Protests || r.eventType == sitrep.Riots) && a1 != nil && a1.Actor.Side == "government" && anchor < len(s.toks) && a1.Start > s.toks[anchor].Start {
		if a2 == nil {
			a2 = a1
		}
		a1 = nil
	}
	if (r.subType == "Non-state actor overtakes territory" || r.subType == "Government regains territory") && r.need&(1<<lx.cls.withdraw) != 0 {
		a1, a2 = a2, a1 // the side that withdrew is the one that lost
	}
	entered := false
	if r.ploverMode == "withdraw" && r.need&(1<<lx.cls.withdraw) != 0 && a1 != nil && a2 == nil {
		a2 = d.entrant(s, anchor, a1)
	}
	if r.subType == "Non-violent transfer of territory" && r.need&(1<<lx.cls.withdraw) != 0 && a1 != nil && a2 != nil {
		// "troops entered Kherson as Russian forces retreated": the side
		// that came in gained the place, and ACLED names the gainer of a
		// transfer as actor1, the side that left as actor2.
		if e := d.entrant(s, anchor, a1); e != nil && e.Actor.Name == a2.Actor.Name {
			a1, a2, entered = e, a1, true
		}
		// A state's forces do not hand a town to the side they fight: the
		// state left, another side came in, and no word says it was
		// peaceful ("without a fight", "handed over"): that side overtook
		// it, as ACLED codes the entry into a town the army gave up.
		if nv := lx.class("nonviolent"); entered && isState(a2.Actor, country) && !isState(a1.Actor, country) && (nv < 0 || classes&(1<<nv) == 0) {
			if o := lx.withdrawRule("Non-state actor overtakes territory"); o != nil {
				r = o
			}
		}
	}
	return r, a1, a2, entered
}

// draftEvent builds a draft's event from its rule: the type, the
// sentence, the article, the PLOVER code, the trigger and the site taken.
func (d *doc) draftEvent(dr *draft, r *rule, anchor int, entered bool) sitrep.Event {
	lx := d.x.lx
	s := dr.head
	ev := sitrep.Event{
		EventType:    r.eventType,
		SubEventType: r.subType,
		Certainty:    dr.certainty,
		Attribution:  dr.attrib,
		Sentence:     d.text[s.start:s.end],
		Span:         [2]int{s.start, s.end},
		Article:      d.articleRef(),
		Kind:         r.kind,
	}
	ev.Plover, ev.PloverMode = r.plover, r.ploverMode
	if ev.PloverMode == "withdraw" && (r.need&(1<<lx.cls.withdraw) == 0 || entered) {
		// A transfer decided by a capture ("took Sweida without a
		// fight") has the taker as actor1: the withdraw mode would say
		// actor1 left, and control would go the wrong way.
		ev.PloverMode = ""
	}
	if anchor < len(s.toks) {
		end := anchor + 1
		for _, c := range dr.cues {
			// A merged sentence's cue may start at the same index of its
			// own tokens: only the head's cues end the trigger.
			if c.start == anchor && inSent(s, c) {
				end = c.end
			}
		}
		if dr.proj != nil {
			end = dr.proj.end
		}
		ev.Trigger = d.text[s.toks[anchor].Start:s.toks[end-1].End]
		ev.TriggerSpan = [2]int{s.toks[anchor].Start, s.toks[end-1].End}
		if sitrep.Territorial(r.subType) || r.kind == sitrep.KindControl {
			if a, b, ok := s.siteObject(lx, end); ok {
				ev.SiteSpan = [2]int{s.toks[a].Start, s.toks[b-1].End}
				ev.Site = d.text[ev.SiteSpan[0]:ev.SiteSpan[1]]
			}
		}
	}
	return ev
}

// setActors sets an event's actors from the mentions read, else the
// rule's defaults or forced actors; civilians read as the subject of
// violence against civilians or of an explosion are its victims.
func (d *doc) setActors(ev *sitrep.Event, r *rule, a1, a2 *actors.Mention, country string) {
	if a1 != nil {
		x := a1.Sitrep(country)
		ev.Actor1 = &x
	} else if r.default1 != nil {
		ev.Actor1 = d.defaultActor(*r.default1, country)
	}
	if f := r.forced1; f != nil && (ev.Actor1 == nil || !slices.Contains(f.unless, ev.Actor1.Side)) {
		if a := d.defaultActor(f.words, country); a != nil {
			if ev.Actor1 != nil {
				a.Text, a.Span = ev.Actor1.Text, ev.Actor1.Span
			}
			ev.Actor1 = a
		}
	}
	if a2 != nil {
		x := a2.Sitrep(country)
		ev.Actor2 = &x
	} else if r.default2 != nil {
		ev.Actor2 = d.defaultActor(*r.default2, country)
	}
	// Violence against civilians is done to civilians, not by them, and
	// civilians fire no shells and plant no mines: read as the subject,
	// they are the victims ("Police informant killed", "three people
	// were killed when their car hit a landmine").
	if (ev.EventType == sitrep.ViolenceCivilian || ev.EventType == sitrep.Explosions) && ev.Actor1 != nil && ev.Actor1.Side == "civilians" {
		if ev.Actor2 == nil || ev.Actor2.Side == "civilians" {
			ev.Actor2 = ev.Actor1
		}
		ev.Actor1 = nil
		if r.default1 != nil {
			ev.Actor1 = d.defaultActor(*r.default1, country)
		}
	}
}

// setFigures sets an event's toll and displaced figures and its
// certainty, and turns a toll over a period or a statement of who holds
// a place into a record with no act's actors.
func (d *doc) setFigures(ev *sitrep.Event, dr *draft, r *rule, anchor int, fat *int, fatText, country string) {
	lx := d.x.lx
	s := dr.head
	if dr.certainty == sitrep.Reported && !r.noToll {
		ev.Fatalities, ev.FatalitiesText = fat, fatText
		if fat != nil && d.partyClaim(dr) {
			ev.Fatalities = nil // a group's own claim: the words stay, no count
		}
	}
	ev.Displaced, ev.DisplacedText = d.displaced(dr)
	if ev.Certainty == sitrep.Reported && d.isHeadline(s) && s.headlineFuture(anchor) {
		ev.Certainty = sitrep.Hypothetical // "Sudan to stop fighting", "Rebels to attack Goma": a headline's future
	}
	if ev.Certainty == sitrep.Reported && d.claimedChange(s, dr, anchor, ev) {
		ev.Certainty = sitrep.Claimed
	}
	if dr.toll {
		// A toll over a period or a projection: the figure, its period,
		// who says so, where; no act, no actors.
		ev.EventType, ev.SubEventType, ev.Kind, ev.Period = sitrep.Strategic, "Other", sitrep.KindToll, dr.period
		ev.Plover, ev.PloverMode = lx.ploverOf(ev.SubEventType, ev.Kind)
		ev.Actor1, ev.Actor2 = nil, nil
		ev.Fatalities, ev.FatalitiesText = fat, fatText
	}
	if r.kind == sitrep.KindControl {
		// A statement of who holds a place: the holder, nobody acted on.
		ev.Actor1, ev.Actor2 = nil, nil
		for _, h := range s.holds {
			if h.holder != nil {
				x := h.holder.Sitrep(country)
				ev.Actor1 = &x
				break
			}
		}
	}
}

// appendPerPlace appends an event once per place, the toll shared as
// ACLED shares it, or once with no place when there is none.
func (d *doc) appendPerPlace(out []sitrep.Event, ev sitrep.Event, locs []*sitrep.Location) []sitrep.Event {
	n := len(out)
	shares := split(ev.Fatalities, len(locs))
	for i, loc := range locs {
		e := ev
		e.Location = loc
		if shares != nil {
			v := shares[i]
			e.Fatalities = &v
		}
		e.ID = sitrep.EventID(d.a.ID, e.Span, e.SubEventType, e.Certainty, loc)
		out = append(out, e)
	}
	if len(out) == n {
		ev.ID = sitrep.EventID(d.a.ID, ev.Span, ev.SubEventType, ev.Certainty, nil)
		out = append(out, ev)
	}
	return out
}

// appendHeld appends, for a reported act at places the sentence says are
// held by someone ("Rebels shelled government-held Homs"), a control
// record of who held each place.
func (d *doc) appendHeld(out []sitrep.Event, ev sitrep.Event, dr *draft, r *rule, locs []*sitrep.Location, country string) []sitrep.Event {
	lx := d.x.lx
	s := dr.head
	if r.kind != sitrep.KindControl && dr.certainty == sitrep.Reported {
		for _, h := range s.holds {
			if h.holder == nil {
				continue
			}
			holder := h.holder.Sitrep(country)
			for _, loc := range locs {
				c := ev
				c.EventType, c.SubEventType, c.Kind = sitrep.Strategic, "Other", sitrep.KindControl
				c.Plover, c.PloverMode = lx.ploverOf(c.SubEventType, c.Kind)
				c.Actor1, c.Actor2, c.Location = &holder, nil, loc
				c.Fatalities, c.FatalitiesText, c.Displaced, c.DisplacedText = nil, "", nil, ""
				c.Trigger = d.text[s.toks[h.start].Start:s.toks[h.end-1].End]
				c.TriggerSpan = [2]int{s.toks[h.start].Start, s.toks[h.end-1].End}
				c.ID = sitrep.EventID(d.a.ID, c.Span, "Other [control]", c.Certainty, loc)
				out = append(out, c)
			}
			break
		}
	}
	return out
}

// isCrowd reports whether an actor mention's words name an unorganised
// crowd ("angry locals", "a mob").
func (d *doc) isCrowd(s *sent, m *actors.Mention) bool {
	switch m.Actor.Side {
	case "civilians", "protesters", "rioters":
	default:
		return false
	}
	for k := range s.toks {
		if s.toks[k].Start < m.Start || s.toks[k].Start >= m.End {
			continue
		}
		if _, _, ok := d.x.lx.crowd.Match(s.toks, k); ok {
			return true
		}
	}
	return false
}

// victimSide is the side of a target: its actor's, except that a group's
// civilian member is a civilian ("a TNA activist", "an AL supporter").
func (d *doc) victimSide(s *sent, m *actors.Mention, country string) string {
	side := m.Actor.SideIn(country)
	if side == "civilians" || side == "protesters" || side == "rioters" {
		return side
	}
	k := 0
	for k < len(s.toks) && s.toks[k].Start < m.Start {
		k++
	}
	// "a retired policeman", "a former soldier": out of uniform.
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if e, _, ok := d.x.lx.offDuty.Match(s.toks, j); ok && e <= k {
			return "civilians"
		}
	}
	for k < len(s.toks) && s.toks[k].Start < m.End {
		k++
	}
	if !m.Head && len(gazetteer.CountriesByDemonym(m.Text)) > 0 && (k == len(s.toks) || s.toks[k].Norm == "." || personAfter[s.toks[k].Norm]) {
		return "civilians" // "soldiers killed a Palestinian near the fence": a person, not a state
	}
	for ; k < len(s.toks); k++ {
		// "a Turkish-German engineer": another people's word joined on.
		if t := s.toks[k]; t.Norm == ")" || t.Norm == "(" || t.Norm == "'" || t.Norm == "s" || t.Norm == "-" || s.actorAt[k] >= 0 && (d.actors[s.actorAt[k]].Actor.Name == m.Actor.Name || !d.actors[s.actorAt[k]].Head) {
			continue
		}
		break
	}
	if !m.Head && len(gazetteer.CountriesByDemonym(m.Text)) > 0 && d.civilianAfterDemonym(s, k) {
		return "civilians"
	}
	if k < len(s.toks) && !neutralMember[s.toks[k].Norm] {
		if _, _, ok := d.x.lx.victim.Match(s.toks, k); ok {
			if _, _, ok := d.x.lx.combatant.Match(s.toks, k); !ok {
				return "civilians"
			}
		}
	}
	return side
}

// civilianAfterDemonym reports whether the words from k, after a
// country's word, name civilians or their things: "Palestinian homes",
// "an Australian embassy", "an Iraqi Governing Council member" (a
// person of a body the name calls by its capitalised words).
func (d *doc) civilianAfterDemonym(s *sent, k int) bool {
	lx := d.x.lx
	j := k
	for j < len(s.toks) && s.toks[j].Cap && s.actorAt[j] < 0 && s.placeAt[j] < 0 {
		j++
	}
	if j >= len(s.toks) {
		return false
	}
	if _, _, ok := lx.civilianTarget.Match(s.toks, j); ok && j == k {
		return true
	}
	if _, _, ok := lx.victim.Match(s.toks, j); ok && j > k {
		_, _, armed := lx.combatant.Match(s.toks, j)
		return !armed
	}
	return false
}

// fled reports whether a1, the unarmed, are no side of the fighting but
// flee it: "villagers flee clashes", "residents fled their farms as
// fighting neared".
func (d *doc) fled(s *sent, a1 *actors.Mention) bool {
	lx := d.x.lx
	if a1 == nil || actors.Armed(a1.Actor.Side) {
		return false
	}
	flee := -1
	for _, c := range s.cues {
		switch {
		case flee < 0 && c.classes&(1<<lx.cls.displace) != 0 && s.toks[c.start].Start >= a1.End:
			flee = c.start
		case flee >= 0 && c.start > flee && c.classes&(1<<lx.cls.clash) != 0:
			return true
		}
	}
	return false
}

// victimNoun reports whether the word at k is a noun for a person an
// act is done to ("hostage", "captive").
func (d *doc) victimNoun(s *sent, k int) bool {
	_, _, ok := d.x.lx.victim.Match(s.toks, k)
	return ok
}

// personAfter are the words after which a country's word is a person of
// it: prepositions of place and time, "who" ("a Palestinian near the
// fence", "a Briton who worked for the firm").
var personAfter = map[string]bool{"in": true, "near": true, "at": true, "on": true, "outside": true, "inside": true, "during": true, "after": true, "who": true, "as": true, "while": true, "when": true}

// harmedKind is victimKind over every act of harm in the sentence (the
// attack at anchor, and any killing, wounding or abduction): "Islamic
// State killed 11 regime fighters ... after attacks" harmed fighters.
func (d *doc) harmedKind(s *sent, dr *draft, anchor int, passive bool, a1 *actors.Mention) string {
	lx := d.x.lx
	// A doer named right before a nominal act ("in a rebel attack")
	// is not its victim, wherever another act's object is sought.
	doer := (*actors.Mention)(nil)
	if a1 != nil && anchor < len(s.toks) && a1.End <= s.toks[anchor].Start {
		k := anchor
		for k > 0 && s.toks[k-1].Start >= a1.End {
			k--
		}
		if k == anchor {
			doer = a1
		}
	}
	kind := d.victimKind(s, anchor, passive, doer)
	if kind == "combatant" {
		return kind
	}
	harm := lx.harm
	for _, c := range dr.cues {
		if !inSent(s, c) || c.start == anchor || c.classes&harm == 0 {
			continue
		}
		switch d.victimKind(s, c.start, s.passiveAt(c.start), doer) {
		case "combatant":
			return "combatant"
		case "civilians":
			kind = "civilians"
		}
	}
	return kind
}

// victimKind tells from the words for the victim of the act at anchor (the
// object after an active verb, the subject of a passive one, within the
// clause) whether it was armed ("combatant": "a fighter", "a checkpoint")
// or civilian ("civilians": "the village", "a bus"); "" when the words do
// not say.
func (d *doc) victimKind(s *sent, anchor int, passive bool, a1 *actors.Mention) string {
	lx := d.x.lx
	kind := func(k int) string {
		if a1 != nil && s.toks[k].Start >= a1.Start && s.toks[k].End <= a1.End {
			return "" // the doer's words: "killed in a rebel attack"
		}
		if !passive && sceneWord[s.toks[k].Norm] && k > anchor+1 && s.toks[k-1].Kind == text.Number {
			return "scene" // "killed 3 at a checkpoint": the place, not the victim
		}
		if _, _, ok := lx.combatant.Match(s.toks, k); ok {
			// "a former soldier", "an off-duty officer" bear no arms.
			for j := k - 1; j >= 0 && j >= k-2; j-- {
				if unarmed[s.toks[j].Norm] {
					return "civilians"
				}
			}
			return "combatant"
		}
		if _, _, ok := lx.militaryTarget.Match(s.toks, k); ok {
			return "combatant"
		}
		if _, _, ok := lx.civilianTarget.Match(s.toks, k); ok {
			return "civilians"
		}
		if _, _, ok := lx.victim.Match(s.toks, k); ok {
			return "civilians" // a person not named as a fighter
		}
		return ""
	}
	if v := victimWords(s, anchor, passive, kind); v != "scene" {
		return v
	}
	return ""
}

// sceneWord are the prepositions that place an act after its object.
var sceneWord = map[string]bool{"at": true, "near": true, "outside": true}

// victimWords returns the first non-empty kind of a word for the victim
// of the act at anchor: the object after an active verb, the subject of a
// passive one, within the clause.
func victimWords(s *sent, anchor int, passive bool, kind func(k int) string) string {
	if !passive {
		for k := anchor + 1; k < len(s.toks) && k < anchor+8; k++ {
			if clauseEnd(s.toks[k]) && s.toks[k].Norm != "," || s.toks[k].Norm == "by" {
				break
			}
			if v := kind(k); v != "" {
				return v
			}
		}
		return ""
	}
	for k := anchor - 1; k >= 0 && k >= anchor-8; k-- {
		if clauseEnd(s.toks[k]) {
			break
		}
		if v := kind(k); v != "" {
			return v
		}
	}
	return ""
}

// harmsFigure reports whether an act of harm in the head sentence has for
// victim a journalist, an activist, a candidate or an official ([figure]):
// political violence whoever does it.
func (d *doc) harmsFigure(s *sent, dr *draft) bool {
	lx := d.x.lx
	harm := lx.harm
	figure := func(k int) string {
		if _, _, ok := lx.figure.Match(s.toks, k); ok {
			return "figure"
		}
		return ""
	}
	for _, c := range dr.cues {
		if !inSent(s, c) || c.classes&harm == 0 {
			continue
		}
		if victimWords(s, c.start, s.passiveAt(c.start), figure) != "" {
			return true
		}
	}
	return false
}

// peopleTaken reports whether an abduction in the head sentence names
// the people it took: "two Americans were abducted from their home",
// "Chinese engineers kidnapped".
func (d *doc) peopleTaken(s *sent, dr *draft) bool {
	lx := d.x.lx
	person := func(k int) string {
		if _, _, ok := lx.victim.Match(s.toks, k); ok {
			return "person"
		}
		if demonymPlural(s.toks[k]) {
			return "person" // "two Americans"
		}
		return ""
	}
	for _, c := range dr.cues {
		if !inSent(s, c) || c.classes&(1<<lx.cls.abduct) == 0 || c.reference {
			continue
		}
		// A headline's bare participle is passive: "Chinese engineers
		// kidnapped in Pakistan".
		passive := s.passiveAt(c.start) || d.isHeadline(s) && isParticiple(s.toks[c.start].Norm)
		if victimWords(s, c.start, passive, person) != "" {
			return true
		}
	}
	return false
}

// hasToll reports whether the draft states a death or displacement figure.
func (d *doc) hasToll(dr *draft) bool {
	for _, f := range dr.figs {
		if len(f.deaths) > 0 || len(f.displaced) > 0 {
			return true
		}
	}
	return false
}

func inSent(s *sent, c cue) bool { return c.s == s }

// spanFighting returns the clash class a withdrawal takes from fighting
// its sentence counts over weeks: "withdrew after months of fighting" was
// fought for, though the fighting is no act of the day.
func (d *doc) spanFighting(s *sent, classes classSet) classSet {
	clash := classSet(1) << d.x.lx.cls.clash
	if classes&(1<<d.x.lx.cls.withdraw) == 0 {
		return 0
	}
	for _, c := range s.cues {
		if c.span && c.classes&clash != 0 {
			return clash
		}
	}
	return 0
}

// split shares n among k events, the remainder going to the first.
func split(n *int, k int) []int {
	if n == nil || k <= 1 {
		return nil
	}
	out := make([]int, k)
	for i := range out {
		out[i] = *n / k
	}
	out[0] += *n % k
	return out
}

// dateEvent dates ev: by the sentence's own date, else the last one the
// text gave, else the publication day; a toll over a period counts up to
// the day it was published. It reports false for history: an act its own
// date puts more than historyDays before publication ("captured Menaka in
// March 2021, officials recalled"), which the record has from its own
// day's news; so is an act told as what such a dated act followed ("jailed
// in 1997 following a brawl"). A date carried over from an earlier sentence that old is
// that sentence's background, not this act's day.
func (d *doc) dateEvent(ev *sitrep.Event, dr *draft, r *rule, anchor int, lastDate []*dateMention) bool {
	s := dr.head
	dm, own := lastDate[s.idx], len(s.dates) > 0
	if own && s.laterClauseDate(d.firstDate(s), anchor) {
		// The sentence's date is another clause's: the act takes the day
		// stated before the sentence, or the publication's.
		dm, own = nil, false
		if s.idx > 0 {
			dm = lastDate[s.idx-1]
		}
	}
	switch {
	case dr.toll && dr.period != "" && !d.pub.IsZero():
		ev.Date, ev.DatePrecision = d.articleRef().Published, "day"
	case own:
		dm := d.firstDate(s)
		old := d.historic(dm.date) || d.pub.IsZero() && s.yearNamed(dm)
		older := d.historic(dm.date) || d.pub.IsZero() && s.yearNumbered(dm)
		if r.kind == "" && (old && s.ownDate(dm, anchor) || older && s.causeAfter(dm, anchor)) {
			return false
		}
		d.setDate(ev, dm, s)
	case dm != nil && !(r.kind == "" && d.historic(dm.date)):
		d.setDate(ev, *dm, nil)
	case dm == nil && d.pub.IsZero() && r.kind == "" && d.yearEarlier(s):
		return false
	case !d.pub.IsZero():
		// The article reference holds the publication day, formatted.
		ev.Date, ev.DatePrecision = d.articleRef().Published, "day"
	}
	return true
}

// yearEarlier reports whether one of the detailGap sentences before s in
// its paragraph names a year alone by its number after "in" or "during"
// ("a recession which in 2001 culminated in a default"): in an undated
// text the paragraph tells of that year, and an act of a later sentence
// with no date of its own is its history. "Since 2011" runs up to the
// day's news; the first paragraph, the lead, tells the news (as does a
// text run into one block, whose paragraphs are lost).
func (d *doc) yearEarlier(s *sent) bool {
	if s.para == 0 {
		return false // the lead, or a text run into one block: the news
	}
	for k := s.idx - 1; k >= 0 && k >= s.idx-detailGap && d.sents[k].para == s.para; k-- {
		p := d.sents[k]
		for _, dm := range p.dates {
			if dm.start > 0 && (p.toks[dm.start-1].Norm == "in" || p.toks[dm.start-1].Norm == "during") && p.yearNamed(dm) {
				return true
			}
		}
	}
	return false
}

// firstDate returns the first date of sentence s that is not in its
// dateline: "KHARTOUM, Jan 13 - The army took the city on Sunday" is
// Sunday's news, filed on the 13th.
func (d *doc) firstDate(s *sent) dateMention {
	for _, dm := range s.dates {
		if !d.inDateline(s.toks[dm.start].Start) {
			return dm
		}
	}
	return s.dates[0]
}

// historic reports whether a day lies more than historyDays before
// publication.
func (d *doc) historic(t time.Time) bool {
	return !d.pub.IsZero() && t.Before(d.pub.AddDate(0, 0, -historyDays))
}

func (d *doc) setDate(ev *sitrep.Event, dm dateMention, s *sent) {
	ev.Date = d.day(dm.date)
	ev.DatePrecision = dm.precision
	if s != nil {
		ev.DateText = d.text[s.toks[dm.start].Start:s.toks[dm.end-1].End]
	}
}

// articleRef returns the reference every event of the document carries:
// made at the first event, then shared.
func (d *doc) articleRef() sitrep.ArticleRef {
	m := &d.sc.memo
	if !m.refMade {
		m.ref, m.refMade = d.a.Ref(), true
	}
	return m.ref
}

// day returns t formatted as sitrep.DateLayout. The events of a document
// mostly share a date or two, so the last one formatted is kept: == and
// not Equal, as the same instant in another zone is another day.
func (d *doc) day(t time.Time) string {
	m := &d.sc.memo
	if m.dayText == "" || t != m.day {
		m.day, m.dayText = t, formatDay(t)
	}
	return m.dayText
}

// formatDay is t.Format(sitrep.DateLayout) without reading the layout.
func formatDay(t time.Time) string {
	y, m, dd := t.Date()
	if y < 0 || y > 9999 {
		return t.Format(sitrep.DateLayout) // a sign or a fifth digit: Format's rules
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-',
		byte('0' + dd/10), byte('0' + dd%10),
	}
	return string(b[:])
}

func isState(a actors.Actor, country string) bool {
	return a.Side == "government" && (a.Country == "" || country == "" || a.Country == country)
}

func (d *doc) defaultActor(words, country string) *sitrep.Actor {
	a, ok := d.x.actors.Lookup(words, country)
	if !ok {
		return nil
	}
	return &sitrep.Actor{Name: a.Name, Side: a.SideIn(country), Inter: a.InterIn(country), Country: a.Country}
}

// roles picks actor1 and actor2 of the act at token anchor of sentence s.
// am is an actor mention in a sentence, with its token indexes.
type am struct {
	m          *actors.Mention
	start, end int
}

// remainsRoles reads the actors of an act told by its dead ("the bodies
// of 4 militiamen were found", "a rebel fighter was found dead", "the
// raid left 3 IS militants dead"): the party named with the dead is the
// one that died (actor2); actor1 is who the sentence says killed them,
// when it says.
func (d *doc) remainsRoles(s *sent, anchor int, ms []am) (a1, a2 *actors.Mention, ok bool) {
	if e, _, ok := d.x.lx.remains.Match(s.toks, anchor); !ok || e != anchor+1 {
		return nil, nil, false
	}
	norm := func(k int) string { return s.norm(k) } // inlined, unlike s.norm as a value
	victim := -1
	if norm(anchor+1) == "of" { // "the body of a militiaman"
		for i, a := range ms {
			if a.start > anchor && a.start <= anchor+8 {
				victim = i
				break
			}
		}
	} else { // "a rebel fighter was found dead"
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].end <= anchor {
				victim = i
				break
			}
		}
	}
	if victim < 0 {
		return nil, nil, false
	}
	for k := min(anchor, ms[victim].start); k < max(anchor, ms[victim].start); k++ {
		if clauseEnd(s.toks[k]) {
			return nil, nil, false
		}
	}
	v := ms[victim].m
	for i, a := range ms {
		if i == victim || a.m.Actor.Name == v.Actor.Name {
			continue
		}
		prev := norm(a.start - 1)
		// "killed by X", "left dead by X", "after police opened fire";
		// or the subject of the sentence before the dead.
		if prev == "by" || subordinators[prev] && a.start > anchor || a.end <= anchor && a.start < ms[victim].start && !subjectPreps[prev] {
			return a.m, v, true
		}
	}
	return nil, v, true
}

// parties returns the actor mentions of sentence s that may play a part
// in its acts, in text order. They are the same for every act of the
// sentence, so the last sentence's are kept, in the scratch's buffer:
// roles keeps none of them past its call.
func (d *doc) parties(s *sent) []am {
	if d.sc.memo.partiesOf == s {
		return d.sc.parties
	}
	ms := d.sc.parties[:0]
	source := func(k int) bool {
		for _, at := range s.attribs {
			if at.from <= k && k < at.to {
				return true
			}
		}
		return false
	}
	for k := 0; k < len(s.toks); {
		if s.actorAt[k] < 0 {
			k++
			continue
		}
		id := s.actorAt[k]
		e := k
		src := false
		for e < len(s.toks) && s.actorAt[e] == id {
			src = src || source(e)
			e++
		}
		switch {
		case src:
			// "Ukrainian officials said": a source, not a party; but
			// the "it" it goes on with is: "the army said it had taken
			// Kidal".
			// "the RSF said their withdrawal": a force's possessive, not
			// a ministry's ("the ministry said its forces", forces unnamed).
			if at := s.pronounAfter(k); at >= 0 && (d.actors[id].Actor.Kind != "civil" || s.toks[at].Norm == "it" || s.toks[at].Norm == "they") {
				ms = append(ms, am{m: &d.actors[id], start: at, end: at + 1})
			}
		case !d.actors[id].Head && bordering(d.text[:d.actors[id].Start]):
			// "the border with Uganda", "a region bordering Chad": a
			// neighbour, no party.
		case !d.actors[id].Head && (s.locativeBefore(k) && s.placeAt[k] >= 0 || d.placeOfPeople(s, k, e) || k > 0 && s.toks[k-1].Norm == "the" && d.demonymOfPlace(s, k, e)):
			// "volunteers in the Philippines smashed", "took Sudzha in
			// the Russian Kursk region", "captured the Syrian capital":
			// where, not who.
		case d.actors[id].Head && d.actors[id].Actor.Generic && !strings.HasSuffix(s.toks[e-1].Norm, "s") && d.attributeAt(s, e):
			// "the Russian private military firm", "a military court":
			// a force's word before a noun of its own is no party (a
			// plural is a subject: "fighters parade in the streets").
		case !d.actors[id].Head && d.mediaAt(s, e):
			// "told American broadcaster CNN": an outlet, no party.
		case len(ms) > 0 && ms[len(ms)-1].end == k && ms[len(ms)-1].m.Actor.Side == "civilians" && (d.actors[id].Actor.Side == "protesters" || d.actors[id].Actor.Side == "rioters"):
			// "student demonstrators": people named by what they do.
			ms[len(ms)-1].m, ms[len(ms)-1].end = &d.actors[id], e
		default:
			ms = append(ms, am{m: &d.actors[id], start: k, end: e})
		}
		k = e
	}
	d.sc.memo.partiesOf, d.sc.parties = s, ms
	return ms
}

// demonymOfPlace reports whether the mention at tokens k..e of s is a
// people's word before a place or a place noun, perhaps after a name:
// "the Russian Kursk region", "the Ukrainian city of"; not "the
// Ukrainian-held town" (two tokens).
func (d *doc) demonymOfPlace(s *sent, k, e int) bool {
	if e >= len(s.toks) || e != k+1 {
		return false
	}
	if s.placeAt[e] >= 0 {
		return true
	}
	if c := d.text[s.toks[e].Start]; c >= 'A' && c <= 'Z' && e+1 < len(s.toks) {
		e++ // "the Russian Kursk region": a name the gazetteer may not hold
	}
	_, _, ok := d.x.lx.placeWords.Match(s.toks, e)
	return ok && s.toks[e].Norm != "the" && s.toks[e].Norm != "of"
}

// placeOfPeople reports whether the people's word at tokens [k, e) of s
// names a place by its people after a preposition of place: "in the
// Russian Kursk region", "at a Kenyan town", "in the northern Somali
// region".
func (d *doc) placeOfPeople(s *sent, k, e int) bool {
	j := k
	if j > 0 && word(d.x.lx.placeWords, s.toks, j-1) && s.toks[j-1].Norm != "of" {
		j-- // "the northern Somali region"
	}
	if j > 0 && (s.toks[j-1].Norm == "a" || s.toks[j-1].Norm == "an") {
		j--
	}
	by := j > 0 && s.toks[j-1].Norm == "by" // "shot by a Peruvian shopping centre"
	return (by || s.locativeBefore(j)) && d.demonymOfPlace(s, k, e)
}

// demonymScene returns the country of the first place s names only by
// its people (placeOfPeople) and the token of its people's word, or "",
// -1.
func (d *doc) demonymScene(s *sent) (string, int) {
	for k := 0; k < len(s.toks); k++ {
		id := s.actorAt[k]
		if id < 0 || k > 0 && s.actorAt[k-1] == id {
			continue
		}
		m := &d.actors[id]
		e := s.mentionEnd(s.actorAt, k)
		if !m.Head && m.Actor.Country != "" && s.placeAt[k] < 0 && d.placeOfPeople(s, k, e) && !borderAt(s, e) {
			return m.Actor.Country, k
		}
	}
	return "", -1
}

// borderAt reports whether a border is named at token e of s or just
// after a name there: a people's border ("near the Lebanese border") is
// where their land ends, often on the other side.
func borderAt(s *sent, e int) bool {
	for j := e; j < len(s.toks) && j <= e+1; j++ {
		switch s.toks[j].Norm {
		case "border", "borders", "frontier", "boundary":
			return true
		}
	}
	return false
}

// demonymWins reports whether a place named by its people at token at
// places the act anchored at token anchor rather than the places found:
// when there are none, when they are a country no preposition of place
// introduces ("left Uganda for the northern Somali region"), or when
// the people's place is what the act aimed at, in its own clause, and the
// place found lies in another clause before it ("streets sealed in
// Mogadishu when mortars hit a Kenyan town").
func (d *doc) demonymWins(s *sent, places []int, at, anchor int) bool {
	if len(places) == 0 {
		return true
	}
	p := d.places[places[0]]
	if p.Place.Level == gazetteer.LevelCountry && !p.Locative {
		return true
	}
	if at <= anchor || at-anchor > 6 || s.clauseBetween(anchor, at) {
		return false
	}
	k := s.tokenAt(p.Start)
	return k >= 0 && k < anchor && s.clauseBetween(k, anchor)
}

// clauseBetween reports whether a clause ends or opens between tokens a
// and b of s.
func (s *sent) clauseBetween(a, b int) bool {
	for j := a + 1; j < b; j++ {
		if clauseEnd(s.toks[j]) || subordinators[s.toks[j].Norm] {
			return true
		}
	}
	return false
}

// locativeBefore reports whether a preposition of place, with or without
// "the", stands just before token k: "in the Philippines".
func (s *sent) locativeBefore(k int) bool {
	if k > 0 && s.toks[k-1].Norm == "the" {
		k--
	}
	return k > 0 && whereWords[s.toks[k-1].Norm]
}

// pronounAfter returns the index of the "it" or "they" that a source
// named at token k goes on with, as its report's subject ("the army said
// on Tuesday it had taken"; "the RSF says they seized"), or of its verb
// when it claims to have done the act itself ("IS claimed to have
// killed"), or -1.
func (s *sent) pronounAfter(k int) int {
	for _, at := range s.attribs {
		if k < at.from || k >= at.to || at.pos < at.to {
			continue
		}
		if at.pos+2 < len(s.toks) && s.toks[at.pos+1].Norm == "to" && s.toks[at.pos+2].Norm == "have" {
			return at.pos // "the militants claimed to have shot"
		}
		for j := at.pos + 1; j < len(s.toks) && j <= at.pos+6 && !clauseEnd(s.toks[j]); j++ {
			w := s.toks[j].Norm
			if possessivePronoun[w] && j+1 < len(s.toks) && s.actorAt[j+1] >= 0 {
				return -1 // "said its troops": the troops are named, and stand for it
			}
			// A possessive right after the verb or its "that"
			// ("announced its withdrawal", "said on Friday that their
			// forces"), not one further on ("said in a statement on its
			// channel").
			poss := possessivePronoun[w] && (j <= at.pos+2 || s.toks[j-1].Norm == "that")
			if w == "it" || w == "they" || poss || w == "group" && s.toks[j-1].Norm == "the" {
				if j+2 < len(s.toks) && beForms[s.toks[j+1].Norm] && !strings.HasSuffix(s.toks[j+2].Norm, "ing") {
					return -1 // "said it was captured": the pronoun is the place; not "they are carrying out"
				}
				return j
			}
		}
	}
	return -1
}

// possessivePronoun are the possessives that point back to a speaker.
var possessivePronoun = map[string]bool{"its": true, "their": true, "his": true, "her": true}

// roles returns who did the act at token anchor of s and to whom. An act
// of repelling is done by the side attacked: "the army repelled Russian
// attacks", "attacks were repelled by the army" have the attacks' side as
// actor1 and the army as actor2; "repelled an attack by the RSF" names
// the attacker already.
func (d *doc) roles(s *sent, anchor int) (a1, a2 *actors.Mention, passive bool) {
	a1, a2, passive = d.actRoles(s, anchor)
	if a1 != nil && !actors.Armed(a1.Actor.Side) && d.witness(s, a1) {
		a1 = nil // "a resident of Lashio said the clashes went on": who tells, not who fought
	}
	if a2 != nil && !actors.Armed(a2.Actor.Side) && d.witness(s, a2) {
		a2 = nil // "in Hama, a driver described the shelling": who tells, not its target
	}
	e, _, ok := d.x.lx.repel.Match(s.toks, anchor)
	if !ok || a1 == nil {
		return a1, a2, passive
	}
	after := a1.Start > s.toks[anchor].Start
	if !passive && after && (a2 == nil || strings.Contains(d.text[s.toks[e-1].End:a1.Start], " by ")) {
		return a1, a2, passive // the attack's own agent, or the attackers with no defender named
	}
	return a2, a1, passive
}

// otherWayBefore reports whether a cue before the act at anchor moves
// ground the other way: a withdrawal before a capture or an entry, or
// the reverse.
func (d *doc) otherWayBefore(s *sent, anchor int) bool {
	lx := d.x.lx
	leave, take := classSet(1)<<lx.cls.withdraw, classSet(1)<<lx.cls.capture|1<<lx.cls.enter
	var at classSet
	for _, c := range s.cues {
		if c.start == anchor {
			at |= c.classes
		}
	}
	for _, c := range s.cues {
		if c.start < anchor && (at&leave != 0 && c.classes&take != 0 || at&take != 0 && c.classes&leave != 0) {
			return true
		}
	}
	return false
}

// clauseOfItsOwn reports whether the noun at k is the subject of a verb
// of being before the clause ends: "after the bodies of two men were found"
// is a clause, "before the capture of Goma" a phrase.
func (s *sent) clauseOfItsOwn(k int) bool {
	for j := k + 1; j < len(s.toks) && !clauseEnd(s.toks[j]); j++ {
		if beForms[s.norm(j)] && s.actorAt[j] < 0 {
			return true
		}
	}
	return false
}

// fromPhrase reports whether the words from token k back to the act at
// anchor end in "from" within a short noun phrase: "from the grip of".
func (s *sent) fromPhrase(k, anchor int) bool {
	for j := k; j > anchor && j >= k-6; j-- {
		switch {
		case s.norm(j) == "from":
			return true
		case clauseEnd(s.toks[j]):
			return false
		}
	}
	return false
}

// entrant returns the armed side that takes or enters the place in the
// sentence of a withdrawal by a1 (at anchor): "troops entered Kherson as
// Russian forces retreated" hands the town to the troops. nil when no
// other side does.
func (d *doc) entrant(s *sent, anchor int, a1 *actors.Mention) *actors.Mention {
	lx := d.x.lx
	for _, c := range s.cues {
		if c.start == anchor || c.classes&(classSet(1)<<lx.cls.capture|1<<lx.cls.enter) == 0 {
			continue
		}
		if b1, _, passive := d.roles(s, c.start); !passive && b1 != nil && b1.Head && actors.Armed(b1.Actor.Side) && b1.Actor.Name != a1.Actor.Name {
			return b1
		}
	}
	return nil
}

// witness reports whether people not armed are named as the ones who
// tell: a verb of saying ([say]) follows them, past a place they are of,
// a name in apposition or an auxiliary ("Abbas, a resident of Zalingei,
// said", "residents reported being woken").
func (d *doc) witness(s *sent, m *actors.Mention) bool {
	k := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].Start >= m.End })
	for n := 0; k < len(s.toks) && n < 6; k, n = k+1, n+1 {
		if word(d.x.lx.say, s.toks, k) {
			return true
		}
		t := s.toks[k]
		switch {
		case s.placeAt[k] >= 0, s.actorAt[k] >= 0, t.Cap, t.Norm == "of", t.Norm == ",", t.Norm == "in", perfect[t.Norm]:
		default:
			return false
		}
	}
	return false
}

// actRoles reads who did the act at anchor (actor1) and whom it was done
// to (actor2), and whether the act is told in the passive.
func (d *doc) actRoles(s *sent, anchor int) (a1, a2 *actors.Mention, passive bool) {
	ms := d.parties(s)
	if first, second, ok := betweenRoles(s, ms); ok {
		return first, second, false
	}
	passive = d.actPassive(s, anchor)
	if len(ms) == 0 {
		return nil, nil, passive
	}
	if a1, a2, ok := d.remainsRoles(s, anchor, ms); ok {
		return a1, a2, passive
	}
	if a1, a2, ok := d.nominalRoles(s, ms, anchor, passive); ok {
		return a1, a2, passive
	}
	before, beforeEnd := d.subjectBefore(s, ms, anchor)
	aa := d.mentionsAfter(s, ms, anchor, passive, before)
	aa.after = groupOfMember(s, ms, aa.after)
	before = groupOfMember(s, ms, before)
	return d.pickRoles(s, ms, anchor, passive, before, beforeEnd, aa)
}

// betweenRoles reads "clashes between X and Y": the first two different
// parties named within a few words after "between".
func betweenRoles(s *sent, ms []am) (first, second *actors.Mention, ok bool) {
	// s.norm is called, not taken as a value: a method value is not inlined.
	norm := func(k int) string { return s.norm(k) }
	// "clashes between X and Y"
	for k := range s.toks {
		if norm(k) != "between" {
			continue
		}
		var first, second *actors.Mention
		for _, a := range ms {
			if a.start <= k || a.start > k+12 {
				continue
			}
			if first == nil {
				first = a.m
			} else if second == nil && a.m.Actor.Name != first.Actor.Name {
				second = a.m
			}
		}
		if first != nil && second != nil {
			return first, second, true
		}
	}
	return nil, nil, false
}

// actPassive reports whether the act at anchor, a participle, is told in
// the passive: after a form of "be", before "by", or as a headline's
// participle with no object.
func (d *doc) actPassive(s *sent, anchor int) (passive bool) {
	norm := func(k int) string { return s.norm(k) }
	// Passive: "12 soldiers were killed by militants": a form of "be"
	// (perhaps with an adverb) right before a participle.
	if isParticiple(norm(anchor)) {
		for k := anchor - 1; k >= 0 && k >= anchor-2; k-- {
			if beForms[norm(k)] && s.actorAt[k] < 0 { // "IS captured": a group, not a verb
				passive = true
				break
			}
			if !strings.HasSuffix(norm(k), "ly") && norm(k) != "reportedly" {
				break
			}
		}
		// Headline passive: "Two journalists assaulted by police",
		// "beaten and robbed by". An object between them makes the act
		// active and the "by" another's: "attacked a checkpoint manned
		// by soldiers".
		for k := anchor + 1; k < len(s.toks) && k <= anchor+4 && !passive; k++ {
			if norm(k) == "by" {
				passive = true
			}
			if clauseEnd(s.toks[k]) || s.actorAt[k] >= 0 || s.placeAt[k] >= 0 {
				break
			}
			if e, _, ok := d.x.lx.determiner.Match(s.toks, k); ok && e == k+1 {
				break
			}
			// A bare noun with a participle of its own is the act's
			// object: "shelled positions held by the rebels".
			if w := norm(k); w != "and" && w != "or" && !isParticiple(w) && isParticiple(norm(k+1)) {
				break
			}
		}
		// A headline's participle with no object after it: "Militia
		// commander killed", "Two engineers kidnapped in Pakistan".
		if !passive && d.isHeadline(s) && d.harmAt(s, anchor) {
			next := anchor + 1
			passive = next >= len(s.toks) || clauseEnd(s.toks[next]) || whereWords[norm(next)] && next+1 < len(s.toks) && s.placeAt[next+1] >= 0
		}
	}
	return passive
}

// nominalRoles reads the roles of a nominal act a country's word or a
// group names right before it ("34 Russian attacks", "Israeli strikes on
// Gaza"): that party did it, and the target follows.
func (d *doc) nominalRoles(s *sent, ms []am, anchor int, passive bool) (a1, a2 *actors.Mention, ok bool) {
	// "34 Russian attacks", "Israeli strikes on Gaza": a country's word
	// right before a nominal act names who did it; the target follows.
	for i, a := range ms {
		// A demonym, not a country's name: "Brazil fought out a draw".
		// A noun for the people the act was done to is no act of the
		// demonym's people: "a Turkish hostage" is held, not holding.
		if a.end == anchor && (!a.m.Head && a.m.Actor.Country != "" || d.groupBeforeNoun(s, a, anchor)) && actors.Armed(a.m.Actor.Side) && !passive && s.placeAt[a.start] < 0 && !d.victimNoun(s, anchor) {
			var target *actors.Mention
			for _, b := range ms[i+1:] {
				if b.start > anchor && b.m.Actor.Name != a.m.Actor.Name {
					target = b.m
					break
				}
			}
			// "pro-government forces thwarted a Houthi attack": the
			// force that met the act is its target.
			for j := i - 1; j >= 0 && target == nil && a.m.Head; j-- {
				if b := ms[j]; b.m.Head && actors.Armed(b.m.Actor.Side) && b.m.Actor.Name != a.m.Actor.Name {
					target = b.m
				}
			}
			return a.m, target, true
		}
	}
	return nil, nil, false
}

// subjectFrom returns where the subject of the act at anchor is sought
// from: after the word opening the act's subordinate clause, or past a
// nominal act of the other way a preposition of time governs (timed).
func (d *doc) subjectFrom(s *sent, ms []am, anchor int) (from int, timed bool) {
	norm := func(k int) string { return s.norm(k) }
	// "had abandoned the airport before the capture of Goma", "entered
	// Lashio following the withdrawal of the MNDAA": the subject of a
	// clause that gains or leaves ground is on the other side of the
	// nominal act of the other way that a preposition of time governs.
	timed = anchor > 1 && (norm(anchor-1) == "the" && timePreps[norm(anchor-2)] || timePreps[norm(anchor-1)]) && !s.clauseOfItsOwn(anchor) && d.otherWayBefore(s, anchor)
	if timed {
		from = anchor
	}
	for k := anchor - 1; k > 0 && from == 0; k-- {
		if (norm(k) == "who" || norm(k) == "which") && norm(k-1) == "," && s.commaIn(k+1, anchor) {
			break // ", who was sanctioned by the United States, oversaw the battles": an aside, not the act's clause
		}
		// "Residents said the AA had seized": the clause after a verb of
		// saying by people who bear no arms has its own subject (armed
		// speakers may tell their own act: "rebels said they took").
		if subordinators[norm(k)] || word(d.x.lx.say, s.toks, k) && !armedBefore(ms, k) {
			for _, a := range ms {
				if a.start > k && a.end <= anchor && !subjectPreps[norm(a.start-1)] {
					from = k
				}
			}
			break
		}
	}
	return from, timed
}

// subjectBefore finds the act's subject among the parties named before
// it, and where its mention ends.
func (d *doc) subjectBefore(s *sent, ms []am, anchor int) (before *actors.Mention, beforeEnd int) {
	norm := func(k int) string { return s.norm(k) }
	// The subject: the first actor before the act that is not inside a
	// prepositional phrase ("Following clashes with HTS, regime forces
	// captured ...", "Regime forces, supported by airstrikes, took
	// control"), preferring actors named as such over mere pointers. When
	// the act sits in a subordinate clause ("Two people died after police
	// opened fire"), the subject is sought after its opening word first.
	from, timed := d.subjectFrom(s, ms, anchor)
	// A relative clause's subject is the noun it hangs on: "police held
	// a man who stole a phone" (the man stole).
	// A person the dictionary does not know ("an intruder who stole")
	// did it: not an actor named earlier in the sentence.
	unnamed := false
	if anchor > 0 && (norm(anchor-1) == "who" || norm(anchor-1) == "which" || norm(anchor-1) == "that") {
		for _, a := range ms {
			if a.end == anchor-1 {
				before, beforeEnd = a.m, a.end
			}
		}
		unnamed = before == nil && norm(anchor-1) == "who" && s.unknownPerson(anchor-1)
	}
	for pass := 0; pass < 2 && before == nil && !unnamed; pass++ {
		for _, a := range ms {
			// "Israeli warplanes conducted": a name holding the act's
			// word is the one that acted.
			if a.start >= anchor {
				break
			}
			if a.start < from || subjectPreps[norm(a.start-1)] || pass == 0 && !a.m.Head {
				continue
			}
			before, beforeEnd = a.m, a.end
			break
		}
	}
	// "with rebels there claiming to have seized", "with M23 steadily
	// inching closer and seizing": after "with", a name and a verb in -ing
	// are a clause of their own, whose subject the name is.
	absolute := func(k int) bool {
		for ; k < len(s.toks) && k <= anchor; k++ {
			w := norm(k)
			switch {
			case k == anchor || strings.HasSuffix(w, "ing") && !clauseEnd(s.toks[k]):
				return true
			case w == "there" || strings.HasSuffix(w, "ly"):
				continue
			}
			return false
		}
		return false
	}
	if before == nil && !timed && !unnamed {
		// Else the last named before the act, but not one the act's
		// subject was "locked in conflict with": a noun the dictionary
		// does not know ("Fighters from a paramilitary force locked in
		// conflict with Sudan's army entered Wad Madani") is no actor.
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].start < anchor && !d.foughtWith(s, ms[i].start, absolute(ms[i].end)) {
				before, beforeEnd = ms[i].m, ms[i].end
				break
			}
		}
	}
	return before, beforeEnd
}

// actAfter is what the parties named after an act tell: its agent after
// "by", and the first other party after it, with the word that governs it.
type actAfter struct {
	agent, after          *actors.Mention
	agentBy, afterEnd     int
	afterPrep             string // the word before after
	ownAgent, afterObject bool
}

// mentionsAfter reads the parties named after the act at anchor: the
// act's own agent after "by", else the first other party (not before).
func (d *doc) mentionsAfter(s *sent, ms []am, anchor int, passive bool, before *actors.Mention) (aa actAfter) {
	norm := func(k int) string { return s.norm(k) }
	// The act's own agent: "by" right after the act's words ("an attack
	// by Taliban militants", "attacks carried out by IS") names who did
	// it, whatever the clause around it says of others ("three policemen
	// died following an attack by ...").
	actEnd := anchor + 1
	for _, c := range s.cues {
		if c.start == anchor && c.end > actEnd {
			actEnd = c.end
		}
	}
	// governor returns the index of the word that governs the mention
	// starting at k, past its determiners and numbers ("near an army
	// patrol", "by two armed men").
	governor := func(k int) int {
		k--
		for k > anchor {
			if e, _, ok := d.x.lx.determiner.Match(s.toks, k); (!ok || e != k+1) && s.toks[k].Kind != text.Number {
				break
			}
			k--
		}
		return k
	}
	// ", which has been wracked by jihadist violence", "entered areas
	// that have been held by the army": the agent of a relative clause
	// after the act, or after its object, is not the act's ("an attack
	// that was claimed by IS", right after the act, tells of the act).
	relative := len(s.toks)
	for k := anchor + 1; k+1 < len(s.toks); k++ {
		if w := norm(k + 1); s.toks[k].Norm == "," && (w == "which" || w == "who" || w == "whose") || k > actEnd && relativeOfObject[norm(k)] && !conjunctionThat[norm(k-1)] {
			relative = k
			break
		}
	}
	for _, a := range ms {
		if a.start < anchor {
			continue
		}
		// "a Kenyan village", "shot dead by a Saudi shopping centre": a
		// demonym before a thing names no party.
		if !a.m.Head && a.end < len(s.toks) {
			if _, _, ok := d.x.lx.civilianTarget.Match(s.toks, a.end); ok {
				continue
			}
		}
		if by := governor(a.start); norm(by) == "by" && aa.agent == nil {
			if a.start > relative {
				continue
			}
			aa.agent, aa.agentBy = a.m, by
			aa.ownAgent = by <= actEnd+2 && !passive
			for k := actEnd; k < by; k++ {
				if clauseEnd(s.toks[k]) || s.actorAt[k] >= 0 || s.placeAt[k] >= 0 {
					aa.ownAgent = false
				}
			}
			continue
		}
		if aa.after == nil && a.m != before {
			g := governor(a.start)
			if norm(g) == "alongside" {
				continue // "launched the offensive alongside resistance groups": allies, no target
			}
			aa.after, aa.afterPrep, aa.afterEnd = a.m, norm(g), a.end
			if aa.afterPrep != "from" && s.fromPhrase(g, anchor) {
				aa.afterPrep = "from" // "from the grip of", "from the hands of the criminal regime"
			}
			aa.afterObject = g >= anchor && d.harmAt(s, g) // "a bomb killed three soldiers"
		}
	}
	return aa
}

// groupOfMember returns the armed group a person is named of ("a cleric
// of HTS", "members from the SDF"): a person of an armed group stands for
// the group. Any other mention is returned as it is.
func groupOfMember(s *sent, ms []am, m *actors.Mention) *actors.Mention {
	norm := func(k int) string { return s.norm(k) }
	if m == nil || m.Actor.Side != "civilians" {
		return m
	}
	for i, a := range ms {
		if a.m != m {
			continue
		}
		for j := i + 1; j < len(ms); j++ {
			n := ms[j]
			if n.start > a.end+3 {
				break
			}
			gap := norm(n.start - 1)
			if (gap == "of" || gap == "from" || gap == "the") && n.m.Actor.Side != "civilians" {
				return n.m
			}
		}
	}
	return m
}

// pickRoles chooses actor1 and actor2 from the subject before the act
// and the parties after it, by the voice of the act and the words that
// govern them.
func (d *doc) pickRoles(s *sent, ms []am, anchor int, passive bool, before *actors.Mention, beforeEnd int, aa actAfter) (*actors.Mention, *actors.Mention, bool) {
	norm := func(k int) string { return s.norm(k) }
	agent, after := aa.agent, aa.after
	switch {
	case agent != nil:
		// "a shopkeeper was shot dead in Nairobi by two gunmen": a
		// passive verb between subject and "by" makes the
		// subject its object, whichever act the event is named for.
		for k := beforeEnd; k+1 < aa.agentBy && !passive; k++ {
			if clauseEnd(s.toks[k]) {
				break
			}
			if beForms[norm(k)] && (isParticiple(norm(k+1)) || strings.HasSuffix(norm(k+1), "ly") && isParticiple(norm(k+2))) {
				passive = true
			}
		}
		if passive || before == nil || aa.ownAgent {
			return agent, firstOf(before, after), passive
		}
		return before, firstOf(after, agent), passive
	case passive && aa.afterPrep == "from":
		// "the town was liberated from the grip of the regime": the
		// side it was taken from lost it; who took it is not said.
		return nil, after, passive
	case passive:
		return after, before, passive
	case before != nil:
		// "Two guards were killed in a gunfight with the Taliban":
		// the subject of a passive harm is its victim.
		if d.harmedSubject(s, beforeEnd) {
			return after, before, passive
		}
		return before, after, passive
	}
	// "an IED exploded near an army patrol", "a grenade thrown at
	// police": what the act was aimed at is its target, not its doer;
	// "Since the offensive began, 800 people have been killed": nor are
	// those it harmed.
	// "A roadside bomb killed three soldiers": the object of an act of
	// harm is whom it hit, not who did it.
	if targetPreps[aa.afterPrep] || d.harmedSubject(s, aa.afterEnd) || aa.afterObject && !d.cueClass(s, anchor, d.x.lx.cls.clash) {
		return nil, after, passive
	}
	// "Fighting flared in X, forcing civilians to flee as rebels fought
	// the troops": a clash with no subject is between the armed groups
	// the sentence names, not the people it drove out.
	if after != nil && !actors.Armed(after.Actor.Side) && d.cueClass(s, anchor, d.x.lx.cls.clash) {
		var armed []*actors.Mention
		for _, a := range ms {
			if a.start > anchor && a.m.Head && actors.Armed(a.m.Actor.Side) && (len(armed) == 0 || a.m.Actor.Name != armed[0].Actor.Name) {
				armed = append(armed, a.m)
			}
		}
		switch len(armed) {
		case 0:
		case 1:
			return armed[0], nil, passive
		default:
			return armed[0], armed[1], passive
		}
	}
	return after, nil, passive
}

// armedBefore reports whether an armed party is named before token k.
func armedBefore(ms []am, k int) bool {
	for _, a := range ms {
		if a.end <= k && a.m.Head && actors.Armed(a.m.Actor.Side) {
			return true
		}
	}
	return false
}

// relativeOfObject are the pronouns that open a relative clause on the
// act's object: what its verb says is another act's.
var relativeOfObject = map[string]bool{"that": true, "which": true, "who": true, "whose": true}

// conjunctionThat are the words that make "that" after them a
// conjunction, not a relative pronoun: "a riot broke out after that a
// building was set on fire by the prisoners".
var conjunctionThat = map[string]bool{"after": true, "before": true, "so": true, "now": true, "given": true, "except": true, "such": true}

// unknownPerson reports whether the relative pronoun at k hangs on a
// noun phrase of at most three words after its article that names no
// actor: "a burglar who", "an angry neighbour who"; not "as to who".
func (s *sent) unknownPerson(k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if s.toks[j].Kind != text.Word || s.actorAt[j] >= 0 || s.placeAt[j] >= 0 {
			return false
		}
		if adjectiveSlot[s.toks[j].Norm] {
			return j < k-1
		}
	}
	return false
}

// groupBeforeNoun reports whether a named group stands between a
// determiner and the act's noun: "during the RSF offensive", "an M23
// attack". The group did the act, whoever the clause's subject is
// ("thousands fled during the RSF offensive"); not a verb's subject ("the
// RSF attacked"), nor a noun another verb takes ("repelled an M23 attack").
func (d *doc) groupBeforeNoun(s *sent, a am, anchor int) bool {
	if !a.m.Head || a.m.Actor.Generic || a.start == 0 || isParticiple(s.norm(anchor)) || strings.HasSuffix(s.norm(anchor), "ing") {
		return false
	}
	if a.start >= 2 && isParticiple(s.norm(a.start-2)) {
		return false // "thwarted a Houthi attack": another's act on it, the old reading
	}
	e, _, ok := d.x.lx.determiner.Match(s.toks, a.start-1)
	return ok && e == a.start
}

// owns reports whether the place starting at token k is followed by a
// possessive: "Kursk's biggest town Sudzha" names Sudzha.
func (d *doc) owns(s *sent, k int) bool {
	e := s.mentionEnd(s.placeAt, k)
	return e+1 < len(s.toks) && (s.toks[e].Norm == "'" || s.toks[e].Norm == "’") && s.toks[e+1].Norm == "s" && s.toks[e].Start == s.toks[e-1].End
}

// harmAt reports whether a cue that harms people (kills, injures,
// attacks or abducts) holds token k of s.
func (d *doc) harmAt(s *sent, k int) bool {
	lx := d.x.lx
	harm := lx.harm
	for _, c := range s.cues {
		if c.start <= k && k < c.end && c.classes&harm != 0 {
			return true
		}
	}
	return false
}

// cueClass reports whether the cue at token anchor of s has class id.
func (d *doc) cueClass(s *sent, anchor, id int) bool {
	for _, c := range s.cues {
		if c.start == anchor && c.classes&(classSet(1)<<id) != 0 {
			return true
		}
	}
	return false
}

// harmedSubject reports whether the words from token end on make the
// mention before them the subject of a passive act of harm: "were
// killed", "have been reportedly wounded", "was abducted".
func (d *doc) harmedSubject(s *sent, end int) bool {
	lx := d.x.lx
	harm := lx.harm
	be := false
	for k := end; k < len(s.toks) && k < end+5; k++ {
		w := s.toks[k].Norm
		switch {
		case beForms[w]:
			be = true
			continue
		case w == "have" || w == "has" || w == "had" || w == "reportedly" || w == "allegedly" || w == "reported" && be || strings.HasSuffix(w, "ly"):
			continue
		}
		if !be {
			return false
		}
		for _, c := range s.cues {
			if c.start == k && c.classes&harm != 0 {
				return true
			}
		}
		return false
	}
	return false
}

// targetPreps are the words before an actor after the act that make it
// what the act was aimed at.
var targetPreps = map[string]bool{
	"near": true, "at": true, "on": true, "targeting": true, "upon": true, "into": true,
}

// subordinators open a clause of their own: the subject of the act after
// them is not before them ("Two people died after police opened fire").
// timePreps are the prepositions of time that govern a nominal act
// ("before the capture of", "after the fall of").
var timePreps = map[string]bool{"before": true, "after": true, "following": true, "since": true, "until": true}

var subordinators = map[string]bool{
	"after": true, "when": true, "while": true, "as": true, "because": true, "since": true,
	"following": true, "before": true, "where": true, "which": true, "who": true, "that": true,
	"if": true, "although": true, "though": true, "until": true, "once": true, "amid": true,
}

// subjectPreps are the words before an actor that put it in a
// prepositional phrase rather than in the subject.
// wordBefore returns the word before token k past an article ("with the
// army": "with"), "" at the start.
func (s *sent) wordBefore(k int) string {
	k--
	if k > 0 && (s.toks[k].Norm == "the" || s.toks[k].Norm == "a" || s.toks[k].Norm == "an") {
		k--
	}
	if k < 0 {
		return ""
	}
	return s.toks[k].Norm
}

// foughtWith reports whether the mention at token k is the side another
// fought ("in conflict with the army", "fighting against Myanmar's
// military"), unless its own clause follows (absolute) or it names a
// group's person's group ("a fighter with HTS").
func (d *doc) foughtWith(s *sent, k int, absolute bool) bool {
	w := s.wordBefore(k)
	if !conflictPreps[w] || absolute {
		return false
	}
	k--
	if s.toks[k].Norm != w {
		k-- // past the article
	}
	return !d.memberWord(s, k-1)
}

// memberWord reports whether token k names a group's person ("a fighter
// with HTS"): "with" after it is membership, not a fight.
func (d *doc) memberWord(s *sent, k int) bool {
	e, _, ok := d.x.lx.combatant.Match(s.toks, k)
	return ok && e == k+1
}

// conflictPreps are the words before the side another side fights: "in
// conflict with", "battling against".
var conflictPreps = map[string]bool{"with": true, "against": true}

var subjectPreps = map[string]bool{
	"by": true, "with": true, "against": true, "from": true, "of": true, "between": true,
	"following": true, "after": true, "to": true, "on": true, "for": true, "among": true,
	"targeting": true, "toward": true, "towards": true, "at": true, "into": true,
	"alongside": true,
}

var beForms = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "got": true, "get": true, "be": true}

// isParticiple reports whether w reads as a past participle.
// passiveAt reports whether the act at token k is a participle right after
// a form of "be": "was attacked".
func (s *sent) passiveAt(k int) bool {
	if !isParticiple(s.toks[k].Norm) || k == 0 {
		return false
	}
	if w := s.toks[k-1].Norm; k > 1 && (w == "reported" || strings.HasSuffix(w, "ly")) {
		k-- // "was reportedly beaten", "were allegedly shot"
	}
	return beForms[s.toks[k-1].Norm] || s.sufferedAt(k)
}

func isParticiple(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
		return true
	}
	switch w {
	case "shot", "hit", "struck", "seized", "taken", "held", "caught", "beat", "burnt", "slain", "overrun", "lost", "set", "hurt", "fought":
		return true
	}
	return false
}

func firstOf(ms ...*actors.Mention) *actors.Mention {
	for _, m := range ms {
		if m != nil {
			return m
		}
	}
	return nil
}

// eventPlaces returns the place mentions where the act at anchor
// happened: the first place after the act (or, failing that, the nearest
// before it), with any places listed alongside it ("Aleppo and Hama").
func (d *doc) eventPlaces(s *sent, anchor int, classes classSet) []int {
	return d.scenePlaces(s, anchor, classes, false)
}

// referencePlaces is eventPlaces of the places finer than a country that
// only place another, the scene (syntax.txt [destination]: "south of X",
// "km from X"), for a sentence that names no scene of its own.
func (d *doc) referencePlaces(s *sent, anchor int, classes classSet) []int {
	return d.scenePlaces(s, anchor, classes, true)
}

// scenePlaces is eventPlaces, or with refs referencePlaces.
func (d *doc) scenePlaces(s *sent, anchor int, classes classSet, refs bool) []int {
	lx := d.x.lx
	displacement := classes&(1<<lx.cls.displace) != 0
	withdrawal := classes&(1<<lx.cls.withdraw) != 0
	var cands []int // token index of each candidate's first token
	var ids []int
	fromEnd := 0 // the end of the last place named after "from"
	for k := 0; k < len(s.toks); k++ {
		pi := s.placeAt[k]
		if pi < 0 || (k > 0 && s.placeAt[k-1] == pi) {
			continue
		}
		p := d.places[pi]
		if p.Place == nil || d.insideActor(pi) || d.inDateline(p.Start) {
			continue // "AMMAN (Reuters) -" says where the report was filed
		}
		if p.Place.Level == gazetteer.LevelCountry && bordering(d.text[:p.Start]) {
			continue // "a town on the border with Uganda" is not in Uganda
		}
		// Where people came from, and the places listed with it
		// ("mercenaries from Colombia, Chad and Niger", "arriving from
		// Cyangugu, Rwanda"); a village's district may be the scene ("a
		// man from Anduro village, Siaya county, was shot").
		listedFrom := fromEnd > 0 && (!p.IsQualifier || p.Place.Level == gazetteer.LevelCountry) && listGap(s, fromEnd, k, d)
		if !displacement && !withdrawal && (k > 0 && s.toks[k-1].Norm == "from" || listedFrom) {
			fromEnd = s.mentionEnd(s.placeAt, k)
			continue
		}
		if end := s.mentionEnd(s.placeAt, k); !refs && (s.notTheScene(lx, k, end) || s.institutionAt(end) || p.Place.Level == gazetteer.LevelCountry && (s.sourcesCountry(end) || d.pairedAdjective(s, end))) {
			continue
		} else if _, ref := s.placedBy(lx, k); refs && (!ref || p.Place.Level == gazetteer.LevelCountry || s.seatNamed(lx, k, end)) {
			continue
		}
		cands = append(cands, k)
		ids = append(ids, pi)
	}
	if len(cands) == 0 {
		return nil
	}
	// Rank: a sure place finer than a country, one that a preposition of place introduces before
	// others; then a sure country, then unsure readings,
	// then places that only qualify others ("Dar'a" in "Dar'a
	// countryside"); among equals, the first in the sentence.
	// A town named after a place's possessive is what the possessive
	// owns; a country or a region later in the sentence may be anything.
	townAfter := func(i int) bool {
		for j := i + 1; j < len(ids); j++ {
			if d.places[ids[j]].Place.Level == gazetteer.LevelTown {
				return true
			}
		}
		return false
	}
	// The place a taking acts on is where it happened, before any other
	// the sentence names ("Rebels took the town of Kidal, a spokesman
	// said in Bamako").
	object := -1
	if classes&(classSet(1)<<lx.cls.capture|1<<lx.cls.withdraw|1<<lx.cls.enter|1<<lx.cls.attack|1<<lx.cls.destroy|lx.weapons) != 0 {
		object = s.objectPlace(s.cueEnd(anchor))
	}
	rank := func(i int) int {
		p := d.places[ids[i]]
		r := 0
		if !p.Locative && cands[i] != object {
			r = 1
		}
		if p.Place.Level == gazetteer.LevelCountry {
			r = 2
		}
		if p.Score < sureScore || s.officeOf(lx, cands[i]) {
			r += 3
		}
		if p.IsQualifier || d.owns(s, cands[i]) && townAfter(i) {
			r += 6 // "Dar'a countryside", "Kursk's biggest town Sudzha"
		}
		return r
	}
	best := 99
	for i := range cands {
		best = min(best, rank(i))
	}
	// Among equals none of which a preposition of place introduces, the
	// place one right after the act introduces ("attacks near the southern
	// city of Kherson"), else the first: "in Leon, a driver lay shot in
	// the Obrera quarter" is in the first.
	pick := -1
	if k := s.sceneAfter(s.cueEnd(anchor)); k >= 0 && best > 0 {
		if i := slices.Index(cands, k); i >= 0 && rank(i) == best {
			pick = i
		}
	}
	for i := range cands {
		if pick < 0 && rank(i) == best {
			pick = i
			break
		}
	}
	if pick < 0 {
		for i := len(cands) - 1; i >= 0; i-- {
			if rank(i) == best {
				pick = i
				break
			}
		}
	}
	out := []int{ids[pick]}
	// Places listed with it: only commas, "and", qualifiers and brackets
	// between them.
	end := s.mentionEnd(s.placeAt, cands[pick])
	for i := pick + 1; i < len(cands); i++ {
		if !listGap(s, end, cands[i], d) {
			break
		}
		if d.places[ids[i]].Place.Level == gazetteer.LevelCountry {
			break
		}
		if d.regionOf(ids[i], out[len(out)-1]) {
			continue // "the city of Sudzha, Kursk region" names one place
		}
		out = append(out, ids[i])
		end = s.mentionEnd(s.placeAt, cands[i])
	}
	return out
}

// sceneAfter returns the token where the place starts that a preposition
// of place at token j introduces, perhaps after "the city of" ("near the
// southern city of Kherson", "in Sake"), or -1. A name that only names a
// road or a part of a town ("in the Presidente Dutra Highway", "in Sao
// Joaquim neighborhood"), or begins a longer name, is no town of the
// act's own.
func (s *sent) sceneAfter(j int) int {
	if j >= len(s.toks) {
		return -1
	}
	switch s.toks[j].Norm {
	case "in", "at", "near", "around", "outside", "inside", "on":
	default:
		return -1
	}
	k := s.objectPlace(j + 1)
	if k < 0 {
		return -1
	}
	lx := s.d.x.lx
	e := s.mentionEnd(s.placeAt, k)
	_, _, site := lx.site.Match(s.toks, e)
	_, _, way := lx.way.Match(s.toks, e)
	_, _, ground := lx.ground.Match(s.toks, e)
	if site || way || ground && !word(lx.placeWords, s.toks, e) || e < len(s.toks) && s.toks[e].Cap {
		return -1 // nor one inside a longer name ("on Thika Superhighway")
	}
	return k
}

// regionOf reports whether place mention q only qualifies mention p
// before it: a first-level area that holds the town p.
func (d *doc) regionOf(q, p int) bool {
	y, x := d.places[q], d.places[p]
	return y.IsQualifier && !y.Fallback && y.Place.Level == gazetteer.LevelRegion && x.Place.Level == gazetteer.LevelTown &&
		x.Place.CountryCode == y.Place.CountryCode && x.Place.Admin1Code != "" && x.Place.Admin1Code == y.Place.Admin1Code
}

// coarse reports whether a place is a region or a country.
func coarse(p *gazetteer.Place) bool {
	return p.Level == gazetteer.LevelRegion || p.Level == gazetteer.LevelCountry
}

// sureScore is the geoparser's confidence above which a place reading
// is taken as sure.
const sureScore = 0.25

// listGap reports whether tokens [from,to) only join items of a list.
func listGap(s *sent, from, to int, d *doc) bool {
	depth := 0
	sawJoin := false
	for k := from; k < to; k++ {
		t := s.toks[k]
		switch {
		case t.Norm == "(":
			depth++
		case t.Norm == ")":
			depth--
		case depth > 0:
		case t.Norm == "," || t.Norm == "and" || t.Norm == "&" || t.Norm == "as" || t.Norm == "well":
			sawJoin = true
		case s.placeAt[k] >= 0 && d.places[s.placeAt[k]].IsQualifier:
		case t.Kind == text.Word && (t.Norm == "city" || t.Norm == "town" || t.Norm == "village" || t.Norm == "district" || t.Norm == "area" || t.Norm == "province" || t.Norm == "governorate" || t.Norm == "countryside" || t.Norm == "the"):
		default:
			return false
		}
	}
	return sawJoin
}

// location returns the sitrep.Location of place mention pi (a name the
// gazetteer lacks, placed by a town, is near the town, not at it).
func (d *doc) location(pi int) *sitrep.Location {
	return d.places[pi].Location()
}

// samePlace reports whether two locations are the same gazetteer entry
// (one may be a name placed by it, at a coarser precision).
func samePlace(a, b *sitrep.Location) bool {
	return a.GeonameID == b.GeonameID && a.Name == b.Name && a.CountryCode == b.CountryCode
}

// fatalities returns the draft's conservative death toll and the words it
// came from: the sum of the
// counts its sentences give (a running toll replaces rather than adds), 0
// when they say nobody died, nil when they do not say.
func (d *doc) fatalities(dr *draft) (*int, string) {
	if dr.proj != nil {
		if dr.toll && dr.projKind == kDeath {
			v := dr.proj.value
			return &v, dr.head.words(dr.proj.start, dr.proj.end)
		}
		return nil, ""
	}
	total, tollMax := 0, 0
	counted, unknown, none := false, false, false
	var text string
	for fi, f := range dr.figs {
		s := dr.sentOf(fi)
		for _, fg := range f.deaths {
			if fg.certainty != sitrep.Reported || fg.period {
				continue
			}
			if fg.toll {
				tollMax = max(tollMax, fg.value)
			} else {
				total += fg.value
			}
			counted = true
			if text == "" {
				text = s.words(fg.start, fg.end)
			}
		}
		unknown = unknown || f.unknownDeaths
		none = none || f.noDeaths
	}
	switch {
	case counted:
		v := max(total, tollMax)
		return &v, text
	case unknown:
		return nil, ""
	case none:
		v := 0
		return &v, ""
	}
	return nil, ""
}

// displaced returns the draft's displaced figure, of the draft's certainty.
func (d *doc) displaced(dr *draft) (*int, string) {
	if dr.proj != nil {
		if dr.projKind != kDisplaced {
			return nil, ""
		}
		v := dr.proj.value
		return &v, dr.head.words(dr.proj.start, dr.proj.end)
	}
	total := 0
	var text string
	for fi, f := range dr.figs {
		s := dr.sentOf(fi)
		for _, fg := range f.displaced {
			if fg.certainty != dr.certainty || fg.period {
				continue
			}
			total += fg.value
			if text == "" {
				text = s.words(fg.start, fg.end)
			}
		}
	}
	if text == "" {
		return nil, ""
	}
	return &total, text
}

// unarmed are words before a fighter's noun that make him a civilian.
var unarmed = map[string]bool{"former": true, "ex": true, "retired": true, "off-duty": true, "duty": true, "unarmed": true, "demobilised": true, "demobilized": true}

// neutralMember are nouns for a group's people that say nothing of
// whether they bear arms: "al Shabaab suspects" are al Shabaab's.
var neutralMember = map[string]bool{"suspect": true, "suspects": true, "member": true, "members": true, "affiliate": true, "affiliates": true, "loyalist": true, "loyalists": true, "cell": true, "cells": true}

// codable reports whether a frame tells of a happening ACLED would code:
// a cue that alone names political violence ([unambiguous] in cues.txt),
// or an act with a party to it named in the text. Violence and strategic
// developments need an armed actor (state forces, not a government's
// civilian authorities; rebels, militias; an armed group's fighters or a
// military target as the one hit); a clash also people killed or hurt in
// it. Protests and riots need a crowd, its demands, or people acting
// together. The words of defaults.txt never count: an unnamed attacker
// is ACLED's convention for a real attack, not evidence of one.
func (d *doc) codable(s *sent, dr *draft, r *rule, f frameFacts, classes classSet, anchor int, a1, a2 *actors.Mention, fat *int) bool {
	lx := d.x.lx
	act := s.toks[min(anchor, len(s.toks)-1)] // the act's first word
	at := act.Start
	if d.offTopic && r.eventType == sitrep.Riots && classes&(classSet(1)<<lx.cls.riot|1<<lx.cls.mob|1<<lx.cls.protest) == 0 &&
		(a1 == nil || classes&(1<<lx.cls.destroy) == 0) {
		// In a review, a match report or a budget story a riot needs
		// its own word, or people who destroyed: not a film's "Dead", a
		// crowd that "won", a reputation "damaged".
		return false
	}
	if d.offTopic && r.eventType != sitrep.Protests && r.eventType != sitrep.Riots {
		// Sport, business, culture: a named armed group must act, or an
		// unambiguous cue kill or hurt ("a car bomb killed two", not an
		// album's "Bomb"); a strike's rally is still a protest, below.
		if classes&lx.unambiguous != 0 && (fat != nil && *fat > 0 || d.hurt(dr)) {
			return true
		}
		inCue := a1 != nil && a1.Start <= at && at < a1.End // "the cost of military operations"
		return a1 != nil && a1.Head && !a1.Actor.Generic && !inCue && a1.Actor.Kind != "police" && d.armedMention(a1, f.actor1, false, 0)
	}
	if classes&lx.unambiguous != 0 {
		return true
	}
	if word(lx.scrap, s.toks, min(anchor, len(s.toks)-1)) && !d.scrapSides(s, dr, anchor, a1, a2) {
		return false // "a singer arrested after a fight at his concert", "a nightclub fracas"
	}
	if r.kind != "" || dr.proj != nil {
		// Not an ACLED event but sitrep's own data: who holds a place,
		// people fleeing, a projected toll. Their sentences say so.
		return true
	}
	if r.subType == "Change to group/activity" && word(lx.stateAct, s.toks, min(anchor, len(s.toks)-1)) && (a1 == nil || a1.Actor.Side == "government") {
		return false // a state that imposes an embargo, suspends an officer or grants an amnesty governs
	}
	if r.subType == "Change to group/activity" && d.joinsStateForces(s, anchor) {
		return false // "until he joined the navy": a career, no armed group's change
	}
	if r.subType == "Agreement" && a1 == nil && a2 == nil && classes&lx.unambiguous == 0 {
		return false // "signed an agreement to share data": parties that make no peace are firms
	}
	if r.subType == "Arrests" && s.heldOverViolence(lx) {
		return true // people held over a bombing: by the authorities, whoever they are
	}
	if r.subType == "Arrests" && d.figureHeld(s, dr) {
		return true // an opposition leader detained, a former premier held
	}
	if r.subType == "Arrests" && !politicalTarget(f.actor2) && !d.heldAsMembers(s, dr, anchor) {
		return false // police holding a thief or an executive: crime, courts
	}
	if s.hasScore() {
		return false // "beating the Bears 20-16", "New Zealand hold Australia 16-16": a game
	}
	disaster := d.disasterIn(s, dr)
	if disaster && classes&^(classSet(1)<<lx.cls.kill|1<<lx.cls.injure|1<<lx.cls.destroy|lx.manner) == 0 {
		// Deaths, injuries or damage and no act of violence, told of a
		// crash, a collapse or a storm: the disaster's, whoever is
		// named beside them ("police investigate the derailment in
		// which seven died"), whatever flew ("a plane crashed").
		return false
	}
	violent := classes&(classSet(1)<<lx.cls.attack|1<<lx.cls.clash|1<<lx.cls.capture|1<<lx.cls.kill|1<<lx.cls.abduct) != 0
	if d.armedMention(a1, f.actor1, violent, at) || d.armedMention(a2, f.actor2, violent, at) {
		return true
	}
	if classes&lx.doing != 0 && !disaster && d.groupActs(s, anchor) {
		return true
	}
	if violent && !disaster && d.harmsFigure(s, dr) {
		return true // a journalist assaulted, a candidate shot
	}
	if !disaster && d.captivesHarmed(s, dr) {
		return true // "hostage deaths", "a captive died of his wounds"
	}
	if classes&(1<<lx.cls.abduct) != 0 && a1 == nil && !disaster && d.peopleTaken(s, dr) {
		return true // "two engineers were abducted from their home": by whom, unsaid
	}
	if (violent || classes&(1<<lx.cls.destroy) != 0) && !disaster && s.namesSacred(lx) {
		return true // a mosque set on fire, a church attacked
	}
	// An armed group named anywhere in the frame's sentences, whatever role
	// the sentence's shape gave it: "Jund al Aqsa fought the Wosta
	// Division", "the bodies of 3 SDF fighters were found". Not the police
	// of a crime story ("police held a man who stole a phone") unless
	// there was violence.
	for _, ss := range dr.sents() {
		for _, ai := range ss.actors {
			m := &d.actors[ai]
			if m.Head && (violent || m.Actor.Kind != "police") && d.armedMention(m, m.Actor.Side, violent, at) {
				return true
			}
			if crowdSide(m.Actor.Side) && classes&(classSet(1)<<lx.cls.protest|1<<lx.cls.riot) != 0 {
				return true
			}
		}
	}
	if a1 != nil && a1.End <= at {
		switch f.actor1 {
		case "rioters", "party":
			if violent {
				return true // a crowd's violence: a riot
			}
		}
		switch f.actor1 {
		case "protesters", "rioters", "party":
			if classes&(classSet(1)<<lx.cls.protest|1<<lx.cls.riot) != 0 {
				return true // a crowd's protest or riot
			}
		}
	}
	// One blast at a military target ("an explosion near an army
	// convoy"); "500 explosions along the front line" are a tally.
	oneBlast := classes&lx.weapons != 0 && !strings.HasSuffix(act.Norm, "s")
	if (actors.Armed(f.actor2) || f.actor2 == "combatant") && a2 == nil && (violent || oneBlast) && !disaster {
		return true // a fighter or a military target, named by what was hit
	}
	if classes&(1<<lx.cls.clash|lx.weapons) != 0 && !disaster && (fat != nil && *fat > 0 || d.hurt(dr)) {
		return true // a clash, a shell or a bomb that killed or hurt people
	}
	switch r.eventType {
	case sitrep.Protests, sitrep.Riots:
		if f.actor1Crowd && a1 != nil && a1.End <= at || classes&(1<<lx.cls.demand) != 0 || f.actor2 == "protesters" {
			return true // a crowd that acts, its demands, or a crowd acted on
		}
		if a1 != nil && a1.End <= at && (a1.Actor.Kind == "civil" || !a1.Head) {
			return false // a state that protests is diplomacy; not the government a crowd calls on
		}
		return d.staged(s, dr)
	}
	return false
}

// joinsStateForces reports whether the act at anchor is joining, "joined
// the", and the force named right after it is the state's: one who
// joined the army or the navy enlisted; ACLED codes fighters who join
// or leave an armed group, not recruits of a state.
func (d *doc) joinsStateForces(s *sent, anchor int) bool {
	if anchor+2 >= len(s.toks) || !strings.HasPrefix(s.toks[anchor].Norm, "join") || s.toks[anchor+1].Norm != "the" {
		return false
	}
	for k := anchor + 2; k < len(s.toks) && k <= anchor+4; k++ {
		if a := s.actorAt[k]; a >= 0 {
			return d.actors[a].Actor.Side == "government"
		}
	}
	return false
}

// scrapSides reports whether a fight, a brawl or a feud has sides ACLED
// codes: a crowd, a group of people or a party's members who fought it,
// or an armed side that is its party by name (the actor of the act or the
// one it was against, the head of its words): not the police who came
// after it, a guard it involved, a demonym before it ("a German brawl"),
// a singer and a fan.
func (d *doc) scrapSides(s *sent, dr *draft, anchor int, a1, a2 *actors.Mention) bool {
	if d.groupActs(s, anchor) {
		return true
	}
	lx := d.x.lx
	acts := classSet(1)<<lx.cls.attack | 1<<lx.cls.kill | 1<<lx.cls.loot | 1<<lx.cls.destroy | 1<<lx.cls.abduct | 1<<lx.cls.capture
	for _, c := range s.cues {
		if c.start != anchor && !word(lx.scrap, s.toks, c.start) && c.classes&acts != 0 {
			return true // the scuffle of a raid: "who stormed a shop"
		}
	}
	for _, m := range []*actors.Mention{a1, a2} {
		if m != nil && m.Head && actors.Armed(m.Actor.Side) && m.Actor.Kind == "" && !strings.HasPrefix(m.Actor.Name, "Private Security") {
			return true
		}
	}
	for _, ss := range dr.sents() {
		for _, ai := range ss.actors {
			if m := &d.actors[ai]; m.Head && (crowdSide(m.Actor.Side) || m.Actor.Kind == "party") {
				return true
			}
		}
	}
	return false
}

// hasScore reports whether the sentence gives a game's score: two numbers
// under 200 joined by a hyphen or a dash with no space ("27-23", "9-7"),
// before punctuation or a word for a result.
func (s *sent) hasScore() bool {
	for k := 0; k+2 < len(s.toks); k++ {
		a, dash, b := s.toks[k], s.toks[k+1], s.toks[k+2]
		if a.Kind == text.Number && b.Kind == text.Number && (dash.Norm == "-" || dash.Norm == "–") && !s.inDate[k] &&
			a.End == dash.Start && dash.End == b.Start && len(a.Norm) <= 3 && len(b.Norm) <= 3 {
			// Not a range of people or days: "200-300 people", "12-13 May",
			// "injuring 7-10".
			if k+3 < len(s.toks) && s.toks[k+3].Kind != text.Punct && !scoreNoun[s.toks[k+3].Norm] {
				continue
			}
			if w := s.toks[max(k-1, 0)].Norm; k > 0 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) {
				continue
			}
			if x, _ := strconv.Atoi(a.Norm); x < 200 {
				if y, _ := strconv.Atoi(b.Norm); y < 200 {
					return true
				}
			}
		}
	}
	return false
}

// scoreNoun are the words a score stands before: "a 9-7 victory".
var scoreNoun = map[string]bool{"victory": true, "win": true, "defeat": true, "loss": true, "draw": true, "lead": true, "triumph": true, "decision": true, "scoreline": true,
	"at": true, "in": true, "on": true, "against": true, "after": true, "with": true}

// namesSacred reports whether the sentence names a place of worship.
func (s *sent) namesSacred(lx *Lexicon) bool {
	for k := range s.toks {
		if _, _, ok := lx.sacred.Match(s.toks, k); ok {
			return true
		}
	}
	return false
}

// staged reports whether a protest cue of the head sentence is staged,
// held or joined ("staged a rally", "held a sit-in"), or done by a number
// of people ("hundreds protested", "thousands marched").
func (d *doc) staged(_ *sent, dr *draft) bool {
	lx := d.x.lx
	crowd := classSet(1)<<lx.cls.protest | 1<<lx.cls.riot
	for _, c := range dr.cues {
		if c.classes&crowd == 0 {
			continue
		}
		// A detail may say a crowd protested ("They blockaded roads.
		// ... the miners were demonstrating"); the rest is the head's.
		s := c.s
		w := s.toks[c.start].Norm
		next := ""
		if c.end < len(s.toks) {
			next = s.toks[c.end].Norm
			// "firms demonstrated handsets": a thing shown, no crowd.
			if demonstrateVerb[w] && s.toks[c.end].Kind == text.Word && !protestAfter[next] && !strings.HasSuffix(next, "ing") {
				continue
			}
		}
		// A protest done ("residents protested", "pupils marched"), or
		// protests that happened ("Protests in Dori", "protests erupted"),
		// not a protest lodged, a study that demonstrated, or troops that
		// marched into a town.
		goesOn := c.end < len(s.toks) && word(lx.protestGoesOn, s.toks, c.end) // "protest action intensified"
		done := protestVerb[w] && !notProtest[next] && !(objectVerb[w] && d.oneObjector(s, c.start))
		if s != dr.head {
			if done && beForms[s.toks[max(c.start-1, 0)].Norm] {
				return true // "the miners were demonstrating"
			}
			continue
		}
		if done || protestNouns[w] && (c.start == 0 || protestNounNext[next] || goesOn) || protestNoun[w] && (c.start == 0 && protestNounNext[next] || goesOn) {
			return true
		}
		if d.crowdActFor(s, c.start) {
			return true
		}
		// "was held", "were staged" after the noun, too.
		for k := c.end; k < len(s.toks) && k < c.end+3; k++ {
			if _, _, ok := lx.stage.Match(s.toks, k); ok && beForms[s.toks[k-1].Norm] {
				return true
			}
		}
		for k := c.start - 1; k >= 0 && k >= c.start-4; k-- {
			if e, _, ok := lx.stage.Match(s.toks, k); ok && e <= c.start {
				return true
			}
			if t := s.toks[k]; t.Kind == text.Number || t.Norm == "hundreds" || t.Norm == "thousands" || t.Norm == "dozens" || t.Norm == "scores" {
				return true
			}
			if s.toks[k].Norm == "they" && d.crowdBefore(s) {
				return true // "Hundreds of supporters sang. They carried placards."
			}
			// People in the plural right before: "widows protest",
			// "residents marched".
			if k == c.start-1 && strings.HasSuffix(s.toks[k].Norm, "s") || s.toks[k].Norm == "people" || s.toks[k].Norm == "women" || s.toks[k].Norm == "men" {
				if e, _, ok := lx.victim.Match(s.toks, k); ok && e == c.start {
					return true
				}
			}
			if clauseEnd(s.toks[k]) {
				break
			}
		}
	}
	return false
}

// crowdBefore reports whether the last one named before s, within three
// sentences, is a crowd (protesters, rioters, a party's people): the
// "they" of a protest told after it ("Hundreds of supporters sang. They
// carried placards").
func (d *doc) crowdBefore(s *sent) bool {
	for i := s.idx - 1; i >= 0 && i >= s.idx-3; i-- {
		acts := d.sents[i].actors
		for j := len(acts) - 1; j >= 0; j-- {
			if a := d.actors[acts[j]]; a.Head {
				return crowdSide(a.Actor.Side) || a.Actor.Kind == "party"
			}
		}
	}
	return false
}

// objectVerb are the protest verbs that are also how one person or one
// body objects: "the defence protested", "Mr Lee protested".
var objectVerb = map[string]bool{"protested": true, "protesting": true}

// oneObjector reports whether the subject right before the verb at k is
// one person or one body, not a crowd: a determiner and a singular noun
// ("the defence", "the minister", "its lawyer"), or a person's title and
// name ("Mr Lee"). A crowd's word ("the crowd") or a named group is left
// to protest.
func (d *doc) oneObjector(s *sent, k int) bool {
	for k > 0 && (strings.HasSuffix(s.toks[k-1].Norm, "ly") || auxiliary[s.toks[k-1].Norm]) {
		k-- // "the club had strongly protested"
	}
	if k < 2 || s.actorAt[k-1] >= 0 && crowdSide(d.actors[s.actorAt[k-1]].Actor.Side) {
		return false
	}
	if _, _, ok := d.x.lx.crowd.Match(s.toks, k-1); ok {
		return false
	}
	n, det := s.toks[k-1], s.toks[k-2].Norm
	if n.Cap && personTitle[det] {
		return true
	}
	return n.Kind == text.Word && !n.Cap && !strings.HasSuffix(n.Norm, "s") && objectDet[det]
}

var (
	auxiliary   = map[string]bool{"had": true, "has": true, "have": true, "was": true, "were": true, "is": true, "also": true, "then": true, "again": true}
	personTitle = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "miss": true}
	objectDet   = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "its": true, "their": true}
)

// crowdSide reports whether a side is a crowd's: protesters, rioters.
func crowdSide(side string) bool { return side == "protesters" || side == "rioters" }

// armedMention reports whether an actor the text names is armed: state
// forces, rebels, militias, foreign forces. A country standing for its
// state ("Israel", "Russian") counts only as the one doing a violent act,
// right before its words ("Israel struck", "Russia's attack"), not for
// talks or bans, and not as a runner's nationality ("Kenyan Bernard
// Lagat beat"); a force's name before a noun of its own ("the military
// arsenal", "an army spokesman") is no force acting.
func (d *doc) armedMention(m *actors.Mention, side string, violent bool, act int) bool {
	if m == nil || m.Actor.Kind == "civil" || d.attributeAfter(m) {
		return false
	}
	if !actors.Armed(side) && side != "combatant" {
		return false
	}
	return m.Head || violent && m.End <= act && act-m.End <= 3
}

// hurt reports whether a draft's sentences say people were injured.
func (d *doc) hurt(dr *draft) bool {
	for _, f := range dr.figs {
		for _, fg := range f.injuries {
			if fg.certainty == sitrep.Reported && fg.value > 0 {
				return true
			}
		}
	}
	return false
}

// groupActs reports whether fighters or a crowd are named in the sentence
// before its act, whatever their group's name ("Ahrar al Sharqiyah
// fighters clashed", "villagers lynched", "about 50 rivals assaulted"), or
// a group of three or more people ("four men attacked", "a group of
// people beat"): violence by fighters is a battle or an attack, by a
// crowd mob violence, whoever they are.
func (d *doc) groupActs(s *sent, anchor int) bool {
	lx := d.x.lx
	for k := 0; k <= anchor && k < len(s.toks); k++ {
		if _, _, ok := lx.combatant.Match(s.toks, k); ok {
			return true
		}
		if e, _, ok := lx.crowd.Match(s.toks, k); ok && !d.attributeAt(s, e) {
			return true // not a crowd's word before a noun of its own: "community service"
		}
		t := s.toks[k]
		if t.Norm == "group" && k+1 < len(s.toks) && s.toks[k+1].Norm == "of" {
			return true
		}
		// The agent of a passive: "was beaten by a crowd of forty".
		if k == anchor && d.groupAfterBy(s, anchor) {
			return true
		}
		if q, ok := lx.parseQuantity(d.text, s.toks, k); ok && q.End <= anchor && (q.Value >= 3 || q.Vague) && !s.sufferedAt(anchor) {
			if e, _, ok := lx.victim.Match(s.toks, q.End); ok && e <= anchor {
				return true
			}
		}
	}
	return false
}

// sufferedAt reports whether the participle at k is suffered by the
// people before it, as a headline writes a passive: "Six pupils
// stabbed to death", "three guards shot dead", "four villagers beaten by
// soldiers".
func (s *sent) sufferedAt(k int) bool {
	if k+1 >= len(s.toks) || !isParticiple(s.toks[k].Norm) {
		return false
	}
	next := k + 2
	switch s.toks[k+1].Norm {
	case "by":
		return true
	case "dead":
	case "to":
		if next >= len(s.toks) || s.toks[next].Norm != "death" {
			return false
		}
		next++
	default:
		return false
	}
	// "shot dead in Gao", not "shot dead two guards".
	return next >= len(s.toks) || clauseEnd(s.toks[next]) || whereWords[s.toks[next].Norm] || subordinators[s.toks[next].Norm]
}

// holdsStated reports whether a sentence says who holds a place.
func holdsStated(s *sent) bool {
	for _, h := range s.holds {
		if h.holder != nil {
			return true
		}
	}
	return false
}

// notTheScene reports whether the place at tokens [k, end) is named as
// something other than where the act happened: the seat of a government
// that speaks ("Damascus said", "officials in the capital said"), or
// where people went or a point the scene is placed by ("retreated to
// Bukavu", "towards the coast", "closer to Goma", "west of Aleppo"). Words
// in syntax.txt [seat] and [destination].
func (s *sent) notTheScene(lx *Lexicon, k, end int) bool {
	placed, _ := s.placedBy(lx, k)
	return placed || s.seatNamed(lx, k, end)
}

// seatNamed reports whether the place at tokens [k, end) stands for a
// government that speaks or acts from it ("Damascus said", "a Damascus
// ally", "officials in Kabul"). People in a place who speak ("residents
// in Nyala reported") are there, and a capitalised word after a name
// outside a headline, or a noun of place, is part of it ("Rakhine State",
// "northern Shan state"), not a verb.
func (s *sent) seatNamed(lx *Lexicon, k, end int) bool {
	if end < len(s.toks) {
		in := k > 0 && (s.toks[k-1].Norm == "in" || s.toks[k-1].Norm == "of")
		if _, _, ok := lx.say.Match(s.toks, end); ok && !in && (!s.toks[end].Cap || s.d.isHeadline(s)) && !word(lx.placeWords, s.toks, end) {
			return true
		}
		if e, _, ok := lx.seatNoun.Match(s.toks, end); ok && e > end {
			return true // "a Damascus ally", "the Kabul government"
		}
	}
	for j := max(0, k-4); j < k; j++ {
		if e, _, ok := lx.seat.Match(s.toks, j); ok && e == k {
			return true
		}
	}
	return false
}

// sourcesCountry reports whether a country named just before a source
// that speaks qualifies the source, not the act: "U.S. and Malian
// officials said", "Afghan government sources said".
func (s *sent) sourcesCountry(end int) bool {
	for _, a := range s.attribs {
		if end > a.from || a.from-end > 3 {
			continue
		}
		for j := end; j < a.from; j++ {
			if clauseEnd(s.toks[j]) {
				return false
			}
		}
		return a.pos >= a.to
	}
	return false
}

// institutionAt reports whether a capitalised word at token k makes the
// place before it part of the name of a newspaper or a hotel: "the
// Jakarta Post", "the Marriott Hotel" say nothing of where an act was.
func (s *sent) institutionAt(k int) bool {
	return k < len(s.toks) && s.toks[k].Cap && word(s.d.x.lx.institution, s.toks, k)
}

// pairedAdjective reports whether the country ending at token end is
// paired with a people's adjective before a noun, which both qualify:
// "rockets at United States and Afghan outposts" did not fall in the
// United States.
func (d *doc) pairedAdjective(s *sent, end int) bool {
	if end+1 >= len(s.toks) || s.toks[end].Norm != "and" {
		return false
	}
	ai := s.actorAt[end+1]
	return ai >= 0 && !d.actors[ai].Head
}

// placedBy reports whether the place at token k is where people went or
// what the scene is placed by ("fled into neighbouring Uganda", "south
// of Hama"): syntax.txt [destination]. ref says it is the latter, a point
// of reference ("west of", "5 km from"), not a goal ("to", "towards").
func (s *sent) placedBy(lx *Lexicon, k int) (ok, ref bool) {
	for j := max(0, k-4); j < k; j++ {
		if e, _, ok := lx.destination.Match(s.toks, j); ok && (e == k || e == k-1 && (beforeDestination[s.toks[k-1].Norm] || word(lx.placeWords, s.toks, k-1))) {
			w := s.toks[e-1].Norm
			return true, w == "of" || w == "from"
		}
	}
	return false, false
}

// officeOf reports whether the place at token k is an officer's ("the
// governor of Kursk region"): syntax.txt [office] right before it.
func (s *sent) officeOf(lx *Lexicon, k int) bool {
	for j := max(0, k-2); j < k; j++ {
		if e, _, ok := lx.office.Match(s.toks, j); ok && e == k {
			return true
		}
	}
	return false
}

// beforeDestination are the words that may stand between a verb of going
// and where it went.
var beforeDestination = map[string]bool{"the": true, "neighbouring": true, "neighboring": true, "nearby": true}

// inDateline reports whether byte offset at lies in a dateline: "AMMAN
// (Reuters) -", "GOMA, Congo (AP) —" at the start of a paragraph.
func (d *doc) inDateline(at int) bool {
	for _, sp := range d.datelines {
		if sp[0] <= at && at < sp[1] {
			return true
		}
	}
	return false
}

// datelines returns the spans of the datelines of a text: at the start of
// a paragraph (after an agency's prefix such as "AP -"), a place in
// capitals, perhaps its region after a comma and the agency in brackets,
// then a dash or a colon.
func datelines(text string) [][2]int {
	var out [][2]int
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		for _, re := range datelineREs {
			if m := re.FindStringSubmatchIndex(text[start:end]); m != nil {
				out = append(out, [2]int{start + m[2], start + m[3]})
				break
			}
		}
		start = end + 1
	}
	return out
}

// datelineREs match a dateline at the start of a line; the group is the
// dateline without the dash: "AMMAN (Reuters) -", "GOMA, Congo, Jan. 27
// (AP) —", and two forms without a dash: a day before the city in
// brackets ("21-12-2024 (YANGON)") and a city before an agency's bracket
// ("Beirut, (APP - ... - 8th Dec, 2024)"); and a city in title case
// before an agency's initials ("Amman (TIP) :").
var datelineREs = []*regexp.Regexp{datelineRE, datelineBracketRE, datelineAgencyRE}

// datelineAgencyRE matches a city in title case before an agency's
// initials in brackets: "Amman (TIP) :", "Goma (AFP) -". The initials are
// the agency's, not an armed group's.
var datelineAgencyRE = regexp.MustCompile(`^\s*([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)? \([A-Z]{2,6}\))\s*(?:-|--|—|–|:)\s`)

var datelineBracketRE = regexp.MustCompile(`^\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4} \([A-Z][A-Za-z .'-]{1,30}\)|[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+){0,2}, \([^()\n]{1,80}\))`)

var datelineRE = regexp.MustCompile(`^\s*(?:[A-Za-z][A-Za-z .]{0,30} - )?((?:[A-Z][A-Z'.-]+)(?: [A-Z][A-Z'.-]+){0,3}(?:, [A-Z][A-Za-z .]{1,30}?)?(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?)?(?: \([A-Za-z ./]{1,30}\))?)\s*(?:-|--|—|–|:)\s`)

// claimedChange reports whether a change of control is only its maker's
// claim: the sentence says the taker "claimed to have" taken the place,
// or attributes the change to the taker's side or its own media ("MNDAA
// spokesman said", "local media run by the group reported").
func (d *doc) claimedChange(s *sent, dr *draft, anchor int, ev *sitrep.Event) bool {
	switch ev.SubEventType {
	case "Non-state actor overtakes territory", "Government regains territory":
	default:
		return false
	}
	for k := max(0, anchor-4); k <= anchor && k < len(s.toks); k++ {
		switch s.toks[k].Norm {
		case "claimed", "claims", "claiming", "claim":
			return true
		}
	}
	// "We have entered the camp": a side's own words in the first person.
	for k := 0; k < anchor; k++ {
		switch s.toks[k].Norm {
		case "we", "our":
			return true
		}
	}
	// "The rebels have announced that they have taken control of the
	// base": the speaker before a verb of saying, on the gainer's side.
	for k := 0; k < anchor; k++ {
		if _, _, ok := d.x.lx.say.Match(s.toks, k); !ok || s.actorAt[k] >= 0 {
			continue // "State" in "Islamic State" says nothing
		}
		for j := k - 1; j >= 0 && j >= k-8; j-- {
			if ai := s.actorAt[j]; ai >= 0 && d.gainerSide(&d.actors[ai], ev) {
				return true
			}
		}
	}
	if dr.attrib == "" {
		return false
	}
	if _, ok := d.x.lx.partyOutlet(dr.attrib); ok {
		return true
	}
	// The gainer speaking: the same actor or side as actor1, or, with
	// actor1 unnamed, the side the change implies (a non-state actor
	// overtakes, the government regains).
	for _, m := range d.x.actors.Scan(dr.attrib, d.focus) {
		if d.gainerSide(&m, ev) {
			return true
		}
	}
	return false
}

// gainerSide reports whether an actor is on the side that gained in a
// change of control: actor1's, or, with actor1 unnamed, the side the
// change implies (a non-state actor overtakes, the government regains).
func (d *doc) gainerSide(m *actors.Mention, ev *sitrep.Event) bool {
	side := m.Actor.SideIn(d.focus)
	switch {
	case ev.Actor1 != nil:
		return m.Actor.Name == ev.Actor1.Name || side == ev.Actor1.Side && side != "civilians"
	case ev.SubEventType == "Government regains territory":
		return side == "government" && m.Actor.Kind != "civil"
	case ev.SubEventType == "Non-state actor overtakes territory":
		return side == "rebel" || side == "militia" || side == "identity_militia"
	}
	return false
}

// protestVerb, protestNouns: the forms of a protest cue that tell of one
// happening; notProtest, after a verb, another sense ("demonstrated that",
// "marched into the town"); protestNounNext, after a plural noun, the
// words that make it the news ("protests in"; the verbs of a protest that
// goes on, "protests erupted", are syntax.txt [protest goes on]).
var (
	protestVerb     = map[string]bool{"protested": true, "protesting": true, "demonstrated": true, "demonstrating": true, "marched": true, "marching": true, "picketed": true, "picketing": true, "rioted": true}
	demonstrateVerb = map[string]bool{"demonstrate": true, "demonstrates": true, "demonstrated": true, "demonstrating": true}
	protestAfter    = map[string]bool{"in": true, "at": true, "outside": true, "against": true, "for": true, "on": true, "over": true, "near": true, "through": true, "to": true, "and": true, "peacefully": true, "again": true, "after": true, "before": true, "across": true, "along": true, "around": true, "yesterday": true, "today": true, "with": true, "by": true, "under": true, "from": true, "inside": true, "opposite": true, "infront": true, "throughout": true}
	notProtest      = map[string]bool{"that": true, "its": true, "his": true, "her": true, "their": true, "how": true, "into": true, "to": true, "the": true, "a": true, "an": true, "one": true, "this": true, "these": true, "those": true, "it": true, "them": true, "what": true, "new": true, "some": true}
	protestNouns    = map[string]bool{"protests": true, "demonstrations": true, "rallies": true, "marches": true, "sit-ins": true, "riots": true}
	protestNoun     = map[string]bool{"protest": true, "demonstration": true}
	protestNounNext = map[string]bool{"in": true, "over": true, "against": true, "were": true, "have": true, "across": true, "at": true, "outside": true}
)

// crowdActFor reports whether the protest word at k is the purpose of a
// crowd's act in its clause ("gathered at the town hall to protest the
// rates", "downed tools in protest") or of a blockade ("blocked the
// highway for hours to protest").
func (d *doc) crowdActFor(s *sent, k int) bool {
	if k == 0 || s.toks[k-1].Norm != "to" && (s.toks[k-1].Norm != "in" || s.toks[k].Norm != "protest") {
		return false
	}
	for j := k - 2; j >= 0 && j >= k-16 && !clauseEnd(s.toks[j]); j-- {
		if e, _, ok := d.x.lx.crowdAct.Match(s.toks, j); ok && e < k {
			return true
		}
		if e, _, ok := d.x.lx.way.Match(s.toks, j); ok && e < k {
			return true
		}
	}
	return false
}

// heldAsMembers reports whether those arrested are held as members of a
// group whose arrest ACLED codes, named after the arrest in the frame's
// head sentence or anywhere in its others: "detained 20 people suspected
// of belonging to the separatist group".
func (d *doc) heldAsMembers(s *sent, dr *draft, anchor int) bool {
	after := s.toks[min(anchor, len(s.toks)-1)].Start
	for _, ss := range dr.sents() {
		for _, ai := range ss.actors {
			if m := &d.actors[ai]; m.Start > after && politicalTarget(m.Actor.Side) {
				return true
			}
		}
	}
	return false
}

// figureHeld reports whether an arrest in the head sentence holds a
// political figure ([figure], [held figure]): the object of an active
// verb, the subject of a passive one, of a headline's bare participle or
// of "placed under arrest". The people named first decide ("three men
// were arrested", not the minister who said so).
func (d *doc) figureHeld(s *sent, dr *draft) bool {
	lx := d.x.lx
	kind := func(k int) string {
		for j := max(k-1, 0); j <= k; j++ { // "the opposition leader was held"
			for _, p := range []*text.Phrases[bool]{lx.figure, lx.heldFigure} {
				if e, _, ok := p.Match(s.toks, j); ok && e > k {
					return "figure"
				}
			}
		}
		if _, _, ok := lx.victim.Match(s.toks, k); ok || s.attribAt(k) {
			return "other"
		}
		return ""
	}
	for _, c := range dr.cues {
		if !inSent(s, c) || c.classes&(1<<lx.cls.arrest) == 0 || c.reference {
			continue
		}
		w := s.toks[c.start].Norm
		passive := s.passiveAt(c.start) || d.isHeadline(s) && isParticiple(w) || c.start > 1 && (s.toks[c.start-1].Norm == "under" || s.toks[c.start-2].Norm == "under")
		at := c.start
		for passive && at >= 2 && s.toks[at-1].Norm == "," && isParticiple(s.toks[at-2].Norm) {
			at -= 2 // "Premier sacked, arrested"
		}
		if victimWords(s, at, passive, kind) == "figure" {
			return true
		}
	}
	return false
}

// captivesHarmed reports whether the head sentence asserts both a
// captive's word ([captive]: "hostages", "captives") and a killing or a
// wounding: people held by a captor, whose harm is the captors' violence
// or the fight to free them.
func (d *doc) captivesHarmed(s *sent, dr *draft) bool {
	lx := d.x.lx
	held, harmed := false, false
	for _, c := range dr.cues {
		if !inSent(s, c) || c.reference {
			continue
		}
		held = held || c.classes&(1<<lx.cls.abduct) != 0 && word(lx.captive, s.toks, c.start)
		// A harm of its own, not remains found ("the body of the
		// captive"): the killing is told elsewhere.
		harmed = harmed || !c.anaphoric && c.classes&(classSet(1)<<lx.cls.kill|1<<lx.cls.injure) != 0 && !word(lx.remains, s.toks, c.start)
	}
	return held && harmed
}

// attribAt reports whether token k is a verb of saying the sentence cites.
func (s *sent) attribAt(k int) bool {
	for _, a := range s.attribs {
		if a.pos == k {
			return true
		}
	}
	return false
}

// politicalTarget reports whether a side is one whose arrest ACLED codes:
// fighters, militias, protesters, a party's people.
// heldOverViolence reports whether the sentence refers to a bombing or
// another act that alone names political violence, done or planned, as
// the reason for its arrest: "four men are held over the embassy
// bombing", "eight arrested over a plot to bomb a court".
func (s *sent) heldOverViolence(lx *Lexicon) bool {
	for _, c := range s.cues {
		if (c.reference || c.certainty == "hypothetical") && c.classes&(lx.unambiguous|lx.weapons) != 0 {
			return true // "held over the embassy bombing", "arrested over a plot to bomb the court"
		}
	}
	return false
}

func politicalTarget(side string) bool {
	switch side {
	case "rebel", "militia", "identity_militia", "external", "protesters", "rioters", "party", "combatant":
		return true
	}
	return false
}

// disasterIn reports whether a frame's sentences speak of an accident or
// a disaster (domains.txt [disaster]): its dead and its blasts are the
// disaster's unless an armed actor is named.
func (d *doc) disasterIn(s *sent, dr *draft) bool {
	for _, ss := range dr.sents() {
		for k := range ss.toks {
			if _, _, ok := d.x.lx.disaster.Match(ss.toks, k); ok {
				return true
			}
		}
	}
	return false
}

// groupAfterBy reports whether a "by" after the act at anchor introduces
// fighters, a crowd or a group of three or more.
func (d *doc) groupAfterBy(s *sent, anchor int) bool {
	lx := d.x.lx
	for k := anchor + 1; k < len(s.toks) && k < anchor+8; k++ {
		if s.toks[k].Norm != "by" {
			if clauseEnd(s.toks[k]) {
				return false
			}
			continue
		}
		for j := k + 1; j < len(s.toks) && j < k+6; j++ {
			if _, _, ok := lx.combatant.Match(s.toks, j); ok {
				return true
			}
			if _, _, ok := lx.crowd.Match(s.toks, j); ok {
				return true
			}
			if q, ok := lx.parseQuantity(d.text, s.toks, j); ok && (q.Value >= 3 || q.Vague) {
				if _, _, ok := lx.victim.Match(s.toks, q.End); ok {
					return true
				}
			}
		}
		return false
	}
	return false
}

// namesTheTown reports whether a sentence speaks of a town it does not
// name: "the town", "the city", "the base" (syntax.txt [anaphoric place]);
// area, whether of a province instead ("the region", "the province").
func (s *sent) namesTheTown(lx *Lexicon) (ok, area bool) {
	for k := 0; k+1 < len(s.toks); k++ {
		if s.toks[k].Norm != "the" {
			continue
		}
		if e, a, ok := lx.anaphoricPlace.Match(s.toks, k+1); ok && (e >= len(s.toks) || s.toks[e].Norm != "of") {
			return true, a // not "the village of Tongomayel", which names one
		}
	}
	return false, false
}

// lastTownBefore returns the last place mention, before sentence s, of a
// town (with area, of a province) the article names as a scene (not in a
// dateline, not inside an actor's name, not where people went), or -1.
// It looks back six sentences from s or from the last sentence that spoke
// of "the city" (or "the region") too: a text that keeps referring to its
// town still means the one it named.
func (d *doc) lastTownBefore(s *sent, area bool) int {
	level := gazetteer.LevelTown
	if area {
		level = gazetteer.LevelRegion
	}
	for i, gap := s.idx-1, 0; i >= 0 && gap < 6; i-- {
		prev := d.sents[i]
		gap++
		if ok, a := prev.namesTheTown(d.x.lx); ok && a == area {
			gap = 0
		}
		for j := len(prev.places) - 1; j >= 0; j-- {
			pi := prev.places[j]
			p := d.places[pi]
			if p.Place == nil || p.Place.Level != level || p.Score < sureScore || d.insideActor(pi) || d.inDateline(p.Start) {
				continue
			}
			k := prev.tokenAt(p.Start)
			if k >= 0 && prev.notTheScene(d.x.lx, k, prev.mentionEnd(prev.placeAt, k)) {
				continue
			}
			return pi
		}
	}
	return -1
}

// tokenAt returns the index of the sentence's token starting at byte
// offset at, or -1.
func (s *sent) tokenAt(at int) int {
	for k := range s.toks {
		if s.toks[k].Start == at {
			return k
		}
	}
	return -1
}

// attributeAfter reports whether a mention is followed by a noun of its
// own (syntax.txt [attribute]): "military arsenal", "army spokesman".
func (d *doc) attributeAfter(m *actors.Mention) bool {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= m.End })
	if i >= len(d.toks) {
		return false
	}
	_, _, ok := d.x.lx.attribute.Match(d.toks, i)
	return ok
}

// attributeAt reports whether token k of s is a noun a name before it
// modifies (syntax.txt [attribute]).
func (d *doc) attributeAt(s *sent, k int) bool {
	if k >= len(s.toks) {
		return false
	}
	_, _, ok := d.x.lx.attribute.Match(s.toks, k)
	return ok
}

// opponent returns the event's actors: a1 and a2, unless a2 is a1's actor
// (an army does not fight itself). A battle with one side takes for the
// other another armed actor the sentence names ("the army clashed with the
// RSF"), else the article's principal opponent: the armed actor of another
// side it names most, twice at least ("heavy fighting in Andriivka" in a
// report of Russia's war on Ukraine). A battle whose one side named is an
// armed actor2 ("troops withdrew", "repelled 30 attacks") takes it as
// actor1.
func (d *doc) opponent(s *sent, r *rule, a1, a2 *actors.Mention) (*actors.Mention, *actors.Mention) {
	if a1 != nil && a2 != nil && a2.Actor.Name == a1.Actor.Name {
		a2 = nil
	}
	if r.eventType != sitrep.Battles || (a1 == nil) == (a2 == nil) || a1 == nil && !actors.Armed(a2.Actor.Side) {
		return a1, a2
	}
	known := firstOf(a1, a2)
	other := d.otherSide(s.actors, known, 1)
	if other == nil {
		other = d.otherSide(d.seq[:len(d.actors)], known, 2)
	}
	if a1 == nil {
		return other, a2 // "the army repelled 30 attacks": the attackers are the other side
	}
	return a1, other
}

// otherSide returns an armed actor named as such (a Head mention, not a
// government's civilian authorities) among the mentions among, that is
// not a1's actor nor on a1's side: with least 1 the first, else the one
// named most, at least least times; nil when there is none.
func (d *doc) otherSide(among []int, a1 *actors.Mention, least int) *actors.Mention {
	var best *actors.Mention
	most := 0
	count := map[string]int{}
	for _, ai := range among {
		m := &d.actors[ai]
		if !m.Head || m.Actor.Kind == "civil" || m.Actor.Name == a1.Actor.Name || d.attributeAfter(m) {
			continue
		}
		if !actors.Armed(m.Actor.Side) || m.Actor.Side == a1.Actor.Side && m.Actor.Country == a1.Actor.Country {
			continue
		}
		if least == 1 {
			return m // the sentence's first
		}
		count[m.Actor.Name]++
		if n := count[m.Actor.Name]; n > most {
			best, most = m, n
		}
	}
	if most < least {
		return nil
	}
	return best
}

// mediaAt reports whether an outlet's noun starts at token k of s.
func (d *doc) mediaAt(s *sent, k int) bool {
	if k >= len(s.toks) {
		return false
	}
	_, _, ok := d.x.lx.media.Match(s.toks, k)
	return ok
}
