package format

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/sitrep/sitrep/gazetteer/internal/lz"
)

// Decoded is a data file read back into what Encode was given.
type Decoded struct {
	Places []Place
	Keys   []Entry
	Starts []string
}

// Decode reads a data file back into its places, keys and starts, so that
// a tool can add places to it and encode it again (the GeoNames importer
// extends the embedded file). The skeletons are left out: Encode derives
// them from the keys.
func Decode(file []byte, normVersion int) (*Decoded, error) {
	if len(file) < len(Magic) || string(file[:len(Magic)]) != Magic {
		return nil, errors.New("format: not a gazetteer data file")
	}
	r := &decoder{b: file, off: len(Magic)}
	if v := r.uvarint(); v != Version {
		return nil, fmt.Errorf("format: layout %d, want %d", v, Version)
	}
	if v := r.uvarint(); v != uint64(normVersion) {
		return nil, fmt.Errorf("format: keyed by rules %d, want %d", v, normVersion)
	}
	if r.uvarint() != 4 {
		return nil, errors.New("format: want 4 streams")
	}
	var streams [4][]byte
	lens := [4]uint64{r.uvarint(), r.uvarint(), r.uvarint(), r.uvarint()}
	for i, n := range lens {
		if r.err != nil || n > uint64(len(file)-r.off) {
			return nil, errors.New("format: stream lengths exceed the file")
		}
		s, err := lz.Decompress(file[r.off : r.off+int(n)])
		if err != nil {
			return nil, fmt.Errorf("format: stream %d: %w", i, err)
		}
		streams[i] = s
		r.off += int(n)
	}
	d := &Decoded{}
	var err error
	if d.Places, err = decodePlaces(streams[0]); err != nil {
		return nil, fmt.Errorf("format: places: %w", err)
	}
	if d.Keys, err = decodeEntries(streams[1], len(d.Places)); err != nil {
		return nil, fmt.Errorf("format: keys: %w", err)
	}
	starts, err := decodeEntries(streams[3], 0)
	if err != nil {
		return nil, fmt.Errorf("format: starts: %w", err)
	}
	for _, e := range starts {
		d.Starts = append(d.Starts, e.Key)
	}
	return d, nil
}

func decodePlaces(b []byte) ([]Place, error) {
	r := &decoder{b: b}
	features := r.strings()
	countries := r.strings()
	n := r.uvarint()
	if r.err != nil || n > uint64(len(b)-r.off)/RecordSize {
		return nil, errors.New("records exceed the stream")
	}
	recs := b[r.off : r.off+int(n)*RecordSize]
	r.off += int(n) * RecordSize
	pool := r.str()
	if r.err != nil {
		return nil, r.err
	}
	str := func(off uint32, l byte) (string, error) {
		if uint64(off)+uint64(l) > uint64(len(pool)) {
			return "", errors.New("a record points outside the pool")
		}
		return pool[off : off+uint32(l)], nil
	}
	le := binary.LittleEndian
	places := make([]Place, n)
	for i := range places {
		rec := recs[i*RecordSize : (i+1)*RecordSize]
		name, err1 := str(le.Uint32(rec[OffName:]), rec[OffNameLen])
		codes, err2 := str(le.Uint32(rec[OffCodes:]), rec[OffCodesLen])
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		f, c := int(rec[OffFeature]), int(rec[OffCountry])
		if f >= len(features) || c >= len(countries) {
			return nil, errors.New("a record's feature or country is not in the tables")
		}
		p := Place{
			Level: rec[OffLevel], Feature: features[f], Country: countries[c], Name: name,
			GeonameID:  int(le.Uint32(rec[OffGeonameID:])),
			Population: int(le.Uint32(rec[OffPop:])),
			Lat:        float64(int32(le.Uint32(rec[OffLat:]))) / 1e5,
			Lon:        float64(int32(le.Uint32(rec[OffLon:]))) / 1e5,
			SeatLat:    float64(int32(le.Uint32(rec[OffSeatLat:]))) / 1e5,
			SeatLon:    float64(int32(le.Uint32(rec[OffSeatLon:]))) / 1e5,
			Admin1Ref:  int(le.Uint32(rec[OffAdmin1:])) - 1,
			Admin2Ref:  int(le.Uint32(rec[OffAdmin2:])) - 1,
		}
		p.Admin1, p.Admin2 = cut(codes)
		if p.Admin1Ref >= len(places) || p.Admin2Ref >= len(places) {
			return nil, errors.New("a record refers to an area that is not there")
		}
		places[i] = p
	}
	return places, nil
}

func cut(codes string) (a1, a2 string) {
	for i := range len(codes) {
		if codes[i] == '\t' {
			return codes[:i], codes[i+1:]
		}
	}
	return codes, ""
}

// decodeEntries reads a keys stream (places > 0: postings with kinds, each
// checked against the number of places) or a starts stream (no postings).
func decodeEntries(b []byte, places int) ([]Entry, error) {
	r := &decoder{b: b}
	n := r.uvarint()
	if r.err != nil || n > uint64(len(b)) {
		return nil, errors.New("entry count exceeds the stream")
	}
	es := make([]Entry, 0, n)
	for range n {
		e := Entry{Key: r.str()}
		ps := &decoder{b: []byte(r.str())}
		if r.err != nil {
			return nil, r.err
		}
		idx := uint64(0)
		for places > 0 && ps.off < len(ps.b) {
			v := ps.uvarint()
			idx += v >> 2
			if ps.err != nil || idx >= uint64(places) {
				return nil, fmt.Errorf("key %q: a posting beyond the places", e.Key)
			}
			e.Postings = append(e.Postings, Posting{Place: int(idx), Kind: Kind(v & 3)})
		}
		es = append(es, e)
	}
	return es, nil
}

// decoder walks a stream, remembering the first error.
type decoder struct {
	b   []byte
	off int
	err error
}

func (r *decoder) uvarint() uint64 {
	v, k := binary.Uvarint(r.b[min(r.off, len(r.b)):])
	if k <= 0 {
		if r.err == nil {
			r.err = errors.New("cut short")
		}
		r.off = len(r.b)
		return 0
	}
	r.off += k
	return v
}

func (r *decoder) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)-r.off) || n > math.MaxInt32 {
		if r.err == nil {
			r.err = errors.New("a string runs past the stream")
		}
		r.off = len(r.b)
		return ""
	}
	s := string(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return s
}

func (r *decoder) strings() []string {
	n := r.uvarint()
	if n > 256 {
		r.err = errors.New("more than 256 codes")
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}
