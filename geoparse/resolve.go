package geoparse

import (
	"math"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
)

// The weights below are in one unit, roughly "an order of magnitude of
// population" (population scores half a point per tenfold).
const (
	// accept is the score a reading needs for its name to be a mention.
	accept = 2.2
	// focusWeight scales the text's country shares (0 to 1).
	focusWeight = 3.5
	// qualBonus rewards a reading inside its qualifier (and punishes one
	// outside it).
	qualBonus = 4.0
	// proxWeight rewards a reading near the other places of the text.
	proxWeight = 2.0
	// proxKm is the distance at which nearness is worth e^-1 of proxWeight.
	proxKm = 60.0
	// kmPerDegree is the length of a degree of latitude.
	kmPerDegree = 111.2
	// proxWindow is how many spans before and after a span its
	// neighbours are looked for.
	proxWindow = 24
	// nearKm is how close to a town qualifier a reading must lie to be "in"
	// it ("Bab Amr in Homs city", "Djibo (Djibo, Soum)").
	nearKm = 30.0
)

// featureScore ranks GeoNames feature codes: capitals and seats of
// government are what news names; sections, historical and abandoned
// places rarely.
var featureScore = map[string]float64{
	"PPLC": 1.5, "PPLA": 1.2, "PPLA2": 0.7, "PPLA3": 0.3, "PPLA4": 0.1, "PPLA5": 0.1,
	"PPL": 0, "PPLG": 0.5, "PPLS": -0.3, "PPLX": -0.4, "PPLL": -0.2, "PPLF": -0.5,
	"PPLR": -0.5, "PPLH": -1.5, "PPLQ": -1.5, "PPLW": -1.5, "PPLCH": -1.5, "STLMT": -0.5,
	"ADM1": 0.5, "ADM2": 0.2,
}

// levelFit[cue][level] is how a reading of some level fits the place noun
// after (or before) its name.
var levelFit = [...][4]float64{
	//            town  district region country
	cueNone:     {0, -1.5, -0.3, 0},
	cueTown:     {1.5, -1.5, -2, -3},
	cueDistrict: {-0.5, 2, 0.5, -3},
	cueRegion:   {-1, 0.5, 2.5, -2},
	cueCounty:   {-1, 2, 2, -3},
	cueAround:   {0.3, 0, 2, -2},
	cueSite:     {0.3, 0, 0, -1},
	cueCountry:  {-2, -2, -2, 3},
	cueRoute:    {0.3, 0, 0, -1},
	cueVillage:  {1.5, -1.5, -2, -3},
}

// prior is what a reading is worth before the text is read.
func prior(c *cand) float64 {
	p := c.p
	var s float64
	switch p.Level {
	case gazetteer.LevelCountry:
		// A country's name is the country: it outweighs any town of the
		// same name but a capital.
		s = 6
	case gazetteer.LevelTown:
		s = 0.5*math.Log10(float64(townPop(p))+1) + featureScore[p.Feature]
	default:
		// An area's population is the sum of its towns' (a floor of its
		// own): it counts as much as a town's, less a little.
		s = 0.5*math.Log10(float64(p.Population)+1) + featureScore[p.Feature] - 0.5
	}
	switch {
	case c.fuzzy:
		s -= 2.5
	case c.alt && p.Level == gazetteer.LevelTown:
		s -= 0.8
	}
	return s
}

// townPop is a town's population for the prior. GeoNames gives 0 where it
// does not know (Ash Shaddadah, a town of 15,000), and cities500 holds
// only places of 500 people or more: an unknown population is taken as a
// small town's, a larger one for a seat of government.
func townPop(p *gazetteer.Place) int {
	if p.Population > 0 {
		return p.Population
	}
	switch p.Feature {
	case "PPLC", "PPLA", "PPLA2":
		return 20000
	case "PPLA3":
		return 5000
	}
	return 1500
}

// bestFirst moves the best reading by base score (by s, if byS) to the
// front, the others keeping their order: what follows asks for the best
// reading, and for all of them, but never for the order of the rest.
// Ties go to the first in the gazetteer.
func bestFirst(cs []cand, byS bool) {
	b := 0
	for i := 1; i < len(cs); i++ {
		x, y := cs[i].base, cs[b].base
		if byS {
			x, y = cs[i].s, cs[b].s
		}
		if x > y || x == y && cs[i].p.Index() < cs[b].p.Index() {
			b = i
		}
	}
	if b > 0 {
		c := cs[b]
		copy(cs[1:b+1], cs[:b])
		cs[0] = c
	}
}

