// Package build assembles a gazetteer data file from places and their
// names. The generator of the embedded file (internal/gen) and the GeoNames
// importer (gazetteer/geonames) both go through it, so a name is keyed, an
// area's generic words are stripped and an alternate name is judged usable
// by the same rules whichever file a place lands in.
package build

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/gazetteer/internal/format"
	"github.com/sitrep/sitrep/gazetteer/internal/norm"
)

// MaxPlaces bounds the places of one file: a posting packs the place index
// in 30 bits, and GeoNames holds about 13 million features in all.
const MaxPlaces = 1 << 30

// Builder collects places and the keys that name them.
type Builder struct {
	// Places are the places in file order.
	Places []format.Place
	// Keys are stored once each; a posting is keyID<<32 | place<<2 | kind,
	// one flat slice rather than a map per key, so that millions of names
	// (a whole GeoNames dump) cost a few words each.
	keyID  map[string]uint32
	keys   []string
	posts  []uint64
	starts map[string]bool
}

// New returns an empty builder.
func New() *Builder {
	return &Builder{keyID: map[string]uint32{}, starts: map[string]bool{}}
}

// Add appends place p and returns its index; a place given no seat is its
// own.
func (b *Builder) Add(p format.Place) int {
	if p.SeatLat == 0 && p.SeatLon == 0 {
		p.SeatLat, p.SeatLon = p.Lat, p.Lon
	}
	b.Places = append(b.Places, p)
	return len(b.Places) - 1
}

// Name keys place i under name with kind k, and under its loose key as a
// loose name.
func (b *Builder) Name(i int, name string, k format.Kind) {
	key := norm.Key(name)
	if len(key) < 2 {
		return
	}
	b.Post(key, i, k)
	if loose := string(norm.AppendLoose(nil, name)); loose != key && len(loose) >= 3 {
		b.Post(loose, i, format.KindLoose)
	}
	// A name of several words: its first word starts a name. A parser
	// needs to look up longer stretches of text only from such words.
	if words := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '‐' }); len(words) > 1 {
		if f := norm.Key(words[0]); f != "" {
			b.Start(f)
		}
	}
}

// Post keys place i under key (already normalised) with kind k; the best
// kind a key gives a place is the one kept.
func (b *Builder) Post(key string, i int, k format.Kind) {
	id, ok := b.keyID[key]
	if !ok {
		id = uint32(len(b.keys))
		b.keyID[key] = id
		b.keys = append(b.keys, key)
	}
	b.posts = append(b.posts, uint64(id)<<32|uint64(i)<<2|uint64(k))
}

// Start records key as the first word of a name of several words.
func (b *Builder) Start(key string) { b.starts[key] = true }

// AreaNames keys an admin area under each of its names and each without
// generic affixes ("Homs Governorate" and "Homs"): the first name as its
// own, the others as alternates.
func (b *Builder) AreaNames(i int, affixes Affixes, names ...string) {
	for j, n := range names {
		k := format.KindName
		if j > 0 {
			k = format.KindAlt
		}
		b.Name(i, n, k)
		if s := affixes.Strip(n); s != "" {
			b.Name(i, s, k)
		}
	}
}

// Permute puts the places in a new order, place order[j] at j, and
// renumbers the areas places refer to and the postings.
func (b *Builder) Permute(order []int) error {
	if len(order) != len(b.Places) {
		return fmt.Errorf("build: permute %d places with an order of %d", len(b.Places), len(order))
	}
	to := make([]int, len(order))
	for j := range to {
		to[j] = -1
	}
	for j, i := range order {
		if i < 0 || i >= len(order) || to[i] >= 0 {
			return fmt.Errorf("build: order is no permutation (place %d)", i)
		}
		to[i] = j
	}
	for i := range b.Places {
		p := &b.Places[i]
		if p.Admin1Ref >= 0 {
			p.Admin1Ref = to[p.Admin1Ref]
		}
		if p.Admin2Ref >= 0 {
			p.Admin2Ref = to[p.Admin2Ref]
		}
	}
	// In place, cycle by cycle: a copy of millions of places (an import
	// of allCountries) would double the builder's largest part.
	done := make([]bool, len(order))
	for j := range order {
		if done[j] {
			continue
		}
		tmp := b.Places[j]
		k := j
		for order[k] != j {
			b.Places[k] = b.Places[order[k]]
			done[k] = true
			k = order[k]
		}
		b.Places[k] = tmp
		done[k] = true
	}
	for n, p := range b.posts {
		i := int(p>>2) & (MaxPlaces - 1)
		b.posts[n] = p&^(uint64(MaxPlaces-1)<<2) | uint64(to[i])<<2
	}
	return nil
}

