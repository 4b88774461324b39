package fuse

import (
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// SameTownKm is how far apart two town-precision places may be and still
// be one place: a town and its suburb, or two gazetteer entries for it.
const SameTownKm = 5

//go:embed compatible.txt
var compatibleTxt string

// group maps a sub-event type to its compatibility group and rank maps it
// to its place in the group (0 = most specific).
var group, rank = func() (map[string]int, map[string]int) {
	g, r := map[string]int{}, map[string]int{}
	n := 0
	for _, line := range strings.Split(compatibleTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		n++
		for i, t := range strings.Split(line, "|") {
			t = strings.TrimSpace(t)
			if _, ok := sitrep.Taxonomy[t]; !ok {
				panic("fuse: compatible.txt: unknown sub-event type " + t)
			}
			g[t], r[t] = n, i
		}
	}
	return g, r
}()

func compatibleTypes(a, b string) bool {
	if a == b {
		return true
	}
	ga, ok := group[a]
	return ok && ga == group[b]
}

// Fusable reports whether e can be part of an incident: a reported
// happening with a type, a date and a place. Hypothetical, negated and
// projected events are claims about what did not (yet) happen, and a
// statement of who holds a place is control data, not a happening, and a
// toll over a period counts many happenings, none of them this one.
func Fusable(e *sitrep.Event) bool {
	return e.Certainty == sitrep.Reported && e.SubEventType != "" && e.Date != "" && e.Location != nil && e.Kind != sitrep.KindControl && e.Kind != sitrep.KindToll
}

// Day is a date as a count of days since 1970-01-01.
type Day int

// DayOf parses a YYYY-MM-DD date; ok is false when s is not one.
func DayOf(s string) (Day, bool) {
	t, err := time.Parse(sitrep.DateLayout, s)
	if err != nil {
		return 0, false
	}
	return Day(t.Unix() / 86400), true
}

// String formats d as YYYY-MM-DD.
func (d Day) String() string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(sitrep.DateLayout)
}

// Interval returns the first and last day an event may have happened on:
// its day, widened by one day before when the date was only the
// publication date (news reports yesterday's events as today's); the week
// up to its date; its month; its year. ok is false when it has no date.
func Interval(e *sitrep.Event) (lo, hi Day, ok bool) {
	t, err := time.Parse(sitrep.DateLayout, e.Date)
	if err != nil {
		return 0, 0, false
	}
	day := func(t time.Time) Day { return Day(t.Unix() / 86400) }
	d := day(t)
	switch e.DatePrecision {
	case "week":
		return d - 6, d, true
	case "month":
		first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return day(first), day(first.AddDate(0, 1, -1)), true
	case "year":
		first := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return day(first), day(first.AddDate(1, 0, -1)), true
	}
	if e.DateText == "" {
		return d - 1, d, true
	}
	return d, d, true
}

// PlaceKey names the place of a location for grouping: its GeoNames id,
// or for areas without one its country and name. Empty for nil.
func PlaceKey(l *sitrep.Location) string {
	if l == nil {
		return ""
	}
	if l.GeonameID != 0 {
		return "g" + strconv.Itoa(l.GeonameID)
	}
	return "n" + l.CountryCode + "/" + strings.ToLower(l.Name)
}

// Mark is what fusion compares of an event. A store can fill one from
// its columns without decoding the whole event.
type Mark struct {
	ID, Article, SubEventType string
	// Fusable is Fusable(e).
	Fusable bool
	// Lo and Hi are the event's Interval.
	Lo, Hi Day
	// Place is PlaceKey, Name NameKey, Precision the location's.
	Place, Name, Precision string
	Lat, Lon               float64
	// Side1 and Side2 are the actors' sides ("" when unnamed).
	Side1, Side2 string
}

// MarkOf returns the mark of e.
func MarkOf(e *sitrep.Event) Mark {
	m := Mark{ID: e.ID, Article: e.Article.ID, SubEventType: e.SubEventType, Fusable: Fusable(e)}
	m.Lo, m.Hi, _ = Interval(e)
	if l := e.Location; l != nil {
		m.Place, m.Name, m.Precision, m.Lat, m.Lon = PlaceKey(l), NameKey(l), l.Precision, l.Lat, l.Lon
	}
	m.Side1, m.Side2 = sideOf(e.Actor1), sideOf(e.Actor2)
	return m
}

