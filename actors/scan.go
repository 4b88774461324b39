package actors

import (
	"slices"
	"sync"
)

// token is a word of the scanned text with its vocabulary id.
type token struct {
	start, end int32
	// id is the word's vocabulary id, -1 when no alias uses the word (only
	// Lookup keeps such words).
	id int32
	// caps and title: see word.
	caps, title bool
	// glue says how the token joins the token before it; next how the
	// word right after it (a token or not) joins it: "Houthi-held" is a
	// modifier even though "held" is no token.
	glue, next uint8
}

var tokenPool = sync.Pool{New: func() any { b := make([]token, 0, 256); return &b }}

// tokenize appends the words of s to dst. Scan keeps only the words of the
// vocabulary: a word outside it cannot be part of a mention, so it only
// breaks the phrase, and the next token's glue says so. lookup keeps every
// word and treats each as capitalised, for Lookup's phrases ("kenyan
// police" must name the whole phrase).
func (d *Dict) tokenize(dst []token, s string, lookup bool) []token {
	var key [64]byte
	k := key[:0]
	first := len(dst)
	broken := false // an unknown word since the last token
	for i := 0; ; {
		var w word
		var ok bool
		k, i, ok = nextWord(s, i, k, &w)
		if !ok {
			break
		}
		if n := len(dst); n > first && !broken {
			dst[n-1].next = w.glue
		}
		id, known := int32(-1), false
		h := vocabHash(k)
		if b := knownBit(h); d.known[b>>6]&(1<<(b&63)) != 0 {
			id, known = d.words.lookup(k, h)
		}
		if !known {
			if !lookup {
				broken = true
				continue
			}
			id = -1
		}
		glue := w.glue
		if broken {
			glue = glueNone
			broken = false
		}
		dst = append(dst, token{start: int32(w.start), end: int32(w.end), id: id, caps: w.caps, title: w.title || lookup, glue: glue})
	}
	return dst
}

// Scan returns every actor mention in text, left to right; where mentions
// overlap the longest wins. focus is the ISO alpha-2 code of the country the
// document is about ("" when unknown): generic aliases ("the army",
// "protesters") take it as their country.
func (d *Dict) Scan(text, focus string) []Mention {
	return d.AppendScan(nil, text, focus)
}

// AppendScan is Scan appending to dst, for callers that reuse a buffer.
func (d *Dict) AppendScan(dst []Mention, text, focus string) []Mention {
	w := d.Words(text)
	dst = w.AppendScan(dst, focus)
	w.Release()
	return dst
}

// Words is a text read into the dictionary's words once, to be scanned
// under more than one focus: without one first, then with the country the
// places and the actors found tell.
type Words struct {
	d    *Dict
	text string
	bp   *[]token
}

// Words reads text into the dictionary's words. Release returns the
// buffer when the scans are done.
func (d *Dict) Words(text string) Words {
	bp := tokenPool.Get().(*[]token)
	*bp = d.tokenize((*bp)[:0], text, false)
	return Words{d: d, text: text, bp: bp}
}

// Release returns the words' buffer; w must not be used after.
func (w Words) Release() {
	*w.bp = (*w.bp)[:0]
	tokenPool.Put(w.bp)
}

// AppendScan appends the actor mentions of the text under focus, as
// Dict.Scan does.
func (w Words) AppendScan(dst []Mention, focus string) []Mention {
	d, text, toks := w.d, w.text, *w.bp
	focus = normCode(focus)
	// m is filled in place: most tokens start no mention, and a Mention
	// returned by value is zeroed and copied for each of them.
	var m Mention
	for i := 0; i < len(toks); {
		if d.of[toks[i].id] {
			if end, ok := d.memberOf(toks, i, focus, &m); ok {
				m.Text = text[m.Start:m.End]
				dst = append(dst, m)
				i = end
				continue
			}
		}
		if !d.starts[toks[i].id] {
			i++
			continue
		}
		end, ok := d.mention(toks, i, focus, &m)
		if !ok {
			i++
			continue
		}
		// A longer mention that starts inside this one wins: "local
		// People's Defence Force" is the PDF, not "local people".
		if k := d.longerInside(toks, i, end, focus); k > i {
			i = k
			continue
		}
		if m.End > 0 {
			m.Text = text[m.Start:m.End]
			dst = append(dst, m)
		}
		i = end
	}
	return dst
}

// longerInside returns the index of the first token inside toks[i:end]
// where a mention starts that is longer than toks[i:end] and ends after it,
// or i when there is none.
func (d *Dict) longerInside(toks []token, i, end int, focus string) int {
	for k := i + 1; k < end; k++ {
		if !d.starts[toks[k].id] {
			continue
		}
		best := hit{end: k, target: -1, slotNode: -1}
		d.walk(toks, 0, k, k, -1, -1, focus, &best)
		if best.target >= 0 && best.end > end && best.end-k > end-i {
			return k
		}
	}
	return i
}

