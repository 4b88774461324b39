package eval

// Geoparsing corpora: texts whose place names are marked with the point
// (and, in GeoCorpora, the GeoNames id) they denote. ScorePlaces measures
// the geoparser on them the way the field does: recall of the gold
// toponyms, precision of the resolved mentions, and acc@161km.

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
)

// PlaceDoc is a text and its gold toponyms.
type PlaceDoc struct {
	// ID names the document in error listings: "article 12" (GeoVirus)
	// or the tweet id (GeoCorpora).
	ID   string
	Text string
	Gold []GoldPlace
}

// GoldPlace is one gold toponym.
type GoldPlace struct {
	Start, End int // byte span in the document's Text
	Name       string
	Lat, Lon   float64
	GeonameID  int // 0 when the file gives none
}

// ReadGeoVirus reads GeoVirus XML (Gritta et al.): <article> elements
// with a <text> and <locations> of <name>, <start>, <end>, <lat>, <lon>.
// The file gives no GeoNames ids. Offsets count characters; in the
// published file they count from 1 (the name is at start-1 to end-1), so
// each span is checked against its name, as given and shifted by one.
// An article with an unreadable location is left out whole (its other
// mentions would otherwise count as not gold) and reported in bad, naming
// the file and the article's number; an XML error ends the reading with
// err.
func ReadGeoVirus(r io.Reader, name string) (docs []*PlaceDoc, bad []error, err error) {
	type location struct {
		Name  string `xml:"name"`
		Start string `xml:"start"`
		End   string `xml:"end"`
		Lat   string `xml:"lat"`
		Lon   string `xml:"lon"`
	}
	type article struct {
		Text      string     `xml:"text"`
		Locations []location `xml:"locations>location"`
	}
	dec := xml.NewDecoder(r)
	n := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return docs, bad, fmt.Errorf("eval: %s: after article %d: %w", name, n, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "article" {
			continue
		}
		n++
		var a article
		if err := dec.DecodeElement(&a, &se); err != nil {
			return docs, bad, fmt.Errorf("eval: %s: article %d: %w", name, n, err)
		}
		d := &PlaceDoc{ID: fmt.Sprintf("article %d", n), Text: a.Text}
		off := runeOffsets(a.Text)
		var failed error
		for i, l := range a.Locations {
			g, err := geoVirusPlace(a.Text, off, l.Name, l.Start, l.End, l.Lat, l.Lon)
			if err != nil {
				failed = fmt.Errorf("eval: %s: article %d: location %d %q: %v", name, n, i+1, l.Name, err)
				break
			}
			d.Gold = append(d.Gold, g)
		}
		if failed != nil {
			bad = append(bad, failed)
			continue
		}
		docs = append(docs, d)
	}
	if n == 0 {
		return nil, bad, fmt.Errorf("eval: %s: no <article> elements (is this a GeoVirus file?)", name)
	}
	return docs, bad, nil
}

func geoVirusPlace(text string, off []int, name, start, end, lat, lon string) (GoldPlace, error) {
	g := GoldPlace{Name: strings.TrimSpace(name)}
	s, err1 := strconv.Atoi(strings.TrimSpace(start))
	e, err2 := strconv.Atoi(strings.TrimSpace(end))
	if err1 != nil || err2 != nil {
		return g, fmt.Errorf("offsets %q, %q: not numbers", start, end)
	}
	var err error
	if g.Lat, g.Lon, err = latLon(lat, lon); err != nil {
		return g, err
	}
	for _, shift := range []int{0, 1} {
		a, b := s-shift, e-shift
		if a >= 0 && a < b && b < len(off) && strings.EqualFold(text[off[a]:off[b]], g.Name) {
			g.Start, g.End = off[a], off[b]
			return g, nil
		}
	}
	return g, fmt.Errorf("characters %d-%d of the text are not the name", s, e)
}

func latLon(lat, lon string) (float64, float64, error) {
	la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return 0, 0, fmt.Errorf("coordinates %q, %q: not a latitude and longitude", lat, lon)
	}
	return la, lo, nil
}

