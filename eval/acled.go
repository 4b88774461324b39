// Package eval scores the extractor against labelled data: ACLED-format
// CSV files, whose every row pairs a short note written from news reports
// with the event an ACLED coder drew from it.
//
// Rows that share a note are one case (ACLED splits one report over
// several places); a case is scored once, against the union of its rows'
// labels.
package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/internal/acled"
)

// Row is one labelled ACLED row.
type Row struct {
	Line         int // 1-based line of the CSV record
	Date         time.Time
	EventType    string
	SubEventType string
	Actor1       string
	Inter1       int
	Admin1       string
	Country      string // the country's name, as the file writes it
	Source       string // the outlets the note was written from ("Voice of Jihad; Xinhua")
	Location     string
	Lat, Lon     float64
	HasCoords    bool
	Fatalities   int
	Notes        string
}

// Case is a note and every row labelled from it.
type Case struct {
	Notes string
	Rows  []Row
}

// inters maps the words newer ACLED files use for inter codes.
var inters = map[string]int{
	"state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3,
	"political militias": 3, "identity militia": 4, "identity militias": 4,
	"rioters": 5, "protesters": 6, "civilians": 7, "external/other forces": 8,
	"external/other force": 8,
}

// ReadACLED reads an ACLED-format CSV file of any of ACLED's schemas (old
// and new headers, date formats) and groups its rows into cases, in the
// order their notes first appear. name is used in errors. Rows that cannot
// be read are returned as errors in bad; a header without the needed
// columns is an error.
func ReadACLED(r io.Reader, name string) (cases []*Case, bad []error, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("eval: %s: reading header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"notes", "event_date", "event_type", "sub_event_type"} {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("eval: %s:1: header has no %q column (is this an ACLED file?)", name, need)
		}
	}
	get := func(rec []string, c string) string {
		i, ok := col[c]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	byNote := map[string]*Case{}
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
			return cases, bad, nil
		}
		row := Row{Line: line, Notes: get(rec, "notes"), Actor1: get(rec, "actor1"), Admin1: get(rec, "admin1"), Country: get(rec, "country"), Source: get(rec, "source"), Location: get(rec, "location")}
		if row.Notes == "" {
			bad = append(bad, fmt.Errorf("eval: %s:%d: notes: empty", name, line))
			continue
		}
		if row.Date, err = extract.ParseDate(get(rec, "event_date")); err != nil {
			bad = append(bad, fmt.Errorf("eval: %s:%d: event_date: %v", name, line, err))
			continue
		}
		row.EventType, row.SubEventType = sitrep.NormalizeTypes(get(rec, "event_type"), get(rec, "sub_event_type"))
		if row.EventType == "" {
			bad = append(bad, fmt.Errorf("eval: %s:%d: event_type: unknown type %q", name, line, get(rec, "event_type")))
			continue
		}
		row.Inter1 = parseInter(get(rec, "inter1"))
		if lat, err1 := strconv.ParseFloat(get(rec, "latitude"), 64); err1 == nil {
			if lon, err2 := strconv.ParseFloat(get(rec, "longitude"), 64); err2 == nil {
				row.Lat, row.Lon, row.HasCoords = lat, lon, true
			}
		}
		if f := get(rec, "fatalities"); f != "" {
			if row.Fatalities, err = strconv.Atoi(f); err != nil {
				bad = append(bad, fmt.Errorf("eval: %s:%d: fatalities: %q is not a number", name, line, f))
				continue
			}
		}
		c, ok := byNote[row.Notes]
		if !ok {
			c = &Case{Notes: row.Notes}
			byNote[row.Notes] = c
			cases = append(cases, c)
		}
		c.Rows = append(c.Rows, row)
	}
	return cases, bad, nil
}

func parseInter(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return inters[strings.ToLower(s)]
}

// Metrics are the scores of a set of cases.
type Metrics struct {
	Cases        int
	EventType    int // cases whose primary event has a gold event type
	SubEventType int
	Location25   int // primary location within 25 km of a gold point
	Admin1       int
	Fatalities   int // the note's total toll equals the gold total
	Actor1Side   int
	Date         int
	NoEvent      int
	Seconds      float64
	Bytes        int
}