// memberOf reads "members of Al-Shabaab", "supporters of the Awami League":
// a word of @of, "of", perhaps an article, then an armed actor's mention.
// The mention is the actor's, from the first word. Government actors only
// count when their words end in a noun ("members of the security forces"):
// "supporters of the government" are not the government. The mention is
// written to *m, which is garbage when ok is false.
func (d *Dict) memberOf(toks []token, i int, focus string, m *Mention) (end int, ok bool) {
	j := i + 2
	if !d.of[toks[i].id] || j >= len(toks) || toks[i+1].id != d.ofWord ||
		toks[i+1].glue == glueNone || toks[j].glue == glueNone {
		return i, false
	}
	if slices.Contains(d.articles, toks[j].id) {
		j++
		if j >= len(toks) || toks[j].glue == glueNone {
			return i, false
		}
	}
	if !d.starts[toks[j].id] {
		return i, false
	}
	end, ok = d.mention(toks, j, focus, m)
	if !ok || m.End == 0 || !m.Head || !Armed(m.Actor.Side) ||
		(m.Actor.Side == "government" && !d.heads[toks[end-1].id]) {
		return i, false
	}
	m.Start = int(toks[i].start)
	return end, true
}

// Lookup returns the actor that phrase names as a whole: an alias with
// nothing left over ("protesters", "the Kenyan police", "HTS fighters"),
// else a canonical name ("Military Forces of Kenya"). Aliases come first so
// that "protesters" in news about Kenya is Protesters (Kenya), not the
// template's countryless name.
func (d *Dict) Lookup(phrase, focus string) (Actor, bool) {
	focus = normCode(focus)
	toks := d.tokenize(nil, phrase, true)
	var m Mention
	for i := 0; i < len(toks); i++ {
		end, ok := d.mention(toks, i, focus, &m)
		if ok && end == len(toks) && m.End > 0 {
			return m.Actor, true
		}
		if !slices.Contains(d.articles, toks[i].id) {
			break
		}
	}
	return d.canonical(phrase)
}

// canonical looks phrase up among the canonical names.
func (d *Dict) canonical(phrase string) (Actor, bool) {
	d.names.once.Do(func() {
		m := map[string]Actor{}
		for _, e := range d.entries {
			if !e.template {
				m[nameKey(e.name)] = Actor{Name: e.name, Side: e.side, Inter: e.inter, Country: e.country}
				continue
			}
			for ci, nm := range e.names {
				a := Actor{Name: nm, Side: e.side, Inter: e.inter, Generic: true}
				if ci < len(d.countries) {
					a.Country = d.countries[ci].iso
				}
				if _, dup := m[nameKey(nm)]; !dup {
					m[nameKey(nm)] = a
				}
			}
		}
		d.names.m = m
	})
	a, ok := d.names.m[nameKey(phrase)]
	return a, ok
}

// nameKey folds a name for comparison: its words' keys, space-separated.
func nameKey(s string) string {
	var b, k []byte
	var w word
	for i := 0; ; {
		var ok bool
		k, i, ok = nextWord(s, i, k, &w)
		if !ok {
			break
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, k...)
	}
	return string(b)
}

func normCode(c string) string {
	if len(c) == 2 && c[0] >= 'a' && c[0] <= 'z' || len(c) == 2 && c[1] >= 'a' && c[1] <= 'z' {
		return string([]byte{c[0] &^ 0x20, c[1] &^ 0x20})
	}
	return c
}

// hit is the best alias match found so far from one start.
type hit struct {
	end    int   // index of the token after the match
	target int32 // index of Dict.targets
	// slotNode is the slot trie's node that filled the alias's slot, -1
	// when the alias has none; slotKind says which slot trie.
	slotNode int32
	slotKind int
}

// mention matches the longest alias starting at toks[i] and dresses it as
// a mention in *m: the "pro-" before it, the head nouns after it. end is
// the index of the token after the mention; a match that must be dropped
// ("anti-X", a country name that is a place) returns ok with a zero End,
// so that the caller skips its words. *m is left alone when ok is false.
func (d *Dict) mention(toks []token, i int, focus string, m *Mention) (end int, ok bool) {
	best := hit{end: i, target: -1, slotNode: -1}
	d.walk(toks, 0, i, i, -1, -1, focus, &best)
	if best.target < 0 {
		return i, false
	}
	*m = Mention{}
	t := &d.targets[best.target]
	e := &d.entries[t.entry]
	end = best.end
	prev := int32(-1)
	if i > 0 && toks[i].glue != glueNone {
		prev = toks[i-1].id
	}
	// "anti-government protesters": anti-X names X's opponents, not X.
	if prev >= 0 && prev == d.anti {
		return end, true
	}
	// "fighting in Syria": a bare country name after "in" is a place.
	if t.indirect && best.slotKind == slotCountry && prev >= 0 && d.places[prev] {
		return end, true
	}
	m.Actor = d.actor(e, best, focus)
	m.Start, m.End = int(toks[i].start), int(toks[end-1].end)
	m.Head = !t.indirect
	// Whether the alias already ends in a noun that can act ("Houthi
	// forces", "government troops") rather than in a bare name ("Houthi").
	noun := d.heads[toks[end-1].id]
	absorbed := false
	if Armed(e.side) && !t.indirect {
		// "Houthi rebels", "IS fighters": the noun after a named actor
		// belongs to its mention, or it would be read as a second, generic
		// actor. A bare country is left alone: "Iraqi militiamen" are not
		// Iraq's army, and the template lists what its demonym covers.
		end, absorbed = d.absorbHeads(toks, end, m)
		// "IS-linked militants", "Houthi-allied fighters": the group's
		// own men, under a looser name.
		if !absorbed && end+1 < len(toks) && toks[end].glue == glueHyphen &&
			toks[end].id >= 0 && d.allied[toks[end].id] {
			if e2, ok := d.absorbHeads(toks, end+1, m); ok {
				end, absorbed = e2, true
			}
		}
	}
	if absorbed {
		m.Head = true
	}
	if prev >= 0 && prev == d.pro {
		m.Start = int(toks[i-1].start)
		if !absorbed && !noun {
			m.Head = false // "pro-Houthi media"
		}
	}
	// "Houthi-held", "IS-claimed": a modifier, not the actor.
	if !absorbed && toks[end-1].next == glueHyphen {
		m.Head = false
	}
	return end, true
}