// ReadGeoCorpora reads GeoCorpora's TSV: one row per toponym of a tweet
// (tweet_id_str, tweet_text, char_position, text, latitude, longitude,
// geoNameId), and one row with no toponym for a tweet that names none.
// Rows are grouped into documents by tweet, in the order tweets first
// appear. The published file is Windows-1252, not UTF-8: a file that is
// not valid UTF-8 is read as Windows-1252. Its tweets are HTML-escaped
// ("&amp;") while char_position counts characters of the unescaped
// text, so the text is unescaped; a toponym not at its position but
// within a few characters of it (positions counted in UTF-16, or
// before an emoji was replaced) is taken where it is. A tweet with an
// unreadable row is left out whole and the row reported in bad, naming
// the file and line; a header without the needed columns is an error.
func ReadGeoCorpora(r io.Reader, name string) (docs []*PlaceDoc, bad []error, err error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("eval: %s: %w", name, err)
	}
	if !utf8.Valid(raw) {
		if raw, err = charmap.Windows1252.NewDecoder().Bytes(raw); err != nil {
			return nil, nil, fmt.Errorf("eval: %s: neither UTF-8 nor Windows-1252: %w", name, err)
		}
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("eval: %s: reading header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"tweet_id_str", "tweet_text", "char_position", "text", "latitude", "longitude"} {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("eval: %s:1: header has no %q column (is this a GeoCorpora file?)", name, need)
		}
	}
	get := func(rec []string, c string) string {
		i, ok := col[c]
		if !ok || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	type tweet struct {
		doc   *PlaceDoc
		runes []rune
		off   []int
		bad   bool
	}
	byID := map[string]*tweet{}
	var order []*tweet
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			bad = append(bad, fmt.Errorf("eval: %s:%d: %w", name, line, err))
			if _, ok := err.(*csv.ParseError); ok {
				continue
			}
			break
		}
		id := strings.TrimSpace(get(rec, "tweet_id_str"))
		if id == "" {
			bad = append(bad, fmt.Errorf("eval: %s:%d: tweet_id_str: empty", name, line))
			continue
		}
		tw := byID[id]
		if tw == nil {
			text := html.UnescapeString(get(rec, "tweet_text"))
			tw = &tweet{doc: &PlaceDoc{ID: "tweet " + id, Text: text}, runes: []rune(text), off: runeOffsets(text)}
			byID[id] = tw
			order = append(order, tw)
		}
		g, err := geoCorporaPlace(tw.doc.Text, tw.runes, tw.off, get(rec, "text"), get(rec, "char_position"), get(rec, "latitude"), get(rec, "longitude"), get(rec, "geonameid"))
		if err != nil {
			bad = append(bad, fmt.Errorf("eval: %s:%d: tweet %s: %v", name, line, id, err))
			tw.bad = true
			continue
		}
		if g != nil {
			tw.doc.Gold = append(tw.doc.Gold, *g)
		}
	}
	for _, tw := range order {
		if !tw.bad {
			docs = append(docs, tw.doc)
		}
	}
	return docs, bad, nil
}

// geoCorporaPlace reads one row's toponym; nil when the row names none.
func geoCorporaPlace(text string, runes []rune, off []int, name, pos, lat, lon, id string) (*GoldPlace, error) {
	name = strings.TrimSpace(name)
	if name == "" && strings.TrimSpace(pos) == "" && strings.TrimSpace(lat) == "" {
		return nil, nil
	}
	if name == "" {
		return nil, errors.New("text: empty, but the row has a position or coordinates")
	}
	g := &GoldPlace{Name: name}
	p, err := strconv.Atoi(strings.TrimSpace(pos))
	if err != nil {
		return nil, fmt.Errorf("char_position %q: not a number", pos)
	}
	if g.Lat, g.Lon, err = latLon(lat, lon); err != nil {
		return nil, err
	}
	if s := strings.TrimSpace(id); s != "" {
		if g.GeonameID, err = strconv.Atoi(s); err != nil {
			return nil, fmt.Errorf("geoNameId %q: not a number", id)
		}
	}
	n := utf8.RuneCountInString(name)
	at := func(s int) bool {
		return s >= 0 && s+n <= len(runes) && strings.EqualFold(string(runes[s:s+n]), name)
	}
	for d := 0; d <= maxShift; d++ {
		for _, s := range []int{p - d, p + d} {
			if at(s) {
				g.Start, g.End = off[s], off[s+n]
				return g, nil
			}
		}
	}
	return nil, fmt.Errorf("toponym %q is not at character %d of the tweet", name, p)
}

// maxShift is how many characters from its stated position a GeoCorpora
// toponym is looked for.
const maxShift = 4

// runeOffsets maps character offsets to byte offsets, one past the end
// included.
func runeOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

// PlaceMetrics are the counts behind the geoparsing figures.
type PlaceMetrics struct {
	Docs      int
	Gold      int // gold toponyms
	Mentions  int // mentions the parser resolved to a place
	Found     int // gold toponyms overlapped by a resolved mention
	OnGold    int // resolved mentions overlapping a gold toponym
	Within161 int // found toponyms placed within 161 km of gold
	WithID    int // found toponyms whose gold has a GeoNames id
	ExactID   int // of those, placed at the same GeoNames id
	ErrorKm   float64
	Seconds   float64 // spent in Parse
}

