// Package sitrep holds the domain types shared by every part of sitrep: the
// articles it reads, the events it extracts from them, and the places and
// actors those events name. The packages below it do the work: extract turns
// an Article into Events, gazetteer resolves place names, actors resolves
// actor names, source reads articles from files, and eval scores the
// extractor against labelled data.
//
// The JSON field names of Event and its parts are a contract (see
// ARCHITECTURE.md): fields may be added, never renamed or removed.
package sitrep

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// Article is one news report as sitrep read it.
type Article struct {
	// ID is a stable identifier: the JSONL record's id when the input gave
	// one, else ArticleID(Text).
	ID string `json:"id"`
	// URL is where the article was read from, when known.
	URL string `json:"url,omitempty"`
	// Title is the headline, when known.
	Title string `json:"title,omitempty"`
	// Published is the publication date; relative dates in the text ("on
	// Friday", "last week") resolve against it. Zero when unknown.
	Published time.Time `json:"published"`
	// Source names the outlet or file the article came from.
	Source string `json:"source,omitempty"`
	// Text is the article's plain text; event spans are byte offsets into it.
	Text string `json:"text"`
}

// ValidArticleURL checks an article's URL: empty (not known), or an
// absolute http or https URL with a host. Articles enter the record only
// so (source's readers and Store.Ingest refuse others), because every
// client shows the URL as a link, and a javascript: or data: link runs
// or opens what whoever posted the article chose.
func ValidArticleURL(rawURL string) error {
	if rawURL == "" {
		return nil
	}
	u, err := url.Parse(rawURL)
	switch {
	case err != nil:
		return Errorf(EINVALID, "article URL %q: %v", rawURL, err)
	case u.Scheme != "http" && u.Scheme != "https": // Parse lower-cases it
		return Errorf(EINVALID, "article URL %q: scheme %q: want http or https", rawURL, u.Scheme)
	case u.Hostname() == "":
		return Errorf(EINVALID, "article URL %q: no host", rawURL)
	}
	return nil
}

// ArticleRef is the part of an Article that each Event carries.
type ArticleRef struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	Source    string `json:"source,omitempty"`
}

// Ref returns the reference an Event keeps to its article.
func (a *Article) Ref() ArticleRef {
	r := ArticleRef{ID: a.ID, URL: a.URL, Title: a.Title, Source: a.Source}
	if !a.Published.IsZero() {
		r.Published = a.Published.Format(DateLayout)
	}
	return r
}

// DateLayout is the layout of every date sitrep reads and writes.
const DateLayout = "2006-01-02"

// ArticleID returns the id of an article whose text is text: a hash of the
// text with case, punctuation and white space normalised, so that the same
// story re-read from another copy gets the same id.
func ArticleID(text string) string {
	buf := make([]byte, 0, len(text))
	space := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			space = false
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			space = true
		}
	}
	h := sha256.Sum256(buf)
	return hex.EncodeToString(h[:8])
}

// Event is one happening an article asserts (or, with Certainty other than
// "reported", one it merely mentions), with every field traceable to the
// sentence it came from.
type Event struct {
	// ID is stable: a hash of article id, sentence span, type and place.
	ID string `json:"id"`
	// EventType and SubEventType follow ACLED's taxonomy (see Taxonomy).
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	// Kind names what sitrep records beyond ACLED's types (typed
	// Strategic developments / Other): KindDisplacement for people
	// fleeing, KindControl for a statement of who holds a place, KindToll
	// for a figure over a period or a projection ("800 killed since the
	// offensive began", "1.5 million could be displaced"), which is never
	// summed into events' tolls. Empty otherwise.
	Kind string `json:"kind,omitempty"`
	// Period is, for a toll, the period it covers as the text says it
	// ("since the offensive began", "this year"); empty when the text
	// gives none (a projection) or for other events.
	Period string `json:"period,omitempty"`
	// Plover is the PLOVER event type (ASSAULT, COERCE, PROTEST, ...).
	Plover string `json:"plover"`
	// PloverMode refines Plover where PLOVER defines modes (aerial, withdraw...).
	PloverMode string `json:"plover_mode,omitempty"`
	// Date is the event's date (YYYY-MM-DD) resolved against the
	// publication date; empty when neither the text nor the article tells.
	Date string `json:"date"`
	// DatePrecision is day, week, month or year; empty with Date.
	DatePrecision string `json:"date_precision"`
	// DateText is the phrase the date came from, empty when it was taken
	// from the publication date.
	DateText string `json:"date_text,omitempty"`
	// Site is, for a change of hands, the words naming what was taken when
	// it is a site in the place or a part of it ("a base", "the centre"),
	// SiteSpan their byte offsets: the event stands (ACLED codes a base
	// taken) but tells nothing of who holds the place. Empty otherwise.
	Site     string `json:"site,omitempty"`
	SiteSpan [2]int `json:"site_span,omitzero"`
	// Actor1 is who acted, Actor2 whom they acted on; nil when unnamed.
	Actor1 *Actor `json:"actor1"`
	Actor2 *Actor `json:"actor2"`
	// Location is where it happened; nil when no place could be resolved.
	Location *Location `json:"location"`
	// Fatalities is the conservative death toll the sentence states, nil
	// when it states none. FatalitiesText is the phrase it came from.
	Fatalities     *int   `json:"fatalities"`
	FatalitiesText string `json:"fatalities_text,omitempty"`
	// Displaced is the number of people displaced, nil when not stated.
	Displaced     *int   `json:"displaced"`
	DisplacedText string `json:"displaced_text,omitempty"`
	// Certainty is reported, hypothetical, negated, projected or claimed.
	Certainty string `json:"certainty"`
	// Attribution is who the text says reported it ("SOHR", "the UN").
	Attribution string `json:"attribution,omitempty"`
	// Trigger is the words that signalled the event, TriggerSpan their
	// byte offsets in the article text.
	Trigger     string `json:"trigger"`
	TriggerSpan [2]int `json:"trigger_span"`
	// Sentence is the source sentence, Span its [start,end) byte offsets in
	// the article text.
	Sentence string `json:"sentence"`
	Span     [2]int `json:"span"`
	// Article is the report the event came from.
	Article ArticleRef `json:"article"`
}

