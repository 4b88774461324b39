package geoparse

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
)

// goldDoc is a text with its gold toponyms.
type goldDoc struct {
	text string
	tops []goldTop
}

type goldTop struct {
	start, end int // byte span
	name       string
	lat, lon   float64
}

// readGeoVirus reads GeoVirus.xml (Gritta et al.): news articles with
// their place mentions and coordinates. Offsets are in characters.
func readGeoVirus(path string) ([]goldDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var doc struct {
		Articles []struct {
			Text      string `xml:"text"`
			Locations []struct {
				Name  string  `xml:"name"`
				Start int     `xml:"start"`
				End   int     `xml:"end"`
				Lat   float64 `xml:"lat"`
				Lon   float64 `xml:"lon"`
			} `xml:"locations>location"`
		} `xml:"article"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return nil, err
	}
	var docs []goldDoc
	for _, a := range doc.Articles {
		d := goldDoc{text: a.Text}
		off := runeOffsets(a.Text)
		for _, l := range a.Locations {
			if l.Start < 0 || l.End > len(off)-1 || l.Start >= l.End {
				continue
			}
			d.tops = append(d.tops, goldTop{start: off[l.Start], end: off[l.End], name: l.Name, lat: l.Lat, lon: l.Lon})
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// readGeoCorpora reads geocorpora.tsv: tweets, one row per toponym.
func readGeoCorpora(path string) ([]goldDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	byTweet := map[string]*goldDoc{}
	var order []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		id := get("tweet_id_str")
		d := byTweet[id]
		if d == nil {
			d = &goldDoc{text: get("tweet_text")}
			byTweet[id] = d
			order = append(order, id)
		}
		pos, err1 := strconv.Atoi(get("char_position"))
		lat, err2 := strconv.ParseFloat(get("latitude"), 64)
		lon, err3 := strconv.ParseFloat(get("longitude"), 64)
		name := get("text")
		if err1 != nil || err2 != nil || err3 != nil || name == "" {
			continue
		}
		off := runeOffsets(d.text)
		end := pos + len([]rune(name))
		if end >= len(off) {
			continue
		}
		d.tops = append(d.tops, goldTop{start: off[pos], end: off[end], name: name, lat: lat, lon: lon})
	}
	docs := make([]goldDoc, 0, len(order))
	for _, id := range order {
		docs = append(docs, *byTweet[id])
	}
	return docs, nil
}

// runeOffsets maps character offsets to byte offsets (one past the end
// included).
func runeOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

// goldScore tallies detection and resolution against gold toponyms.
type goldScore struct {
	gold, found, right161, exact int
	mentions, matched            int
	towns, townsRight            int // toponyms resolved to a town
}

func scoreGold(p *Parser, docs []goldDoc, misses io.Writer) goldScore {
	var sc goldScore
	for _, d := range docs {
		ms := p.Parse(d.text)
		used := make([]bool, len(ms))
		for _, m := range ms {
			if m.Place != nil {
				sc.mentions++
			}
		}
		for _, g := range d.tops {
			sc.gold++
			hit := -1
			for i, m := range ms {
				if m.Place != nil && m.Start < g.end && g.start < m.End {
					hit = i
					break
				}
			}
			if hit < 0 {
				fmt.Fprintf(misses, "MISSED\t%s\n", g.name)
				continue
			}
			sc.found++
			if !used[hit] {
				used[hit] = true
				sc.matched++
			}
			pl := ms[hit].Place
			d := gazetteer.Distance(pl.Lat, pl.Lon, g.lat, g.lon)
			if pl.Level == gazetteer.LevelTown {
				sc.towns++
				if d <= 161 {
					sc.townsRight++
				}
			}
			if d <= 161 {
				sc.right161++
			} else {
				fmt.Fprintf(misses, "WRONG\t%s\t%.0fkm\t%s/%s/%s\n", g.name, d, pl.Name, pl.Admin1, pl.CountryCode)
			}
		}
		for i, m := range ms {
			if m.Place != nil && !used[i] {
				inGold := false
				for _, g := range d.tops {
					if m.Start < g.end && g.start < m.End {
						inGold = true
					}
				}
				if !inGold {
					fmt.Fprintf(misses, "EXTRA\t%s\t%s/%s/%s\n", m.Text, m.Place.Name, m.Place.Admin1, m.Place.CountryCode)
				}
			}
		}
	}
	return sc
}

// TestGeoparseCorpora measures detection and resolution on GeoVirus
// (news) and GeoCorpora (tweets): recall of gold toponyms, precision of
// mentions, and the field's acc@161km (of the toponyms found, the share
// placed within 161 km of gold). SITREP_GEO_MISSES=file writes the
// errors.
func TestGeoparseCorpora(t *testing.T) {
	dir := dataDir(t, "geoparse")
	p := New(gazetteer.Default())
	var misses io.Writer = io.Discard
	if path := os.Getenv("SITREP_GEO_MISSES"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		misses = f
	}
	for _, c := range []struct {
		name string
		read func(string) ([]goldDoc, error)
	}{
		{"GeoVirus.xml", readGeoVirus},
		{"geocorpora.tsv", readGeoCorpora},
	} {
		docs, err := c.read(filepath.Join(dir, c.name))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(misses, "### %s\n", c.name)
		sc := scoreGold(p, docs, misses)
		t.Logf("%-16s docs %5d  gold %5d  recall %.3f  precision %.3f  acc@161km %.3f  (towns %.3f of %d; found and right %.3f)",
			c.name, len(docs), sc.gold, ratio(sc.found, sc.gold), ratio(sc.matched, sc.mentions),
			ratio(sc.right161, sc.found), ratio(sc.townsRight, sc.towns), sc.towns, ratio(sc.right161, sc.gold))
	}
}