// Add adds n's counts to m.
func (m *PlaceMetrics) Add(n PlaceMetrics) {
	m.Docs += n.Docs
	m.Gold += n.Gold
	m.Mentions += n.Mentions
	m.Found += n.Found
	m.OnGold += n.OnGold
	m.Within161 += n.Within161
	m.WithID += n.WithID
	m.ExactID += n.ExactID
	m.ErrorKm += n.ErrorKm
	m.Seconds += n.Seconds
}

// Figures returns the metrics as (name, value) pairs, in the order
// `sitrep eval places` prints them. acc_161km is the field's measure: of
// the gold toponyms found, the share placed within 161 km;
// found_within_161km_of_gold is the same count over all gold toponyms.
// exact_id is over found toponyms whose gold has a GeoNames id
// (found_with_id of them).
func (m PlaceMetrics) Figures() []Figure {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	meanErr, perSec := 0.0, 0.0
	if m.Found > 0 {
		meanErr = m.ErrorKm / float64(m.Found)
	}
	if m.Seconds > 0 {
		perSec = float64(m.Docs) / m.Seconds
	}
	return []Figure{
		{"docs", float64(m.Docs)},
		{"gold", float64(m.Gold)},
		{"mentions", float64(m.Mentions)},
		{"recall", ratio(m.Found, m.Gold)},
		{"precision", ratio(m.OnGold, m.Mentions)},
		{"acc_161km", ratio(m.Within161, m.Found)},
		{"found_within_161km_of_gold", ratio(m.Within161, m.Gold)},
		{"found_with_id", float64(m.WithID)},
		{"exact_id", ratio(m.ExactID, m.WithID)},
		{"mean_error_km", meanErr},
		{"docs_per_sec", perSec},
	}
}

// ScorePlaces parses each document with p (one at a time, timing Parse
// alone) and scores the resolved mentions against the gold toponyms. A
// gold toponym is found when a resolved mention overlaps it; it is then
// scored with the first such mention. errs, when not nil, gets a line per
// error: MISSED (gold toponym not found), WRONG (found, placed more than
// 161 km off) and EXTRA (resolved mention on no gold toponym).
func ScorePlaces(p *geoparse.Parser, docs []*PlaceDoc, errs io.Writer) PlaceMetrics {
	if errs == nil {
		errs = io.Discard
	}
	var m PlaceMetrics
	for _, d := range docs {
		t0 := time.Now()
		ms := p.Parse(d.Text)
		m.Seconds += time.Since(t0).Seconds()
		m.Docs++
		overlaps := func(mn geoparse.Mention, g GoldPlace) bool {
			return mn.Place != nil && mn.Start < g.End && g.Start < mn.End
		}
		for _, mn := range ms {
			if mn.Place == nil || mn.Outlet {
				continue // a newspaper's town is no toponym of the text
			}
			m.Mentions++
			onGold := false
			for _, g := range d.Gold {
				if overlaps(mn, g) {
					onGold = true
					break
				}
			}
			if onGold {
				m.OnGold++
			} else {
				how := ""
				if mn.Fallback {
					how = "\tfallback" // a name the gazetteer lacks, placed at the place around it
				}
				fmt.Fprintf(errs, "EXTRA\t%s\t%s\t%s%s\n", d.ID, mn.Text, placeName(mn.Place), how)
			}
		}
		for _, g := range d.Gold {
			m.Gold++
			hit := -1
			for i, mn := range ms {
				if overlaps(mn, g) {
					hit = i
					break
				}
			}
			if hit < 0 {
				fmt.Fprintf(errs, "MISSED\t%s\t%s\n", d.ID, g.Name)
				continue
			}
			m.Found++
			pl := ms[hit].Place
			km := gazetteer.Distance(pl.Lat, pl.Lon, g.Lat, g.Lon)
			m.ErrorKm += km
			if km <= 161 {
				m.Within161++
			} else {
				fmt.Fprintf(errs, "WRONG\t%s\t%s\t%.0fkm\t%s\n", d.ID, g.Name, km, placeName(pl))
			}
			if g.GeonameID != 0 {
				m.WithID++
				if pl.GeonameID == g.GeonameID {
					m.ExactID++
				}
			}
		}
	}
	return m
}

func placeName(p *gazetteer.Place) string {
	return p.Name + "/" + p.Admin1 + "/" + p.CountryCode
}
