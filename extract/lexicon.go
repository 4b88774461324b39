package extract

import (
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// Cue classes, as named by the sections of lexicon/cues.txt. A phrase may
// stand in several classes, so a cue carries a set.
type classSet uint64

// Lexicon is every word list and rule the extractor uses, read from the
// files in lexicon/. It is immutable once built and safe to share.
type Lexicon struct {
	classNames  []string
	minor       classSet // classes that are a toll or a manner, not an act (see mainClass)
	projectiles classSet // classes of what is fired from afar: shelling, air strikes (projectileFired)
	// unambiguous holds the class of cues that alone name political
	// violence (cues.txt [unambiguous]): no party need be named.
	unambiguous classSet
	// purposeClasses are the acts an infinitive of purpose makes
	// hypothetical (sent.purpose).
	purposeClasses classSet
	// doing holds the classes of acts a group does to others (attack,
	// clash, loot...), as opposed to dying or being hurt.
	doing classSet
	// harm holds the acts that harm people: killing, injuring, attacking,
	// abducting.
	harm classSet
	// crowdActs holds what a crowd does or has done to it: protests,
	// riots, mobs, demands, a crowd dispersed.
	crowdActs classSet
	// territory holds the classes of a change of who holds ground:
	// capture, withdrawal, entry, a handover.
	territory classSet
	// weapons holds the classes of remote violence: shells, bombs, mines.
	weapons classSet
	// manner holds the classes that say how an act was done, no act by
	// themselves: aircraft, artillery; aircraft the first alone.
	manner, aircraft classSet
	// cls holds the ids of the classes the Go code itself names.
	cls struct {
		capturePlace, capture, withdraw, enter, abduct, loot, demand, displace, kill, injure, attack, hold, protest, riot, mob, destroy, clash, arrest, intervene, release, captor, agree, fire int
	}
	classIDs map[string]int
	cues     *text.Phrases[classSet]
	rules    []rule

	hypothetical, projection, negation *text.Phrases[bool]
	// realized holds what makes an infinitive happen ("managed to",
	// "forced to"); modal the words that make a nominal act after them
	// hypothetical ("its capture would").
	realized, modal *text.Phrases[bool]
	// intent holds the words of intent that make a gerund right after
	// them hypothetical ("intended protesting").
	intent *text.Phrases[bool]
	// topic holds nouns that, right after a cue, make it a modifier:
	// "murder probe", "bomb plot".
	topic *text.Phrases[bool]
	// scopes holds the phrases that open a scope (conditional, reference,
	// demand, named, background: bits by scope kind), matched in one pass.
	scopes *text.Phrases[uint8]

	// pastOpener holds the phrases of a past time that, opening an
	// undated sentence before its first comma, tell it as background:
	// "Recently, ...", "Earlier this year, ...".
	pastOpener *text.Phrases[bool]

	vague      *text.Phrases[int]
	qualifiers *text.Phrases[string]
	// quantityStart holds every word a quantity may start with, for a
	// cheap test before parsing one.
	quantityStart *text.Phrases[bool]

	// casualty holds every casualty phrase (bits by casualty kind: kDeath
	// ...kUnknown), matched in one pass.
	casualty                    *text.Phrases[uint8]
	victim, nonhuman, partitive *text.Phrases[bool]
	// period holds what makes a figure a toll over a period ("since",
	// "so far", "this year").
	period  *text.Phrases[bool]
	pronoun *text.Phrases[int]

	months, weekdays *text.Phrases[int]
	relative         *text.Phrases[relDate]
	vagueDate        *text.Phrases[string]
	agoUnits         *text.Phrases[byte]

	ground, site, sacred, determiner, combatant, crowd, remains, repel, offDuty, stage, crowdAct, way, figure, heldFigure, captive, takeCaptive, protestGoesOn, shown, contest, foe, authority, scourge *text.Phrases[bool]
	// One-word classes a rule tests at a token (syntax.txt): see word.
	venue, institution, remainsFound, festive, justice, stock, gone, kin, example, past, stateAct, scrap, march, listBreak, foiled, durative, controlDegree, fleeFrom *text.Phrases[bool]
	// seat and destination: words before a place that make it a
	// government's seat or where people went, not an act's scene.
	seat, destination, seatNoun *text.Phrases[bool]
	// office: words before a place that make it the place an officer
	// serves ("the governor of Kursk region"), a scene only when the
	// sentence names no other.
	office *text.Phrases[bool]
	// placeWords may stand between an act of taking and the place taken
	// ("took the northern rebel stronghold of Kidal").
	placeWords *text.Phrases[bool]
	// media are the outlets a demonym may name ("American broadcaster
	// CNN"): no party to what they report.
	media *text.Phrases[bool]
	// domain holds the words of sport, business and culture
	// (domains.txt): an article mostly in them is off the topic of war.
	domain *text.Phrases[bool]
	// anaphoricPlace holds the nouns by which a text refers back to a town
	// it named ("the town", syntax.txt [anaphoric place]), true for those
	// of a province it named ("the province", marked "=> area").
	anaphoricPlace *text.Phrases[bool]
	// attribute holds nouns a force's name may modify ("military
	// arsenal"): then the name is no force acting.
	attribute *text.Phrases[bool]
	// disaster holds the words of accidents and disasters (domains.txt).
	disaster                       *text.Phrases[bool]
	militaryTarget, civilianTarget *text.Phrases[bool]

	say, sources *text.Phrases[bool]
	// partyMedia maps an armed group's own outlets to the group: a toll
	// they alone report is the group's claim (attribution.txt).
	partyMedia *text.Phrases[string]

	// starts tells, in one probe per token, which of the lexicons the
	// per-token loops try may start a phrase there (bits: start*), and
	// for some the second words of their phrases (see phraseFilter).
	starts text.Starts
	// The filters of the lexicons whose first words are common words.
	cueF, scopeF, casualtyF, relativeF, vagueDateF phraseFilter

	defaultActor1, defaultActor2 map[string]string // sub-event type -> words
	forcedActor1                 map[string]forced
	noToll                       map[string]bool // sub-event types whose events carry no deaths
	plover                       map[string][2]string
}

// LoadLexicon reads a lexicon from fsys, which holds the files of
// lexicon/ (cues.txt, rules.txt, ...). Errors name the file and line.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{classIDs: map[string]int{}}
	read := func(name string) ([]lexEntry, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("extract: lexicon: %w", err)
		}
		return parseLexFile(name, string(b))
	}

	// Cues: one class per section; a phrase in several sections gets all.
	entries, err := read("cues.txt")
	if err != nil {
		return nil, err
	}
	sets := map[string]classSet{}
	var order []string
	for _, e := range entries {
		id, ok := lx.classIDs[e.Section]
		if !ok {
			id = len(lx.classNames)
			if id >= 64 {
				return nil, fmt.Errorf("extract: cues.txt:%d: more than 64 cue classes", e.Line)
			}
			lx.classIDs[e.Section] = id
			lx.classNames = append(lx.classNames, e.Section)
		}
		if _, seen := sets[e.Phrase]; !seen {
			order = append(order, e.Phrase)
		}
		sets[e.Phrase] |= 1 << id
	}
	lx.cues = text.NewPhrases[classSet]()
	filtered := map[uint][]string{startCue: order} // the phrases of the lexicons with a phraseFilter
	for _, p := range order {
		lx.cues.Add(p, sets[p])
	}

	// "demand" is no section of cues.txt: sentences that say what people
	// demanded get it (see modality).
	if _, ok := lx.classIDs["demand"]; !ok {
		lx.classIDs["demand"] = len(lx.classNames)
		lx.classNames = append(lx.classNames, "demand")
	}
	for _, n := range []string{"kill", "injure", "nonviolent", "displaced", "demand", "unambiguous", "aircraft", "artillery", "release", "captor", "fire"} {
		if id := lx.class(n); id >= 0 {
			lx.minor |= 1 << id
		}
	}
	for id, n := range lx.classNames {
		switch n {
		case "protest", "riot", "demand", "displaced", "nonviolent", "unambiguous", "hold", "ignore", "capture_place", "aircraft", "artillery":
			// "gathered to protest" is a protest; the others name no act.
		default:
			lx.purposeClasses |= 1 << id
		}
	}
	for _, n := range []string{"aircraft", "artillery"} {
		if id := lx.class(n); id >= 0 {
			lx.manner |= 1 << id
		}
	}
	if id := lx.class("aircraft"); id >= 0 {
		lx.aircraft = 1 << id
	}
	for _, n := range []string{"shelling", "airstrike"} {
		if id := lx.class(n); id >= 0 {
			lx.projectiles |= 1 << id
		}
	}
	for _, n := range []string{"attack", "clash", "abduct", "capture", "riot", "mob", "loot", "destroy", "rape"} {
		if id := lx.class(n); id >= 0 {
			lx.doing |= 1 << id
		}
	}
	for _, n := range []string{"airstrike", "strike", "aircraft", "artillery", "shelling", "ied", "suicide", "grenade", "chemical"} {
		if id := lx.class(n); id >= 0 {
			lx.weapons |= 1 << id
		}
	}
	if id := lx.class("unambiguous"); id >= 0 {
		lx.unambiguous = 1 << id
		// An [unambiguous] phrase says an act is political violence; the
		// act's own class must come from another section, or the longest
		// match would hide it ("car bombing" matched whole, no [ied]).
		for _, e := range entries {
			if e.Section == "unambiguous" && sets[e.Phrase]&^lx.minor == 0 {
				return nil, fmt.Errorf("extract: cues.txt:%d: %q is [unambiguous] but in no section of an act", e.Line, e.Phrase)
			}
		}
	}
	for _, c := range []struct {
		name string
		id   *int
	}{
		{"capture_place", &lx.cls.capturePlace}, {"capture", &lx.cls.capture}, {"withdraw", &lx.cls.withdraw},
		{"enter", &lx.cls.enter}, {"abduct", &lx.cls.abduct}, {"loot", &lx.cls.loot}, {"demand", &lx.cls.demand},
		{"displace", &lx.cls.displace}, {"kill", &lx.cls.kill}, {"injure", &lx.cls.injure}, {"attack", &lx.cls.attack}, {"hold", &lx.cls.hold},
		{"protest", &lx.cls.protest}, {"riot", &lx.cls.riot}, {"mob", &lx.cls.mob}, {"destroy", &lx.cls.destroy}, {"clash", &lx.cls.clash}, {"arrest", &lx.cls.arrest}, {"intervene", &lx.cls.intervene},
		{"release", &lx.cls.release}, {"captor", &lx.cls.captor}, {"agree", &lx.cls.agree},
		{"release", &lx.cls.release}, {"captor", &lx.cls.captor}, {"fire", &lx.cls.fire}, {"agree", &lx.cls.agree},
	} {
		if *c.id = lx.class(c.name); *c.id < 0 {
			return nil, fmt.Errorf("extract: cues.txt: no [%s] section, which the extractor needs", c.name)
		}
	}

	lx.harm = classSet(1)<<lx.cls.kill | 1<<lx.cls.injure | 1<<lx.cls.attack | 1<<lx.cls.abduct
	lx.crowdActs = classSet(1)<<lx.cls.protest | 1<<lx.cls.riot | 1<<lx.cls.mob | 1<<lx.cls.demand | 1<<lx.cls.intervene
	lx.territory = classSet(1)<<lx.cls.capture | 1<<lx.cls.capturePlace | 1<<lx.cls.withdraw | 1<<lx.cls.enter
	if id := lx.class("nonviolent"); id >= 0 {
		lx.territory |= classSet(1) << id
	}

	if lx.rules, err = lx.parseRules(fsys); err != nil {
		return nil, err
	}

	sections := func(file string, want map[string]func(lexEntry) error) error {
		entries, err := read(file)
		if err != nil {
			return err
		}
		for _, e := range entries {
			f, ok := want[e.Section]
			if !ok {
				return fmt.Errorf("extract: %s:%d: unknown section [%s]", file, e.Line, e.Section)
			}
			if err := f(e); err != nil {
				return fmt.Errorf("extract: %s:%d: %v", file, e.Line, err)
			}
		}
		return nil
	}
	flag := func(p **text.Phrases[bool]) func(lexEntry) error {
		*p = text.NewPhrases[bool]()
		return func(e lexEntry) error { (*p).Add(e.Phrase, true); return nil }
	}
	integer := func(p **text.Phrases[int]) func(lexEntry) error {
		*p = text.NewPhrases[int]()
		return func(e lexEntry) error {
			n, err := strconv.Atoi(e.Value)
			if err != nil {
				return fmt.Errorf("%q: value %q is not a number", e.Phrase, e.Value)
			}
			(*p).Add(e.Phrase, n)
			return nil
		}
	}

	scopes := newMaskLex()
	if err := sections("modality.txt", map[string]func(lexEntry) error{
		"conditional":  scopes.add(sConditional),
		"hypothetical": flag(&lx.hypothetical),
		"realized":     flag(&lx.realized),
		"topic":        flag(&lx.topic),
		"modal":        flag(&lx.modal),
		"intent":       flag(&lx.intent),
		"projection":   flag(&lx.projection),
		"negation":     flag(&lx.negation),
		"reference":    scopes.add(sReference),
		"demand":       scopes.add(sDemand),
		"named":        scopes.add(sNamed),
		"grievance":    scopes.add(sGrievance),
	}); err != nil {
		return nil, err
	}

	lx.qualifiers = text.NewPhrases[string]()
	var qEntries []string // every phrase of quantities.txt
	vagueAdd := integer(&lx.vague)
	if err := sections("quantities.txt", map[string]func(lexEntry) error{
		"vague": func(e lexEntry) error {
			qEntries = append(qEntries, e.Phrase)
			return vagueAdd(e)
		},
		"qualifier": func(e lexEntry) error {
			switch e.Value {
			case "min", "approx", "exact":
			default:
				return fmt.Errorf("%q: qualifier must be min, approx or exact, not %q", e.Phrase, e.Value)
			}
			lx.qualifiers.Add(e.Phrase, e.Value)
			qEntries = append(qEntries, e.Phrase)
			return nil
		},
	}); err != nil {
		return nil, err
	}

	casualty := newMaskLex()
	if err := sections("casualties.txt", map[string]func(lexEntry) error{
		"death":     casualty.add(kDeath),
		"injury":    casualty.add(kInjury),
		"displaced": casualty.add(kDisplaced),
		"nodeaths":  casualty.add(kNoDeaths),
		"unknown":   casualty.add(kUnknown),
		"victim":    flag(&lx.victim),
		"nonhuman":  flag(&lx.nonhuman),
		"pronoun":   integer(&lx.pronoun),
		"partitive": flag(&lx.partitive),
		"period":    flag(&lx.period),
	}); err != nil {
		return nil, err
	}

	lx.quantityStart = text.NewPhrases[bool]()
	for w := range numberWords {
		lx.quantityStart.Add(w, true)
	}
	for _, e := range qEntries {
		lx.quantityStart.Add(strings.Fields(e)[0], true)
	}
	for _, w := range []string{"a", "an"} {
		lx.quantityStart.Add(w, true)
	}

	lx.relative = text.NewPhrases[relDate]()
	lx.vagueDate = text.NewPhrases[string]()
	lx.agoUnits = text.NewPhrases[byte]()
	if err := sections("dates.txt", map[string]func(lexEntry) error{
		"month":       integer(&lx.months),
		"weekday":     integer(&lx.weekdays),
		"past opener": flag(&lx.pastOpener),
		"relative": func(e lexEntry) error {
			r, err := parseRelDate(e.Value)
			if err != nil {
				return fmt.Errorf("%q: %v", e.Phrase, err)
			}
			lx.relative.Add(e.Phrase, r)
			filtered[startRelative] = append(filtered[startRelative], e.Phrase)
			return nil
		},
		"vague": func(e lexEntry) error {
			if !validPrecision(e.Value) {
				return fmt.Errorf("%q: bad precision %q", e.Phrase, e.Value)
			}
			lx.vagueDate.Add(e.Phrase, e.Value)
			filtered[startVagueDate] = append(filtered[startVagueDate], e.Phrase)
			return nil
		},
		"ago": func(e lexEntry) error {
			if len(e.Value) != 1 || !strings.ContainsAny(e.Value, "dwmy") {
				return fmt.Errorf("%q: unit must be d, w, m or y", e.Phrase)
			}
			lx.agoUnits.Add(e.Phrase, e.Value[0])
			return nil
		},
	}); err != nil {
		return nil, err
	}

	lx.partyMedia = text.NewPhrases[string]()
	if err := sections("attribution.txt", map[string]func(lexEntry) error{
		"say":        flag(&lx.say),
		"source":     flag(&lx.sources),
		"background": scopes.add(sBackground),
		"party media": func(e lexEntry) error {
			if e.Value == "" {
				return fmt.Errorf("%q: want 'outlet => group'", e.Phrase)
			}
			lx.partyMedia.Add(e.Phrase, e.Value)
			lx.sources.Add(e.Phrase, true)
			return nil
		},
	}); err != nil {
		return nil, err
	}
	lx.scopes = scopes.build()
	lx.casualty = casualty.build()
	filtered[startScope], filtered[startCasualty] = scopes.order, casualty.order
	lx.anaphoricPlace = text.NewPhrases[bool]()
	if err := sections("syntax.txt", map[string]func(lexEntry) error{
		"ground":          flag(&lx.ground),
		"site":            flag(&lx.site),
		"sacred":          flag(&lx.sacred),
		"determiner":      flag(&lx.determiner),
		"remains":         flag(&lx.remains),
		"repel":           flag(&lx.repel),
		"off duty":        flag(&lx.offDuty),
		"stage":           flag(&lx.stage),
		"crowd act":       flag(&lx.crowdAct),
		"way":             flag(&lx.way),
		"figure":          flag(&lx.figure),
		"held figure":     flag(&lx.heldFigure),
		"captive":         flag(&lx.captive),
		"take captive":    flag(&lx.takeCaptive),
		"protest goes on": flag(&lx.protestGoesOn),
		"shown":           flag(&lx.shown),
		"contest":         flag(&lx.contest),
		"foe":             flag(&lx.foe),
		"scourge":         flag(&lx.scourge),
		"authority":       flag(&lx.authority),
		"seat":            flag(&lx.seat),
		"destination":     flag(&lx.destination),
		"seat noun":       flag(&lx.seatNoun),
		"office":          flag(&lx.office),
		"place words":     flag(&lx.placeWords),
		"media":           flag(&lx.media),
		"anaphoric place": func(e lexEntry) error {
			if e.Value != "" && e.Value != "area" {
				return fmt.Errorf("%q: value %q, want none or 'area'", e.Phrase, e.Value)
			}
			lx.anaphoricPlace.Add(e.Phrase, e.Value == "area")
			return nil
		},
		"attribute":       flag(&lx.attribute),
		"combatant":       flag(&lx.combatant),
		"crowd":           flag(&lx.crowd),
		"military target": flag(&lx.militaryTarget),
		"civilian target": flag(&lx.civilianTarget),
		"venue":           flag(&lx.venue),
		"institution":     flag(&lx.institution),
		"remains found":   flag(&lx.remainsFound),
		"festive":         flag(&lx.festive),
		"justice":         flag(&lx.justice),
		"stock":           flag(&lx.stock),
		"gone":            flag(&lx.gone),
		"kin":             flag(&lx.kin),
		"example":         flag(&lx.example),
		"past":            flag(&lx.past),
		"state act":       flag(&lx.stateAct),
		"scrap":           flag(&lx.scrap),
		"durative":        flag(&lx.durative),
		"control degree":  flag(&lx.controlDegree),
		"march":           flag(&lx.march),
		"list break":      flag(&lx.listBreak),
		"foiled":          flag(&lx.foiled),
		"flee from":       flag(&lx.fleeFrom),
	}); err != nil {
		return nil, err
	}

	lx.domain = text.NewPhrases[bool]()
	if err := sections("domains.txt", map[string]func(lexEntry) error{
		"sport":    func(e lexEntry) error { lx.domain.Add(e.Phrase, true); return nil },
		"business": func(e lexEntry) error { lx.domain.Add(e.Phrase, true); return nil },
		"culture":  func(e lexEntry) error { lx.domain.Add(e.Phrase, true); return nil },
		"politics": func(e lexEntry) error { lx.domain.Add(e.Phrase, true); return nil },
		"disaster": flag(&lx.disaster),
	}); err != nil {
		return nil, err
	}

	lx.defaultActor1, lx.defaultActor2 = map[string]string{}, map[string]string{}
	subType := func(m map[string]string) func(lexEntry) error {
		return func(e lexEntry) error {
			if _, ok := sitrep.Taxonomy[e.Phrase]; !ok {
				return fmt.Errorf("%q is not an ACLED sub-event type", e.Phrase)
			}
			m[e.Phrase] = e.Value
			return nil
		}
	}
	lx.forcedActor1 = map[string]forced{}
	lx.noToll = map[string]bool{}
	if err := sections("defaults.txt", map[string]func(lexEntry) error{
		"no toll": func(e lexEntry) error {
			if _, ok := sitrep.Taxonomy[e.Phrase]; !ok {
				return fmt.Errorf("%q is not an ACLED sub-event type", e.Phrase)
			}
			lx.noToll[e.Phrase] = true
			return nil
		},
		"actor1": subType(lx.defaultActor1),
		"actor2": subType(lx.defaultActor2),
		"actor1 always": func(e lexEntry) error {
			if _, ok := sitrep.Taxonomy[e.Phrase]; !ok {
				return fmt.Errorf("%q is not an ACLED sub-event type", e.Phrase)
			}
			words, unless, _ := strings.Cut(e.Value, " unless ")
			f := forced{words: strings.TrimSpace(words)}
			if unless != "" {
				for _, side := range strings.Split(strings.TrimSpace(unless), "|") {
					if _, ok := sitrep.Sides[side]; !ok {
						return fmt.Errorf("%q: unknown side %q", e.Phrase, side)
					}
					f.unless = append(f.unless, side)
				}
			}
			lx.forcedActor1[e.Phrase] = f
			return nil
		},
	}); err != nil {
		return nil, err
	}
	lx.plover = map[string][2]string{}
	if err := sections("plover.txt", map[string]func(lexEntry) error{
		"plover": func(e lexEntry) error {
			f := strings.Fields(e.Value)
			if len(f) == 0 || len(f) > 2 {
				return fmt.Errorf("%q: want TYPE [mode], got %q", e.Phrase, e.Value)
			}
			var v [2]string
			copy(v[:], f)
			lx.plover[e.Phrase] = v
			return nil
		},
	}); err != nil {
		return nil, err
	}
	for i := range lx.rules {
		lx.rules[i].resolve(lx)
	}
	lx.indexStarts(filtered)
	return lx, nil
}

