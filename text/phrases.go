package text

import "strings"

// Phrases is a lexicon of multi-word phrases matched over tokens, longest
// phrase first. Matching compares folded tokens, so "Hayat Tahrir al-Sham",
// "hayat tahrir al sham" and "Hayat Tahrir Al-Sham" are one phrase: hyphens
// are transparent and apostrophes inside words are ignored. A word written
// in capitals of up to five letters ("IS", "US", "SNA") only matches the same
// word in capitals, so that "is" and "us" never match them.
type Phrases[V any] struct {
	// entries maps a phrase's hash to the index in lists of the phrases
	// with that hash.
	entries u64table
	lists   [][]phrase[V]
	// first maps the hash of a phrase's first word to the length, in words,
	// of the longest phrase starting with it.
	first u64table
	// bloom has a bit set for every first word's hash, so that most words
	// are turned away without a map lookup.
	bloom [bloomWords]uint64
	n     int
}

const bloomWords = 512 // 32768 bits

func bloomBit(h uint64) (int, uint64) {
	b := (h >> 7) % (bloomWords * 64)
	return int(b / 64), 1 << (b % 64)
}

// Starts maps a word's hash to the set of lexicons (bits, up to 32, the
// caller numbers them) that have a phrase starting with that word: one
// probe per token tells which of several lexicons may match there, where
// asking each lexicon costs a call and a bloom test apiece. Unlike a
// lexicon's bloom filter it is exact.
type Starts struct{ t u64table }

// AddStarts marks every first word of p as starting a phrase of lexicon
// bit.
func AddStarts[V any](s *Starts, p *Phrases[V], bit uint) {
	for i, used := range p.first.used {
		if used {
			h := p.first.keys[i]
			v, _ := s.t.get(h)
			s.t.put(h, v|int32(uint32(1)<<bit))
		}
	}
}

// Of returns the set of lexicons with a phrase starting with t's word.
func (s *Starts) Of(t Token) uint32 {
	v, _ := s.t.get(t.Hash)
	return uint32(v)
}

type phrase[V any] struct {
	words []string
	upper uint64 // bit i: word i must be in capitals
	val   V
}

// NewPhrases returns an empty lexicon.
func NewPhrases[V any]() *Phrases[V] {
	return &Phrases[V]{}
}

// Len returns the number of phrases added.
func (p *Phrases[V]) Len() int { return p.n }

// Add adds phrase with value v. Adding the same phrase again replaces its
// value. A phrase with no words is ignored.
func (p *Phrases[V]) Add(s string, v V) {
	var words []string
	var upper uint64
	for _, t := range Tokenize(s) {
		if skippable(t) {
			continue
		}
		if t.Upper && t.End-t.Start <= 5 && len(words) < 64 {
			upper |= 1 << len(words)
		}
		words = append(words, key(t.Norm))
	}
	if len(words) == 0 {
		return
	}
	h := seqHash(words)
	li, ok := p.entries.get(h)
	if !ok {
		li = int32(len(p.lists))
		p.lists = append(p.lists, nil)
		p.entries.put(h, li)
	}
	for i, e := range p.lists[li] {
		if equalWords(e.words, words) && e.upper == upper {
			p.lists[li][i].val = v
			return
		}
	}
	p.lists[li] = append(p.lists[li], phrase[V]{words: words, upper: upper, val: v})
	p.n++
	f := wordHash(words[0])
	if m, _ := p.first.get(f); int(m) < len(words) {
		p.first.put(f, int32(len(words)))
	}
	w, bit := bloomBit(f)
	p.bloom[w] |= bit
}

// Match returns the longest phrase that starts at toks[i]: end is the index
// after its last token. ok is false when no phrase starts there.
func (p *Phrases[V]) Match(toks []Token, i int) (end int, v V, ok bool) {
	if i >= len(toks) || skippable(toks[i]) {
		return 0, v, false
	}
	if w, bit := bloomBit(toks[i].Hash); p.bloom[w]&bit == 0 {
		return 0, v, false
	}
	m, _ := p.first.get(toks[i].Hash)
	max := int(m)
	if max == 0 {
		return 0, v, false
	}
	var hs [16]uint64
	var ends [16]int
	if max > len(hs) {
		max = len(hs)
	}
	h := uint64(offset64)
	n := 0
	for j := i; j < len(toks) && n < max; j++ {
		if skippable(toks[j]) {
			continue
		}
		h = combine(h, toks[j].Hash)
		hs[n] = h
		ends[n] = j + 1
		n++
	}
	for k := n; k > 0; k-- {
		li, ok := p.entries.get(hs[k-1])
		if !ok {
			continue
		}
		for _, e := range p.lists[li] {
			if len(e.words) == k && e.matches(toks, i, ends[k-1]) {
				return ends[k-1], e.val, true
			}
		}
	}
	return 0, v, false
}

func (e *phrase[V]) matches(toks []Token, i, end int) bool {
	w := 0
	for j := i; j < end; j++ {
		if skippable(toks[j]) {
			continue
		}
		if w >= len(e.words) || !sameKey(toks[j].Norm, e.words[w]) {
			return false
		}
		if e.upper&(1<<w) != 0 && !toks[j].Upper {
			return false
		}
		w++
	}
	return w == len(e.words)
}

// skippable tokens are transparent to phrase matching.
func skippable(t Token) bool {
	return t.Kind == Punct && t.Norm == "-"
}

// key is the form a word is compared in: folded, without apostrophes.
func key(w string) string {
	if strings.IndexByte(w, '\'') < 0 {
		return w
	}
	return strings.ReplaceAll(w, "'", "")
}

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// wordHash hashes a word as lexicons compare it: apostrophes ignored.
func wordHash(w string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(w); i++ {
		if w[i] == '\'' {
			continue
		}
		h ^= uint64(w[i])
		h *= prime64
	}
	return h
}

// combine adds a word's hash to a phrase's.
func combine(h, w uint64) uint64 {
	h ^= w
	h *= prime64
	h ^= h >> 29
	return h
}

func seqHash(ws []string) uint64 {
	h := uint64(offset64)
	for _, w := range ws {
		h = combine(h, wordHash(w))
	}
	return h
}

// sameKey reports whether word w, apostrophes ignored, is k.
func sameKey(w, k string) bool {
	if len(w) == len(k) {
		return w == k
	}
	j := 0
	for i := 0; i < len(w); i++ {
		if w[i] == '\'' {
			continue
		}
		if j >= len(k) || w[i] != k[j] {
			return false
		}
		j++
	}
	return j == len(k)
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// u64table is an open-addressing hash table from uint64 keys to int32
// values: lexicon lookups are most of the extractor's work, and a Go map
// costs several times more per probe.
type u64table struct {
	keys []uint64
	vals []int32
	used []bool
	n    int
}

func (t *u64table) get(k uint64) (int32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	mask := uint64(len(t.keys) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		if !t.used[i] {
			return 0, false
		}
		if t.keys[i] == k {
			return t.vals[i], true
		}
	}
}

func (t *u64table) put(k uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		if !t.used[i] {
			t.keys[i], t.vals[i], t.used[i] = k, v, true
			t.n++
			return
		}
		if t.keys[i] == k {
			t.vals[i] = v
			return
		}
	}
}

func (t *u64table) grow() {
	old := *t
	size := 16
	for size < 4*(old.n+1) {
		size *= 2
	}
	*t = u64table{keys: make([]uint64, size), vals: make([]int32, size), used: make([]bool, size)}
	for i, u := range old.used {
		if u {
			t.put(old.keys[i], old.vals[i])
		}
	}
}

// mix spreads a hash's bits over the low ones a table indexes by.
func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}