// hasContext reports whether the words around a span say it is a place.
func (s *span) hasContext() bool {
	return s.locative || s.cue != cueNone || s.qual >= 0 || s.isQual || s.paren || s.listed
}

// resolve scores every reading and chooses one per span.
func (st *state) resolve() {
	// 1. Base scores: prior, focus, fit with the words around.
	for i := range st.spans {
		s := &st.spans[i]
		top, topShare := st.topFocus(s)
		mass := st.total
		for _, v := range s.self {
			mass -= v.v
		}
		for j := range s.cands {
			c := &s.cands[j]
			b := c.local
			f := st.focusFor(s, c.p.CountryCode)
			b += focusWeight * f
			// A weak reading in a country nothing else in the text
			// supports loses what it lacks in evidence.
			// A text with no country evidence at all does not contradict
			// it, and asks half as much, but of a skeleton match.
			scale := 1.0
			if !c.fuzzy {
				scale = 0.5 + 0.5*min(1, max(0, mass))
			}
			b -= st.weakness(s, c) * max(0, 1-f/supportShare) * scale
			switch {
			case c.p.CountryCode == top && topShare >= 0.3:
				b += 0.5
			case f == 0 && topShare >= 0.5 && mass >= 0.8 && !famous(st.text[s.start:s.end], c):
				// The text is about another country: a reading here needs
				// more than a name (a country less: it may be a neighbour).
				switch {
				case c.p.Level == gazetteer.LevelCountry || bigCity(c):
					// A country, or a city written as its own name, may be
					// where the text's forces went ("US troops stormed
					// Fallujah").
					b -= 1
				case c.alt:
					b -= 3 // Málaga for "Mala'aq" in a text about Syria
				default:
					b -= 2
				}
			}
			if famous(st.text[s.start:s.end], c) {
				b += 1.5
			}
			if s.paren && c.p.Level != gazetteer.LevelTown && c.p.Level != gazetteer.LevelCountry {
				// "X (Markoye, Oudalan)", "Djibo (Soum, Sahel)": the names
				// in parentheses after a place are its areas.
				b += 1.5
			}
			c.base = b
			c.s = b
		}
		bestFirst(s.cands, false)
	}
	// 2. Nearness to the places of the text whose reading is clear.
	st.proximity()
	// 3. Qualifiers, from the last span back, so that a qualifier's own
	// qualifier has fixed its reading first ("X (Markoye, Oudalan)").
	for i := len(st.spans) - 1; i >= 0; i-- {
		st.qualify(i)
	}
	st.seatTowns()
	st.respellTowns()
	// 4. Choice and acceptance: the names first, then those that fall
	// back to a qualifier, which must itself be a place the text names
	// ("Maareh village east of Sarhan" does not fall back to Manisa,
	// a skeleton reading of Sarhan that is no mention).
	for i := range st.spans {
		if !st.spans[i].fallback {
			st.choose(i)
		}
	}
	for i := range st.spans {
		if s := &st.spans[i]; s.fallback && !st.qualAccepted(i) {
			s.fallback, s.qual = false, -1
		}
		st.choose(i)
	}
	// Lists: a name that needs context gets it from accepted neighbours.
	for i := range st.spans {
		s := &st.spans[i]
		if s.accepted || s.best < 0 || !s.listed {
			continue
		}
		st.choose(i)
	}
	st.oneSense()
}

// seatTowns gives a town the lead its district took by the name alone:
// "Lashio" with no "district" written is the town, not Lashio District,
// however many towns around it the district holds (which is what
// proximity rewards). ACLED codes the town, and news means it. A bare name
// that only the district carries is the district's town that GeoNames
// spells apart, found by its spelling key (respeltIn); with a place noun
// ("Myawaddy Township") it stays the area.
func (st *state) seatTowns() {
	for i := range st.spans {
		s := &st.spans[i]
		if len(s.cands) == 0 || s.cands[0].p.Level != gazetteer.LevelDistrict {
			continue
		}
		area := s.cands[0].p
		k := 1
		for ; k < len(s.cands); k++ {
			c := &s.cands[k]
			if c.p.Level == gazetteer.LevelTown && !c.fuzzy && literal(st.text[s.start:s.end], c.p.Name) &&
				c.p.CountryCode == area.CountryCode && gazetteer.Distance(c.p.Lat, c.p.Lon, area.Lat, area.Lon) <= nearKm {
				town := *c
				town.s = max(town.s, s.cands[0].s+0.01)
				copy(s.cands[1:k+1], s.cands[:k])
				s.cands[0] = town
				break
			}
		}
		if k == len(s.cands) && s.cue == cueNone && !literal(st.text[s.start:s.end], area.Name) {
			// No town of the name: the district's town spelt apart
			// ("Myawaddy" for Myawaddy District, whose town GeoNames
			// spells Myawadi).
			if seat, ok := st.respeltIn(s, area); ok {
				town := s.cands[0]
				town.p, town.s = seat, town.s+0.01
				s.cands = append(s.cands, cand{})
				copy(s.cands[1:], s.cands[:len(s.cands)-1])
				s.cands[0] = town
			}
		}
	}
}

