package sitrep

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Store keeps the record: every article read once, the events extracted
// from it, the incidents those events fuse into and the control timeline
// of every place. Two backends implement it (package sqlite, embedded and
// the default; package postgres for many processes) and both pass the one
// conformance suite in package storetest.
//
// Every method is safe for concurrent use. Writes are atomic per call: a
// crash or an error leaves the store as it was before the call.
type Store interface {
	// Ingest stores each document: its article (once: an article whose id
	// is already stored is a duplicate and changes nothing) and, unless the
	// article is a near-duplicate of a stored one, its events. It then
	// fuses the new events into incidents and updates the control timeline
	// of the places they touch. The result is the same whatever order the
	// documents arrive in, in one call or many. The whole batch is one
	// transaction.
	Ingest(ctx context.Context, docs []Doc) ([]IngestResult, error)

	// Article returns one stored article; an Error with code ENOTFOUND
	// when there is none.
	Article(ctx context.Context, id string) (*StoredArticle, error)
	// Articles lists stored articles, newest first, matching f.
	Articles(ctx context.Context, f ArticleFilter) ([]StoredArticle, error)
	// Events lists stored events matching f, by date then id.
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// Incidents lists incidents matching f, by date then id.
	Incidents(ctx context.Context, f EventFilter) ([]Incident, error)
	// Control lists control spans matching f, by place then time.
	Control(ctx context.Context, f ControlFilter) ([]ControlSpan, error)
	// Stats counts what the store holds. /metrics calls it on every
	// scrape, so it must not cost in proportion to the record: keep the
	// counts as rows are written rather than counting rows.
	Stats(ctx context.Context) (Stats, error)

	// Incident returns one incident; an Error with code ENOTFOUND when
	// there is none.
	Incident(ctx context.Context, id string) (*Incident, error)
	// Clusters groups the located incidents matching f by a grid of cell
	// degrees, as a map draws them.
	Clusters(ctx context.Context, f EventFilter, cell float64) ([]Cluster, error)
	// Tally counts the incidents matching f, their toll and their events
	// per day, and the incidents and their toll per country.
	Tally(ctx context.Context, f EventFilter) (*Tally, error)
	// Changes lists, in commit order, what ingests changed after seq: the
	// incidents written and the places whose control was rewritten, at
	// most limit of them. Any process can follow them.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// LastChange is the seq of the latest change, 0 before any.
	LastChange(ctx context.Context) (int64, error)

	Close() error
}

// Doc is one article with the events extracted from it, as Ingest takes it.
type Doc struct {
	Article Article
	Events  []Event
}

// Ingest outcomes.
const (
	StatusNew           = "new"            // stored with its events
	StatusDuplicate     = "duplicate"      // already stored: nothing changed
	StatusNearDuplicate = "near-duplicate" // a copy of a stored story: linked, no events of its own
)

// IngestResult says what Ingest did with one Doc.
type IngestResult struct {
	ArticleID string `json:"article_id"`
	// Status is StatusNew, StatusDuplicate or StatusNearDuplicate.
	Status string `json:"status"`
	// DupOf is the article this one copies, for a near-duplicate.
	DupOf string `json:"dup_of,omitempty"`
	// Replaced are the stored copies that stood for a story and no
	// longer do: this fuller copy took their place, or this copy showed
	// their story and another to be one, which a fuller copy stands for.
	// They are near-duplicates from now on.
	Replaced []string `json:"replaced,omitempty"`
	// Events is how many events this call added (or, when a fuller copy
	// of a story replaced a shorter one, added net of those removed).
	Events int `json:"events"`
}

