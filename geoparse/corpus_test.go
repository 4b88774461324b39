package geoparse

import (
	"encoding/xml"
	"os"
)

// The geoparsing corpora are scored by `sitrep eval places` (eval/places.go);
// the benchmarks only need GeoVirus' article texts (the eval package
// cannot be imported here: it imports geoparse).

type goldDoc struct {
	text string
}

// readGeoVirus reads the article texts of GeoVirus.xml.
func readGeoVirus(path string) ([]goldDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var doc struct {
		Articles []struct {
			Text string `xml:"text"`
		} `xml:"article"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return nil, err
	}
	docs := make([]goldDoc, 0, len(doc.Articles))
	for _, a := range doc.Articles {
		docs = append(docs, goldDoc{text: a.Text})
	}
	return docs, nil
}