// oneSense gives the spans of a name that were not accepted the reading of
// the surest that was: a text names one place by one name, and "in
// Ferguson" makes the "#Ferguson" after it a place too.
func (st *state) oneSense() {
	sure := slices.Grow(st.sure[:0], len(st.spans))[:len(st.spans)]
	st.sure = sure
	shared := false
	for i := range st.spans {
		sure[i] = -1
		s := &st.spans[i]
		if s.group != int32(i) {
			shared = true
		}
		if !s.accepted || s.fallback || s.best < 0 {
			continue
		}
		if g := s.group; sure[g] < 0 || s.score > st.spans[sure[g]].score {
			sure[g] = int32(i)
		}
	}
	if !shared {
		return
	}
	for i := range st.spans {
		s := &st.spans[i]
		if s.person || s.inRun || s.acronym || s.fallback || sure[s.group] < 0 {
			continue
		}
		t := &st.spans[sure[s.group]]
		if s.accepted && (s.qual >= 0 || t.qual < 0 || s.cue != cueNone && s.cue != t.cue) && !nounFixes(s, t) {
			// An accepted span keeps its reading unless the surest is
			// placed by a qualifier and it is not: "Paris, Missouri ...
			// Paris officials" is the same Paris. A span with a place
			// noun of its own keeps it: "Aleppo province" is not the
			// city of "Aleppo, Syria's second city".
			continue
		}
		p := t.cands[t.best].p
		for k := range s.cands {
			if s.cands[k].p == p {
				s.best, s.score, s.accepted = k, s.cands[k].s, true
				break
			}
		}
	}
}

// local is a reading's score from the name and the words around it alone:
// prior, spelling, fit with the place noun, a preposition of place, and
// capitalised strangers around it.
func (st *state) local(s *span, c *cand) float64 {
	b := c.prior
	switch {
	case c.lit:
		b += 0.7 // spelt as the gazetteer spells it ("Colombo" for Colombo District too)
	case c.p.Level == gazetteer.LevelCountry:
		b -= 3 // a country is its name: "Grenade" is no Grenada
	}
	b += levelFit[s.cue][c.p.Level]
	if s.cue == cueVillage && c.p.Level == gazetteer.LevelTown && townPop(c.p) >= villageMax {
		b -= 2 // a village is no city: "Tiba village" is not Chiba
	}
	if s.locative {
		b += 1
	}
	if s.inRun {
		if strong(c) {
			b -= 1
		} else {
			b -= 3
		}
	}
	if s.sentInit && s.t0 == s.t1 {
		b -= 0.5
	}
	return b
}

// villageMax is the population past which a town is no village.
const villageMax = 20000

// supportShare is the share of the text's country evidence that fully
// supports a reading in that country (see weakness).
const supportShare = 0.25