// StoredArticle is an article as the store keeps it.
type StoredArticle struct {
	Article
	// DupOf is the id of the article whose events stand for this one's,
	// when it is a near-duplicate; empty otherwise.
	DupOf string `json:"dup_of,omitempty"`
	// Events is how many events the store holds from this article.
	Events int `json:"events"`
	// Ingested is when the store first saw the article.
	Ingested time.Time `json:"ingested"`
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	// Query is a full-text search: words that must all occur (title or
	// text). Empty matches every article.
	Query string
	// Since and Until bound the publication date (inclusive); zero is open.
	Since, Until time.Time
	// Limit caps the rows (0: 100); Offset skips rows for paging.
	Limit, Offset int
}

// EventFilter selects events or incidents; the zero value selects all.
type EventFilter struct {
	// Since and Until bound the event's date (inclusive); zero is open.
	Since, Until time.Time
	// Type is an event type or a sub-event type (ACLED's names).
	Type string
	// Country is a country name or ISO alpha-2 code.
	Country string
	// Near and Km select events within Km kilometres of a point.
	Near *Point
	Km   float64
	// Actor matches actor names and sides, case-insensitively, as a
	// substring ("hts", "rebel").
	Actor string
	// Certainty, when set, keeps only events of that certainty (events
	// only; incidents are always reported happenings).
	Certainty string
	// Kind, when set, keeps only events of that kind (events only):
	// KindToll, KindControl, KindDisplacement, or "event" for ACLED's own
	// types (no kind).
	Kind string
	// Incident keeps one incident, or its events.
	Incident string
	// Text keeps what articles containing all these words (full text,
	// title or body) report.
	Text string
	// Box keeps what lies within a map's bounds.
	Box *Box
	// Newest lists the latest first.
	Newest bool
	// Limit caps the rows (0: no cap); Offset skips rows for paging.
	Limit, Offset int
}

// Box is a map's bounds in degrees, west to east (it may cross the
// antimeridian: W > E) and south to north.
type Box struct{ W, S, E, N float64 }

// Point is a place on the map, in degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Validate reports what is wrong with f, as an EINVALID Error.
func (f *EventFilter) Validate() error {
	switch {
	case !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since):
		return Errorf(EINVALID, "until %s is before since %s", f.Until.Format(DateLayout), f.Since.Format(DateLayout))
	case f.Near != nil && (f.Km <= 0 || f.Km > 20000):
		return Errorf(EINVALID, "km %g: want a distance above 0 and at most 20000", f.Km)
	case f.Near == nil && f.Km != 0:
		return Errorf(EINVALID, "km needs a place to be near")
	case f.Near != nil && !(f.Near.Lat >= -90 && f.Near.Lat <= 90 && f.Near.Lon >= -180 && f.Near.Lon <= 180): // so that NaN fails
		return Errorf(EINVALID, "near %g,%g is not a point on the earth", f.Near.Lat, f.Near.Lon)
	case f.Limit < 0 || f.Offset < 0:
		return Errorf(EINVALID, "limit and offset must not be negative")
	case f.Kind != "" && f.Kind != "event" && f.Kind != KindToll && f.Kind != KindControl && f.Kind != KindDisplacement:
		return Errorf(EINVALID, "kind %q: want event, toll, control or displacement", f.Kind)
	case f.Box != nil && !(f.Box.S >= -90 && f.Box.N <= 90 && f.Box.S <= f.Box.N && f.Box.W >= -180 && f.Box.W <= 180 && f.Box.E >= -180 && f.Box.E <= 180):
		return Errorf(EINVALID, "bbox %g,%g,%g,%g: want west,south,east,north within -180..180 and -90..90, south below north", f.Box.W, f.Box.S, f.Box.E, f.Box.N)
	case f.Certainty != "" && f.Certainty != Reported && f.Certainty != Hypothetical && f.Certainty != Negated && f.Certainty != Projected:
		return Errorf(EINVALID, "certainty %q: want reported, hypothetical, negated or projected", f.Certainty)
	}
	if f.Type != "" {
		if _, ok := Taxonomy[f.Type]; !ok && !isEventType(f.Type) {
			return Errorf(EINVALID, "type %q is not an ACLED event or sub-event type", f.Type)
		}
	}
	return nil
}