// samePlace reports whether two reports' places are one: the same
// gazetteer entry; two entries of one name in one country (a city and the
// province named after it: "near Hama" is read as either); or two towns
// within SameTownKm.
func samePlace(a, b *Mark) bool {
	if a.Place == b.Place || a.Precision != b.Precision && a.Name == b.Name {
		return true
	}
	return a.Precision == sitrep.PrecisionTown && b.Precision == sitrep.PrecisionTown &&
		gazetteer.Distance(a.Lat, a.Lon, b.Lat, b.Lon) <= SameTownKm
}

// sidesAgree reports whether two reports' actors can be the same: each
// side named by both is the same side. An armed clash has no direction, so
// its sides may also be named the other way round.
func sidesAgree(a, b *Mark) bool {
	same := func(x, y string) bool { return x == "" || y == "" || x == y }
	if same(a.Side1, b.Side1) && same(a.Side2, b.Side2) {
		return true
	}
	return a.SubEventType == "Armed clash" && b.SubEventType == "Armed clash" &&
		same(a.Side1, b.Side2) && same(a.Side2, b.Side1)
}

// Linked reports whether a and b describe the same happening: both
// fusable, of compatible types (compatible.txt), at the same place (or
// towns within SameTownKm, unless one report named both apart), on days
// that may coincide, with sides that agree.
func (a *Mark) Linked(b *Mark) bool {
	if !a.Fusable || !b.Fusable || !compatibleTypes(a.SubEventType, b.SubEventType) {
		return false
	}
	if a.Article == b.Article && a.Article != "" && a.Place != b.Place {
		return false // the report itself told the two places apart
	}
	return a.Lo <= b.Hi && b.Lo <= a.Hi && samePlace(a, b) && sidesAgree(a, b)
}

// Linked is Mark.Linked on two events.
func Linked(a, b *sitrep.Event) bool {
	ma, mb := MarkOf(a), MarkOf(b)
	return ma.Linked(&mb)
}

// Incidents groups fusable events into incidents: the connected components
// of Linked. Each incident lists its members' indexes in events; both the
// groups and their order (by smallest event id) depend only on the set of
// events given.
func Incidents(events []sitrep.Event) [][]int {
	marks := make([]Mark, len(events))
	idx := make([]int, 0, len(events))
	for i := range events {
		if marks[i] = MarkOf(&events[i]); marks[i].Fusable {
			idx = append(idx, i)
		}
	}
	// Sorting by interval start lets the pair scan stop early: nothing
	// after an event that starts past one's end can overlap it.
	sort.Slice(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if marks[i].Lo != marks[j].Lo {
			return marks[i].Lo < marks[j].Lo
		}
		return events[i].ID < events[j].ID
	})
	parent := make(map[int]int, len(idx))
	var find func(int) int
	find = func(i int) int {
		p, ok := parent[i]
		if !ok || p == i {
			return i
		}
		r := find(p)
		parent[i] = r
		return r
	}
	for a, i := range idx {
		for _, j := range idx[a+1:] {
			if marks[j].Lo > marks[i].Hi {
				break
			}
			if marks[i].Linked(&marks[j]) {
				if ri, rj := find(i), find(j); ri != rj {
					parent[ri] = rj
				}
			}
		}
	}
	comps := map[int][]int{}
	for _, i := range idx {
		r := find(i)
		comps[r] = append(comps[r], i)
	}
	out := make([][]int, 0, len(comps))
	for _, c := range comps {
		sort.Slice(c, func(a, b int) bool { return events[c[a]].ID < events[c[b]].ID })
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return events[out[a][0]].ID < events[out[b][0]].ID })
	return out
}

