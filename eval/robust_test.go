package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
)

// articleBound is how long one real text may take to extract in
// TestEveryRealTextReads: a robustness bound, hundreds of times what a
// news article takes (a few milliseconds), so that only a text the
// extractor cannot cope with (a cost that runs away) trips it.
const articleBound = 2 * time.Second

// realTexts reads every text under dir (../shared/data): the ACLED notes,
// the geoparsing corpora and the general news, each named by file and
// record.
func realTexts(t *testing.T, dir string) []sitrep.Article {
	var arts []sitrep.Article
	add := func(name, text string) {
		arts = append(arts, sitrep.Article{ID: name, Text: text, Published: time.Date(2020, 5, 5, 0, 0, 0, 0, time.UTC)})
	}
	open := func(rel string) io.ReadCloser {
		f, err := os.Open(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	acledFiles, _ := filepath.Glob(filepath.Join(dir, "acled", "*.csv"))
	for _, p := range acledFiles {
		f := open(filepath.Join("acled", filepath.Base(p)))
		cases, _, err := ReadACLED(f, p)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			add(fmt.Sprintf("%s:%d", filepath.Base(p), c.Rows[0].Line), c.Notes)
		}
	}
	for _, g := range []struct {
		file string
		read func(io.Reader, string) ([]*PlaceDoc, []error, error)
	}{{"geoparse/GeoVirus.xml", ReadGeoVirus}, {"geoparse/geocorpora.tsv", ReadGeoCorpora}} {
		f := open(g.file)
		docs, _, err := g.read(f, g.file)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			add(g.file+" "+d.ID, d.Text)
		}
	}
	for _, g := range []struct {
		file string
		read func(io.Reader, string) ([]GeneralItem, error)
	}{{"general/ag_news_dev.csv", ReadAGNews}, {"general/bbc_news.csv", ReadBBC}, {"general/glocon_sabinet_protest.jsonl", ReadGLOCON}} {
		f := open(g.file)
		items, err := g.read(f, g.file)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			add(g.file+" "+it.ID, it.Text)
		}
	}
	return arts
}

// TestEveryRealTextReads extracts every real text we have, on every core,
// each within articleBound: none may panic or run out of that time. (It
// is no speed test: the bound is a ceiling, far above the normal.)
func TestEveryRealTextReads(t *testing.T) {
	dir := sharedDataDir()
	if _, err := os.Stat(filepath.Join(dir, "general")); err != nil {
		t.Skipf("no shared data at %s (set SITREP_DATA): %v", dir, err)
	}
	arts := realTexts(t, dir)
	if len(arts) < 10000 {
		t.Fatalf("read %d texts from %s, want every one (tens of thousands)", len(arts), dir)
	}
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	next := make(chan *sitrep.Article)
	var mu sync.Mutex
	var failed []string
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for a := range next {
				ctx, cancel := context.WithTimeout(context.Background(), articleBound)
				_, _, err := x.ExtractContext(ctx, a)
				cancel()
				if err != nil {
					msg := err.Error()
					if pe, ok := errors.AsType[*extract.PanicError](err); ok {
						msg += "\n" + string(pe.Stack)
					}
					mu.Lock()
					failed = append(failed, msg)
					mu.Unlock()
				}
			}
		})
	}
	for i := range arts {
		next <- &arts[i]
	}
	close(next)
	wg.Wait()
	for _, f := range failed {
		t.Error(f)
	}
	t.Logf("%d texts read", len(arts))
}