// Entries returns the keys with their postings, sorted by key; each
// posting by place, with the best kind the key gives it.
func (b *Builder) Entries() []format.Entry {
	slices.Sort(b.posts)
	es := make([]format.Entry, 0, len(b.keys))
	for n := 0; n < len(b.posts); {
		id := b.posts[n] >> 32
		e := format.Entry{Key: b.keys[id]}
		for ; n < len(b.posts) && b.posts[n]>>32 == id; n++ {
			place := int(b.posts[n]>>2) & (MaxPlaces - 1)
			if k := len(e.Postings); k > 0 && e.Postings[k-1].Place == place {
				continue // sorted by kind too: the first is the best
			}
			e.Postings = append(e.Postings, format.Posting{Place: place, Kind: format.Kind(b.posts[n] & 3)})
		}
		es = append(es, e)
	}
	slices.SortFunc(es, func(a, b format.Entry) int { return strings.Compare(a.Key, b.Key) })
	return es
}

// Starts returns the first words of names of several words, sorted.
func (b *Builder) Starts() []string { return slices.Sorted(maps.Keys(b.starts)) }

// Encode returns the data file; depth is the compression effort. It
// refuses what the layout cannot hold rather than write a file the
// gazetteer would misread. It is the builder's last use: the postings are
// let go once laid out, as an import of allCountries holds millions.
func (b *Builder) Encode(depth int) ([]byte, error) {
	if len(b.Places) >= MaxPlaces {
		return nil, fmt.Errorf("build: %d places, at most %d fit", len(b.Places), MaxPlaces-1)
	}
	features, countries := map[string]bool{}, map[string]bool{}
	for _, p := range b.Places {
		features[p.Feature], countries[p.Country] = true, true
	}
	if len(features) > 256 || len(countries) > 256 {
		return nil, fmt.Errorf("build: %d feature codes and %d country codes, at most 256 of each fit", len(features), len(countries))
	}
	entries := b.Entries()
	b.posts, b.keyID = nil, nil
	return format.Encode(b.Places, entries, b.Starts(), norm.Skeleton, norm.MinSkeleton, norm.Version, depth), nil
}

// UsableAlt drops the alternate names that are no name a news text would
// use for the place: other scripts, codes (IATA "DAM", postal codes), links,
// and the all-lower-case machine transliterations ("dyralzwr").
func UsableAlt(a string) bool {
	if len(a) > 80 || strings.Contains(a, "http") || strings.Contains(a, "www.") {
		return false
	}
	upper, lower, letters := 0, 0, 0
	for _, r := range a {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		}
	}
	if upper == 0 {
		return false
	}
	if lower == 0 && letters <= 4 {
		return false
	}
	return letters >= 2
}

//go:embed affixes.txt
var affixesTxt string

// Affixes are the generic words of admin areas' names.
type Affixes []affix

type affix struct {
	prefix bool
	words  string
}

// DefaultAffixes returns the affixes of affixes.txt.
func DefaultAffixes() Affixes {
	as, err := ReadAffixes(affixesTxt)
	if err != nil {
		panic(fmt.Sprintf("build: affixes.txt: %v", err)) // part of the program
	}
	return as
}

// ReadAffixes reads a list of "suffix WORDS" and "prefix WORDS" lines.
func ReadAffixes(txt string) (Affixes, error) {
	var as Affixes
	for i, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		kind, words, _ := strings.Cut(line, " ")
		switch kind {
		case "suffix", "prefix":
			as = append(as, affix{prefix: kind == "prefix", words: strings.ToLower(words)})
		default:
			return nil, fmt.Errorf("line %d: %q is neither suffix nor prefix", i+1, kind)
		}
	}
	return as, nil
}

// Strip removes generic affixes from an area's name until none is left;
// it returns "" when there was none or nothing else would remain.
func (as Affixes) Strip(name string) string {
	s := name
	for changed := true; changed; {
		changed = false
		low := strings.ToLower(s)
		for _, a := range as {
			switch {
			case a.prefix && strings.HasPrefix(low, a.words) && len(s) > len(a.words):
				rest := s[len(a.words):]
				if strings.HasSuffix(a.words, "'") || rest[0] == ' ' || rest[0] == '-' {
					s, changed = strings.Trim(rest, " -"), true
				}
			case !a.prefix && strings.HasSuffix(low, a.words) && len(s) > len(a.words):
				rest := s[:len(s)-len(a.words)]
				if c := rest[len(rest)-1]; c == ' ' || c == '-' {
					s, changed = strings.Trim(rest, " -"), true
				}
			}
			if changed {
				break
			}
		}
	}
	if s == name || s == "" {
		return ""
	}
	return s
}
