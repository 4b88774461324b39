package geoparse

import (
	"encoding/xml"
	"os"
)

// The geoparsing corpora are scored by `sitrep eval places` (eval/places.go);
// the benchmarks only need GeoVirus' article texts (the eval package
// cannot be imported here: it imports geoparse).

// readGeoVirus reads the article texts of GeoVirus.xml.
func readGeoVirus(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var doc struct {
		Texts []string `xml:"article>text"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return nil, err
	}
	return doc.Texts, nil
}
