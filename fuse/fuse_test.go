package fuse

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

func words(n int, tag string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(tag)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" word")
		b.WriteString(string(rune('a' + i%26)))
		b.WriteByte(' ')
	}
	return b.String()
}

func TestSimilarTellsCopiesFromOtherStories(t *testing.T) {
	story := words(400, "rebels took hama ")
	tests := []struct {
		name string
		b    string
		want bool
	}{
		{"the same text", story, true},
		{"another case and spacing", strings.ToUpper(strings.ReplaceAll(story, " ", "  ")), true},
		{"a byline and headline added", "By a staff writer. Hama falls. " + story, true},
		{"the last fifth cut", story[:len(story)*4/5], true},
		{"a quarter shared", story[:len(story)/4] + words(300, "protesters gathered "), false},
		{"another story", words(400, "floods hit the coast "), false},
	}
	a := Sign(story)
	for _, tt := range tests {
		b := Sign(tt.b)
		if got := Similar(&a, &b); got != tt.want {
			t.Errorf("%s: Similar = %v (similarity %.2f), want %v", tt.name, got, Similarity(&a, &b), tt.want)
		}
	}
	short := Sign("Rebels took Hama")
	if s, ok := ParseSignature(short.Bytes()); !ok || s != short {
		t.Error("a signature does not survive Bytes and ParseSignature")
	}
	if _, ok := ParseSignature([]byte{1, 2, 3}); ok {
		t.Error("ParseSignature accepted three bytes")
	}
}

func TestCandidatesShareABand(t *testing.T) {
	story := words(400, "rebels took hama ")
	a, b := Sign(story), Sign(story[:len(story)*9/10])
	ka, kb := a.BandKeys(), b.BandKeys()
	shared := false
	for i := range ka {
		shared = shared || ka[i] == kb[i]
		if ka[i] < 0 {
			t.Errorf("band key %d is negative", i)
		}
	}
	if !shared {
		t.Error("a near copy shares no band key with its original: it would never be found")
	}
}

func TestInterval(t *testing.T) {
	tests := []struct {
		date, prec, text string
		lo, hi           string
	}{
		{"2024-12-05", "day", "on Thursday", "2024-12-05", "2024-12-05"},
		{"2024-12-05", "day", "", "2024-12-04", "2024-12-05"}, // only the publication date
		{"2024-12-06", "week", "recently", "2024-11-30", "2024-12-06"},
		{"2024-02-01", "month", "in February", "2024-02-01", "2024-02-29"},
		{"2024-01-01", "year", "in 2024", "2024-01-01", "2024-12-31"},
	}
	for _, tt := range tests {
		lo, hi, ok := Interval(&sitrep.Event{Date: tt.date, DatePrecision: tt.prec, DateText: tt.text})
		if !ok || lo.String() != tt.lo || hi.String() != tt.hi {
			t.Errorf("Interval(%s %s %q) = %s..%s, want %s..%s", tt.date, tt.prec, tt.text, lo, hi, tt.lo, tt.hi)
		}
		if c := SpanClass(lo, hi); int(hi-lo) > c {
			t.Errorf("SpanClass(%s..%s) = %d, shorter than the interval", lo, hi, c)
		}
	}
	if _, _, ok := Interval(&sitrep.Event{}); ok {
		t.Error("an undated event has an interval")
	}
}

var (
	hama  = &sitrep.Location{Name: "Hama", GeonameID: 170017, Lat: 35.1318, Lon: 36.7578, Country: "Syria", CountryCode: "SY", Precision: "town"}
	hamaP = &sitrep.Location{Name: "Hama", Lat: 35.2, Lon: 37.0, Country: "Syria", CountryCode: "SY", Precision: "region"}
	near  = &sitrep.Location{Name: "Suburb", GeonameID: 1, Lat: 35.15, Lon: 36.77, Country: "Syria", CountryCode: "SY", Precision: "town"}
	far   = &sitrep.Location{Name: "Salamiyah", GeonameID: 2, Lat: 35.01, Lon: 37.05, Country: "Syria", CountryCode: "SY", Precision: "town"}
	reb   = &sitrep.Actor{Name: "HTS", Side: "rebel"}
	gov   = &sitrep.Actor{Name: "Army", Side: "government"}
)

