// Package export writes events in the formats analysts load: JSON lines
// (sitrep's own contract), ACLED's CSV (the exact header and column order
// of ACLED's public files) and GeoJSON (RFC 7946).
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// Writer writes events one at a time; Close finishes the output.
type Writer interface {
	Write(e *sitrep.Event) error
	Close() error
}

// Formats lists the formats NewWriter knows.
var Formats = []string{"jsonl", "acled", "geojson", "plover"}

// Options say which events a writer writes.
type Options struct {
	// All writes every event. By default the files made for other tools
	// (ACLED CSV, GeoJSON, PLOVER) hold only the record: events reported
	// as fact, without statements of who holds a place and tolls over a
	// period, which those formats cannot tell from events. JSON lines,
	// sitrep's own format, says each event's certainty and kind, and
	// always holds every one.
	All bool
}

// Recorded reports whether an event belongs in a file for another tool
// by default: reported as fact, not a statement of control nor a toll.
func Recorded(e *sitrep.Event) bool {
	return e.Certainty == sitrep.Reported && e.Kind != sitrep.KindControl && e.Kind != sitrep.KindToll
}

// NewWriter returns a writer of format to w, with the default Options.
func NewWriter(w io.Writer, format string) (Writer, error) {
	return NewWriterWith(w, format, Options{})
}

// NewWriterWith returns a writer of format to w.
func NewWriterWith(w io.Writer, format string, opt Options) (Writer, error) {
	ew, err := newWriter(w, format)
	if err != nil || opt.All || format == "jsonl" || format == "" {
		return ew, err
	}
	return recordOnly{ew}, nil
}

// recordOnly passes on the events Recorded keeps.
type recordOnly struct{ Writer }

func (r recordOnly) Write(e *sitrep.Event) error {
	if !Recorded(e) {
		return nil
	}
	return r.Writer.Write(e)
}

func newWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "jsonl", "":
		return &jsonlWriter{enc: json.NewEncoder(w)}, nil
	case "acled":
		cw := csv.NewWriter(w)
		if err := cw.Write(ACLEDHeader); err != nil {
			return nil, fmt.Errorf("export: acled: %w", err)
		}
		return &acledWriter{w: cw}, nil
	case "plover":
		return &ploverWriter{enc: json.NewEncoder(w)}, nil
	case "geojson":
		f, err := newFeatures(w)
		if err != nil {
			return nil, err
		}
		return geojsonWriter{f}, nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// WriteAll writes evs to w in format.
func WriteAll(w io.Writer, format string, evs []sitrep.Event, opt Options) error {
	ew, err := NewWriterWith(w, format, opt)
	if err != nil {
		return err
	}
	for i := range evs {
		if err := ew.Write(&evs[i]); err != nil {
			return err
		}
	}
	return ew.Close()
}

type jsonlWriter struct{ enc *json.Encoder }

func (j *jsonlWriter) Write(e *sitrep.Event) error {
	if err := j.enc.Encode(e); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}

func (j *jsonlWriter) Close() error { return nil }

// ACLEDHeader is the header of ACLED's public CSV files.
var ACLEDHeader = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location",
	"latitude", "longitude", "geo_precision", "source", "source_scale",
	"notes", "fatalities", "tags", "timestamp",
}

// interWords are the words ACLED's current files use for inter codes.
var interWords = map[int]string{
	1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
	5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}

type acledWriter struct{ w *csv.Writer }

// ACLEDRecord returns an event as a row of ACLED's CSV. Fields sitrep does
// not know stay empty; an unstated toll is 0, as in ACLED's files. Text
// that a spreadsheet would run as a formula is quoted (CSVText); numbers
// are written as they are.
func ACLEDRecord(e *sitrep.Event) []string {
	r := make([]string, len(ACLEDHeader))
	number := func(col, v string) {
		for i, h := range ACLEDHeader {
			if h == col {
				r[i] = v
				return
			}
		}
		panic("export: no ACLED column " + col)
	}
	set := func(col, v string) { number(col, CSVText(v)) }
	set("event_id_cnty", e.ID)
	set("event_date", e.Date)
	if len(e.Date) >= 4 {
		number("year", e.Date[:4])
	}
	number("time_precision", map[string]string{"day": "1", "week": "2", "month": "3", "year": "3"}[e.DatePrecision])
	set("disorder_type", disorderType(e))
	set("event_type", e.EventType)
	set("sub_event_type", e.SubEventType)
	var i1, i2 int
	if e.Actor1 != nil {
		set("actor1", e.Actor1.Name)
		i1 = e.Actor1.Inter
		set("inter1", interWords[i1])
	}
	if e.Actor2 != nil {
		set("actor2", e.Actor2.Name)
		i2 = e.Actor2.Inter
		set("inter2", interWords[i2])
	}
	switch {
	case i1 != 0 && i2 != 0:
		set("interaction", interWords[i1]+"-"+interWords[i2])
	case i1 != 0:
		set("interaction", interWords[i1]+" only")
	}
	if i2 == 7 && (e.EventType == sitrep.ViolenceCivilian || e.EventType == sitrep.Explosions) {
		set("civilian_targeting", "Civilian targeting")
	}
	if l := e.Location; l != nil {
		if c := gazetteer.CountryByCode(l.CountryCode); c != nil {
			number("iso", c.Numeric)
			set("region", c.Region)
		}
		set("country", l.Country)
		// ACLED writes an area without the generic word its official
		// name carries ("Northern", not "Northern Province").
		set("admin1", gazetteer.Plain(gazetteer.AreaName(l.Admin1)))
		set("admin2", gazetteer.Plain(gazetteer.AreaName(l.Admin2)))
		set("location", l.Name)
		number("latitude", strconv.FormatFloat(l.Lat, 'f', 4, 64))
		number("longitude", strconv.FormatFloat(l.Lon, 'f', 4, 64))
		number("geo_precision", map[string]string{"town": "1", "district": "2", "region": "3", "country": "3"}[l.Precision])
	}
	src := e.Article.Source
	if src == "" {
		src = e.Article.URL
	}
	set("source", src)
	set("notes", e.Sentence)
	f := 0
	if e.Fatalities != nil {
		f = *e.Fatalities
	}
	number("fatalities", strconv.Itoa(f))
	var tags []string
	if e.Certainty != "" && e.Certainty != sitrep.Reported {
		tags = append(tags, "certainty="+e.Certainty)
	}
	if e.Attribution != "" {
		tags = append(tags, "attribution="+e.Attribution)
	}
	if e.Displaced != nil {
		tags = append(tags, "displaced="+strconv.Itoa(*e.Displaced))
	}
	set("tags", strings.Join(tags, "; "))
	if t, err := time.Parse(sitrep.DateLayout, e.Article.Published); err == nil {
		number("timestamp", strconv.FormatInt(t.Unix(), 10))
	}
	return r
}

