package geoparse

import (
	"math"
	"slices"
	"strings"
)

// propose finds, for each span, the names that may qualify it:
//
//	X (A, B)              A, then B ("Ti-n-Samane (Markoye, Oudalan)")
//	X, [in|of] [the ...] Y    "Rastan, in Homs province", "Dawlat Abad district, Balkh"
//	X in|of [the ...] Y       "Harmushiyah town in the Deir-ez-Zor countryside"
//
// Whether Y does qualify X is for resolve to decide (can Y contain X?).
// Names joined by commas and "and" are also marked as listed.
func (st *state) propose() {
	lex := st.p.lex
	// The proposals of all spans share two buffers of the state: each
	// span's are the stretch appended while it is read.
	quals, qhow := st.quals[:0], st.qhows[:0]
	for i := range st.spans {
		x := &st.spans[i]
		q0 := len(quals)
		k := x.after
		for st.isPunct(k, '\'') || st.isPunct(k, '"') {
			k++ // "the 'Cement Works' in Homs province"
		}
		switch {
		case st.isPunct(k, '('):
			for j := k + 1; j < len(st.toks) && j < k+24; j++ {
				if st.isPunct(j, ')') {
					break
				}
				if si := st.spanAt[j]; si >= 0 {
					quals = append(quals, int(si))
					qhow = append(qhow, byParen)
					st.spans[si].paren = true
				}
			}
		case st.isPunct(k, ','):
			if j := st.skipTo(k+1, lex); j >= 0 {
				quals = append(quals, j)
				switch {
				case st.is(k+1, "in"):
					qhow = append(qhow, byIn) // "Rastan, in Homs province"
				case x.paren:
					qhow = append(qhow, byParen) // "(Pobe-Mengao, Soum)": a hierarchy
				default:
					qhow = append(qhow, byComma)
				}
				if st.spans[j].t0 == k+1 {
					x.listed, st.spans[j].listed = true, true
				}
			}
		case st.isWord(k) && st.compassOf(k) > 0:
			// "Maareh village east of Sarhan": placed near it.
			if j := st.skipTo(st.compassOf(k), lex); j >= 0 {
				quals = append(quals, j)
				qhow = append(qhow, byNear)
			}
		case st.isWord(k):
			if (st.is(k, "located") || st.is(k, "situated")) && st.is(k+1, "in") {
				k++ // "Fulton County located in Illinois"
			}
			switch {
			case st.is(k, "in") || st.is(k, "of"):
				if j := st.skipTo(k+1, lex); j >= 0 {
					// "Barsalogho in Burkina Faso's Centre-Nord region":
					// the area the country owns qualifies first.
					if z := st.ownedAfter(j, lex); z >= 0 {
						quals = append(quals, z)
						qhow = append(qhow, byIn)
					}
					quals = append(quals, j)
					if st.is(k, "in") {
						qhow = append(qhow, byIn)
					} else {
						qhow = append(qhow, byOf)
					}
				}
			case st.is(k, "near") || st.is(k, "outside") || st.is(k, "around"):
				// "the Al-Hail oil fields near Palmyra city": a name the
				// gazetteer lacks is placed at the town it is near.
				if j := st.skipTo(k+1, lex); j >= 0 {
					quals = append(quals, j)
					qhow = append(qhow, byNear)
				}
			case st.is(k, "and") || st.is(k, "or"):
				if si := st.spanAt[k+1]; si >= 0 {
					x.listed, st.spans[si].listed = true, true
				}
			}
		}
		if n := len(quals); n > q0 {
			x.quals, x.qhow = quals[q0:n:n], qhow[q0:n:n]
		}
	}
	st.quals, st.qhows = quals, qhow
	st.shareQualifiers()
	// "The Homs-Tadmor road", "Dhaka - Khulna highway": the names are the
	// ends of a road, not where it happened.
	for i := 0; i+1 < len(st.spans); i++ {
		x, y := &st.spans[i], &st.spans[i+1]
		joined := y.t0 == x.t1+1 && st.toks[y.t0].flags&tHyphen != 0 ||
			y.t0 == x.t1+2 && (st.isPunct(x.t1+1, '-') || st.isPunct(x.t1+1, '/'))
		if joined && y.cue == cueRoute {
			x.road, y.road = true, true
		}
	}
}

// ownedAfter returns the span named right after span j's possessive
// ("Burkina Faso's Centre-Nord region"), or -1.
func (st *state) ownedAfter(j int, lex *lexicon) int {
	a := st.spans[j].t1 + 1
	if a >= len(st.toks) {
		return -1
	}
	gap := strings.TrimSpace(st.text[st.spans[j].end:st.toks[a].start])
	if gap != "'s" && gap != "’s" {
		return -1
	}
	return st.skipTo(a, lex)
}

// compassOf returns the token after "north of", "south-east of" ... at k,
// or -1.
func (st *state) compassOf(k int) int {
	isPoint := func(j int) bool {
		for _, w := range [...]string{"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"} {
			if st.is(j, w) {
				return true
			}
		}
		return false
	}
	if !isPoint(k) {
		return -1
	}
	if isPoint(k+1) && st.toks[k+1].flags&tHyphen != 0 {
		k++ // "south-east"
	}
	if st.is(k+1, "of") {
		return k + 2
	}
	return -1
}