// weakness is how much a reading needs support from the rest of the text,
// in score units: what it loses in a country nothing else in the text
// points to (in proportion as less does). A country's own name, a capital,
// a city written as the gazetteer writes it, need none; a name that only
// sounds like a place's (Grenade for Grenada, Banh for Banhā), an
// alternate name, a skeleton match, a village, a name inside a longer
// run of capitalised words (Pradeshiya Sabha) need the more the weaker they
// are: a wrong country is worse than none.
func (st *state) weakness(s *span, c *cand) float64 {
	var w float64
	switch {
	case c.fuzzy:
		w = weakFuzzy
	case c.p.Level == gazetteer.LevelCountry:
		if !c.lit {
			w = weakFuzzy // "Grenade" is no Grenada
		}
		return w
	case c.p.Level != gazetteer.LevelTown:
		// Areas are few, and their names distinctive: only a skeleton
		// match is weak.
	case c.alt:
		w = weakAlt
	case !c.lit:
		w = weakSpelling
	}
	if c.p.Level == gazetteer.LevelTown {
		switch pop := townPop(c.p); {
		case c.p.Feature == "PPLC" || c.p.Feature == "PPLA" || pop >= 100000:
			if c.lit || c.alt && !c.fuzzy {
				w += weakCity // a city is known by its names, not by what sounds like them
			}
		case pop < 10000 && c.p.Feature != "PPLA2":
			w += weakVillage
		}
	}
	if c.p.Level == gazetteer.LevelDistrict && c.p.Population < 10000 {
		w += weakVillage // a district of villages the gazetteer hardly knows
	}
	if s.inRun {
		w += weakInRun
	}
	if s.sentInit && s.t0 == s.t1 && !s.locative && !st.isPunct(s.t0-1, '#') {
		w += weakSentInit // "Grenade attack kills five": any word opens a sentence
	}
	return max(0, w)
}

// The weights of weakness.
const (
	weakFuzzy    = 3.0
	weakAlt      = 1.2
	weakSpelling = 1.5
	weakCity     = -1.0
	weakVillage  = 1.0
	weakInRun    = 2.5
	weakSentInit = 1.0
)

// famous reports whether a reading is a place known the world over by the
// very name written: a capital, or a city of a million.
func famous(text string, c *cand) bool {
	if c.alt || c.fuzzy || c.p.Level != gazetteer.LevelTown {
		return false
	}
	return (c.p.Feature == "PPLC" || c.p.Population >= 1000000) && literal(text, c.p.Name)
}

// strong reports whether a reading is a place news names on its own:
// a country, a capital or admin seat, a city of 100,000.
func strong(c *cand) bool {
	p := c.p
	if c.fuzzy || c.alt {
		return false
	}
	switch p.Feature {
	case "PCLI", "PPLC", "PPLA":
		return true
	}
	return p.Level == gazetteer.LevelTown && p.Population >= 100000
}

// bigCity reports whether a reading is a city of 100,000 written as the
// gazetteer writes it (but for an Arabic article).
func bigCity(c *cand) bool {
	return c.lit && !c.alt && !c.fuzzy && c.p.Level == gazetteer.LevelTown && townPop(c.p) >= 100000
}

// proximity adds to each reading its nearness to the clear readings of
// other spans nearby in the text: places a text names together tend to
// lie together. Only the spans within proxWindow of each other count, so
// that a long text costs in proportion to its length.
func (st *state) proximity() {
	anchors := st.anchors[:0]
	defer func() { st.anchors = anchors }()
	for i := range st.spans {
		s := &st.spans[i]
		if len(s.cands) == 0 || s.person || s.outlet {
			continue
		}
		c := &s.cands[0]
		if c.p.Level == gazetteer.LevelCountry {
			continue
		}
		second := math.Inf(-1)
		for _, o := range s.cands[1:] {
			second = max(second, o.base)
		}
		clear := c.base-second >= 2
		if clear && c.base >= accept {
			anchors = append(anchors, anchor{i, c.p, c.p.Lat, c.p.Lon, math.Cos(c.p.Lat * math.Pi / 180)})
		}
	}
	if len(anchors) == 0 {
		return
	}
	a0 := 0
	for i := range st.spans {
		s := &st.spans[i]
		for a0 < len(anchors) && anchors[a0].span < i-proxWindow {
			a0++
		}
		if len(s.cands) < 2 {
			continue
		}
		for j := range s.cands {
			c := &s.cands[j]
			if c.p.Level == gazetteer.LevelCountry {
				continue
			}
			// Within the few hundred kilometres that count, a flat map is
			// exact enough: degrees of latitude, and of longitude scaled
			// by the cosine of the (anchor's) latitude.
			nearest := math.Inf(1)
			for _, a := range anchors[a0:] {
				if a.span > i+proxWindow {
					break
				}
				if a.span == i || a.place == c.p {
					continue
				}
				dy := a.lat - c.p.Lat
				if dy > 3 || dy < -3 {
					continue // beyond 330 km nearness is worth nothing (e^-5)
				}
				dx := a.lon - c.p.Lon
				if dx > 180 {
					dx -= 360
				} else if dx < -180 {
					dx += 360
				}
				dx *= a.scale
				nearest = min(nearest, dx*dx+dy*dy)
			}
			if !math.IsInf(nearest, 1) {
				c.s += proxWeight * math.Exp(-math.Sqrt(nearest)*kmPerDegree/proxKm)
			}
		}
		bestFirst(s.cands, true)
	}
}