// Summarize sums up the events of one incident (members, as Incidents
// returns them) as one happening.
func Summarize(events []sitrep.Event, members []int) sitrep.Incident {
	es := make([]*sitrep.Event, len(members))
	for k, i := range members {
		es[k] = &events[i]
	}
	sort.Slice(es, func(a, b int) bool { return es[a].ID < es[b].ID })
	inc := sitrep.Incident{ID: es[0].ID}

	// The type most reports give; a tie goes to the more specific.
	votes := map[string]int{}
	for _, e := range es {
		votes[e.SubEventType]++
	}
	inc.SubEventType = best(votes, func(a, b string) bool {
		if rank[a] != rank[b] {
			return rank[a] < rank[b]
		}
		return a < b
	})
	inc.EventType = sitrep.Taxonomy[inc.SubEventType]

	// The date: the most precise reports' most common date, the earliest on
	// a tie; the range spans every report.
	prec := map[string]int{"day": 0, "week": 1, "month": 2, "year": 3}
	finest := 4
	var from, to Day
	for k, e := range es {
		lo, hi, _ := Interval(e)
		if k == 0 || lo < from {
			from = lo
		}
		if k == 0 || hi > to {
			to = hi
		}
		if p, ok := prec[e.DatePrecision]; ok && p < finest {
			finest = p
		}
	}
	dates := map[string]int{}
	for _, e := range es {
		if prec[e.DatePrecision] == finest {
			dates[e.Date]++
			inc.DatePrecision = e.DatePrecision
		}
	}
	inc.Date = best(dates, func(a, b string) bool { return a < b })
	inc.DateFrom, inc.DateTo = from.String(), to.String()

	// The place and actors most reports name; the finer place on a tie.
	precOrder := map[string]int{sitrep.PrecisionTown: 0, sitrep.PrecisionDistrict: 1, sitrep.PrecisionRegion: 2, sitrep.PrecisionCountry: 3}
	places := map[string]int{}
	placeOf := map[string]*sitrep.Location{}
	for _, e := range es {
		k := PlaceKey(e.Location)
		places[k]++
		if placeOf[k] == nil {
			placeOf[k] = e.Location
		}
	}
	pk := best(places, func(a, b string) bool {
		pa, pb := precOrder[placeOf[a].Precision], precOrder[placeOf[b].Precision]
		if pa != pb {
			return pa < pb
		}
		return a < b
	})
	inc.Location = bare(placeOf[pk])
	inc.Actor1 = commonActor(es, func(e *sitrep.Event) *sitrep.Actor { return e.Actor1 })
	inc.Actor2 = commonActor(es, func(e *sitrep.Event) *sitrep.Actor { return e.Actor2 })

	// Tolls: each article's figure is the largest it gives (a later
	// sentence updates an earlier one); across articles ACLED takes the
	// lowest credible figure.
	inc.Fatalities, inc.FatalitiesMin, inc.FatalitiesMax = toll(es, func(e *sitrep.Event) *int { return e.Fatalities })
	inc.Displaced, _, _ = toll(es, func(e *sitrep.Event) *int { return e.Displaced })

	arts := map[string]bool{}
	for _, e := range es {
		arts[e.Article.ID] = true
	}
	inc.Sources = len(arts)
	inc.Reports = Reports(es)
	return inc
}

// SummarizeAll is Summarize of all of events.
func SummarizeAll(events []sitrep.Event) sitrep.Incident {
	members := make([]int, len(events))
	for i := range members {
		members[i] = i
	}
	return Summarize(events, members)
}

// Reports returns the reports behind an incident's events, oldest
// article first.
func Reports(es []*sitrep.Event) []sitrep.Report {
	out := make([]sitrep.Report, 0, len(es))
	for _, e := range es {
		out = append(out, sitrep.Report{
			EventID: e.ID, SubEventType: e.SubEventType, Date: e.Date, Fatalities: e.Fatalities,
			Attribution: e.Attribution, Sentence: e.Sentence, Span: e.Span, Article: e.Article,
		})
	}
	sort.Slice(out, func(a, b int) bool {
		ra, rb := &out[a], &out[b]
		if ra.Article.Published != rb.Article.Published {
			return ra.Article.Published < rb.Article.Published
		}
		return ra.EventID < rb.EventID
	})
	return out
}

// best returns the key with the most votes, ties broken by less.
func best(votes map[string]int, less func(a, b string) bool) string {
	var top string
	n := -1
	for k, v := range votes {
		if v > n || v == n && less(k, top) {
			top, n = k, v
		}
	}
	return top
}

// bare copies a location without the words and span of one report.
func bare(l *sitrep.Location) *sitrep.Location {
	if l == nil {
		return nil
	}
	c := *l
	c.Text, c.Span = "", [2]int{}
	return &c
}

func commonActor(es []*sitrep.Event, of func(*sitrep.Event) *sitrep.Actor) *sitrep.Actor {
	votes := map[string]int{}
	by := map[string]*sitrep.Actor{}
	for _, e := range es {
		if a := of(e); a != nil {
			votes[a.Name]++
			if by[a.Name] == nil {
				by[a.Name] = a
			}
		}
	}
	if len(votes) == 0 {
		return nil
	}
	c := *by[best(votes, func(a, b string) bool { return a < b })]
	c.Text, c.Span = "", [2]int{}
	return &c
}

