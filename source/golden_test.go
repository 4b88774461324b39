package source

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenPages reads each testdata/*.html and compares the article with
// testdata/*.golden: the headers, a blank line, the text. Refresh them with
// go test ./source -run TestGoldenPages -update, and read the diff.
func TestGoldenPages(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in testdata: %v", err)
	}
	for _, path := range pages {
		t.Run(filepath.Base(path), func(t *testing.T) {
			arts, err := ReadFile(path, Options{})
			if err != nil || len(arts) != 1 {
				t.Fatalf("ReadFile = %d articles, %v", len(arts), err)
			}
			a := arts[0]
			got := "title: " + a.Title + "\npublished: " + a.Published.Format(time.RFC3339) +
				"\nurl: " + a.URL + "\nsource: " + a.Source + "\nid: " + a.ID + "\n\n" + a.Text + "\n"
			golden := strings.TrimSuffix(path, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s: got\n%s\nwant (%s)\n%s", path, got, golden, want)
			}
		})
	}
}
