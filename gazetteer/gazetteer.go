package gazetteer

//go:generate go run ./internal/gen

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/sitrep/sitrep/gazetteer/internal/format"
	"github.com/sitrep/sitrep/gazetteer/internal/lz"
	"github.com/sitrep/sitrep/gazetteer/internal/norm"
)

// placesBin is the data file go generate writes (see internal/gen):
// GeoNames cities500 with admin areas and countries. Place data (c)
// GeoNames (https://www.geonames.org), CC BY 4.0.
//
//go:embed places.bin
var placesBin []byte

// Level is how much ground a place covers.
type Level uint8

// Levels, finest first.
const (
	LevelTown Level = iota
	LevelDistrict
	LevelRegion
	LevelCountry
)

// String returns the precision word sitrep.Location uses for the level.
func (l Level) String() string {
	switch l {
	case LevelTown:
		return "town"
	case LevelDistrict:
		return "district"
	case LevelRegion:
		return "region"
	case LevelCountry:
		return "country"
	}
	return "unknown"
}

// Place is one place of the gazetteer: a GeoNames populated place, an
// admin1 or admin2 area, or a country.
type Place struct {
	// GeonameID is the GeoNames id of the place: a town's and a
	// country's from GeoNames, a first-level area's from Natural Earth's
	// admin-1 table; 0 for the embedded districts and for the few
	// first-level areas that table does not match (an area an extension
	// adds has its GeoNames id).
	GeonameID int
	// Name is GeoNames' name of the place ("Ar Rastan", "Homs").
	Name string
	// Lat and Lon are the place's point as a gazetteer gives it: a town's
	// own; a country's GeoNames point; a first-level area's Natural Earth
	// label point, well inside it (else its seat); a district's seat.
	Lat, Lon float64
	// SeatLat and SeatLon are where an event reported only by the place
	// is coded, as ACLED codes it: an area's seat of government (a
	// country's capital, a first-level area's capital), else Lat and Lon.
	SeatLat, SeatLon float64
	// Feature is the GeoNames feature code (PPL, PPLA, PPLC...; ADM1 and
	// ADM2 for areas, PCLI for countries).
	Feature string
	// Population is GeoNames' figure for a town and the sum of its towns'
	// for an area; 0 when unknown.
	Population int
	// CountryCode is the ISO 3166 alpha-2 code.
	CountryCode string
	// Admin1Code and Admin2Code are GeoNames' codes of the enclosing areas
	// within the country ("11" for Homs governorate); empty when unknown.
	Admin1Code, Admin2Code string
	// Admin1 and Admin2 are the names of the enclosing areas (for an area,
	// its own name at its level); empty when unknown.
	Admin1, Admin2 string
	// Level is town, district, region or country.
	Level Level

	index int32 // position in the gazetteer's table
}

// Index returns the place's position in its gazetteer: a small, stable
// number to sort and index by.
func (p *Place) Index() int { return int(p.index) }

// Contains reports whether q lies within p: p is q's country, admin1 or
// admin2 area, or q itself.
func (p *Place) Contains(q *Place) bool {
	if p == q {
		return true
	}
	if p.CountryCode != q.CountryCode || q.Level >= p.Level {
		return false
	}
	switch p.Level {
	case LevelCountry:
		return true
	case LevelRegion:
		return p.Admin1Code == q.Admin1Code
	case LevelDistrict:
		return p.Admin1Code == q.Admin1Code && p.Admin2Code == q.Admin2Code
	}
	return false
}

// Candidate is one place a name may denote.
type Candidate struct {
	Place *Place
	// Alt says the name is only one of the place's alternate names (or a
	// loose spelling of a name), not its main one.
	Alt bool
	// Fuzzy says the name only matched the place's skeleton (Idlib for
	// Idleb, Deir for Dayr): likely, but weaker evidence.
	Fuzzy bool
}

// Gazetteer is the index of places. It is read-only and safe for
// concurrent use.
type Gazetteer struct {
	// recs holds the fixed-size place records (format.RecordSize bytes
	// each) and pool the strings they point to; both stay as the data
	// file has them. A Place is built from its record on first use and
	// kept in cache, so each place has one *Place and the collector never
	// scans a quarter-million structs it does not need.
	recs, pool string
	n          int
	cache      []atomic.Pointer[Place]
	features   []string
	countries  []string
	keys       table
	skels      table
	starts     table // first words of names of several words

	areasOnce sync.Once
	areas     map[string]int32 // "SY", "SY.11", "SY.11.163532" -> place index

	townsOnce sync.Once
	towns     map[string][]int32 // "SY" -> the towns of the country, by index
}