// The lexicons of Lexicon.starts, by bit.
const (
	startCue uint = iota
	startScope
	startCasualty
	startSay
	startQuantity
	startMonth
	startWeekday
	startRelative
	startVagueDate
	startAgo // the word "ago", which a date "three days ago" needs
	// The one and next bits of the lexicons with a phraseFilter.
	oneCue
	nextCue
	oneScope
	nextScope
	oneCasualty
	nextCasualty
	oneRelative
	nextRelative
	oneVagueDate
	nextVagueDate
)

// indexStarts fills Lexicon.starts; phrases holds, by start bit, the
// phrases of the lexicons that get a phraseFilter.
func (lx *Lexicon) indexStarts(phrases map[uint][]string) {
	text.AddStarts(&lx.starts, lx.cues, startCue)
	text.AddStarts(&lx.starts, lx.scopes, startScope)
	text.AddStarts(&lx.starts, lx.casualty, startCasualty)
	text.AddStarts(&lx.starts, lx.say, startSay)
	text.AddStarts(&lx.starts, lx.quantityStart, startQuantity)
	text.AddStarts(&lx.starts, lx.months, startMonth)
	text.AddStarts(&lx.starts, lx.weekdays, startWeekday)
	text.AddStarts(&lx.starts, lx.relative, startRelative)
	text.AddStarts(&lx.starts, lx.vagueDate, startVagueDate)
	ago := text.NewPhrases[bool]()
	ago.Add("ago", true)
	text.AddStarts(&lx.starts, ago, startAgo)
	lx.cueF = lx.addFilter(startCue, oneCue, nextCue, phrases[startCue])
	lx.scopeF = lx.addFilter(startScope, oneScope, nextScope, phrases[startScope])
	lx.casualtyF = lx.addFilter(startCasualty, oneCasualty, nextCasualty, phrases[startCasualty])
	lx.relativeF = lx.addFilter(startRelative, oneRelative, nextRelative, phrases[startRelative])
	lx.vagueDateF = lx.addFilter(startVagueDate, oneVagueDate, nextVagueDate, phrases[startVagueDate])
}

