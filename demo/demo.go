// Package demo holds sitrep's bundled sample corpus (corpus/: the brief's
// seed article and sample reports written for the project, marked as
// samples) and loads it into a store, so `sitrep demo` and the page's
// browser test run on the same record without ../shared or a network.
package demo

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/source"
)

//go:embed corpus/*.jsonl
var corpus embed.FS

// Articles returns the corpus's articles, file by file in name order.
func Articles() ([]sitrep.Article, error) {
	names, err := fs.Glob(corpus, "corpus/*.jsonl")
	if err != nil {
		return nil, err
	}
	var all []sitrep.Article
	for _, name := range names {
		f, err := corpus.Open(name)
		if err != nil {
			return nil, err
		}
		arts, err := source.Read(f, path.Base(name), source.Options{Format: source.JSONL})
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("demo corpus: %w", err)
		}
		all = append(all, arts...)
	}
	return all, nil
}

// Load extracts the corpus's events with x and ingests them into st in one
// batch; loading it again changes nothing. It returns what Ingest did.
func Load(ctx context.Context, st sitrep.Store, x *extract.Extractor) ([]sitrep.IngestResult, error) {
	arts, err := Articles()
	if err != nil {
		return nil, err
	}
	docs := make([]sitrep.Doc, len(arts))
	for i, a := range arts {
		docs[i] = x.Doc(a)
	}
	return st.Ingest(ctx, docs)
}