// shareQualifiers gives the names of a list the qualifiers that follow its
// last one: "in Hass and Kafr Nabl (Maarat al-Numan, Idlib)", "Rastan and
// Talbiseh in the northern countryside of Homs".
func (st *state) shareQualifiers() {
	for i := len(st.spans) - 2; i >= 0; i-- {
		x, y := &st.spans[i], &st.spans[i+1]
		if x.listed && y.listed && len(x.quals) == 0 && len(y.quals) > 0 && (y.qhow[0] == byParen || y.qhow[0] == byIn || y.qhow[0] == byNear) {
			x.quals = append(x.quals, y.quals...)
			x.qhow = append(x.qhow, y.qhow...)
		}
	}
}

// skipTo returns the span that starts at token k once "in", "of", "the",
// compass words and a place noun with "of" are skipped ("in the southern
// countryside of Idleb"), or -1.
func (st *state) skipTo(k int, lex *lexicon) int {
	for n := 0; n < 6 && k < len(st.toks); n++ {
		if si := st.spanAt[k]; si >= 0 {
			return int(si)
		}
		if !st.isWord(k) {
			return -1
		}
		if st.cls(k)&classFiller == 0 && !(st.cue(k) != cueNone && st.is(k+1, "of")) {
			return -1
		}
		k++
	}
	return -1
}

// mentions turns the accepted spans into Mentions.
func (st *state) mentions() []Mention {
	index := slices.Grow(st.index[:0], len(st.spans))[:len(st.spans)]
	st.index = index
	n, nalts := 0, 0
	for i := range st.spans {
		if s := &st.spans[i]; s.accepted {
			n++
			nalts += max(0, min(3, len(s.cands)-1))
		}
	}
	if n == 0 {
		return nil
	}
	// One allocation for the mentions, one for their alternatives.
	ms := make([]Mention, 0, n)
	alts := make([]Scored, 0, nalts) // backs every mention's Alternatives
	for i := range st.spans {
		s := &st.spans[i]
		index[i] = -1
		if !s.accepted {
			continue
		}
		index[i] = len(ms)
		m := Mention{Start: s.start, End: s.end, Text: st.text[s.start:s.end], Qualifier: -1, Locative: s.locative, Outlet: s.outlet, beyond: s.beyond}
		switch {
		case s.fallback:
			if pl := st.placeOf(s.qual); pl != nil {
				m.Place = pl
				m.Fallback = true
				m.Score = 0.5
				if q := &st.spans[s.qual]; q.best >= 0 {
					c, _ := confidence(q)
					m.Score = c * 0.8
				}
			}
		case s.best >= 0:
			m.Place = s.cands[s.best].p
			c, sum := confidence(s)
			m.Score = c
			if s.inRun {
				m.Score /= 2 // "Hama Military Council": a place in a name
			}
			if s.road {
				m.Score /= 5 // an end of a road: seldom where it happened
			}
			n := len(alts)
			alts = alternatives(alts, s, sum)
			if len(alts) > n {
				m.Alternatives = alts[n:len(alts):len(alts)]
			}
		}
		ms = append(ms, m)
	}
	for i := range st.spans {
		s := &st.spans[i]
		if index[i] < 0 {
			continue
		}
		m := &ms[index[i]]
		if s.qual >= 0 {
			m.Qualifier = index[s.qual]
		}
	}
	// A span that qualifies only rejected spans is not "only context".
	for j := range st.spans {
		if q := st.spans[j].qual; q >= 0 && index[j] >= 0 && index[q] >= 0 {
			ms[index[q]].IsQualifier = true
		}
	}
	return ms
}

// confidence turns a span's scores into a probability-like number: the
// softmax share of its choice among its readings, times how far its score
// clears the acceptance line. It also returns the softmax denominator.
func confidence(s *span) (float64, float64) {
	if s.best < 0 {
		return 0, 0
	}
	b := s.cands[s.best].s
	var sum float64
	for _, c := range s.cands {
		if d := c.s - b; d > -20 {
			sum += math.Exp(d)
		}
	}
	return (1 / sum) / (1 + math.Exp(-(b - accept))), sum
}

// alternatives appends to dst up to three other readings with their
// softmax share (sum is the denominator from confidence), best first.
func alternatives(dst []Scored, s *span, sum float64) []Scored {
	if len(s.cands) < 2 || sum == 0 {
		return dst
	}
	b := s.cands[s.best].s
	n0 := len(dst)
	for j := range s.cands {
		if j == s.best {
			continue
		}
		c := &s.cands[j]
		sc := Scored{Place: c.p, Score: math.Exp(c.s-b) / sum}
		// Keep the best three, in order, by insertion.
		k := len(dst)
		if k-n0 < 3 {
			dst = append(dst, sc)
		} else if better(sc, dst[k-1]) {
			dst[k-1] = sc
			k--
		} else {
			continue
		}
		for k > n0 && better(dst[k], dst[k-1]) {
			dst[k], dst[k-1] = dst[k-1], dst[k]
			k--
		}
	}
	return dst
}

func better(a, b Scored) bool {
	return a.Score > b.Score || a.Score == b.Score && a.Place.Index() < b.Place.Index()
}
