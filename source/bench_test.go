package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// BenchmarkReadHTML measures extraction from a 63 KB news page with the
// usual clutter (menus, ads, scripts, comments, related links).
func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), "page.html", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadJSONL measures reading records of plain text, 3 KB each.
func BenchmarkReadJSONL(b *testing.B) {
	text := strings.Repeat("Rebels entered Hama on Thursday, the monitor said.\n", 60)
	var in bytes.Buffer
	for range 100 {
		in.WriteString(`{"published":"2024-12-06","text":` + jsonString(text) + "}\n")
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := read(bytes.NewReader(data), "feed.jsonl", Options{}, func(sitrep.Article) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