// anchor is a clear reading that draws the readings near it (see
// proximity).
type anchor struct {
	span     int
	place    *gazetteer.Place
	lat, lon float64
	scale    float64 // the cosine of lat
}

// within reports whether reading x lies in reading y: y's area contains
// it, or y is a town x is near.
func within(y, x *gazetteer.Place) bool {
	if y == x {
		return false
	}
	if y.Level == gazetteer.LevelTown {
		return x.Level == gazetteer.LevelTown && gazetteer.Distance(x.Lat, x.Lon, y.Lat, y.Lon) <= nearKm
	}
	if y.Contains(x) {
		return true
	}
	// Many countries' towns carry no admin2 code: a district holds the
	// towns of its province near its seat.
	return y.Level == gazetteer.LevelDistrict && x.Admin2Code == "" && x.CountryCode == y.CountryCode &&
		x.Admin1Code == y.Admin1Code && gazetteer.Distance(x.Lat, x.Lon, y.Lat, y.Lon) <= nearKm
}

// qualify tries the proposed qualifiers of span i, nearest first, and
// keeps the first that can contain it.
func (st *state) qualify(i int) {
	x := &st.spans[i]
	if x.inRun || x.class&classContext != 0 && !x.locative && x.cue == cueNone {
		// "the Veterinary Training School in Salamiyah": part of a name, or a
		// common word, is no place to be located by what follows.
		return
	}
	for n, qi := range x.quals {
		y := &st.spans[qi]
		if y.person || y.acronym || y.outlet || st.placeOf(qi) == nil && len(y.cands) == 0 {
			continue
		}
		if y.class&classContext != 0 && len(y.cands) > 0 && !strong(&y.cands[0]) && st.focusFor(y, y.cands[0].p.CountryCode) < 0.25 {
			continue // "Eastern", "Room": a common word is no qualifier on its own
		}
		h := x.qhow[n]
		if h == byParen && n+1 < len(x.quals) && !y.fallback && !st.inLast(y, x) {
			// In "X (A, B)", A counts only if it lies in B: an A the
			// gazetteer reads elsewhere (Pobe-Mengao as Pobé, Benin) is
			// passed over for B.
			continue
		}
		if len(x.cands) == 0 {
			// Unknown name in a place's position: its qualifier locates it.
			// "Of" needs a place noun on one side: "the village of X of
			// Y", not "the Direction of Labour".
			placey := x.cue != cueNone || x.locative || x.paren || st.isPunct(x.after, '(')
			if h == byOf {
				placey = x.cue != cueNone && x.cue != cueSite || y.cue != cueNone
			}
			if placey {
				st.fallBack(x, y, qi)
				return
			}
			continue
		}
		// y's readings; a qualifier that itself fell back reads as the
		// place it fell back to.
		ys := y.cands
		if y.fallback || len(ys) == 0 {
			pl := st.placeOf(qi)
			if pl == nil {
				continue
			}
			ys = []cand{{p: pl, s: accept}}
		}
		// The best pair with x inside y. In a qualifier's place an area
		// reads better than a town of the same name ("Rastan, Homs"). A
		// country's name is the country unless a place of that very name
		// lies in a part of a country the text names ("Jordan,
		// Minnesota"): two countries are a list ("China, Japan, and the
		// United Kingdom"), and a town with the name among its other
		// names never takes it ("cases in Russia, Romania, and
		// Macedonia").
		country := literalCountry(x.cands)
		bx, by, bs := -1, -1, math.Inf(-1)
		for b := range ys {
			yc := &ys[b]
			if !fitsQualifier(x, yc.p) {
				continue
			}
			yscore := yc.s
			if yc.p.Level != gazetteer.LevelTown && y.cue != cueTown && y.cue != cueVillage {
				yscore += 2
			}
			for a := range x.cands {
				if country && yc.p.Level == gazetteer.LevelCountry {
					continue // (its loose readings are gone: literalOnly)
				}
				if s := x.cands[a].s + yscore; s > bs && within(yc.p, x.cands[a].p) {
					bx, by, bs = a, b, s
				}
			}
		}
		if h == byComma && bx >= 0 && x.cands[bx].p.Level == gazetteer.LevelTown && areaNamed(x) && st.inList(x, y) {
			continue // "Kansas, Oklahoma, Pennsylvania": areas in a list, not a town and its state
		}
		if a := st.commaArea(x, y, h); bx < 0 && a >= 0 {
			// "Lanexa, Virginia", "Bradford, Ontario": a town the
			// gazetteer lacks in the area the writer put it in, not a
			// namesake elsewhere (Lenexa, Kansas; Bradford, England).
			y.cands[a].s += qualBonus
			x.qual, y.isQual, x.fallback = qi, true, true
			return
		}
		if bx < 0 {
			// No reading of x lies in any reading of y. When the words
			// make y an enclosing place ("Bara village in Idleb
			// countryside", "X (A, B)"), x is a place the gazetteer lacks
			// there: fall back to y. A list ("Aleppo, Hama") is not that.
			if st.encloses(x, y, h, ys[0].s) {
				st.fallBack(x, y, qi)
				return
			}
			continue
		}
		yp := ys[by].p
		for a := range x.cands {
			if within(yp, x.cands[a].p) {
				x.cands[a].s += qualBonus
			} else {
				x.cands[a].s -= qualBonus
			}
		}
		for b := range y.cands {
			if y.cands[b].p == yp {
				y.cands[b].s += qualBonus
			}
		}
		x.qual, y.isQual = qi, true
		return
	}
}