func toll(es []*sitrep.Event, of func(*sitrep.Event) *int) (conservative, lo, hi *int) {
	perArticle := map[string]int{}
	for _, e := range es {
		n := of(e)
		if n == nil {
			continue
		}
		if v, ok := perArticle[e.Article.ID]; !ok || *n > v {
			perArticle[e.Article.ID] = *n
		}
		if lo == nil || *n < *lo {
			lo = intp(*n)
		}
		if hi == nil || *n > *hi {
			hi = intp(*n)
		}
	}
	for _, v := range perArticle {
		if conservative == nil || v < *conservative {
			conservative = intp(v)
		}
	}
	return conservative, lo, hi
}

func intp(n int) *int { return &n }

// Where a store looks for an event's neighbours. Every event Linked to e
// lies in one of Cells(e's place) or has e's NameKey, and its interval
// starts at most its SpanClass before e's ends.

// cellDeg is the grid's cell size in degrees: 0.1 degree is 11 km of
// latitude, more than SameTownKm, so the 3x3 cells around a place hold
// every town near enough to be the same place (below about 63 degrees
// of latitude, where a cell is also wider than SameTownKm).
const cellDeg = 0.1

// Cell returns the grid cell of a point.
func Cell(lat, lon float64) int64 {
	return cellOf(int64(math.Floor(lat/cellDeg)), int64(math.Floor(lon/cellDeg)))
}

const lonCells = int64(360 / cellDeg)

func cellOf(y, x int64) int64 {
	x = ((x % lonCells) + lonCells) % lonCells
	return (y+1000)*lonCells + x
}

// Cells returns the cell of a point and those of its eight neighbours
// that hold a point within SameTownKm of it: one cell at a cell's middle,
// four at a corner (away from the poles, where a cell is narrower than
// SameTownKm, the eight neighbours are all it looks at).
func Cells(lat, lon float64) []int64 {
	y, x := int64(math.Floor(lat/cellDeg)), int64(math.Floor(lon/cellDeg))
	out := make([]int64, 0, 9)
	for dy := int64(-1); dy <= 1; dy++ {
		for dx := int64(-1); dx <= 1; dx++ {
			if dy == 0 && dx == 0 || withinReach(lat, lon, y+dy, x+dx) {
				out = append(out, cellOf(y+dy, x+dx))
			}
		}
	}
	return out
}

// withinReach says the cell (y, x) may hold a point within SameTownKm of
// (lat, lon). It bounds the haversine distance from below: the gaps in
// latitude and longitude to the cell are each at least those to its
// nearest edge, and the cosine of a latitude in the cell is at least the
// smaller of its edges'. A margin keeps rounding from losing a cell.
func withinReach(lat, lon float64, y, x int64) bool {
	gap := func(v, lo float64) float64 {
		return max(0, lo-v, v-(lo+cellDeg))
	}
	rad := math.Pi / 180
	south, north := max(-90, float64(y)*cellDeg), min(90, float64(y+1)*cellDeg)
	dlat, dlon := gap(lat, float64(y)*cellDeg)*rad, gap(lon, float64(x)*cellDeg)*rad
	cos := max(0, min(math.Cos(south*rad), math.Cos(north*rad)))
	hav := func(a float64) float64 { return math.Sin(a/2) * math.Sin(a/2) }
	h := hav(dlat) + math.Cos(lat*rad)*cos*hav(dlon)
	const earthKm = 6371.0088 // gazetteer.Distance's radius
	return 2*earthKm*math.Asin(math.Min(1, math.Sqrt(h))) <= SameTownKm*1.001+0.01
}

// NameKey names a place by country and spelling ("SY/hama"), which a
// city and the province named after it share.
func NameKey(l *sitrep.Location) string {
	if l == nil {
		return ""
	}
	return l.CountryCode + "/" + gazetteer.Key(l.Name)
}

// SpanClasses are the lengths an event's interval is rounded up to.
var SpanClasses = []int{1, 7, 31, 366}

// SpanClass returns the smallest class at least as long as lo..hi.
func SpanClass(lo, hi Day) int {
	for _, c := range SpanClasses {
		if int(hi-lo) <= c {
			return c
		}
	}
	return int(hi - lo)
}