var defaultG struct {
	once sync.Once
	g    *Gazetteer
}

// Default returns the gazetteer built into the binary, loading it on first
// use (some tens of milliseconds; see BenchmarkLoad).
func Default() *Gazetteer {
	defaultG.once.Do(func() {
		g, err := Load(placesBin)
		if err != nil {
			panic(err) // the embedded file is part of the program
		}
		defaultG.g = g
	})
	return defaultG.g
}

// Select returns the gazetteer at path, an extension sitrep gazetteer
// import wrote, or the embedded one when path is empty.
func Select(path string) (*Gazetteer, error) {
	if path == "" {
		return Default(), nil
	}
	return Open(path)
}

// Open reads an extension: the embedded places with those of GeoNames
// dumps added, as sitrep gazetteer import writes it. It is refused when
// it was built from another build of the embedded data, since it would
// bring that build's places and names back.
func Open(path string) (*Gazetteer, error) {
	file, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	base, data, err := format.UnwrapExtension(file)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	if base != embeddedSum() {
		return nil, fmt.Errorf("gazetteer: %s: built from another version of the embedded gazetteer: run sitrep gazetteer import again", path)
	}
	g, err := load(data)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %s: %w (run sitrep gazetteer import again)", path, err)
	}
	return g, nil
}

var embeddedSumOnce = sync.OnceValue(func() [32]byte { return sha256.Sum256(placesBin) })

func embeddedSum() [32]byte { return embeddedSumOnce() }

// DataFile returns the embedded data file, which an extension extends
// (see gazetteer/geonames).
func DataFile() []byte { return bytes.Clone(placesBin) }

// Load reads a data file as go generate writes it.
func Load(file []byte) (*Gazetteer, error) {
	g, err := load(file)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: load: %w", err)
	}
	return g, nil
}

func load(file []byte) (*Gazetteer, error) {
	if len(file) < len(format.Magic) || string(file[:len(format.Magic)]) != format.Magic {
		return nil, errors.New("not a gazetteer data file")
	}
	r := &reader{s: unsafe.String(&file[0], len(file)), off: len(format.Magic)}
	if v := r.uvarint(); v != format.Version {
		return nil, fmt.Errorf("data file format %d, want %d: run go generate", v, format.Version)
	}
	if v := r.uvarint(); v != norm.Version {
		return nil, fmt.Errorf("data file keyed by rules %d, want %d: run go generate", v, norm.Version)
	}
	if n := r.uvarint(); n != 4 {
		return nil, fmt.Errorf("%d streams, want 4", n)
	}
	var streams [4][]byte
	off := 0
	lens := [4]int{r.uvarint(), r.uvarint(), r.uvarint(), r.uvarint()}
	if r.err != nil {
		return nil, r.err
	}
	for i, n := range lens {
		if r.off+off+n > len(file) || n < 0 {
			return nil, io.ErrUnexpectedEOF
		}
		streams[i] = file[r.off+off : r.off+off+n]
		off += n
	}
	// The three streams decompress and index at once: on more than one
	// core the load takes as long as its largest part.
	g := &Gazetteer{}
	var wg sync.WaitGroup
	var errs [4]error
	wg.Add(4)
	go func() { defer wg.Done(); errs[0] = g.loadPlaces(streams[0]) }()
	go func() { defer wg.Done(); g.keys, errs[1] = loadTable(streams[1]) }()
	go func() { defer wg.Done(); g.skels, errs[2] = loadTable(streams[2]) }()
	go func() { defer wg.Done(); g.starts, errs[3] = loadTable(streams[3]) }()
	wg.Wait()
	for i, what := range []string{"places", "keys", "skeletons", "starts"} {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", what, errs[i])
		}
	}
	return g, nil
}