func isEventType(t string) bool {
	for _, et := range Taxonomy {
		if et == t {
			return true
		}
	}
	return false
}

// ControlFilter selects control spans.
type ControlFilter struct {
	// AsOf keeps the span of each place that covers that day; zero keeps
	// every span.
	AsOf time.Time
	// Country is a country name or ISO alpha-2 code.
	Country string
	// Place matches the place's name (case-insensitively, as the gazetteer
	// or the text spelled it) or its GeoNames id.
	Place string
	// Key keeps the place with this key (as Change gives it).
	Key string
	// Brief leaves out the evidence, as a map layer needs none.
	Brief bool
	// Latest keeps only each place's latest span, and reads only its
	// evidence: what the live stream sends, without a place's history.
	Latest bool
}

// Incident is one happening as every report of it adds up: events from
// different articles (or sentences) that describe the same thing.
type Incident struct {
	// ID is the id of the incident's first event (by id), so it is a
	// function of the incident's events, not of the order they arrived in.
	ID           string `json:"id"`
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	// Date is the most precise date the reports give; DateFrom..DateTo
	// the range they span.
	Date          string `json:"date"`
	DatePrecision string `json:"date_precision"`
	DateFrom      string `json:"date_from"`
	DateTo        string `json:"date_to"`
	// Actor1, Actor2 and Location are those most reports name.
	Actor1   *Actor    `json:"actor1"`
	Actor2   *Actor    `json:"actor2"`
	Location *Location `json:"location"`
	// Fatalities is the toll as ACLED would code it: each report's figure,
	// then the lowest across reports. FatalitiesMin/Max are the range
	// reported; all nil when no report gives a toll.
	Fatalities    *int `json:"fatalities"`
	FatalitiesMin *int `json:"fatalities_min"`
	FatalitiesMax *int `json:"fatalities_max"`
	// Displaced is counted the same way as Fatalities.
	Displaced *int `json:"displaced"`
	// Sources is the number of distinct articles reporting it.
	Sources int `json:"sources"`
	// Reports are the events behind the incident, one per source sentence.
	Reports []Report `json:"reports"`
}

// Event returns the incident as one event, as the file formats write it:
// its first report's article and span stand as the source, the sentence
// joins each report's distinct sentence, and the outlets are all named.
func (inc *Incident) Event() Event {
	e := Event{
		ID: inc.ID, EventType: inc.EventType, SubEventType: inc.SubEventType,
		Date: inc.Date, DatePrecision: inc.DatePrecision,
		Actor1: inc.Actor1, Actor2: inc.Actor2, Location: inc.Location,
		Fatalities: inc.Fatalities, Displaced: inc.Displaced, Certainty: Reported,
	}
	var sentences, sources []string
	seen := map[string]bool{}
	for i, r := range inc.Reports {
		if i == 0 {
			e.Article, e.Span, e.Attribution = r.Article, r.Span, r.Attribution
		}
		if !seen[r.Sentence] {
			seen[r.Sentence] = true
			sentences = append(sentences, r.Sentence)
		}
		if src := r.Article.Source; src != "" && !seen["\x00"+src] {
			seen["\x00"+src] = true
			sources = append(sources, src)
		}
	}
	e.Sentence = strings.Join(sentences, " ")
	e.Article.Source = strings.Join(sources, "; ")
	return e
}

// Report is one event's contribution to an incident.
type Report struct {
	EventID      string     `json:"event_id"`
	SubEventType string     `json:"sub_event_type"`
	Date         string     `json:"date"`
	Fatalities   *int       `json:"fatalities"`
	Attribution  string     `json:"attribution,omitempty"`
	Sentence     string     `json:"sentence"`
	Span         [2]int     `json:"span"`
	Article      ArticleRef `json:"article"`
}

