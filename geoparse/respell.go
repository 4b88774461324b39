package geoparse

import (
	"sync"

	"github.com/sitrep/sitrep/gazetteer"
)

// respeltIn returns the town inside y, the place the text puts span x in,
// whose name is x's in another transliteration ("Thiban" for Dhībān,
// "Heish" for Ḩīsh, "Sosa" for As Sūsah in the Deir ez-Zor countryside):
// the names share a spelling key (see appendSpellKey) or, long enough,
// differ in it by one letter. A name the gazetteer lacks as written is
// looked for only where the text says it is, so a loose match is safe
// there that would be noise across the world. ok is false when no town
// of y matches, or two match equally well.
func (st *state) respeltIn(x *span, y *gazetteer.Place) (town *gazetteer.Place, ok bool) {
	if y == nil || y.Level == gazetteer.LevelCountry {
		return nil, false
	}
	g := st.p.g
	if y.Level == gazetteer.LevelTown && gazetteer.Key(y.Name) == gazetteer.Key(y.Admin1) {
		// "Thiban in Deir ez-Zor": a town that names its province
		// stands for the province too.
		if a := g.Admin1(y.CountryCode, y.Admin1Code); a != nil {
			y = a
		}
	}
	var kb [64]byte
	key := appendSpellKey(kb[:0], st.text[x.start:x.end])
	limit := 0
	switch {
	case len(key) >= 10:
		limit = 2
	case len(key) >= 6:
		limit = 1
	}
	return st.spelt(key, limit, y.CountryCode, func(p *gazetteer.Place) bool {
		return p != y && within(y, p)
	})
}

// respeltInCountry is respeltIn for a town or village the text names
// with no place around it in a country the text is about ("the village
// of Thiban" in a note on Syria): only a name of five letters or more
// whose spelling key is a town's of that country, and no other's.
func (st *state) respeltInCountry(x *span, cc string) (town *gazetteer.Place, ok bool) {
	var kb [64]byte
	key := appendSpellKey(kb[:0], st.text[x.start:x.end])
	if len(key) < 5 {
		return nil, false
	}
	return st.spelt(key, 0, cc, nil)
}

// spelt returns the town of country cc (of those keep allows, if keep
// is not nil) whose spelling key is within limit edits of key, the
// nearest; ok is false when none is, or two are equally near.
func (st *state) spelt(key []byte, limit int, cc string, keep func(*gazetteer.Place) bool) (town *gazetteer.Place, ok bool) {
	if len(key) < 3 {
		return nil, false
	}
	ix := st.p.spellings(cc)
	best, tie := limit+1, false
	for j, k := range ix.keys {
		if len(k) == 0 || k[0] != key[0] || len(k)-len(key) > limit || len(key)-len(k) > limit {
			continue // the distance is at least the difference in length
		}
		d := gazetteer.EditDistance(key, k, limit)
		if d > best || d > limit {
			continue
		}
		p := st.p.g.Place(int(ix.towns[j]))
		if keep != nil && !keep(p) {
			continue
		}
		switch {
		case d < best:
			town, best, tie = p, d, false
		case p != town:
			tie = true
		}
	}
	return town, town != nil && !tie
}

// spellIndex holds the spelling keys of a country's towns (see
// appendSpellKey), built on first use.
type spellIndex struct {
	once  sync.Once
	towns []int32  // the country's towns
	keys  []string // their spelling keys
}

// spellings returns the spelling index of country cc.
func (p *Parser) spellings(cc string) *spellIndex {
	v, _ := p.spell.LoadOrStore(cc, &spellIndex{})
	ix := v.(*spellIndex)
	ix.once.Do(func() {
		ix.towns = p.g.TownsOf(cc)
		ix.keys = make([]string, len(ix.towns))
		var kb [64]byte
		for j, i := range ix.towns {
			ix.keys[j] = string(appendSpellKey(kb[:0], p.g.Name(int(i))))
		}
	})
	return ix
}

// appendSpellKey appends the spelling key of a place name: its gazetteer
// key (lower case, articles and apostrophes gone, doubled letters
// single, the endings -ah, -eh, -a dropped) with what transliterations of
// Arabic, Somali and Persian names write differently made one: the
// vowels o and u, e, i and y, w and u; kh and h, gh and g, sh and s, th
// and dh and t, q, c and k; doubled letters once more single after that.
func appendSpellKey(dst []byte, name string) []byte {
	var kb [96]byte
	k := gazetteer.AppendKey(kb[:0], name)
	start := len(dst)
	for i := 0; i < len(k); i++ {
		c := k[i]
		if i+1 < len(k) && k[i+1] == 'h' {
			switch c {
			case 'k', 'g', 's', 'c', 'z':
				i++ // kh -> h below, gh -> g, sh -> s, ch -> s, zh -> z
				switch c {
				case 'k':
					c = 'h'
				case 'c':
					c = 's'
				}
			case 't', 'd':
				i++
				c = 't'
			}
		}
		switch c {
		case 'o', 'w':
			c = 'u'
		case 'e', 'y':
			c = 'i'
		case 'q', 'c':
			c = 'k'
		}
		if len(dst) > start && dst[len(dst)-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}