func (g *Gazetteer) loadPlaces(z []byte) error {
	b, err := lz.Decompress(z)
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return io.ErrUnexpectedEOF
	}
	// The bytes are never written again, so strings can point into them.
	r := &reader{s: unsafe.String(&b[0], len(b))}
	g.features = make([]string, r.uvarint())
	for i := range g.features {
		g.features[i] = r.str()
	}
	g.countries = make([]string, r.uvarint())
	for i := range g.countries {
		g.countries[i] = r.str()
	}
	g.n = r.uvarint()
	if r.err != nil || g.n < 0 || r.off+g.n*format.RecordSize > len(r.s) {
		return io.ErrUnexpectedEOF
	}
	g.recs = r.s[r.off : r.off+g.n*format.RecordSize]
	r.off += g.n * format.RecordSize
	g.pool = r.str()
	if r.err != nil {
		return r.err
	}
	g.cache = make([]atomic.Pointer[Place], g.n)
	return nil
}

func (g *Gazetteer) rec(i int) string {
	return g.recs[i*format.RecordSize : (i+1)*format.RecordSize]
}

func u32(s string, off int) uint32 {
	return uint32(s[off]) | uint32(s[off+1])<<8 | uint32(s[off+2])<<16 | uint32(s[off+3])<<24
}

// poolStr returns the pool string at off with length n, or "" when the
// record points outside the pool (a corrupt file must not panic).
func (g *Gazetteer) poolStr(off uint32, n byte) string {
	if int(off)+int(n) > len(g.pool) {
		return ""
	}
	return g.pool[off : int(off)+int(n)]
}

// Name returns the name of the place at index i, as Place(i).Name, without
// building the place.
func (g *Gazetteer) Name(i int) string {
	r := g.rec(i)
	return g.poolStr(u32(r, format.OffName), r[format.OffNameLen])
}

// Place returns the place at index i (see Place.Index).
func (g *Gazetteer) Place(i int) *Place {
	if p := g.cache[i].Load(); p != nil {
		return p
	}
	p := g.build(i)
	if g.cache[i].CompareAndSwap(nil, p) {
		return p
	}
	return g.cache[i].Load() // another goroutine built it first
}

func (g *Gazetteer) build(i int) *Place {
	r := g.rec(i)
	p := &Place{
		index:      int32(i),
		GeonameID:  int(u32(r, format.OffGeonameID)),
		Name:       g.poolStr(u32(r, format.OffName), r[format.OffNameLen]),
		Lat:        float64(int32(u32(r, format.OffLat))) / 1e5,
		Lon:        float64(int32(u32(r, format.OffLon))) / 1e5,
		SeatLat:    float64(int32(u32(r, format.OffSeatLat))) / 1e5,
		SeatLon:    float64(int32(u32(r, format.OffSeatLon))) / 1e5,
		Population: int(u32(r, format.OffPop)),
		Level:      Level(r[format.OffLevel]),
	}
	if f := int(r[format.OffFeature]); f < len(g.features) {
		p.Feature = g.features[f]
	}
	if c := int(r[format.OffCountry]); c < len(g.countries) {
		p.CountryCode = g.countries[c]
	}
	codes := g.poolStr(u32(r, format.OffCodes), r[format.OffCodesLen])
	p.Admin1Code, p.Admin2Code, _ = strings.Cut(codes, "\t")
	if a := int(u32(r, format.OffAdmin1)) - 1; a >= 0 && a < g.n {
		ar := g.rec(a)
		p.Admin1 = g.poolStr(u32(ar, format.OffName), ar[format.OffNameLen])
	}
	if a := int(u32(r, format.OffAdmin2)) - 1; a >= 0 && a < g.n {
		ar := g.rec(a)
		p.Admin2 = g.poolStr(u32(ar, format.OffName), ar[format.OffNameLen])
	}
	return p
}

// reader walks a stream.
type reader struct {
	s   string
	off int
	err error
}

