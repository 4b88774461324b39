package lz

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 5000)
	for i := range random {
		random[i] = byte(rng.IntN(4))
	}
	cases := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"one byte", []byte{7}},
		{"short literal run", []byte("abc")},
		{"run overlapping its own copy", bytes.Repeat([]byte{'a'}, 1000)},
		{"repeated words", bytes.Repeat([]byte("Homs Hama Aleppo "), 300)},
		{"long literal run", []byte("the quick brown fox jumps over the lazy dog, 0123456789")},
		{"low-entropy random", random},
		{"match at the very end", []byte("abcdefgh-abcdefgh")},
	}
	for _, c := range cases {
		for _, depth := range []int{1, 16} {
			z := Compress(c.in, depth)
			got, err := Decompress(z)
			if err != nil || !bytes.Equal(got, c.in) {
				t.Errorf("%s (depth %d): round trip failed: err %v, got %d bytes, want %d", c.name, depth, err, len(got), len(c.in))
			}
		}
	}
}

func TestCorruptStreamIsAnError(t *testing.T) {
	z := Compress(bytes.Repeat([]byte("Talbisseh "), 50), 8)
	for _, cut := range []int{1, 2, len(z) / 2, len(z) - 1} {
		if _, err := Decompress(z[:cut]); err == nil {
			t.Errorf("Decompress(first %d of %d bytes) = nil error, want ErrCorrupt", cut, len(z))
		}
	}
}

func FuzzDecompress(f *testing.F) {
	f.Add(Compress([]byte("Deir ez-Zor Deir ez-Zor"), 4))
	f.Fuzz(func(t *testing.T, b []byte) {
		Decompress(b) // must not panic
	})
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("Rastan Rastan Rastan"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Decompress(Compress(b, 8))
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %q failed: %v", b, err)
		}
	})
}
