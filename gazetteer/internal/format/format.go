// Package format is the layout of the gazetteer's data file, shared by the
// generator that writes it and the gazetteer that reads it.
//
// The layout is chosen so that loading costs almost nothing beyond
// decompression: places are fixed-size records read in place (no pointers
// for the garbage collector to scan, no parsing), names point into a
// string pool, and only the hash tables over the keys are built at start.
// The file holds four independently compressed streams so that a
// multi-core machine decompresses them at once.
//
//	magic   "SRG2"
//	uvarint Version, norm.Version (the rules the keys were made with)
//	uvarint number of streams (4), then each stream's compressed length
//	streams, each compressed with package lz:
//
//	places:
//	  uvarint count, then each feature code as a string
//	  uvarint count, then each country code as a string
//	  uvarint number of places, then RecordSize bytes per place (below)
//	  uvarint pool length, then the pool
//	keys:
//	  uvarint count, then each entry, sorted by key:
//	    string   key
//	    string   postings, each a uvarint (place-index delta << 2 | Kind)
//	skeletons:
//	  as keys, without kinds; each posting is a uvarint delta of the offset
//	  of a key entry in the keys stream
//	starts:
//	  as keys, with no postings: the keys of the first words of the names
//	  of several words (a parser looks up longer stretches from these only)
//
// A string is a uvarint length followed by its bytes. A place record, all
// integers little-endian:
//
//	0  int32   latitude  * 1e5
//	4  int32   longitude * 1e5
//	8  uint32  GeoNames id (0 for admin areas)
//	12 uint32  population
//	16 uint32  name: offset in the pool
//	20 uint32  admin1 area: place index + 1, 0 when none
//	24 uint32  admin2 area: place index + 1, 0 when none
//	28 uint32  codes: offset in the pool of "A1" or "A1\tA2" (admin codes)
//	32 uint8   name length
//	33 uint8   codes length
//	34 uint8   level (0 town, 1 district, 2 region, 3 country)
//	35 uint8   feature code index
//	36 uint8   country code index
//	37 int32   seat latitude  * 1e5 (an area's seat of government; a
//	41 int32   seat longitude * 1e5  town's own point)
package format

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/gazetteer/internal/lz"
)

// Magic opens every data file.
const Magic = "SRG2"

// Version is bumped whenever the layout changes.
const Version = 6

// RecordSize is the size of one place record.
const RecordSize = 45

// Offsets of the fields of a place record.
const (
	OffLat       = 0
	OffLon       = 4
	OffGeonameID = 8
	OffPop       = 12
	OffName      = 16
	OffAdmin1    = 20
	OffAdmin2    = 24
	OffCodes     = 28
	OffNameLen   = 32
	OffCodesLen  = 33
	OffLevel     = 34
	OffFeature   = 35
	OffCountry   = 36
	OffSeatLat   = 37
	OffSeatLon   = 41
)

// Kind says how a key names a place: by its own name, by one of its
// alternate names, or by a loose key derived from either.
type Kind uint8

// Kinds, best first.
const (
	KindName Kind = iota
	KindAlt
	KindLoose
)

// Place is one place as the generator hands it to Encode.
type Place struct {
	Level     uint8
	Feature   string
	GeonameID int
	Name      string
	Lat, Lon  float64
	// SeatLat and SeatLon are the seat of an area's government, where
	// events reported only by the area are coded; a town's own point.
	SeatLat, SeatLon float64
	Population       int
	Country          string
	Admin1           string
	Admin2           string
	// Admin1Ref and Admin2Ref are the indexes of the enclosing areas, -1
	// when none.
	Admin1Ref, Admin2Ref int
}

// Posting is one place a key or skeleton names.
type Posting struct {
	Place int
	Kind  Kind
}

// Entry is one key (or skeleton) with its postings, sorted by place.
type Entry struct {
	Key      string
	Postings []Posting
}

// Encode lays out and compresses a data file: the places, the keys with
// their postings, and an index from each skeleton (as skeleton makes it
// from a key; only those of minSkel bytes or more) to the keys that have
// it. Depth is lz's search depth.
func Encode(places []Place, keys []Entry, starts []string, skeleton func(string) string, minSkel, normVersion, depth int) []byte {
	streams := raw(places, keys, starts, skeleton, minSkel)
	b := []byte(Magic)
	b = binary.AppendUvarint(b, Version)
	b = binary.AppendUvarint(b, uint64(normVersion))
	b = binary.AppendUvarint(b, uint64(len(streams)))
	for i, s := range streams {
		streams[i] = lz.Compress(s, depth)
		b = binary.AppendUvarint(b, uint64(len(streams[i])))
	}
	for _, s := range streams {
		b = append(b, s...)
	}
	return b
}