// Add adds n's counts to m.
func (m *Metrics) Add(n Metrics) {
	m.Cases += n.Cases
	m.EventType += n.EventType
	m.SubEventType += n.SubEventType
	m.Location25 += n.Location25
	m.Admin1 += n.Admin1
	m.Fatalities += n.Fatalities
	m.Actor1Side += n.Actor1Side
	m.Date += n.Date
	m.NoEvent += n.NoEvent
	m.Seconds += n.Seconds
	m.Bytes += n.Bytes
}

// Figures returns the metrics as (name, value) pairs, in the order the
// contract prints them.
func (m Metrics) Figures() []Figure {
	rate := func(n int) float64 {
		if m.Cases == 0 {
			return 0
		}
		return float64(n) / float64(m.Cases)
	}
	perSec := 0.0
	mbps := 0.0
	if m.Seconds > 0 {
		perSec = float64(m.Cases) / m.Seconds
		mbps = float64(m.Bytes) / 1e6 / m.Seconds
	}
	return []Figure{
		{"cases", float64(m.Cases)},
		{"event_type_acc", rate(m.EventType)},
		{"sub_event_type_acc", rate(m.SubEventType)},
		{"location_25km_acc", rate(m.Location25)},
		{"admin1_acc", rate(m.Admin1)},
		{"fatalities_exact_acc", rate(m.Fatalities)},
		{"actor1_side_acc", rate(m.Actor1Side)},
		{"date_acc", rate(m.Date)},
		{"no_event_rate", rate(m.NoEvent)},
		{"notes_per_sec", perSec},
		{"mb_per_sec", mbps},
	}
}

// Figure is one named metric.
type Figure struct {
	Name  string
	Value float64
}

// Outcome is how one case scored, for error listings.
type Outcome struct {
	Case *Case
	// Primary is the case's main event, the first reported one: the one
	// the per-event metrics compare with the gold rows.
	Primary *sitrep.Event
	Events  []sitrep.Event
	// Per metric: did the case score?
	EventType, SubEventType, Location25, Admin1, Fatalities, Actor1Side, Date bool
	PredictedFatalities                                                       int
}

// Options say how notes are turned into articles before they are scored.
type Options struct {
	// KeepAnnotations scores the notes as ACLED wrote them, coders'
	// remarks included ("Fatalities coded as 3"); by default they are
	// removed (acled.StripAnnotations), as no news report carries them.
	KeepAnnotations bool
}

// Published is the publication date a case's note is given: a few days
// (1 to 4, fixed per note) after its event, as a report is published
// after what it reports, so that a date echoed from the publication day
// is wrong and a date the text states is right.
func Published(c *Case) time.Time {
	h := fnv.New64a()
	h.Write([]byte(c.Notes))
	return c.Rows[0].Date.AddDate(0, 0, 1+int(h.Sum64()>>62)) // FNV's high bits are its mixed ones
}

// Score extracts every case's note and scores it. fn, when not nil, is
// called with each case's outcome.
func Score(x *extract.Extractor, cases []*Case, opt Options, fn func(Outcome)) Metrics {
	var m Metrics
	start := time.Now()
	for i, c := range cases {
		note := c.Notes
		if !opt.KeepAnnotations {
			note = acled.StripAnnotations(note)
		}
		pub := Published(c)
		a := &sitrep.Article{ID: "case" + strconv.Itoa(i), Published: pub, Source: c.Rows[0].Source, Text: note}
		evs := x.Extract(a)
		m.Bytes += len(note)
		o := scoreCase(c, evs, firstReported(evs))
		m.count(o)
		if fn != nil {
			fn(o)
		}
	}
	m.Seconds = time.Since(start).Seconds()
	return m
}

// count adds one case's outcome to m.
func (m *Metrics) count(o Outcome) {
	m.Cases++
	if o.Primary == nil {
		m.NoEvent++
	}
	for _, c := range []struct {
		ok bool
		n  *int
	}{
		{o.EventType, &m.EventType}, {o.SubEventType, &m.SubEventType},
		{o.Location25, &m.Location25}, {o.Admin1, &m.Admin1},
		{o.Fatalities, &m.Fatalities}, {o.Actor1Side, &m.Actor1Side}, {o.Date, &m.Date},
	} {
		if c.ok {
			*c.n++
		}
	}
}