func ev(id, art, sub, date string, loc *sitrep.Location, a1, a2 *sitrep.Actor) sitrep.Event {
	return sitrep.Event{ID: id, SubEventType: sub, EventType: sitrep.Taxonomy[sub], Date: date, DatePrecision: "day", DateText: "on " + date,
		Certainty: sitrep.Reported, Location: loc, Actor1: a1, Actor2: a2, Article: sitrep.ArticleRef{ID: art}}
}

func TestLinked(t *testing.T) {
	base := ev("a", "A", "Air/drone strike", "2024-12-05", hama, gov, reb)
	tests := []struct {
		name string
		b    sitrep.Event
		want bool
	}{
		{"same strike, another report", ev("b", "B", "Air/drone strike", "2024-12-05", hama, gov, reb), true},
		{"shelling and air strike are one bombardment", ev("b", "B", "Shelling/artillery/missile attack", "2024-12-05", hama, gov, nil), true},
		{"a suburb 2 km away", ev("b", "B", "Air/drone strike", "2024-12-05", near, gov, reb), true},
		{"the province of the same name", ev("b", "B", "Air/drone strike", "2024-12-05", hamaP, gov, nil), true},
		{"a town 30 km away", ev("b", "B", "Air/drone strike", "2024-12-05", far, gov, reb), false},
		{"the next day", ev("b", "B", "Air/drone strike", "2024-12-06", hama, gov, reb), false},
		{"another type", ev("b", "B", "Attack", "2024-12-05", hama, gov, nil), false},
		{"another side", ev("b", "B", "Air/drone strike", "2024-12-05", hama, reb, nil), false},
		{"one report's two places", ev("b", "A", "Air/drone strike", "2024-12-05", near, gov, reb), false},
	}
	for _, tt := range tests {
		if got := Linked(&base, &tt.b); got != tt.want {
			t.Errorf("%s: Linked = %v, want %v", tt.name, got, tt.want)
		}
		if got := Linked(&tt.b, &base); got != tt.want {
			t.Errorf("%s: Linked is not symmetric", tt.name)
		}
	}
	hyp := base
	hyp.Certainty = sitrep.Hypothetical
	if Linked(&base, &hyp) {
		t.Error("a hypothetical strike links to a reported one")
	}
	clash1 := ev("c", "C", "Armed clash", "2024-12-05", hama, reb, gov)
	clash2 := ev("d", "D", "Armed clash", "2024-12-05", hama, gov, reb)
	if !Linked(&clash1, &clash2) {
		t.Error("a clash told from either side is not one clash")
	}
}

func TestIncidentsIgnoreOrder(t *testing.T) {
	var evs []sitrep.Event
	r := rand.New(rand.NewPCG(3, 4))
	places := []*sitrep.Location{hama, near, far, hamaP}
	subs := []string{"Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Attack"}
	for i := 0; i < 200; i++ {
		e := ev(string(rune('A'+i/26))+string(rune('a'+i%26)), string(rune('A'+i%17)), subs[r.IntN(len(subs))],
			"2024-12-0"+string(rune('1'+r.IntN(5))), places[r.IntN(len(places))], []*sitrep.Actor{gov, reb, nil}[r.IntN(3)], nil)
		if r.IntN(3) == 0 {
			e.DateText = ""
		}
		evs = append(evs, e)
	}
	summary := func(evs []sitrep.Event) []sitrep.Incident {
		var out []sitrep.Incident
		for _, c := range Incidents(evs) {
			out = append(out, Summarize(evs, c))
		}
		return out
	}
	want := summary(evs)
	for k := 0; k < 5; k++ {
		r.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
		if got := summary(evs); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffle %d gives other incidents", k)
		}
	}
}

