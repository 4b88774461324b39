package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// readArticle reads a testdata article: a "Published: YYYY-MM-DD" line, a
// blank line, then the text.
func readArticle(t *testing.T, path string) *sitrep.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(b), "\n\n")
	date, found := strings.CutPrefix(head, "Published: ")
	if !ok || !found {
		t.Fatalf("%s: want a 'Published: YYYY-MM-DD' line and a blank line first", path)
	}
	return &sitrep.Article{ID: filepath.Base(path), Text: body, Published: day(strings.TrimSpace(date))}
}

// TestGolden extracts every testdata/*.txt article and compares the events
// with testdata/*.events.jsonl (go test -run Golden -update rewrites them).
// The files pin whole-article behaviour; TestGoldenFacts states what in
// them must be true.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txt")
	if len(paths) == 0 {
		t.Fatal("no testdata/*.txt articles")
	}
	x := extractor(t)
	for _, path := range paths {
		a := readArticle(t, path)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for _, e := range x.Extract(a) {
			if err := enc.Encode(e); err != nil {
				t.Fatal(err)
			}
		}
		golden := strings.TrimSuffix(path, ".txt") + ".events.jsonl"
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%s: %v (run go test -run Golden -update)", path, err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: events differ from %s (go test -run Golden -update, then review the diff):\n%s", path, golden, buf.String())
		}
	}
}