// Baseline scores the trivial coder of a file's cases: every note gets
// the file's most frequent event type, sub-event type, first-level area
// and actor1 side, no fatalities, the publication date, and its country's
// point as its place. A figure at or below its baseline says the
// extractor adds nothing on that file.
func Baseline(g *gazetteer.Gazetteer, cases []*Case) Metrics {
	typ, sub, adm, inter := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	admName := map[string]string{} // an area's key -> a name the file writes it with
	for _, c := range cases {
		r := c.Rows[0]
		typ[r.EventType]++
		sub[r.SubEventType]++
		k := areaName(r.Admin1)
		adm[k]++
		if _, ok := admName[k]; !ok {
			admName[k] = r.Admin1
		}
		inter[strconv.Itoa(r.Inter1)]++
	}
	side, _ := strconv.Atoi(majority(inter))
	zero := 0
	ev := sitrep.Event{EventType: majority(typ), SubEventType: majority(sub), Actor1: &sitrep.Actor{Inter: side}, Fatalities: &zero, Certainty: sitrep.Reported}
	admin1 := admName[majority(adm)]
	var m Metrics
	for _, c := range cases {
		e := ev
		e.Date = Published(c).Format(sitrep.DateLayout)
		e.Location = &sitrep.Location{Admin1: admin1}
		if p := countryPlace(g, c.Rows[0].Country); p != nil {
			e.Location.Lat, e.Location.Lon = p.Lat, p.Lon
		} else {
			e.Location.Lat, e.Location.Lon = math.NaN(), math.NaN()
		}
		m.count(scoreCase(c, []sitrep.Event{e}, 0))
	}
	return m
}

// majority returns the most frequent key of n (ties: the smallest key).
func majority(n map[string]int) string {
	best := ""
	for k, v := range n {
		if best == "" || v > n[best] || v == n[best] && k < best {
			best = k
		}
	}
	return best
}

// countryPlace returns the gazetteer's country of that name, or nil.
func countryPlace(g *gazetteer.Gazetteer, name string) *gazetteer.Place {
	for _, c := range g.Lookup(name) {
		if c.Place.Level == gazetteer.LevelCountry {
			return c.Place
		}
	}
	return nil
}

// scoreCase scores a case's events; main is the index of the main event
// (-1 when none is reported), which the per-event metrics compare.
func scoreCase(c *Case, evs []sitrep.Event, main int) Outcome {
	o := Outcome{Case: c, Events: evs}
	if main >= 0 {
		o.Primary = &evs[main]
	}
	total := 0
	for i := range evs {
		e := &evs[i]
		if e.Certainty != sitrep.Reported {
			continue
		}
		if e.Fatalities != nil {
			total += *e.Fatalities
		}
	}
	gold := 0
	for _, r := range c.Rows {
		gold += r.Fatalities
	}
	o.PredictedFatalities = total
	o.Fatalities = total == gold
	p := o.Primary
	if p == nil {
		return o
	}
	for _, r := range c.Rows {
		o.EventType = o.EventType || p.EventType == r.EventType
		o.SubEventType = o.SubEventType || p.SubEventType == r.SubEventType
		if p.Actor1 != nil && p.Actor1.Inter == r.Inter1 {
			o.Actor1Side = true
		}
		if p.Date == r.Date.Format(sitrep.DateLayout) {
			o.Date = true
		}
		if loc := p.Location; loc != nil {
			if r.HasCoords && gazetteer.Distance(loc.Lat, loc.Lon, r.Lat, r.Lon) <= 25 {
				o.Location25 = true
			}
			if r.Admin1 != "" && sameName(loc.Admin1, r.Admin1) {
				o.Admin1 = true
			}
		}
	}
	return o
}

// sameName compares two admin area names as the gazetteer would look them
// up and without generic words, so "Deir ez Zor", "Deir-ez-Zor" and "Deir
// ez-Zor Governorate" agree.
func sameName(a, b string) bool {
	a, b = areaName(a), areaName(b)
	return a != "" && a == b
}

func areaName(s string) string {
	var kept []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "province", "governorate", "region", "state", "district", "county", "division", "oblast", "department", "prefecture", "muhafazat", "wilayah", "of":
			continue
		}
		kept = append(kept, w)
	}
	return gazetteer.Key(strings.Join(kept, " "))
}

// Round rounds v to 3 decimals for printing.
func Round(v float64) float64 { return math.Round(v*1000) / 1000 }

func firstReported(evs []sitrep.Event) int {
	for i := range evs {
		// A statement of who holds a place is control data, which ACLED
		// does not code as an event.
		if evs[i].Certainty == sitrep.Reported && evs[i].Kind != sitrep.KindControl {
			return i
		}
	}
	return -1
}