// phraseFilter tells from Lexicon.starts alone, before a Match, whether a
// phrase of a lexicon may start at a token: its first word must be there,
// and either make a phrase alone (bit one) or be followed by the second
// word of a longer one (bit next). Where the first words are common words
// ("the", "in", "no", "a"), most tokens with the first bit start no
// phrase: "the" starts "the day before yesterday" and "the killing of",
// and Match would hash the words after it and probe once per length.
type phraseFilter struct{ first, one, next uint32 }

// may reports whether a phrase may start at toks[i], whose lexicon starts
// are at[i]. False means Match finds none there.
func (f phraseFilter) may(toks []text.Token, at []uint32, i int) bool {
	a := at[i]
	if a&f.first == 0 {
		return false
	}
	if a&f.one != 0 {
		return true
	}
	// Matching skips hyphens (and only punctuation): after a punctuation
	// mark the second word may come later.
	j := i + 1
	return j < len(toks) && (at[j]&f.next != 0 || toks[j].Kind == text.Punct)
}

// addFilter sets the one and next bits of the phrases of a lexicon, whose
// first words have bit first, and returns its filter. A phrase has one word
// when it has at most one token other than punctuation: only punctuation
// (a hyphen) is transparent to Match, so a phrase with two such tokens
// matches two words. Every token past a phrase's first is a possible
// second word.
func (lx *Lexicon) addFilter(first, one, next uint, phrases []string) phraseFilter {
	ones, nexts := text.NewPhrases[bool](), text.NewPhrases[bool]()
	for _, p := range phrases {
		words := 0
		for k, t := range text.Tokenize(p) {
			if t.Kind == text.Punct {
				continue
			}
			words++
			if k > 0 {
				nexts.Add(t.Norm, true)
			}
		}
		if words <= 1 {
			ones.Add(p, true)
		}
	}
	text.AddStarts(&lx.starts, ones, one)
	text.AddStarts(&lx.starts, nexts, next)
	f := phraseFilter{first: 1 << first, one: 1 << one, next: 1 << next}
	// A word added alone is the token it was in its phrase, so it probes
	// to the same bits; should it not, the filter tests first words only.
	for _, p := range phrases {
		for k, t := range text.Tokenize(p) {
			if k > 0 && t.Kind != text.Punct && lx.starts.Of(t)&f.next == 0 {
				f.one = f.first
				return f
			}
		}
	}
	return f
}