// respellTowns reads each town or village that nothing around places,
// and that the gazetteer lacks as written in the text's country, as the
// town of that country it names in another spelling, if one does
// (respeltInCountry): "the village of Thiban" in a text about Syria is
// Dhiban, not a Tibaná of Colombia that sounds like it.
func (st *state) respellTowns() {
	for i := range st.spans {
		x := &st.spans[i]
		if x.qual >= 0 || x.person || x.inRun || x.cue != cueTown && x.cue != cueVillage && (x.cue != cueNone || !x.locative) {
			continue
		}
		cc, share := st.topFocus(x)
		if share < 0.5 || slices.ContainsFunc(x.cands, func(c cand) bool { return c.p.CountryCode == cc || !c.fuzzy }) {
			continue
		}
		if town, ok := st.respeltInCountry(x, cc); ok {
			st.readAs(x, town, 0)
		}
	}
}

// readAs makes town, the place x names in another spelling, x's one
// reading, with bonus added to its score.
func (st *state) readAs(x *span, town *gazetteer.Place, bonus float64) {
	c := cand{p: town, alt: true}
	c.prior = prior(&c)
	c.local = st.local(x, &c)
	c.base = c.local + focusWeight*st.focusFor(x, town.CountryCode)
	c.s = c.base + bonus
	x.cands = append(x.cands[:0:0], c)
	x.unknown = false
}

// fallBack places span x, a name with no reading inside its qualifier y
// (span qi), by y: at the town of y that x names in another spelling if
// there is one (respeltIn), else at y itself, at y's precision.
func (st *state) fallBack(x, y *span, qi int) {
	x.qual, y.isQual = qi, true
	town, ok := st.respeltIn(x, st.placeOf(qi))
	if !ok {
		x.fallback = true
		return
	}
	st.readAs(x, town, qualBonus)
}

// commaArea returns, for "X, Y" that is no list, where X names no area
// and Y names a first-level area or a country by its name, the index of
// that reading of Y; else -1.
func (st *state) commaArea(x, y *span, h how) int {
	if h != byComma || areaNamed(x) || st.listed(x, y) {
		return -1
	}
	for i := range y.cands {
		if c := &y.cands[i]; c.lit && !c.fuzzy && c.p.Level >= gazetteer.LevelRegion {
			return i
		}
	}
	return -1
}

// areaNamed reports whether a reading of a span is a first-level area or
// a country written by its name.
func areaNamed(s *span) bool {
	for i := range s.cands {
		if c := &s.cands[i]; c.lit && !c.fuzzy && c.p.Level >= gazetteer.LevelRegion {
			return true
		}
	}
	return false
}

// literalCountry reports whether one of cs is a country written by its
// name.
func literalCountry(cs []cand) bool {
	for i := range cs {
		if cs[i].lit && cs[i].p.Level == gazetteer.LevelCountry {
			return true
		}
	}
	return false
}

// inLast reports whether some reading of y lies in some reading of x's
// last qualifier (or is it).
func (st *state) inLast(y, x *span) bool {
	b := &st.spans[x.quals[len(x.quals)-1]]
	for _, cy := range y.cands {
		for _, cb := range b.cands {
			if cy.p == cb.p || within(cb.p, cy.p) {
				return true
			}
		}
	}
	return false
}