// disorderType is ACLED's top-level category of an event.
func disorderType(e *sitrep.Event) string {
	switch {
	case e.EventType == sitrep.Protests, e.SubEventType == "Violent demonstration":
		return "Demonstrations"
	case e.EventType == sitrep.Strategic:
		return "Strategic developments"
	case e.EventType != "":
		return "Political violence"
	}
	return ""
}

func (a *acledWriter) Write(e *sitrep.Event) error {
	if e.Kind == sitrep.KindControl || e.Kind == sitrep.KindToll {
		return nil // who holds a place, a toll over a period: not events ACLED codes
	}
	if err := a.w.Write(ACLEDRecord(e)); err != nil {
		return fmt.Errorf("export: acled: %w", err)
	}
	return nil
}

func (a *acledWriter) Close() error {
	a.w.Flush()
	if err := a.w.Error(); err != nil {
		return fmt.Errorf("export: acled: %w", err)
	}
	return nil
}

type geojsonWriter struct{ f *features }

// feature is a GeoJSON Feature whose properties are the event itself.
type feature struct {
	Type       string        `json:"type"`
	ID         string        `json:"id"`
	Geometry   *point        `json:"geometry"`
	Properties *sitrep.Event `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // longitude, latitude (RFC 7946)
}

func (g geojsonWriter) Write(e *sitrep.Event) error {
	f := feature{Type: "Feature", ID: e.ID, Properties: e}
	if e.Location != nil {
		// Where a map draws it: an event known only by its country is
		// somewhere in it, not at the capital (ACLED's CSV keeps the seat).
		p := e.Location.MapPoint()
		f.Geometry = &point{Type: "Point", Coordinates: [2]float64{p.Lon, p.Lat}}
	}
	return g.f.add(f)
}

func (g geojsonWriter) Close() error { return g.f.close() }

// ploverWriter writes one PLOVER-style JSON object per line: PLOVER's
// event, mode, actor, recipient and their countries, with the place, the
// date and the source sentence (PLOVER's own field names).
type ploverWriter struct{ enc *json.Encoder }

type ploverEvent struct {
	ID               string            `json:"id"`
	Date             string            `json:"date"`
	Event            string            `json:"event"`
	Mode             string            `json:"mode,omitempty"`
	Actor            string            `json:"actor,omitempty"`
	ActorCountry     string            `json:"actor_country,omitempty"`
	Recipient        string            `json:"recipient,omitempty"`
	RecipientCountry string            `json:"recipient_country,omitempty"`
	Location         *ploverPlace      `json:"geolocation,omitempty"`
	Fatalities       *int              `json:"fatalities"`
	Certainty        string            `json:"certainty"`
	Text             string            `json:"event_text"`
	Source           sitrep.ArticleRef `json:"source"`
}

type ploverPlace struct {
	Name        string  `json:"name"`
	GeonameID   int     `json:"geonameid,omitempty"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Admin1      string  `json:"admin1,omitempty"`
	CountryCode string  `json:"country_code"`
}

func (p *ploverWriter) Write(e *sitrep.Event) error {
	o := ploverEvent{ID: e.ID, Date: e.Date, Event: e.Plover, Mode: e.PloverMode, Fatalities: e.Fatalities,
		Certainty: e.Certainty, Text: e.Sentence, Source: e.Article}
	if a := e.Actor1; a != nil {
		o.Actor, o.ActorCountry = a.Name, a.Country
	}
	if a := e.Actor2; a != nil {
		o.Recipient, o.RecipientCountry = a.Name, a.Country
	}
	if l := e.Location; l != nil {
		o.Location = &ploverPlace{Name: l.Name, GeonameID: l.GeonameID, Lat: l.Lat, Lon: l.Lon, Admin1: l.Admin1, CountryCode: l.CountryCode}
	}
	if err := p.enc.Encode(&o); err != nil {
		return fmt.Errorf("export: plover: %w", err)
	}
	return nil
}

func (p *ploverWriter) Close() error { return nil }

// CSVText makes a text field safe to open in a spreadsheet, which runs a
// cell starting with = + - or @ (or a tab or carriage return before one)
// as a formula: such a field gets a leading single quote, as OWASP's
// advice on CSV injection has it. Numbers must not go through it, or a
// negative longitude would become text.
func CSVText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