// has reports whether the starts set at holds lexicon bit.
func has(at uint32, bit uint) bool { return at&(1<<bit) != 0 }

// appendStarts appends to dst the lexicon starts of each token.
func (lx *Lexicon) appendStarts(dst []uint32, toks []text.Token) []uint32 {
	for i := range toks {
		dst = append(dst, lx.starts.Of(toks[i]))
	}
	return dst
}

// Scope kinds, bits of Lexicon.scopes.
const (
	sConditional = iota
	sReference
	sDemand
	sNamed
	sBackground
	sGrievance
)

// maskLex gathers phrases of several sections into one lexicon whose value
// is the set of sections a phrase is in, so a text is matched once for all.
type maskLex struct {
	masks map[string]uint8
	order []string
}

func newMaskLex() *maskLex { return &maskLex{masks: map[string]uint8{}} }

func (m *maskLex) add(bit int) func(lexEntry) error {
	return func(e lexEntry) error {
		if _, ok := m.masks[e.Phrase]; !ok {
			m.order = append(m.order, e.Phrase)
		}
		m.masks[e.Phrase] |= 1 << bit
		return nil
	}
}

func (m *maskLex) build() *text.Phrases[uint8] {
	p := text.NewPhrases[uint8]()
	for _, ph := range m.order {
		p.Add(ph, m.masks[ph])
	}
	return p
}

