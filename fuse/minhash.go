package fuse

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// A MinHash signature has SigSize slots, banded for lookup into Bands
// bands of SigSize/Bands slots. Two stories whose word 4-gram sets have
// Jaccard similarity 0.6 share a band with probability 0.89, at 0.8 with
// probability 0.9999, at 0.3 only 0.12; Similar then checks the estimate.
const (
	SigSize   = 64
	Bands     = 16
	rows      = SigSize / Bands
	shingleN  = 4
	NearLimit = 0.6 // estimated Jaccard similarity at which two texts are one story
)

// Signature is a MinHash signature.
type Signature [SigSize]uint32

// fnv64 hashes a word; unlike maphash its value is the same in every
// process, which stored signatures need.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// mix is splitmix64's finaliser: a good 64-bit permutation.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Sign returns the MinHash signature of text's word 4-grams (words are
// letters and digits, case-folded). A text of fewer than four words gets
// the signature of its words as one shingle.
func Sign(text string) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	var words [shingleN]uint64
	n := 0
	buf := make([]byte, 0, 32)
	add := func() {
		var sh uint64
		for k := 0; k < shingleN; k++ {
			sh = mix(sh ^ words[(n+k)%shingleN])
		}
		for i := range sig {
			if v := uint32(mix(sh+uint64(i)*0x9e3779b97f4a7c15) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	flush := func() {
		if len(buf) == 0 {
			return
		}
		words[n%shingleN] = fnv64(buf)
		n++
		buf = buf[:0]
		if n >= shingleN {
			add()
		}
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	if n > 0 && n < shingleN {
		for k := n; k < shingleN; k++ {
			words[k] = 0
		}
		n = 0
		add()
	}
	return sig
}

// BandKeys returns the signature's band hashes: two signatures that share
// one are candidates for Similar. Keys are 31-bit, which SQL databases
// store in four bytes; a chance collision only costs a Similar check.
func (s *Signature) BandKeys() [Bands]int64 {
	var keys [Bands]int64
	var b [4 * rows]byte
	for i := range keys {
		for r := 0; r < rows; r++ {
			binary.LittleEndian.PutUint32(b[4*r:], s[i*rows+r])
		}
		keys[i] = int64(mix(fnv64(b[:])^uint64(i)) >> 33)
	}
	return keys
}

// Similarity estimates the Jaccard similarity of the two texts' shingles.
func Similarity(a, b *Signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / SigSize
}

// Similar reports whether two signatures are of one story.
func Similar(a, b *Signature) bool { return Similarity(a, b) >= NearLimit }

// Bytes encodes the signature for storage; ParseSignature decodes it.
func (s *Signature) Bytes() []byte {
	b := make([]byte, 4*SigSize)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// ParseSignature decodes what Bytes encoded; ok is false for bytes of the
// wrong length.
func ParseSignature(b []byte) (s Signature, ok bool) {
	if len(b) != 4*SigSize {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

// Canonical reports whether article a should stand for its story rather
// than b: the fuller text wins (a trimmed copy loses a paragraph's
// events), then the smaller id, so the choice never depends on order.
func Canonical(aID string, aLen int, bID string, bLen int) bool {
	if aLen != bLen {
		return aLen > bLen
	}
	return aID < bID
}