// fitsQualifier reports whether a reading of a qualifier is coarse enough
// for the name it qualifies: "X district, Balkh" wants the province of
// Balkh, not the town.
func fitsQualifier(x *span, y *gazetteer.Place) bool {
	switch x.cue {
	case cueDistrict:
		return y.Level >= gazetteer.LevelRegion
	case cueCounty:
		// A county is a first-level area in Kenya, a second-level one in
		// the United States ("Crawford County in Pennsylvania"): Contains
		// tells which.
		return y.Level >= gazetteer.LevelRegion
	case cueRegion:
		return y.Level >= gazetteer.LevelCountry
	}
	return true
}

// qualAccepted reports whether the qualifier span i falls back to is
// accepted, following fallbacks.
func (st *state) qualAccepted(i int) bool {
	for n := 0; n < 8 && st.spans[i].fallback; n++ {
		i = st.spans[i].qual
	}
	s := &st.spans[i]
	return s.accepted && !s.fallback
}

// placeOf returns the place span i resolves to, following fallbacks.
func (st *state) placeOf(i int) *gazetteer.Place {
	for n := 0; n < 8; n++ {
		s := &st.spans[i]
		if !s.fallback {
			if s.best >= 0 {
				return s.cands[s.best].p
			}
			if len(s.cands) > 0 && !s.person {
				return s.cands[0].p
			}
			return nil
		}
		i = s.qual
	}
	return nil
}

// encloses reports whether the words around x and its qualifier y say
// that y is an area x lies in, rather than a neighbour in a list, so that
// x, read nowhere inside y, falls back to it. ys is the score of y's best
// reading: a qualifier read less surely than x itself ("Rajshahi city
// (Boalia)", Boalia read as Boali in the Central African Republic) does
// not unseat it.
func (st *state) encloses(x, y *span, h how, ys float64) bool {
	if literalCountry(x.cands) {
		return false // a country is where it is
	}
	xs := x.cands[0].s
	for _, c := range x.cands {
		xs = max(xs, c.s)
	}
	switch h {
	case byIn, byNear:
		return true // "Bara village in Idleb countryside", "oil fields near Palmyra"
	case byParen:
		return ys >= xs-1
	}
	if h == byComma && st.listed(x, y) {
		return false // "Sudan, Bundibugyo and Côte d'Ivoire": a list, not a place and its country
	}
	if ys < xs-1 {
		return false
	}
	switch x.cue {
	case cueTown, cueVillage, cueSite, cueAround:
		return true
	}
	switch y.cue {
	case cueRegion, cueDistrict, cueCounty, cueAround:
		return true
	}
	// "Zimmerman, Nairobi": an area or a capital after a comma, far surer
	// than any reading of the name before it.
	return ys >= xs+2
}

// currency reports whether a span is a country's prefix to a currency
// sign: "US$460 million", "$US 1.5 billion", "NZ$" name money, not a place.
func (st *state) currency(s *span) bool {
	return st.isPunct(s.t1+1, '$') && st.toks[s.t1+1].start == st.toks[s.t1].end ||
		st.isPunct(s.t0-1, '$') && st.toks[s.t0-1].end == st.toks[s.t0].start
}

// inList reports whether "x, y" is part of a list (see listed), or a
// comma and another name follow y.
func (st *state) inList(x, y *span) bool {
	return st.listed(x, y) || st.isPunct(y.t1+1, ',') && st.spanAt[min(y.t1+2, len(st.toks))] >= 0
}

// listed reports whether "x, y" reads as part of a list: another name and
// a comma before x, or "and" or "or" and another name after y.
func (st *state) listed(x, y *span) bool {
	if k := x.t0 - 1; k > 0 && st.isPunct(k, ',') && st.spanAt[k-1] >= 0 {
		return true
	}
	k := y.t1 + 1
	return k+1 < len(st.toks) && (st.is(k, "and") || st.is(k, "or")) && st.spanAt[k+1] >= 0
}