// RawSize returns the size of the three streams before compression.
func RawSize(places []Place, keys []Entry, starts []string, skeleton func(string) string, minSkel int) int {
	n := 0
	for _, s := range raw(places, keys, starts, skeleton, minSkel) {
		n += len(s)
	}
	return n
}

func raw(places []Place, keys []Entry, starts []string, skeleton func(string) string, minSkel int) [][]byte {
	ks, offsets := encodeEntries(keys, true)
	// Skeleton postings point at keys (their offsets in the keys stream),
	// not at places: a fuzzy lookup compares the query with each key
	// before it looks at any place.
	bySkel := map[string][]int{}
	for i, e := range keys {
		if sk := skeleton(e.Key); len(sk) >= minSkel {
			bySkel[sk] = append(bySkel[sk], offsets[i])
		}
	}
	skels := make([]Entry, 0, len(bySkel))
	for sk, offs := range bySkel {
		e := Entry{Key: sk}
		slices.Sort(offs)
		for _, o := range offs {
			e.Postings = append(e.Postings, Posting{Place: o})
		}
		skels = append(skels, e)
	}
	slices.SortFunc(skels, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	ss, _ := encodeEntries(skels, false)
	firsts := make([]Entry, len(starts))
	for i, f := range starts {
		firsts[i] = Entry{Key: f}
	}
	fs, _ := encodeEntries(firsts, false)
	return [][]byte{encodePlaces(places), ks, ss, fs}
}

func encodePlaces(places []Place) []byte {
	var features, countries []string
	featureIdx := map[string]int{}
	countryIdx := map[string]int{}
	for _, p := range places {
		if _, ok := featureIdx[p.Feature]; !ok {
			featureIdx[p.Feature] = len(features)
			features = append(features, p.Feature)
		}
		if _, ok := countryIdx[p.Country]; !ok {
			countryIdx[p.Country] = len(countries)
			countries = append(countries, p.Country)
		}
	}
	if len(features) > 256 || len(countries) > 256 {
		panic("format: more than 256 feature or country codes do not fit a record")
	}
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(features)))
	for _, f := range features {
		b = appendString(b, f)
	}
	b = binary.AppendUvarint(b, uint64(len(countries)))
	for _, c := range countries {
		b = appendString(b, c)
	}
	// The pool holds each distinct string once: thousands of towns share a
	// name or an admin code.
	var pool strings.Builder
	poolOff := map[string]int{}
	intern := func(s string) (off, n int) {
		if len(s) > 255 {
			s = s[:255]
		}
		o, ok := poolOff[s]
		if !ok {
			o = pool.Len()
			poolOff[s] = o
			pool.WriteString(s)
		}
		return o, len(s)
	}
	b = binary.AppendUvarint(b, uint64(len(places)))
	for _, p := range places {
		nameOff, nameLen := intern(p.Name)
		codes := p.Admin1
		if p.Admin2 != "" {
			codes += "\t" + p.Admin2
		}
		codesOff, codesLen := intern(codes)
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(math.Round(p.Lat*1e5))))
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(math.Round(p.Lon*1e5))))
		b = binary.LittleEndian.AppendUint32(b, uint32(p.GeonameID))
		b = binary.LittleEndian.AppendUint32(b, uint32(min(p.Population, math.MaxUint32)))
		b = binary.LittleEndian.AppendUint32(b, uint32(nameOff))
		b = binary.LittleEndian.AppendUint32(b, uint32(p.Admin1Ref+1))
		b = binary.LittleEndian.AppendUint32(b, uint32(p.Admin2Ref+1))
		b = binary.LittleEndian.AppendUint32(b, uint32(codesOff))
		b = append(b, byte(nameLen), byte(codesLen), p.Level, byte(featureIdx[p.Feature]), byte(countryIdx[p.Country]))
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(math.Round(p.SeatLat*1e5))))
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(math.Round(p.SeatLon*1e5))))
	}
	b = binary.AppendUvarint(b, uint64(pool.Len()))
	return append(b, pool.String()...)
}

// encodeEntries lays out entries and returns the offset of each.
func encodeEntries(es []Entry, kinds bool) ([]byte, []int) {
	b := binary.AppendUvarint(nil, uint64(len(es)))
	offsets := make([]int, len(es))
	var ps []byte
	for i, e := range es {
		offsets[i] = len(b)
		b = appendString(b, e.Key)
		ps = ps[:0]
		prev := 0
		for _, p := range e.Postings {
			d := uint64(p.Place - prev)
			prev = p.Place
			if kinds {
				d = d<<2 | uint64(p.Kind)
			}
			ps = binary.AppendUvarint(ps, d)
		}
		// The postings go as a string: loading skips them in one step.
		b = appendString(b, string(ps))
	}
	return b, offsets
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