func (r *reader) uvarint() int {
	var x uint64
	var shift uint
	for r.off < len(r.s) {
		c := r.s[r.off]
		r.off++
		if c < 0x80 {
			return int(x | uint64(c)<<shift)
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
		if shift > 63 {
			break
		}
	}
	r.err = io.ErrUnexpectedEOF
	return 0
}

func (r *reader) str() string {
	n := r.uvarint()
	if n < 0 || r.off+n > len(r.s) {
		r.err = io.ErrUnexpectedEOF
		r.off = len(r.s)
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// table is an open-addressing hash table over the entries of one stream.
// Each slot holds the offset of an entry (its key string) + 1 in its low
// 32 bits, 0 when empty, and the top 32 bits of the key's hash in its high
// ones: most probes of a key that is not there (most words of a text)
// stop at the slot without reading the entry, which is a cache miss away.
// Postings are decoded from the stream on each hit.
type table struct {
	data  string
	seed  maphash.Seed
	slots []uint64
	mask  uint64
	// bloom has two bits set per key, from the hash: a word that is no
	// key (most words) is known to be none after touching 512 KB, not the
	// megabytes of slots.
	bloom []uint64
}

const bloomBits = 1 << 22

func bloomAt(h uint64) (uint64, uint64) {
	return h & (bloomBits - 1), (h >> 22) & (bloomBits - 1)
}

func loadTable(z []byte) (table, error) {
	b, err := lz.Decompress(z)
	if err != nil {
		return table{}, err
	}
	if len(b) == 0 || len(b) >= math.MaxUint32 {
		return table{}, io.ErrUnexpectedEOF
	}
	r := &reader{s: unsafe.String(&b[0], len(b))}
	n := r.uvarint()
	size := 1
	for size < n*2 {
		size <<= 1 // at most half full: most lookups miss, and a miss ends at an empty slot
	}
	t := table{data: r.s, seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: uint64(size - 1),
		bloom: make([]uint64, bloomBits/64)}
	for range n {
		off := r.off
		k := r.str()
		r.str() // postings
		if r.err != nil {
			return t, r.err
		}
		h := maphash.String(t.seed, k)
		b1, b2 := bloomAt(h >> 20)
		t.bloom[b1/64] |= 1 << (b1 % 64)
		t.bloom[b2/64] |= 1 << (b2 % 64)
		i := h & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = h&^0xFFFFFFFF | uint64(off+1)
	}
	return t, nil
}

// find returns the offset of the postings of key, or -1.
func (t *table) find(key []byte) int {
	if len(t.slots) == 0 {
		return -1
	}
	h := maphash.Bytes(t.seed, key)
	if b1, b2 := bloomAt(h >> 20); t.bloom[b1/64]&(1<<(b1%64)) == 0 || t.bloom[b2/64]&(1<<(b2%64)) == 0 {
		return -1
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s&^0xFFFFFFFF != h&^0xFFFFFFFF {
			continue
		}
		r := reader{s: t.data, off: int(uint32(s)) - 1}
		if k := r.str(); k == string(key) {
			return r.off
		}
	}
}

// postings calls fn with each place index and kind of the entry whose
// postings start at off.
func (t *table) postings(off int, kinds bool, fn func(i int, k format.Kind)) {
	r := reader{s: t.data, off: off}
	r.s = r.str()
	r.off = 0
	idx := 0
	for r.off < len(r.s) {
		v := r.uvarint()
		k := format.KindName
		if kinds {
			k = format.Kind(v & 3)
			v >>= 2
		}
		idx += v
		fn(idx, k)
	}
}

// Key returns the normalised form of a place name that lookups compare:
// "Al-Rastan", "Ar Rastan" and "Rastan" share one key, as do "Talbisseh"
// and "Tallbisah". See the norm package for the rules.
func Key(name string) string { return norm.Key(name) }

// AppendKey appends the key of name to dst (Key without allocating).
func AppendKey(dst []byte, name string) []byte { return norm.AppendKey(dst, name) }

// AppendFold appends name lower-cased with diacritics folded and only its
// letters and digits kept: "Rājshāhi" -> "rajshahi". Two names with the
// same fold are spelt the same; two with the same key only sound alike.
func AppendFold(dst []byte, name string) []byte { return norm.AppendFold(dst, name) }

// Skeleton returns the loose form of a key that fuzzy lookups compare
// (consonants only: "Deir ez-Zor" and "Dayr az Zawr" share one).
func Skeleton(key string) string { return norm.Skeleton(key) }

// Lookup returns the places name may denote: those it names by key;
// failing that, by a loose spelling (articles joined to the word: "Deir
// Ezzor"); failing that too, those whose skeleton it shares (Fuzzy). Candidates come in the data file's order: countries, regions,
// districts, towns.
func (g *Gazetteer) Lookup(name string) []Candidate {
	return g.AppendLookup(nil, name)
}

// AppendLookup is Lookup appending to dst, for callers that look up many
// names and want to reuse one slice.
func (g *Gazetteer) AppendLookup(dst []Candidate, name string) []Candidate {
	var kb, lb [96]byte
	key := norm.AppendKey(kb[:0], name)
	loose := key
	if norm.MayHaveJoinedArticle(name) {
		loose = norm.AppendLoose(lb[:0], name)
	}
	return g.appendLookup(dst, key, loose, true)
}

// AppendExact is AppendLookup without the fuzzy fallback.
func (g *Gazetteer) AppendExact(dst []Candidate, name string) []Candidate {
	var kb, lb [96]byte
	key := norm.AppendKey(kb[:0], name)
	loose := key
	if norm.MayHaveJoinedArticle(name) {
		loose = norm.AppendLoose(lb[:0], name)
	}
	return g.appendLookup(dst, key, loose, false)
}

// StartsName reports whether some name of several words begins with word
// (by key): "Deir", "New", "Al". A parser need look up stretches of text
// longer than a word only from such words.
func (g *Gazetteer) StartsName(word string) bool {
	var kb [96]byte
	key := norm.AppendKey(kb[:0], word)
	return len(key) > 0 && g.starts.find(key) >= 0
}

// Has reports whether name denotes any place by key or loose spelling,
// cheaply: no candidates are built.
func (g *Gazetteer) Has(name string) bool {
	var kb, lb [96]byte
	key := norm.AppendKey(kb[:0], name)
	if len(key) == 0 {
		return false
	}
	if g.keys.find(key) >= 0 {
		return true
	}
	if !norm.MayHaveJoinedArticle(name) {
		return false
	}
	loose := norm.AppendLoose(lb[:0], name)
	return !bytes.Equal(loose, key) && g.keys.find(loose) >= 0
}

func (g *Gazetteer) appendLookup(dst []Candidate, key, loose []byte, fuzzy bool) []Candidate {
	n0 := len(dst)
	if len(key) == 0 {
		return dst
	}
	off := g.keys.find(key)
	if off >= 0 {
		g.keys.postings(off, true, func(i int, k format.Kind) {
			if i < g.n && k != format.KindLoose {
				dst = append(dst, Candidate{Place: g.Place(i), Alt: k != format.KindName})
			}
		})
	}
	if len(dst) > n0 {
		return dst
	}
	// No place has the name itself: try loose spellings, the name's
	// against the names', and the name's against the loose ones ("Deir
	// Ezzor" = "Deir ez-Zor", "Raqqa" = "Arraqqa").
	if off >= 0 {
		g.keys.postings(off, true, func(i int, _ format.Kind) {
			if i < g.n {
				dst = append(dst, Candidate{Place: g.Place(i), Alt: true})
			}
		})
	}
	if !bytes.Equal(loose, key) {
		if off := g.keys.find(loose); off >= 0 {
			g.keys.postings(off, true, func(i int, _ format.Kind) {
				if i < g.n {
					dst = appendUnique(dst, n0, Candidate{Place: g.Place(i), Alt: true})
				}
			})
		}
	}
	if len(dst) > n0 || !fuzzy {
		return dst
	}
	var sb [96]byte
	sk := norm.AppendSkeleton(sb[:0], key)
	if len(sk) < norm.MinSkeleton {
		return dst
	}
	if off := g.skels.find(sk); off >= 0 {
		// The skeleton's postings are keys: keep the places of those a
		// few edits from the query (a skeleton is a coarse net: Markoye
		// and Morocco share one).
		short := len(sk) <= norm.MinSkeleton
		g.skels.postings(off, false, func(koff int, _ format.Kind) {
			r := reader{s: g.keys.data, off: koff}
			k := r.str()
			if r.err != nil || len(k) == 0 || short && k[0] != key[0] {
				return // the short skeletons gather hundreds of keys: same first letter at least
			}
			if !closeKeys(key, k) {
				return
			}
			g.keys.postings(r.off, true, func(i int, _ format.Kind) {
				if i < g.n {
					dst = appendUnique(dst, n0, Candidate{Place: g.Place(i), Alt: true, Fuzzy: true})
				}
			})
		})
	}
	return dst
}

// closeKeys reports whether two keys are within a quarter of their length
// in edits (at least one): Idleb-Idlib, Deir al-Zour-Deir ez-Zor.
func closeKeys(a []byte, b string) bool {
	n := max(len(a), len(b))
	limit := max(1, n/4)
	if abs(len(a)-len(b)) > limit {
		return false
	}
	return editDistance(a, b, limit) <= limit
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// EditDistance is the Levenshtein distance of a and b, or limit+1 once it
// is known to exceed limit.
func EditDistance(a []byte, b string, limit int) int { return editDistance(a, b, limit) }

// editDistance is EditDistance.
func editDistance(a []byte, b string, limit int) int {
	if len(a) > 64 || len(b) > 64 {
		return limit + 1
	}
	var prevBuf, curBuf [65]int
	prev, cur := prevBuf[:len(b)+1], curBuf[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func appendUnique(dst []Candidate, from int, c Candidate) []Candidate {
	for _, d := range dst[from:] {
		if d.Place == c.Place {
			return dst
		}
	}
	return append(dst, c)
}

// area returns the country or admin area with code ("SY", "SY.11",
// "SY.11.163532"), or nil. The index of areas is built on first use.
func (g *Gazetteer) area(code string) *Place {
	g.areasOnce.Do(func() {
		g.areas = map[string]int32{}
		for i := range g.n {
			r := g.rec(i)
			lvl := Level(r[format.OffLevel])
			if lvl == LevelTown {
				continue
			}
			cc := ""
			if c := int(r[format.OffCountry]); c < len(g.countries) {
				cc = g.countries[c]
			}
			codes := g.poolStr(u32(r, format.OffCodes), r[format.OffCodesLen])
			a1, a2, _ := strings.Cut(codes, "\t")
			switch lvl {
			case LevelCountry:
				g.areas[cc] = int32(i)
			case LevelRegion:
				g.areas[cc+"."+a1] = int32(i)
			case LevelDistrict:
				g.areas[cc+"."+a1+"."+a2] = int32(i)
			}
		}
	})
	i, ok := g.areas[code]
	if !ok {
		return nil
	}
	return g.Place(int(i))
}

// TownsOf returns the indices (see Place.Index) of the towns of the
// country, in the gazetteer's order; nil when there are none. The index
// is built on first use. The slice is shared: callers must not change it.
func (g *Gazetteer) TownsOf(countryCode string) []int32 {
	return g.townIndex()[countryCode]
}

// townIndex returns the towns by country, building the index on first
// use.
func (g *Gazetteer) townIndex() map[string][]int32 {
	g.townsOnce.Do(func() {
		g.towns = map[string][]int32{}
		for i := range g.n {
			r := g.rec(i)
			if Level(r[format.OffLevel]) != LevelTown {
				continue
			}
			cc := ""
			if c := int(r[format.OffCountry]); c < len(g.countries) {
				cc = g.countries[c]
			}
			g.towns[cc] = append(g.towns[cc], int32(i))
		}
	})
	return g.towns
}

// Admin1 returns the first-level area with GeoNames code admin1Code in the
// country, or nil.
func (g *Gazetteer) Admin1(countryCode, admin1Code string) *Place {
	if admin1Code == "" {
		return nil
	}
	return g.area(countryCode + "." + admin1Code)
}

// Admin2 returns the second-level area, or nil.
func (g *Gazetteer) Admin2(countryCode, admin1Code, admin2Code string) *Place {
	if admin1Code == "" || admin2Code == "" {
		return nil
	}
	return g.area(countryCode + "." + admin1Code + "." + admin2Code)
}

// Country returns the country with ISO 3166 alpha-2 code iso2, or nil.
func (g *Gazetteer) Country(iso2 string) *Place {
	if len(iso2) != 2 {
		return nil
	}
	return g.area(iso2)
}

// Parent returns the smallest area that contains p: its admin2 area, else
// its admin1 area, else its country; nil for a country.
func (g *Gazetteer) Parent(p *Place) *Place {
	switch p.Level {
	case LevelTown:
		if a := g.Admin2(p.CountryCode, p.Admin1Code, p.Admin2Code); a != nil {
			return a
		}
		fallthrough
	case LevelDistrict:
		if a := g.Admin1(p.CountryCode, p.Admin1Code); a != nil && a != p {
			return a
		}
		fallthrough
	case LevelRegion:
		return g.Country(p.CountryCode)
	}
	return nil
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return g.n }

// Distance returns the great-circle distance in kilometres between two
// points (haversine).
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088 // mean Earth radius, km
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