// choose settles span i's reading and whether it is a mention at all.
func (st *state) choose(i int) {
	s := &st.spans[i]
	s.accepted = false
	if s.person {
		return
	}
	if s.fallback {
		s.accepted = st.placeOf(s.qual) != nil
		return
	}
	if len(s.cands) == 0 {
		// Unknown and unlocated: kept, unresolved, only when the words say
		// it is a place.
		s.accepted = s.cue != cueNone && s.cue != cueSite
		return
	}
	best := 0
	for j := range s.cands {
		c, b := &s.cands[j], &s.cands[best]
		if c.s > b.s || (c.s == b.s && c.p.Index() < b.p.Index()) {
			best = j
		}
	}
	s.best = best
	c := &s.cands[best]
	s.score = c.s
	switch {
	case s.acronym && c.p.Level != gazetteer.LevelCountry:
		return // HTS, SDF, UN: organisations, not places
	case s.inRun && (!strong(c) || s.class&classContext != 0):
		// "Karak Communal Militia", "Liwa Sham al Rasul", "Caroline
		// Odiga", "the Band Temur area": part of a name the gazetteer
		// does not hold.
		return
	case c.fuzzy && st.focusFor(s, c.p.CountryCode) < 0.2 && s.qual < 0 && !s.locative && s.cue == cueNone:
		// A skeleton match far from the text's countries, and with nothing
		// around it that says place, is noise.
		return
	case s.class&classContext != 0 && (!s.hasContext() && !st.listedWithPlace(i) || !strong(c) && !st.namedArea(s, c) && st.focusFor(s, c.p.CountryCode) < 0.25):
		// Jordan, Kikuyu, Western: a place only where the words say so,
		// and then the text's own country or a place known on its own.
		return
	case s.unknown && !s.hasContext():
		return
	}
	s.accepted = c.s >= accept || s.isQual && c.s >= accept-1.5
}

// namedArea reports whether the words call the span an area of the
// level of its reading c ("Washington state", "Jordan province"): then
// even a name that is usually something else is that area; not a
// compass word ("Southern province" is in many countries).
func (st *state) namedArea(s *span, c *cand) bool {
	if !c.lit || st.compassWord(s.t0) {
		return false // "Southern province" is in many countries
	}
	return s.cue == cueRegion && c.p.Level == gazetteer.LevelRegion || s.cue == cueDistrict && c.p.Level == gazetteer.LevelDistrict
}

// listedWithPlace reports whether span i stands next to an accepted place
// in a list ("Syria, Jordan and Iraq").
func (st *state) listedWithPlace(i int) bool {
	s := &st.spans[i]
	if !s.listed {
		return false
	}
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(st.spans) && st.spans[j].accepted && st.spans[j].listed {
			return true
		}
	}
	return false
}

// sameFold reports whether name folds to fold, with or without a leading
// article ("Shadadah" for Ash Shaddādah is not literal, "Rastan" for Ar
// Rastan is).
func sameFold(fold []byte, name string) bool {
	if sameFold1(fold, name) {
		return true
	}
	if i := strings.IndexAny(name, " -"); i > 0 && i <= 3 && len(name) > i+1 {
		switch strings.ToLower(name[:i]) {
		case "al", "el", "ar", "as", "ash", "ad", "at", "az", "an", "en", "es", "ez":
			return sameFold1(fold, name[i+1:])
		}
	}
	return false
}

func sameFold1(fold []byte, name string) bool {
	if len(name) < len(fold)/2 || len(name) > 4*len(fold)+8 || len(fold) == 0 {
		return false // diacritics at most double a name's bytes
	}
	if c := name[0] | 0x20; name[0] < 0x80 && c >= 'a' && c <= 'z' && c != fold[0] {
		return false // the first letters differ
	}
	var b [64]byte
	return len(fold) > 0 && string(gazetteer.AppendFold(b[:0], name)) == string(fold)
}

// literal reports whether a name is written exactly as the place's name,
// but for case and diacritics: "Hama" for Ḩamāh, not "Room" for Rome.
func literal(text, name string) bool {
	var a, b [64]byte
	x, y := gazetteer.AppendFold(a[:0], text), gazetteer.AppendFold(b[:0], name)
	return len(x) > 0 && string(x) == string(y)
}

// nounFixes reports whether the surest span t of a name, read as a town by
// a place noun ("the city of Hama"), gives its reading to a span s of the
// name read as an area that has no noun of its own ("the capture of
// Hama"): a text that said it means the city does not mean the province
// of the same name after. The other way does not hold: "Idlib province"
// once does not make every bare "Idlib" after it the province.
func nounFixes(s, t *span) bool {
	if t.cue == cueNone || s.cue != cueNone || s.best < 0 || t.best < 0 || t.cands[t.best].p.Level != gazetteer.LevelTown {
		return false
	}
	l := s.cands[s.best].p.Level
	return l != gazetteer.LevelCountry && l != gazetteer.LevelTown
}
