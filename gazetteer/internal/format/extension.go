package format

import (
	"crypto/sha256"
	"errors"
)

// ExtMagic opens an extension: a data file that is the embedded one with
// places added (sitrep gazetteer import writes it). Its layout:
//
//	magic   "SRGX"
//	32 bytes SHA-256 of the embedded data file it was built from
//	32 bytes SHA-256 of the data file that follows
//	a data file (Magic ...)
//
// The first sum ties it to one build of the embedded data: an extension
// built from an older one would bring back its places and names. The
// second tells a damaged file from a good one before it is read.
const ExtMagic = "SRGX"

// WrapExtension returns data, a data file extending base, as an extension.
func WrapExtension(base, data []byte) []byte {
	b := []byte(ExtMagic)
	bs, ds := sha256.Sum256(base), sha256.Sum256(data)
	b = append(b, bs[:]...)
	b = append(b, ds[:]...)
	return append(b, data...)
}

// Errors of UnwrapExtension.
var (
	ErrNotExtension = errors.New("not a sitrep gazetteer extension (sitrep gazetteer import writes one)")
	ErrDamaged      = errors.New("damaged: its checksum does not match its contents")
)

// UnwrapExtension returns the sum of the data file an extension was built
// from and its own data file.
func UnwrapExtension(file []byte) (base [32]byte, data []byte, err error) {
	n := len(ExtMagic)
	if len(file) < n || string(file[:n]) != ExtMagic {
		return base, nil, ErrNotExtension
	}
	if len(file) < n+64 {
		return base, nil, ErrDamaged
	}
	copy(base[:], file[n:n+32])
	data = file[n+64:]
	if sum := sha256.Sum256(data); string(sum[:]) != string(file[n+32:n+64]) {
		return base, nil, ErrDamaged
	}
	return base, data, nil
}