// absorbHeads extends m over up to two head nouns from toks[end] ("IS
// fighters", "police officers") and returns the index after them.
func (d *Dict) absorbHeads(toks []token, end int, m *Mention) (int, bool) {
	n := 0
	for ; n < 2 && end < len(toks) && toks[end].glue != glueNone && toks[end].id >= 0 && d.heads[toks[end].id]; n++ {
		m.End = int(toks[end].end)
		end++
	}
	return end, n > 0
}

// Armed reports whether a side bears arms. Armed sides' names take a
// following noun ("Taliban fighters", "Kenyan police officers").
func Armed(side string) bool {
	switch side {
	case "government", "rebel", "militia", "identity_militia", "external":
		return true
	}
	return false
}

// walk follows the alias trie from node n at token j (the match started at
// token i), recording in best the longest match. slotNode and slotKind carry
// the country a slot was filled with.
func (d *Dict) walk(toks []token, n int32, i, j int, slotNode int32, slotKind int, focus string, best *hit) {
	nd := &d.alias.nodes[n]
	if len(nd.targets) > 0 && j > best.end {
		if ti := d.pick(nd.targets, focus); ti >= 0 {
			*best = hit{end: j, target: ti, slotNode: slotNode, slotKind: slotKind}
		}
	}
	if j >= len(toks) || (j > i && toks[j].glue == glueNone) {
		return
	}
	if id := toks[j].id; id >= 0 {
		if c, ok := d.alias.child(n, id, false); ok {
			d.walk(toks, c, i, j+1, slotNode, slotKind, focus, best)
		}
		if toks[j].caps {
			if c, ok := d.alias.child(n, id, true); ok {
				d.walk(toks, c, i, j+1, slotNode, slotKind, focus, best)
			}
		}
	}
	for kind, next := range nd.slot {
		if next == 0 {
			continue
		}
		// Every country name or demonym that starts at j fills the slot.
		st := &d.slots[kind]
		sn := int32(0)
		for e := j; e < len(toks); e++ {
			// English capitalises country names and demonyms: "turkey"
			// and "chad" are words.
			if (e > i && toks[e].glue == glueNone) || toks[e].id < 0 || (e == j && !toks[e].title) {
				break
			}
			c, ok := st.child(sn, toks[e].id, true)
			if !ok || !toks[e].caps {
				c, ok = st.child(sn, toks[e].id, false)
			}
			if !ok {
				break
			}
			sn = c
			if len(st.nodes[sn].targets) > 0 {
				d.walk(toks, next, i, e+1, sn, kind, focus, best)
			}
		}
	}
}

// pick chooses among the targets of one alias: one meant for the focus
// country first, then one meant for every document.
func (d *Dict) pick(targets []int32, focus string) int32 {
	any := int32(-1)
	for _, ti := range targets {
		t := &d.targets[ti]
		if len(t.focus) == 0 {
			if any < 0 {
				any = ti
			}
		} else if focus != "" && slices.Contains(t.focus, focus) {
			return ti
		}
	}
	return any
}

// actor resolves an entry to an actor: a template takes the country of
// the slot that matched, else the focus.
func (d *Dict) actor(e *entry, h hit, focus string) Actor {
	if !e.template {
		return Actor{Name: e.name, Side: e.side, Inter: e.inter, Country: e.country, Kind: e.kind}
	}
	ci := int32(-1)
	if h.slotNode >= 0 {
		cands := d.slots[h.slotKind].nodes[h.slotNode].targets
		ci = cands[0]
		for _, c := range cands {
			if d.countries[c].iso == focus {
				ci = c
			}
		}
	} else if c, ok := d.countryIdx[focus]; ok {
		ci = c
	}
	if ci < 0 {
		return Actor{Name: e.names[len(e.names)-1], Side: e.side, Inter: e.inter, Kind: e.kind, Generic: true}
	}
	return Actor{Name: e.names[ci], Side: e.side, Inter: e.inter, Country: d.countries[ci].iso, Kind: e.kind, Generic: true}
}