func side(spans []sitrep.ControlSpan) string {
	var parts []string
	for _, s := range spans {
		p := s.Side + "[" + s.From + "," + s.To + ")"
		if s.Status == sitrep.Contested {
			p += "?" + s.Contender
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestClaimDay(t *testing.T) {
	dated := func(date, prec, pub string) *sitrep.Event {
		e := ev("a", "A", "Non-state actor overtakes territory", date, hama, reb, gov)
		e.DatePrecision, e.Article.Published = prec, pub
		return &e
	}
	tests := []struct {
		name string
		e    *sitrep.Event
		want string
	}{
		{"a day is its day", dated("2024-12-05", "day", "2024-12-07"), "2024-12-05"},
		{"a week counts from its last day", dated("2024-11-29", "week", "2024-12-07"), "2024-11-29"},
		{"a month from its end", dated("2024-10-01", "month", "2024-12-07"), "2024-10-31"},
		{"never after the report", dated("2024-12-01", "month", "2024-12-07"), "2024-12-07"},
		{"a year from its end without a publication day", dated("2023-01-01", "year", ""), "2023-12-31"},
	}
	for _, tt := range tests {
		if got := ClaimDay(tt.e).String(); got != tt.want {
			t.Errorf("%s: ClaimDay(%s %s, published %s) = %s, want %s", tt.name, tt.e.Date, tt.e.DatePrecision, tt.e.Article.Published, got, tt.want)
		}
	}
	// A town taken "this month" is held from the report on, not from the
	// first of the month.
	if got := side(Control([]sitrep.Event{*dated("2024-12-01", "month", "2024-12-07")})); got != "government[,2024-12-07) rebel[2024-12-07,)" {
		t.Errorf("a change dated by its month: %s", got)
	}
}

func TestControl(t *testing.T) {
	took := func(id, date string, a1, a2 *sitrep.Actor) sitrep.Event {
		return ev(id, id, "Non-state actor overtakes territory", date, hama, a1, a2)
	}
	withdrew := ev("w", "w", "Non-violent transfer of territory", "2024-12-09", hama, reb, nil)
	withdrew.PloverMode = "withdraw"
	denied := took("n", "2024-12-06", reb, nil)
	denied.Certainty = sitrep.Negated
	hyp := took("h", "2024-12-07", gov, nil)
	hyp.Certainty = sitrep.Hypothetical
	held := ev("s", "s", "Other", "2024-12-01", hama, gov, nil)
	held.Kind = sitrep.KindControl
	base := took("b", "2024-12-03", reb, gov)
	base.Site = "base"
	tests := []struct {
		name string
		evs  []sitrep.Event
		want string
	}{
		{"a capture from a named side", []sitrep.Event{took("a", "2024-12-05", reb, gov)}, "government[,2024-12-05) rebel[2024-12-05,)"},
		{"a repeated report adds evidence only", []sitrep.Event{took("a", "2024-12-05", reb, nil), took("b", "2024-12-06", reb, nil)}, "rebel[2024-12-05,)"},
		{"a hypothetical changes nothing", []sitrep.Event{took("a", "2024-12-05", reb, gov), hyp}, "government[,2024-12-05) rebel[2024-12-05,)"},
		{"a denial contests", []sitrep.Event{took("a", "2024-12-05", reb, gov), denied}, "government[,2024-12-05) rebel[2024-12-05,)?government"},
		{"contrary claims the same day", []sitrep.Event{took("a", "2024-12-05", reb, nil), took("b", "2024-12-05", gov, nil)}, "government[2024-12-05,)?rebel"},
		{"a withdrawal leaves it to nobody named", []sitrep.Event{took("a", "2024-12-05", reb, gov), withdrew}, "government[,2024-12-05) rebel[2024-12-05,2024-12-09) [2024-12-09,)"},
		{"a holding statement opens the record", []sitrep.Event{held, took("a", "2024-12-05", reb, nil)}, "government[,2024-12-05) rebel[2024-12-05,)"},
		{"a base taken is not the town taken", []sitrep.Event{took("a", "2024-12-05", reb, gov), base}, "government[,2024-12-05) rebel[2024-12-05,)"},
	}
	for _, tt := range tests {
		if got := side(Control(tt.evs)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
		rev := append([]sitrep.Event(nil), tt.evs...)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		if a, b := Control(tt.evs), Control(rev); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the timeline depends on the order of the events", tt.name)
		}
	}
}

// Folding claims in batches, in any order, gives the timeline and the
// evidence that folding them all at once gives.
func TestFoldInBatchesIsFoldAtOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	parties := []*Party{{Name: "Army", Side: "government"}, {Name: "HTS", Side: "rebel"}, {Name: "SDF", Side: "militia"}, nil}
	for trial := 0; trial < 600; trial++ {
		var all []Claim
		for i := 0; i < 2+r.IntN(30); i++ {
			c := Claim{EventID: string(rune('a'+i%26)) + string(rune('A'+i/26)), SubEventType: "Non-state actor overtakes territory", Certainty: sitrep.Reported,
				Date: Day(20000 + r.IntN(12+trial%3*20)).String(), Gainer: parties[r.IntN(3)], Loser: parties[r.IntN(4)]}
			switch r.IntN(6) {
			case 0:
				c.Hold, c.Loser = true, nil
			case 1:
				c.Denied, c.Certainty, c.Loser = true, sitrep.Negated, nil
			case 2:
				c.Gainer = nil
			}
			c.Actor = c.Gainer
			all = append(all, c)
		}
		_, wantSpans, wantAssigned, _, _ := Fold(nil, hama, all)
		// Reports arrive mostly in time order, in batches.
		sort.SliceStable(all, func(a, b int) bool { return all[a].Date < all[b].Date && r.IntN(4) != 0 })
		var tl *Timeline
		assigned := map[string]int{}
		var spans []sitrep.ControlSpan
		for start := 0; start < len(all); {
			end := min(len(all), start+1+r.IntN(5))
			var got map[string]int
			var part []sitrep.ControlSpan
			first, ok := 0, false
			first, part, got, tl, ok = Fold(tl, hama, all[start:end])
			if !ok {
				first, part, got, tl, _ = Fold(nil, hama, all[:end])
			}
			// Spans before first are as they were.
			spans = append(spans[:first:first], part...)
			for k, v := range got {
				assigned[k] = v
			}
			start = end
		}
		if !reflect.DeepEqual(spans, wantSpans) || !reflect.DeepEqual(assigned, wantAssigned) {
			t.Fatalf("trial %d: batches give\n%+v\n%v\nat once\n%+v\n%v", trial, spans, assigned, wantSpans, wantAssigned)
		}
	}
}

// TestCellsHoldEveryTownInReach: a store looks for an event's neighbours
// in Cells of its place; every point within SameTownKm of it (and in the
// eight cells around it, where a store has always looked) lies in one of
// them, at any latitude short of the poles, and the cells are fewer than
// the nine around: one in a cell's middle, four at most at a corner.
func TestCellsHoldEveryTownInReach(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	nine := func(lat, lon float64) map[int64]bool {
		out := map[int64]bool{}
		for dy := -1.0; dy <= 1; dy++ {
			for dx := -1.0; dx <= 1; dx++ {
				out[Cell(lat+dy*cellDeg, lon+dx*cellDeg)] = true
			}
		}
		return out
	}
	total := 0
	for range 20000 {
		lat, lon := rng.Float64()*170-85, rng.Float64()*360-180
		// Half the points near a cell's corner, where most cells are in reach.
		if rng.IntN(2) == 0 {
			lat = math.Round(lat/cellDeg)*cellDeg + (rng.Float64()-0.5)*0.01
			lon = math.Round(lon/cellDeg)*cellDeg + (rng.Float64()-0.5)*0.01
		}
		cells := map[int64]bool{}
		for _, c := range Cells(lat, lon) {
			cells[c] = true
		}
		total += len(cells)
		around := nine(lat, lon)
		for c := range cells {
			if !around[c] {
				t.Fatalf("Cells(%v, %v) holds %d, not one of the nine cells around", lat, lon, c)
			}
		}
		for range 20 {
			// A point at most SameTownKm away, in any direction.
			km, dir := SameTownKm*math.Sqrt(rng.Float64()), rng.Float64()*2*math.Pi
			qlat := lat + km*math.Cos(dir)/111.2
			qlon := lon + km*math.Sin(dir)/(111.2*math.Cos(qlat*math.Pi/180))
			if gazetteer.Distance(lat, lon, qlat, qlon) > SameTownKm || !around[Cell(qlat, qlon)] {
				continue
			}
			if !cells[Cell(qlat, qlon)] {
				t.Fatalf("a town %.3f km from (%v, %v) at (%v, %v) lies in a cell Cells leaves out", gazetteer.Distance(lat, lon, qlat, qlon), lat, lon, qlat, qlon)
			}
		}
	}
	if got := Cells(10.05, 20.05); len(got) != 1 {
		t.Errorf("Cells of a cell's middle at 10°N: %d cells, want its own alone", len(got))
	}
	if got := Cells(10.001, 20.001); len(got) != 4 {
		t.Errorf("Cells of a point by a cell's corner at 10°N: %d cells, want 4", len(got))
	}
	if mean := float64(total) / 20000; mean > 5 {
		t.Errorf("Cells gives %.1f cells on average, want fewer than 5 of the 9", mean)
	}
}
