package actors

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// Dict is a parsed actor dictionary. It is safe for concurrent use.
type Dict struct {
	// vocab numbers every word that appears in an alias, a country name, a
	// demonym or a directive; text words outside it cannot match anything.
	// The scanner looks words up in words, which holds the same ids.
	vocab map[string]int32
	words vocabTable
	// known has the bit knownBit(vocabHash(word)) set for every word of
	// vocab: most words of a text are not in it, and the filter says so
	// without a look-up in words.
	known *[1 << 16 / 64]uint64
	// alias holds the aliases; its targets index targets.
	alias trie
	// slots[slotCountry] holds country names, slots[slotDemonym] demonyms;
	// their targets index countries.
	slots [2]trie
	// starts, heads, allied and places are indexed by word id: the word
	// can start a mention; it is a noun that continues a named actor's
	// mention (@heads); after a hyphen it ties the head nouns that follow
	// to the actor before it (@allied); a bare country name right after it
	// is a place (@places).
	starts, heads, allied, places []bool
	// of is indexed by word id: the word, then "of", names an armed
	// actor's men ("members of Al-Shabaab", @of).
	of []bool
	// pro, anti and ofWord are the ids of "pro", "anti" and "of";
	// articles those of "the", "a" and "an".
	pro, anti, ofWord int32
	articles          []int32
	// entries are the actors as written (after variables are spelled
	// out); targets the aliases' readings, which point into entries.
	entries []entry
	targets []target
	// countries is gazetteer's country table, as template names spell it.
	countries []country
	// countryIdx maps an ISO alpha-2 code to its index in countries.
	countryIdx map[string]int32
	// nAliases counts the aliases, for Len.
	nAliases int
	// names maps the key of every canonical name to its actor, for Lookup;
	// built on first use.
	names struct {
		once sync.Once
		m    map[string]Actor
	}
}

// Slot kinds: the placeholders an alias may hold.
const (
	slotCountry = 0 // {country}: a country's name ("Kenya")
	slotDemonym = 1 // {demonym}: its people's word ("Kenyan")
)

var slotNames = [2]string{"{country}", "{demonym}"}

type entry struct {
	// name is the canonical name; a template's holds {country}.
	name  string
	side  string
	inter int
	kind  string // see Actor.Kind
	// country is a named entry's ISO alpha-2 code.
	country  string
	template bool
	// names are a template's names for each country (index of
	// Dict.countries), then the name without a country.
	names []string
	line  int
}

type target struct {
	entry int32
	// focus lists the ISO codes of the documents the alias is meant for
	// ("rebels @YE" is the Houthis only in news about Yemen); empty for
	// every document.
	focus []string
	// indirect aliases are a bare {country} or {demonym}: the country
	// standing for its state.
	indirect bool
	line     int
}

type country struct {
	iso  string
	name string
	// the is true when "of {country}" reads "of the {country}" ("Military
	// Forces of the United States").
	the bool
}

// trie is a word trie. Edges are keyed by node, word id and whether the
// edge wants the word in capitals (short all-caps aliases like "IS"): the
// edge's label, id<<1 | caps.
//
// Parse builds the edges in a map, then freezes them into the layout the
// scanner reads, which looks them up several times a word: the root's
// children in a slice indexed by label (every start of a mention asks the
// root), every other node's in a sorted run of out (most have one or two).
type trie struct {
	nodes []tnode
	// edges holds the edges while the dictionary is built; freeze empties
	// it.
	edges map[uint64]int32
	// root is the root's child by label, 0 for none.
	root []int32
	// out holds the other nodes' edges, each node's sorted by label.
	out []edge
}

type tnode struct {
	// targets end at this node: indexes of Dict.targets for the alias
	// trie, of Dict.countries for the slot tries.
	targets []int32
	// slot holds the node reached through a {country} or {demonym} slot, 0
	// when none (no edge leads back to the root).
	slot [2]int32
	// out[lo:hi] are the node's edges, once the trie is frozen.
	lo, hi int32
}