// ControlSpan is a stretch of time during which one side held a place, as
// the reports tell it.
type ControlSpan struct {
	// Place is where.
	Place Location `json:"place"`
	// Holder is the actor holding it ("" when the reports name only a
	// side); Side is its side.
	Holder string `json:"holder"`
	Side   string `json:"side"`
	// From is the first day of the span, empty when it began before any
	// report; To is the day the next span began, empty while it lasts.
	From string `json:"from"`
	To   string `json:"to"`
	// Status is "held", or "contested" while a claim of the change is
	// denied or contradicted and no later report settles it.
	Status string `json:"status"`
	// Contender is the other side's claim while contested.
	Contender string `json:"contender,omitempty"`
	// Sources is how many reports the span rests on.
	Sources int `json:"sources"`
	// Evidence is the reports the span rests on.
	Evidence []Evidence `json:"evidence"`
}

// Control statuses.
const (
	Held      = "held"
	Contested = "contested"
)

// Evidence is one report behind a control span.
type Evidence struct {
	EventID      string     `json:"event_id"`
	SubEventType string     `json:"sub_event_type"`
	Certainty    string     `json:"certainty"`
	Date         string     `json:"date"`
	Actor        string     `json:"actor"`
	Side         string     `json:"side"`
	Sentence     string     `json:"sentence"`
	Span         [2]int     `json:"span"`
	Article      ArticleRef `json:"article"`
}

// Covers reports whether the span covers day d.
func (s *ControlSpan) Covers(d time.Time) bool {
	day := d.Format(DateLayout)
	return (s.From == "" || s.From <= day) && (s.To == "" || day < s.To)
}

// Stats counts what a store holds.
type Stats struct {
	Articles       int `json:"articles"`
	NearDuplicates int `json:"near_duplicates"`
	Events         int `json:"events"`
	Incidents      int `json:"incidents"`
	Places         int `json:"places"`
	// First and Last are the dates of the earliest and latest incident.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
}

// Cluster is incidents near each other on a map: their number, summed
// toll and mean position, the most frequent event type among them, and
// the incident's id when there is one.
type Cluster struct {
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Count      int     `json:"count"`
	Fatalities int     `json:"fatalities"`
	EventType  string  `json:"event_type"`
	ID         string  `json:"id,omitempty"`
	// Area says the incidents are known only by a region or a country:
	// drawn at the area's own point (Location.MapPoint), they happened
	// somewhere in it, not there. Such incidents are clustered apart
	// from those at towns.
	Area bool `json:"area,omitempty"`
}

// Tally is what a timeline and a table of countries show.
type Tally struct {
	Days      []DayCount     `json:"days"`
	Countries []CountryCount `json:"countries"`
}

// DayCount counts one day's incidents, their toll, and the events (one
// per source sentence) behind them.
type DayCount struct {
	Date       string `json:"date"`
	Incidents  int    `json:"incidents"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// CountryCount counts one country's incidents and their toll.
type CountryCount struct {
	CountryCode string `json:"country_code"`
	Country     string `json:"country"`
	Incidents   int    `json:"incidents"`
	Fatalities  int    `json:"fatalities"`
}

// Change kinds.
const (
	ChangeIncident = "incident" // Key is an incident id (it may have merged away since)
	ChangeControl  = "control"  // Key is a place key (ControlFilter.Key)
)

// Change is one thing an ingest changed, numbered in commit order.
type Change struct {
	Seq  int64  `json:"seq"`
	Kind string `json:"kind"`
	Key  string `json:"key"`
}

// Error codes, one per way a request can fail; the CLI and the HTTP API
// each map them to their own terms in one place.
const (
	EINVALID  = "invalid"   // the request is malformed
	ENOTFOUND = "not found" // what was asked for does not exist
	EINTERNAL = "internal"  // a fault of sitrep or what it depends on
)

// Error is an error with a code.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's first *Error, EINTERNAL if it has
// none, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
