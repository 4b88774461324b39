// Command digest prints digests of what the extractor, the geoparser and
// the actor scanner make of fixed texts: 3,000 synthetic articles and,
// when ../shared/data is there, GeoVirus' news. A change meant only to be
// faster must leave all three unchanged: run it before and after.
//
//	go run ./scripts/digest
package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/eval"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
)

func main() {
	arts := newsgen.Articles(3000, 7, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	// GeoVirus' news too: real text.
	if err := addGeoVirus(&arts, "../shared/data/geoparse/GeoVirus.xml"); err != nil {
		fmt.Fprintln(os.Stderr, "digest: synthetic articles only:", err)
	}
	x, err := extract.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "digest:", err)
		os.Exit(1)
	}
	dict := actors.Default()
	hd, hp, ha := sha256.New(), sha256.New(), sha256.New()
	n := 0
	// Every result is kept and hashed at the end: a result that shares
	// memory with the extractor's working buffers would show here.
	docs := make([]sitrep.Doc, len(arts))
	places := make([]any, len(arts))
	acts := make([]any, len(arts))
	for i := range arts {
		arts[i].ID = sitrep.ArticleID(arts[i].Text)
		docs[i] = x.Doc(arts[i])
		n += len(docs[i].Events)
		places[i] = x.Places(&arts[i])
		acts[i] = dict.Scan(arts[i].Text, "")
	}
	for i := range arts {
		b, _ := json.Marshal(docs[i])
		hd.Write(b)
		b, _ = json.Marshal(places[i])
		hp.Write(b)
		b, _ = json.Marshal(acts[i])
		ha.Write(b)
	}
	fmt.Printf("%d texts, %d events\ndoc    %x\nplaces %x\nactors %x\n", len(arts), n, hd.Sum(nil)[:8], hp.Sum(nil)[:8], ha.Sum(nil)[:8])
}

// addGeoVirus appends the articles of the GeoVirus file at path.
func addGeoVirus(arts *[]sitrep.Article, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	docs, _, err := eval.ReadGeoVirus(f, path)
	if err != nil {
		return err
	}
	for _, d := range docs {
		*arts = append(*arts, sitrep.Article{Text: d.Text, Published: time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)})
	}
	return nil
}