type edge struct {
	label uint32
	child int32
}

func newTrie() trie { return trie{nodes: make([]tnode, 1), edges: map[uint64]int32{}} }

func edgeKey(n, id int32, caps bool) uint64 {
	return uint64(n)<<32 | uint64(edgeLabel(id, caps))
}

func edgeLabel(id int32, caps bool) uint32 {
	l := uint32(id) << 1
	if caps {
		l |= 1
	}
	return l
}

// child returns the child of node n along word id, in capitals or not. The
// trie must be frozen.
func (t *trie) child(n, id int32, caps bool) (int32, bool) {
	label := edgeLabel(id, caps)
	if n == 0 {
		c := t.root[label]
		return c, c != 0
	}
	nd := &t.nodes[n]
	out := t.out[nd.lo:nd.hi]
	lo, hi := 0, len(out)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if out[m].label < label {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(out) && out[lo].label == label {
		return out[lo].child, true
	}
	return 0, false
}

func (t *trie) addChild(n, id int32, caps bool) int32 {
	k := edgeKey(n, id, caps)
	if c, ok := t.edges[k]; ok {
		return c
	}
	t.nodes = append(t.nodes, tnode{})
	c := int32(len(t.nodes) - 1)
	t.edges[k] = c
	return c
}

// freeze lays the edges out for child; words is the vocabulary's size.
func (t *trie) freeze(words int) {
	t.root = make([]int32, 2*words)
	type nodeEdge struct {
		node int32
		edge
	}
	var rest []nodeEdge
	for k, c := range t.edges {
		n, e := int32(k>>32), edge{label: uint32(k), child: c}
		if n == 0 {
			t.root[e.label] = c
			continue
		}
		rest = append(rest, nodeEdge{n, e})
	}
	slices.SortFunc(rest, func(a, b nodeEdge) int {
		if a.node != b.node {
			return int(a.node - b.node)
		}
		return int(a.label) - int(b.label)
	})
	t.out = make([]edge, len(rest))
	for i, e := range rest {
		t.out[i] = e.edge
		nd := &t.nodes[e.node]
		if nd.hi == 0 {
			nd.lo = int32(i)
		}
		nd.hi = int32(i + 1)
	}
	t.edges = nil
}

func (t *trie) addSlot(n int32, kind int) int32 {
	if c := t.nodes[n].slot[kind]; c != 0 {
		return c
	}
	t.nodes = append(t.nodes, tnode{})
	c := int32(len(t.nodes) - 1)
	t.nodes[n].slot[kind] = c
	return c
}

// Parse reads a dictionary in the format of actors.txt. Errors name the
// line.
func Parse(r io.Reader) (*Dict, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("actors: read dictionary: %w", err)
	}
	return parse(string(b))
}

// rawEntry is an entry as written, before its variables are expanded.
type rawEntry struct {
	name, side, country, kind string
	aliases                   []rawLine
	vars                      []variable
	line                      int
}

// validKinds are the kinds an entry may declare in its fourth column.
var validKinds = map[string]bool{"party": true, "civil": true, "police": true}

type rawLine struct {
	text string
	line int
}

type variable struct {
	name   string // with braces: "{group}"
	values []string
}

