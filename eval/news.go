package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/gazetteer"
)

// ControlRow is one true change of control: a place, who held it before
// and after, and the day it changed hands, give or take Tolerance days
// between first claim and confirmation.
type ControlRow struct {
	Line      int
	Place     string
	Country   string // ISO 3166 alpha-2
	Lat, Lon  float64
	From, To  string
	Date      time.Time
	Tolerance int // days
}

// ReadControl reads a control file: tab-separated place, country, lat,
// lon, from, to, date (YYYY-MM-DD), tolerance in days, note; lines
// starting with # are comments.
func ReadControl(r io.Reader, name string) ([]ControlRow, error) {
	var rows []ControlRow
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 8 {
			return nil, fmt.Errorf("eval: %s:%d: want 8 or more tab-separated fields (the place, its country, latitude and longitude, who held it before and after, the day, the tolerance in days), got %d", name, n, len(f))
		}
		row := ControlRow{Line: n, Place: f[0], Country: f[1], From: f[4], To: f[5]}
		var err error
		if row.Lat, err = strconv.ParseFloat(f[2], 64); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: lat: %q is not a number", name, n, f[2])
		}
		if row.Lon, err = strconv.ParseFloat(f[3], 64); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: lon: %q is not a number", name, n, f[3])
		}
		if row.Date, err = time.Parse(sitrep.DateLayout, f[6]); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: date: %q is not YYYY-MM-DD", name, n, f[6])
		}
		if row.Tolerance, err = strconv.Atoi(f[7]); err != nil || row.Tolerance < 0 {
			return nil, fmt.Errorf("eval: %s:%d: tolerance_days: %q is not a number of days", name, n, f[7])
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", name, err)
	}
	return rows, nil
}

// ReadNews reads real news as JSON lines {id, url, published, text}
// (published YYYY-MM-DD, or empty when the page shows none).
func ReadNews(r io.Reader, name string) ([]sitrep.Article, error) {
	var arts []sitrep.Article
	err := eachJSONLine(r, name, func(n int, line []byte) error {
		var rec struct {
			ID, URL, Published, Text string
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		a := sitrep.Article{ID: rec.ID, URL: rec.URL, Text: rec.Text}
		if rec.Published != "" {
			t, err := time.Parse(sitrep.DateLayout, rec.Published)
			if err != nil {
				return fmt.Errorf("published: %q is not YYYY-MM-DD", rec.Published)
			}
			a.Published = t
		}
		arts = append(arts, a)
		return nil
	})
	return arts, err
}

// controlKm is how near a reported change must be to the true place.
const controlKm = 12

// earlyWindow is how long before a true change a reported change at the
// place counts as recorded early rather than as an older, real change.
const earlyWindow = 60 * 24 * time.Hour

// territorial reports whether an event says a place changed hands (not
// a site in it: fuse.ClaimOf).
func territorial(e *sitrep.Event) bool {
	return sitrep.Territorial(e.SubEventType) && e.Site == "" && e.Coded()
}

// ControlOutcome is how one true change was found.
type ControlOutcome struct {
	Row ControlRow
	// First is the earliest reported change within controlKm on or after
	// the early window's start, nil when none; Days is its distance from
	// the true day.
	First *sitrep.Event
	Days  int
	// Found says First lies within the tolerance; Early counts the
	// reported changes at the place before the true day less the
	// tolerance (claims taken for facts, hypotheticals, advances).
	Found bool
	Early []sitrep.Event
	// Gainer is the side the first change hands the place to, as the
	// control record reads it (fuse.ClaimOf); GainerRight says it names
	// the row's new holder.
	Gainer      string
	GainerRight bool
}

// ScoreControl extracts every article and, for each true change, finds
// the changes of control reported near it.
func ScoreControl(x *extract.Extractor, arts []sitrep.Article, rows []ControlRow) []ControlOutcome {
	var changes []sitrep.Event
	for i := range arts {
		for _, e := range x.Extract(&arts[i]) {
			// A town changes hands in a report that places the change at
			// a town; a district's or a province's change is not its.
			if territorial(&e) && e.Location != nil && e.Location.Precision == sitrep.PrecisionTown && e.Date != "" {
				changes = append(changes, e)
			}
		}
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Date < changes[j].Date })
	out := make([]ControlOutcome, 0, len(rows))
	for _, row := range rows {
		o := ControlOutcome{Row: row}
		from := row.Date.Add(-earlyWindow)
		for i := range changes {
			e := &changes[i]
			// The day the record holds the place changed (a date of a week
			// or a month counts from the period's end, fuse.ClaimDay).
			day := time.Unix(int64(fuse.ClaimDay(e))*86400, 0).UTC()
			if day.Before(from) || gazetteer.Distance(e.Location.Lat, e.Location.Lon, row.Lat, row.Lon) > controlKm {
				continue
			}
			days := int(math.Round(day.Sub(row.Date).Hours() / 24))
			if days < -row.Tolerance {
				o.Early = append(o.Early, *e)
			}
			if o.First == nil || days < o.Days {
				o.First, o.Days = e, days
				o.Found = days >= -row.Tolerance && days <= row.Tolerance
			}
		}
		if o.First != nil {
			if c, ok := fuse.ClaimOf(o.First); ok && c.Gainer != nil {
				o.Gainer = c.Gainer.Name
				o.GainerRight = sameSide(o.Gainer, row.To)
			}
		}
		out = append(out, o)
	}
	return out
}

// sameSide reports whether an actor's name names the holder a control
// row writes in its own words ("Ukrainian forces", "HTS-led rebels",
// "M23 (AFC)"): a word of the row, or the country of a demonym in it, is
// a word of the name. The row's generic words for a force do not count.
func sameSide(name, holder string) bool {
	// "Opposition Rebels (Mali)": the country in brackets places a
	// group, it is not the state's side.
	if i := strings.IndexByte(name, '('); i > 0 {
		name = name[:i]
	}
	have := map[string]bool{}
	for _, w := range words(name) {
		have[w] = true
	}
	for _, w := range words(holder) {
		if forceWord[w] {
			continue
		}
		if have[w] {
			return true
		}
		for _, c := range gazetteer.CountriesByDemonym(w) {
			for _, cw := range words(c.Name) {
				if have[cw] {
					return true
				}
			}
		}
	}
	return false
}

// words returns the lower-case words of s, a plural's s dropped.
func words(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range f {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			f[i] = w[:len(w)-1]
		}
	}
	return f
}

// forceWord are words any side's force is called by.
var forceWord = map[string]bool{"force": true, "forces": true, "army": true, "military": true, "troop": true, "the": true, "of": true, "and": true, "with": true, "led": true, "faction": true, "unit": true}
