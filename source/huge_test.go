package source

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// gigabyte yields n bytes of 'a' without holding them, then the tail.
type gigabyte struct {
	n    int64
	tail *strings.Reader
}

func (g *gigabyte) Read(p []byte) (int, error) {
	if g.n <= 0 {
		return g.tail.Read(p)
	}
	k := min(int64(len(p)), g.n)
	for i := range k {
		p[i] = 'a'
	}
	g.n -= k
	return int(k), nil
}

// allocated is how many bytes fn allocated.
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestGigabyteOnStdin: a gigabyte line in a JSONL stream costs its time,
// not its size in memory: it is reported as too large, and the record
// after it is read.
func TestGigabyteOnStdin(t *testing.T) {
	in := &gigabyte{n: 1 << 30, tail: strings.NewReader("\n" + `{"title":"After","text":"Rebels shelled Hama on Friday.","published":"2024-12-06"}` + "\n")}
	var got int
	var err error
	n := allocated(func() {
		err = read(in, "-", Options{Format: JSONL}, func(a sitrep.Article) error {
			got++
			return nil
		})
	})
	if got != 1 {
		t.Errorf("read %d records after the huge line, want 1", got)
	}
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "-:1:") {
		t.Errorf("error %v: want the huge line 1 reported as too large", err)
	}
	if n > 256<<20 {
		t.Errorf("reading a gigabyte line allocated %d MB", n>>20)
	}

	// Plain text: one article of a gigabyte is refused once it passes
	// the bound, without reading the rest.
	in = &gigabyte{n: 1 << 30, tail: strings.NewReader("")}
	n = allocated(func() {
		_, err = Read(in, "-", Options{Format: Text})
	})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("a gigabyte of text: error %v, want too large", err)
	}
	if n > 256<<20 {
		t.Errorf("refusing a gigabyte of text allocated %d MB", n>>20)
	}
	// It stopped at the bound instead of draining the input.
	if rest, _ := io.Copy(io.Discard, in); rest < 1<<30-4*DefaultMaxBytes {
		t.Errorf("only %d MB of the gigabyte were left unread", rest>>20)
	}
}
