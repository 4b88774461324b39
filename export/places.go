package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
)

// Place is a gazetteer place as sitrep places writes it.
type Place struct {
	// GeonameID is the GeoNames id of the place; districts, which sitrep
	// places itself, have none.
	GeonameID int `json:"geonameid,omitempty"`
	// Name is the place's name as English news writes it (GeoNames' in
	// plain letters: "Hamah"); GeoNamesName is GeoNames' own ("Ḩamāh"),
	// when it differs, for matching against GeoNames.
	Name         string  `json:"name"`
	GeoNamesName string  `json:"geonames_name,omitempty"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	FeatureCode  string  `json:"feature_code"`
	Admin1       string  `json:"admin1,omitempty"`
	CountryCode  string  `json:"country_code"`
	// Precision is town, district, region or country.
	Precision string `json:"precision"`
	// Score is the parser's confidence in this reading, 0 to 1.
	Score float64 `json:"score"`
}

// PlaceMention is one toponym mention of a text: the words, their byte
// span, the place they resolve to (absent when unresolved) and the next
// best readings.
type PlaceMention struct {
	// Article is the id of the article the mention is in.
	Article string `json:"article,omitempty"`
	Mention string `json:"mention"`
	Span    [2]int `json:"span"`
	*Place
	// Fallback says the name is not in the gazetteer (or no reading of it
	// lies where the text puts it): Place is the enclosing place the text
	// names, at its coarser precision.
	Fallback     bool    `json:"fallback,omitempty"`
	Alternatives []Place `json:"alternatives"`
}

// PlaceMentions returns the mentions of article in the form written (a
// newspaper's town is none: see geoparse.Mention.Outlet).
func PlaceMentions(article string, ms []geoparse.Mention) []PlaceMention {
	out := make([]PlaceMention, 0, len(ms))
	for _, m := range ms {
		if m.Outlet {
			continue
		}
		pm := PlaceMention{Article: article, Mention: m.Text, Span: [2]int{m.Start, m.End}, Fallback: m.Fallback,
			Alternatives: make([]Place, 0, len(m.Alternatives))}
		if m.Place != nil {
			p := place(m.Place, m.Score)
			p.Precision = m.Location().Precision // a fallback to a town is only near it
			pm.Place = &p
		}
		for _, a := range m.Alternatives {
			pm.Alternatives = append(pm.Alternatives, place(a.Place, a.Score))
		}
		out = append(out, pm)
	}
	return out
}

func place(p *gazetteer.Place, score float64) Place {
	pl := Place{GeonameID: p.GeonameID, Name: gazetteer.Plain(p.Name), Lat: p.Lat, Lon: p.Lon, FeatureCode: p.Feature,
		Admin1: gazetteer.Plain(p.Admin1), CountryCode: p.CountryCode, Precision: p.Level.String(), Score: score}
	if pl.Name != p.Name {
		pl.GeoNamesName = p.Name
	}
	return pl
}

// PlaceWriter writes place mentions one at a time; Close finishes the
// output.
type PlaceWriter interface {
	Write(m *PlaceMention) error
	Close() error
}

// PlaceFormats lists the formats NewPlaceWriter knows.
var PlaceFormats = []string{"jsonl", "geojson"}

// NewPlaceWriter returns a writer of place mentions in format to w: JSON
// lines, one mention a line, or a GeoJSON FeatureCollection of the
// resolved mentions (a Point each, the mention as its properties).
func NewPlaceWriter(w io.Writer, format string) (PlaceWriter, error) {
	switch format {
	case "jsonl", "":
		return placeJSONL{json.NewEncoder(w)}, nil
	case "geojson":
		f, err := newFeatures(w)
		if err != nil {
			return nil, err
		}
		return placeGeoJSON{f}, nil
	}
	return nil, fmt.Errorf("export: unknown place format %q (want one of %s)", format, strings.Join(PlaceFormats, ", "))
}

type placeJSONL struct{ enc *json.Encoder }

func (j placeJSONL) Write(m *PlaceMention) error {
	if err := j.enc.Encode(m); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}

func (placeJSONL) Close() error { return nil }

type placeGeoJSON struct{ f *features }

type placeFeature struct {
	Type       string        `json:"type"`
	Geometry   *point        `json:"geometry"`
	Properties *PlaceMention `json:"properties"`
}

// Write adds a resolved mention; an unresolved one has no point to draw.
func (g placeGeoJSON) Write(m *PlaceMention) error {
	if m.Place == nil {
		return nil
	}
	return g.f.add(placeFeature{Type: "Feature", Geometry: &point{Type: "Point", Coordinates: [2]float64{m.Lon, m.Lat}}, Properties: m})
}

func (g placeGeoJSON) Close() error { return g.f.close() }

// features writes a GeoJSON FeatureCollection, one feature at a time.
type features struct {
	w *bufio.Writer
	n int
}

func newFeatures(w io.Writer) (*features, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(`{"type":"FeatureCollection","features":[`); err != nil {
		return nil, fmt.Errorf("export: geojson: %w", err)
	}
	return &features{w: bw}, nil
}

func (f *features) add(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("export: geojson: %w", err)
	}
	if f.n > 0 {
		f.w.WriteByte(',')
	}
	f.n++
	f.w.WriteByte('\n')
	if _, err := f.w.Write(b); err != nil {
		return fmt.Errorf("export: geojson: %w", err)
	}
	return nil
}

func (f *features) close() error {
	f.w.WriteString("\n]}\n")
	if err := f.w.Flush(); err != nil {
		return fmt.Errorf("export: geojson: %w", err)
	}
	return nil
}