// Kinds of event beyond ACLED's types.
const (
	KindDisplacement = "displacement"
	KindControl      = "control"
	KindToll         = "toll"
)

// Coded reports whether an analyst would find the event in an ACLED-style
// record: reported as fact, and of ACLED's own types (no Kind: not a
// statement of control, a displacement or a toll).
func (e *Event) Coded() bool { return e.Certainty == Reported && e.Kind == "" }

// Certainty values.
const (
	Reported     = "reported"
	Hypothetical = "hypothetical"
	Negated      = "negated"
	Projected    = "projected"
	// Claimed: a change of control that only the side that made it says
	// it made ("the group said its fighters had captured the city"): kept
	// and marked, but, as ACLED does, no change in the record until a
	// report that is not the claimant's own says so.
	Claimed = "claimed"
)

// Actor is a canonical actor as the actor dictionary names it.
type Actor struct {
	// Name is the canonical name ("Military Forces of Syria").
	Name string `json:"name"`
	// Side is government, rebel, militia, identity_militia, rioters,
	// protesters, civilians or external (see Sides).
	Side string `json:"side"`
	// Inter is ACLED's inter code, 1-8.
	Inter int `json:"inter"`
	// Country is the ISO 3166 alpha-2 code of the actor's country, if any.
	Country string `json:"country,omitempty"`
	// Text is the words that named the actor, in the event's sentence (a
	// battle's opponent the sentence leaves out may be named elsewhere in
	// the article); Span their byte offsets in the article text.
	Text string `json:"text,omitempty"`
	Span [2]int `json:"span"`
}

// Sides maps each side to its ACLED inter code.
var Sides = map[string]int{
	"government":       1,
	"rebel":            2,
	"militia":          3,
	"identity_militia": 4,
	"rioters":          5,
	"protesters":       6,
	"civilians":        7,
	"external":         8,
}

// SideOfInter returns the side whose inter code is n ("" when none).
func SideOfInter(n int) string {
	for s, i := range Sides {
		if i == n {
			return s
		}
	}
	return ""
}

// Location is a resolved place.
type Location struct {
	// Name is the place's name as readers write it: GeoNames' in plain
	// letters ("Hamah" for Ḩamāh); GeonameID names the place exactly.
	Name string `json:"name"`
	// GeonameID is the GeoNames id; 0 for admin areas GeoNames' city file
	// does not list.
	GeonameID int     `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	// Admin1 is the first-level division (province, governorate, state).
	Admin1 string `json:"admin1"`
	// Admin2 is the second-level division, when known.
	Admin2      string `json:"admin2,omitempty"`
	Country     string `json:"country"`
	CountryCode string `json:"country_code"`
	// Precision is town, district, region or country: how much the
	// coordinates narrow the place down.
	Precision string `json:"precision"`
	// Area is the area's own point when Precision is region or country (a
	// country's GeoNames point, a first-level area's label point, well
	// inside it), where a map draws an event known only by the area; Lat
	// and Lon are then its seat, where ACLED codes such an event (a
	// country's capital), which the map would take for an event there.
	// Nil for a town or a district, and in records stored before it was
	// kept: MapPoint falls back to Lat and Lon.
	Area *Point `json:"area,omitempty"`
	// Text is the words that named the place; Span their byte offsets.
	Text string `json:"text,omitempty"`
	Span [2]int `json:"span"`
}

// MapPoint is where a map draws the location: the area's own point for
// an event known only by a region or a country, else Lat and Lon.
func (l *Location) MapPoint() Point {
	if l.Area != nil {
		return *l.Area
	}
	return Point{Lat: l.Lat, Lon: l.Lon}
}

// InArea says the location is a region or a country, not a town: an
// event there happened somewhere in it.
func (l *Location) InArea() bool {
	return l.Precision == PrecisionRegion || l.Precision == PrecisionCountry
}

// Location precisions, finest first.
const (
	PrecisionTown     = "town"
	PrecisionDistrict = "district"
	PrecisionRegion   = "region"
	PrecisionCountry  = "country"
)

// EventID returns the stable id of an event: a hash of its article, its
// sentence's span, its sub-event type, its certainty and its place. The
// certainty tells apart two claims of one sentence ("civilians have fled"
// and "the displaced could reach 1.5 million" at Homs).
func EventID(articleID string, span [2]int, subType, certainty string, loc *Location) string {
	var buf [256]byte // most keys fit: the hash is then all the work
	b := append(buf[:0], articleID...)
	b = append(b, '|')
	b = strconv.AppendInt(b, int64(span[0]), 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(span[1]), 10)
	b = append(b, '|')
	b = append(b, subType...)
	b = append(b, '|')
	b = append(b, certainty...)
	b = append(b, '|')
	if loc != nil {
		b = strconv.AppendInt(b, int64(loc.GeonameID), 10)
		b = append(b, '|')
		b = append(b, loc.Name...)
	}
	sum := sha256.Sum256(b)
	var id [16]byte
	hex.Encode(id[:], sum[:8])
	return string(id[:])
}