func parse(src string) (*Dict, error) {
	d := &Dict{vocab: map[string]int32{}, alias: newTrie(), slots: [2]trie{newTrie(), newTrie()}, countryIdx: map[string]int32{}}
	var raws []*rawEntry
	var heads, allied, places, of []string
	the := map[string]bool{}
	rename := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := stripComment(sc.Text())
		if strings.TrimSpace(line) == "" {
			continue
		}
		switch {
		case line[0] == '@':
			name, arg, ok := strings.Cut(line[1:], ":")
			if !ok {
				return nil, fmt.Errorf("actors: line %d: directive without ':'", n)
			}
			items := splitList(arg)
			switch strings.TrimSpace(name) {
			case "heads":
				heads = append(heads, items...)
			case "allied":
				allied = append(allied, items...)
			case "places":
				places = append(places, items...)
			case "of":
				of = append(of, items...)
			case "the":
				for _, c := range items {
					if gazetteer.CountryByCode(c) == nil {
						return nil, fmt.Errorf("actors: line %d: unknown country code %q", n, c)
					}
					the[strings.ToUpper(c)] = true
				}
			case "name":
				code, nm, ok := strings.Cut(arg, "=")
				code, nm = strings.TrimSpace(code), strings.TrimSpace(nm)
				if !ok || nm == "" || gazetteer.CountryByCode(code) == nil {
					return nil, fmt.Errorf("actors: line %d: want @name: ISO2 = Name", n)
				}
				rename[strings.ToUpper(code)] = nm
			default:
				return nil, fmt.Errorf("actors: line %d: unknown directive @%s", n, strings.TrimSpace(name))
			}
		case line[0] == ' ' || line[0] == '\t':
			if len(raws) == 0 {
				return nil, fmt.Errorf("actors: line %d: alias before the first entry", n)
			}
			e := raws[len(raws)-1]
			t := strings.TrimSpace(line)
			if v, vals, ok := strings.Cut(t, "="); ok && strings.HasPrefix(t, "{") && strings.HasSuffix(strings.TrimSpace(v), "}") {
				v = strings.TrimSpace(v)
				if v == slotNames[slotCountry] || v == slotNames[slotDemonym] {
					return nil, fmt.Errorf("actors: line %d: %s is built in and cannot be set", n, v)
				}
				// A variable may take several lines: its values add up.
				if i := slices.IndexFunc(e.vars, func(x variable) bool { return x.name == v }); i >= 0 {
					e.vars[i].values = append(e.vars[i].values, splitList(vals)...)
					continue
				}
				e.vars = append(e.vars, variable{name: v, values: splitList(vals)})
				continue
			}
			e.aliases = append(e.aliases, rawLine{t, n})
		default:
			f := strings.Split(line, "|")
			if len(f) < 2 || len(f) > 4 {
				return nil, fmt.Errorf("actors: line %d: want 'Name | side | country | kind', got %q", n, strings.TrimSpace(line))
			}
			e := &rawEntry{name: strings.TrimSpace(f[0]), side: strings.TrimSpace(f[1]), line: n}
			if len(f) >= 3 {
				e.country = strings.ToUpper(strings.TrimSpace(f[2]))
			}
			if len(f) == 4 {
				e.kind = strings.TrimSpace(f[3])
				if !validKinds[e.kind] {
					return nil, fmt.Errorf("actors: line %d: unknown kind %q (want party or civil)", n, e.kind)
				}
			}
			if e.name == "" {
				return nil, fmt.Errorf("actors: line %d: entry without a name", n)
			}
			raws = append(raws, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("actors: read dictionary: %w", err)
	}

	d.loadCountries(the, rename)
	d.pro, d.anti, d.ofWord = d.wordID("pro"), d.wordID("anti"), d.wordID("of")
	d.articles = []int32{d.wordID("the"), d.wordID("a"), d.wordID("an")}
	var headIDs, alliedIDs, placeIDs []int32
	for _, h := range heads {
		headIDs = append(headIDs, d.wordID(h))
	}
	for _, a := range allied {
		alliedIDs = append(alliedIDs, d.wordID(a))
	}
	var ofIDs []int32
	for _, w := range of {
		ofIDs = append(ofIDs, d.wordID(w))
	}
	for _, p := range places {
		placeIDs = append(placeIDs, d.wordID(p))
	}

	sides := map[string]string{} // canonical name -> side, to catch contradictions
	for _, raw := range raws {
		expanded, err := raw.expand()
		if err != nil {
			return nil, err
		}
		for _, e := range expanded {
			if err := d.addEntry(e, sides); err != nil {
				return nil, err
			}
		}
	}

	d.known = new([1 << 16 / 64]uint64)
	for w := range d.vocab {
		b := knownBit(vocabHash([]byte(w)))
		d.known[b>>6] |= 1 << (b & 63)
	}
	d.words = newVocabTable(d.vocab)
	d.starts = make([]bool, len(d.vocab))
	d.heads = make([]bool, len(d.vocab))
	d.allied = make([]bool, len(d.vocab))
	d.places = make([]bool, len(d.vocab))
	for _, id := range headIDs {
		d.heads[id] = true
	}
	for _, id := range alliedIDs {
		d.allied[id] = true
	}
	d.of = make([]bool, len(d.vocab))
	for _, id := range ofIDs {
		d.of[id] = true
	}
	for _, id := range placeIDs {
		d.places[id] = true
	}
	root := d.alias.nodes[0]
	for k := range d.alias.edges {
		if k>>32 == 0 {
			d.starts[int32(k&0xffffffff)>>1] = true
		}
	}
	for kind, c := range root.slot {
		if c == 0 {
			continue
		}
		for k := range d.slots[kind].edges {
			if k>>32 == 0 {
				d.starts[int32(k&0xffffffff)>>1] = true
			}
		}
	}
	d.alias.freeze(len(d.vocab))
	d.slots[slotCountry].freeze(len(d.vocab))
	d.slots[slotDemonym].freeze(len(d.vocab))
	return d, nil
}

// stripComment removes a comment: from a '#' at the start of the line or
// after white space to the end.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return strings.TrimRight(s[:i], " \t")
		}
	}
	return strings.TrimRight(s, " \t\r")
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// wordID returns the id of the single word s, adding it to the vocabulary.
func (d *Dict) wordID(s string) int32 {
	var w word
	k, _, _ := nextWord(s, 0, nil, &w)
	return d.id(string(k))
}

