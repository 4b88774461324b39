package lz

import (
	"runtime"
	"testing"
)

// A corrupt header claiming 1.4 GB made Decompress allocate it before
// reading a block (FuzzDecompress, testdata/fuzz/FuzzDecompress/218ace150bd4c6dd).
func TestDecompressDoesNotTrustTheHeader(t *testing.T) {
	src := []byte("\xa7\xa7\xa7\xa7\x05\xff\xff\x05")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Decompress(src); err == nil {
		t.Fatal("Decompress of a corrupt stream: nil error")
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Fatalf("Decompress of %d corrupt bytes allocated %d bytes", len(src), n)
	}
}