// forced is a default actor that replaces the one the text names, unless
// that one has a side in unless.
type forced struct {
	words  string
	unless []string
}

// ploverOf returns the PLOVER type and mode of a sub-event type and kind.
func (lx *Lexicon) ploverOf(subType, kind string) (string, string) {
	if kind != "" {
		if v, ok := lx.plover[subType+" ["+kind+"]"]; ok {
			return v[0], v[1]
		}
	}
	v := lx.plover[subType]
	return v[0], v[1]
}

// class returns the id of the cue class name, or -1.
func (lx *Lexicon) class(name string) int {
	if id, ok := lx.classIDs[name]; ok {
		return id
	}
	return -1
}

// relDate is a date relative to the publication date.
type relDate struct {
	n         int
	unit      byte // d, w, m, y
	precision string
}

func parseRelDate(v string) (relDate, error) {
	f := strings.Fields(v)
	if len(f) != 2 || len(f[0]) < 2 {
		return relDate{}, fmt.Errorf("want OFFSET PRECISION, got %q", v)
	}
	unit := f[0][len(f[0])-1]
	if !strings.ContainsRune("dwmy", rune(unit)) {
		return relDate{}, fmt.Errorf("offset %q: unit must be d, w, m or y", f[0])
	}
	n, err := strconv.Atoi(f[0][:len(f[0])-1])
	if err != nil {
		return relDate{}, fmt.Errorf("offset %q: %v", f[0], err)
	}
	if !validPrecision(f[1]) {
		return relDate{}, fmt.Errorf("bad precision %q", f[1])
	}
	return relDate{n: n, unit: unit, precision: f[1]}, nil
}

func validPrecision(p string) bool {
	return p == "day" || p == "week" || p == "month" || p == "year"
}

// word reports whether the one word at toks[k] is in p (a section of
// one-word entries).
func word(p *text.Phrases[bool], toks []text.Token, k int) bool {
	if k < 0 || k >= len(toks) {
		return false
	}
	end, _, ok := p.Match(toks, k)
	return ok && end == k+1
}