// vocabHash is the hash of a word's key (FNV-1a). The scanner computes it
// once per word, for both Dict.known and Dict.words.
func vocabHash(k []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range k {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// knownBit is the bit of Dict.known for a word of hash h.
func knownBit(h uint32) uint32 { return h>>16 ^ h&0xffff }

// vocabTable maps a word's key to its vocabulary id, like Dict.vocab, but
// takes the key's vocabHash, which the scanner has already computed for
// Dict.known: a map[string]int32 would hash the key a second time. It is
// an open-addressing table with linear probing, at most a third full.
type vocabTable struct {
	slots []vocabSlot // len is a power of two
	shift uint32      // 32 - log2(len(slots))
	keys  []string    // by id
}

type vocabSlot struct {
	hash uint32
	id1  int32 // the word's id + 1; 0 marks an empty slot
}

func newVocabTable(vocab map[string]int32) vocabTable {
	bits := uint32(4)
	for 1<<bits < 3*len(vocab) {
		bits++
	}
	t := vocabTable{slots: make([]vocabSlot, 1<<bits), shift: 32 - bits, keys: make([]string, len(vocab))}
	mask := uint32(len(t.slots) - 1)
	for w, id := range vocab {
		t.keys[id] = w
		h := vocabHash([]byte(w))
		i := t.home(h)
		for t.slots[i].id1 != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = vocabSlot{hash: h, id1: id + 1}
	}
	return t
}

// home is the first slot to probe for hash h. FNV's low bits depend only
// on the key's low bits, so the index comes from the high bits of a
// multiplicative mix.
func (t *vocabTable) home(h uint32) uint32 { return (h * 0x9e3779b1) >> t.shift }

// lookup returns the id of key k, whose vocabHash is h.
func (t *vocabTable) lookup(k []byte, h uint32) (int32, bool) {
	mask := uint32(len(t.slots) - 1)
	for i := t.home(h); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.id1 == 0 {
			return -1, false
		}
		if s.hash == h && t.keys[s.id1-1] == string(k) {
			return s.id1 - 1, true
		}
	}
}

func (d *Dict) id(key string) int32 {
	if id, ok := d.vocab[key]; ok {
		return id
	}
	id := int32(len(d.vocab))
	d.vocab[key] = id
	return id
}

func (d *Dict) loadCountries(the map[string]bool, rename map[string]string) {
	for _, c := range gazetteer.Countries() {
		ci := int32(len(d.countries))
		name := c.Name
		if nm, ok := rename[c.ISO2]; ok {
			name = nm
		}
		d.countries = append(d.countries, country{iso: c.ISO2, name: name, the: the[c.ISO2]})
		d.countryIdx[c.ISO2] = ci
		for _, nm := range append([]string{c.Name, name}, c.Aliases...) {
			d.addSlotPhrase(slotCountry, nm, ci)
		}
		for _, dm := range c.Demonyms {
			d.addSlotPhrase(slotDemonym, dm, ci)
		}
	}
}

func (d *Dict) addSlotPhrase(kind int, phrase string, ci int32) {
	t := &d.slots[kind]
	n := int32(0)
	var key []byte
	for i := 0; ; {
		var w word
		var ok bool
		key, i, ok = nextWord(phrase, i, key, &w)
		if !ok {
			break
		}
		n = t.addChild(n, d.id(string(key)), caseSensitive(w))
	}
	if n != 0 && !slices.Contains(t.nodes[n].targets, ci) {
		t.nodes[n].targets = append(t.nodes[n].targets, ci)
	}
}

// caseSensitive reports whether an alias word must match in capitals: a
// word written in capitals of two to five letters ("IS", "US", "SNA",
// "ISWAP") is an acronym that, lower-cased, would be an English word or
// nothing. Write it in mixed case ("Isis") to match any case.
func caseSensitive(w word) bool { return w.caps && w.letters >= 2 && w.letters <= 5 }

// expand returns the entry once per combination of its variables' values.
func (r *rawEntry) expand() ([]*rawEntry, error) {
	if len(r.vars) == 0 {
		return []*rawEntry{r}, nil
	}
	out := []*rawEntry{{name: r.name, side: r.side, country: r.country, kind: r.kind, aliases: r.aliases, line: r.line}}
	for _, v := range r.vars {
		if len(v.values) == 0 {
			return nil, fmt.Errorf("actors: line %d: %s has no values", r.line, v.name)
		}
		var next []*rawEntry
		for _, e := range out {
			for _, val := range v.values {
				c := &rawEntry{name: strings.ReplaceAll(e.name, v.name, val), side: e.side, country: e.country, kind: e.kind, line: e.line}
				for _, a := range e.aliases {
					c.aliases = append(c.aliases, rawLine{strings.ReplaceAll(a.text, v.name, val), a.line})
				}
				next = append(next, c)
			}
		}
		out = next
	}
	return out, nil
}

func (d *Dict) addEntry(r *rawEntry, sides map[string]string) error {
	inter, ok := sitrep.Sides[r.side]
	if !ok {
		return fmt.Errorf("actors: line %d: unknown side %q (want one of government, rebel, militia, identity_militia, rioters, protesters, civilians, external)", r.line, r.side)
	}
	e := entry{name: r.name, side: r.side, inter: inter, kind: r.kind, line: r.line}
	if err := checkPlaceholders(r.name, false); err != nil {
		return fmt.Errorf("actors: line %d: %w", r.line, err)
	}
	e.template = strings.Contains(r.name, slotNames[slotCountry])
	switch {
	case r.country == "" || r.country == "-":
	case e.template:
		return fmt.Errorf("actors: line %d: a template takes its country from the text; drop %q", r.line, r.country)
	case gazetteer.CountryByCode(r.country) == nil || len(r.country) != 2:
		return fmt.Errorf("actors: line %d: unknown country code %q (want ISO 3166 alpha-2)", r.line, r.country)
	default:
		e.country = r.country
	}
	if s, ok := sides[e.name]; ok && s != e.side {
		return fmt.Errorf("actors: line %d: %q is %s here but %s elsewhere", r.line, e.name, e.side, s)
	}
	sides[e.name] = e.side
	if e.template {
		for _, c := range d.countries {
			e.names = append(e.names, fillName(e.name, c))
		}
		e.names = append(e.names, fillName(e.name, country{}))
	}
	d.entries = append(d.entries, e)
	ei := int32(len(d.entries) - 1)
	for _, a := range r.aliases {
		text, focus, err := splitFocus(a.text, a.line)
		if err != nil {
			return err
		}
		for _, item := range strings.Split(text, ";") {
			if strings.TrimSpace(item) == "" {
				continue
			}
			if err := d.addAlias(ei, item, focus, a.line); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitFocus splits the "@XX,YY" that ends an alias line from its aliases.
func splitFocus(text string, line int) (string, []string, error) {
	i := strings.LastIndex(text, "@")
	if i < 0 {
		return text, nil, nil
	}
	var focus []string
	for _, c := range strings.Split(text[i+1:], ",") {
		c = strings.ToUpper(strings.TrimSpace(c))
		if gazetteer.CountryByCode(c) == nil || len(c) != 2 {
			return "", nil, fmt.Errorf("actors: line %d: unknown country code %q after @", line, c)
		}
		focus = append(focus, c)
	}
	if strings.Contains(text[:i], "@") {
		return "", nil, fmt.Errorf("actors: line %d: more than one @ on a line", line)
	}
	slices.Sort(focus)
	return text[:i], focus, nil
}

// fillName writes a template name for country c; without a country,
// "Protesters ({country})" becomes "Protesters" and "Military Forces of
// {country}" "Military Forces".
func fillName(tpl string, c country) string {
	if c.iso == "" {
		for _, s := range []string{" of {country}", " ({country})", "{country} ", "{country}"} {
			tpl = strings.ReplaceAll(tpl, s, "")
		}
		return tpl
	}
	if c.the {
		tpl = strings.ReplaceAll(tpl, "of {country}", "of the {country}")
	}
	return strings.ReplaceAll(tpl, "{country}", c.name)
}

// checkPlaceholders reports a placeholder other than {country} (and
// {demonym} in an alias): an unset variable or a typing slip.
func checkPlaceholders(s string, alias bool) error {
	for {
		i := strings.IndexByte(s, '{')
		// A '}' before the next '{' closes nothing (found by FuzzParse:
		// "{country}|rebel\n }0{demonym}" made addForm slice backwards).
		if k := strings.IndexByte(s, '}'); k >= 0 && (i < 0 || k < i) {
			return fmt.Errorf("'}' without '{' in %q", s)
		}
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("'{' without '}' in %q", s)
		}
		p := s[i : i+j+1]
		if p != slotNames[slotCountry] && !(alias && p == slotNames[slotDemonym]) {
			return fmt.Errorf("unknown placeholder %s", p)
		}
		s = s[i+j+1:]
	}
}

// addAlias adds one alias as written, which may hold "(a|b)"
// alternatives; focus lists the documents it is meant for.
func (d *Dict) addAlias(ei int32, text string, focus []string, line int) error {
	text = strings.TrimSpace(text)
	if err := checkPlaceholders(text, true); err != nil {
		return fmt.Errorf("actors: line %d: %w", line, err)
	}
	forms, err := alternatives(text)
	if err != nil {
		return fmt.Errorf("actors: line %d: %w", line, err)
	}
	for _, f := range forms {
		if err := d.addForm(ei, f, focus, line); err != nil {
			return err
		}
	}
	return nil
}

// alternatives spells out "(a|b)" groups: "rebel(s)" is "rebel" and
// "rebels", "police(man|men)" is "policeman" and "policemen". Groups nest:
// "(soldier(s)|troops)".
func alternatives(s string) ([]string, error) {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		if strings.ContainsAny(s, ")|") {
			return nil, fmt.Errorf("unbalanced ')' or '|' outside ( ) in %q", s)
		}
		return []string{s}, nil
	}
	// The group's closing parenthesis and its top-level '|'s.
	depth, j := 0, -1
	bars := []int{}
	for k := i; k < len(s) && j < 0; k++ {
		switch s[k] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				j = k
			}
		case '|':
			if depth == 1 {
				bars = append(bars, k)
			}
		}
	}
	if j < 0 {
		return nil, fmt.Errorf("'(' without ')' in %q", s)
	}
	var alts []string
	from := i + 1
	for _, b := range append(bars, j) {
		alts = append(alts, s[from:b])
		from = b + 1
	}
	if len(alts) == 1 {
		alts = []string{"", alts[0]}
	}
	rest, err := alternatives(s[j+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range alts {
		inner, err := alternatives(a)
		if err != nil {
			return nil, err
		}
		for _, in := range inner {
			for _, r := range rest {
				out = append(out, s[:i]+in+r)
			}
		}
	}
	return out, nil
}

// addForm adds one spelled-out alias to the trie.
func (d *Dict) addForm(ei int32, form string, focus []string, line int) error {
	e := &d.entries[ei]
	t := &d.alias
	n := int32(0)
	words, slots := 0, 0
	var key []byte
	rest := form
	for rest != "" {
		// The text up to the next slot, then the slot.
		part, after := rest, ""
		kind := -1
		if i := strings.IndexByte(rest, '{'); i >= 0 {
			j := strings.IndexByte(rest, '}')
			part, after = rest[:i], rest[j+1:]
			kind = slotCountry
			if rest[i:j+1] == slotNames[slotDemonym] {
				kind = slotDemonym
			}
		}
		for i := 0; ; {
			var w word
			var ok bool
			key, i, ok = nextWord(part, i, key, &w)
			if !ok {
				break
			}
			if w.glue == glueNone && words > 0 {
				return fmt.Errorf("actors: line %d: punctuation inside alias %q: text never matches across it", line, form)
			}
			n = t.addChild(n, d.id(string(key)), caseSensitive(w))
			words++
		}
		if kind >= 0 {
			if !e.template {
				return fmt.Errorf("actors: line %d: alias %q has a slot but %q has no {country} in its name", line, form, e.name)
			}
			n = t.addSlot(n, kind)
			words++
			slots++
		}
		rest = after
	}
	if words == 0 {
		return fmt.Errorf("actors: line %d: empty alias", line)
	}
	if slots > 1 {
		return fmt.Errorf("actors: line %d: alias %q has more than one slot", line, form)
	}
	tg := target{entry: ei, focus: focus, indirect: words == 1 && slots == 1, line: line}
	for _, ti := range t.nodes[n].targets {
		old := d.targets[ti]
		if !slices.Equal(old.focus, focus) {
			continue
		}
		if d.entries[old.entry].name == e.name {
			return nil // the same alias again, for the same actor
		}
		return fmt.Errorf("actors: line %d: alias %q already names %q (line %d)", line, form, d.entries[old.entry].name, old.line)
	}
	d.targets = append(d.targets, tg)
	t.nodes[n].targets = append(t.nodes[n].targets, int32(len(d.targets)-1))
	d.nAliases++
	return nil
}

// Len returns the number of entries (after variables are spelled out) and
// of aliases (after "(a|b)" groups are spelled out; a template alias counts
// once, not once per country).
func (d *Dict) Len() (entries, aliases int) { return len(d.entries), d.nAliases }
