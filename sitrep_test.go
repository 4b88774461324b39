package sitrep

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestArticleIDIgnoresCaseSpaceAndPunctuation(t *testing.T) {
	a := ArticleID("Rebels took Hama.\n\nThe army fled!")
	b := ArticleID("  rebels  took HAMA  the army fled")
	if a != b {
		t.Errorf("ArticleID differs for the same words: %s vs %s", a, b)
	}
	if c := ArticleID("Rebels took Homs. The army fled!"); c == a {
		t.Errorf("ArticleID(%q) = ArticleID of a different text", "Rebels took Homs")
	}
	if len(a) != 16 {
		t.Errorf("ArticleID length %d, want 16", len(a))
	}
}

func TestNormalizeTypes(t *testing.T) {
	tests := []struct{ et, st, wantT, wantS string }{
		{"Battles", "Armed clash", Battles, "Armed clash"},
		{"Battle-No change of territory", "", Battles, "Armed clash"},
		{"Remote violence", "", Explosions, ""},
		{"Riots", "Mob violence", Riots, "Mob violence"},
		{"Nonsense", "", "", ""},
	}
	for _, tt := range tests {
		gt, gs := NormalizeTypes(tt.et, tt.st)
		if gt != tt.wantT || gs != tt.wantS {
			t.Errorf("NormalizeTypes(%q, %q) = %q, %q; want %q, %q", tt.et, tt.st, gt, gs, tt.wantT, tt.wantS)
		}
	}
	if len(Taxonomy) != 25 {
		t.Errorf("Taxonomy has %d sub-event types, want 25", len(Taxonomy))
	}
}

// TestEventIDIsStable pins EventID's output: stored events are known by
// it, so the same event must keep its id across versions. The expected ids
// are the first 16 hex digits of the SHA-256 of "article|start-end|sub
// type|certainty|geonameid|name", computed outside Go.
func TestEventIDIsStable(t *testing.T) {
	for _, c := range []struct {
		article, sub, cert string
		span               [2]int
		loc                *Location
		want               string
	}{
		{"a1", "Armed clash", "reported", [2]int{0, 10}, &Location{GeonameID: 169577, Name: "Homs"}, "421eefcd9d794df4"},
		{"a1", "Peaceful protest", "hypothetical", [2]int{12, 140}, nil, "2fd2432c3a001aa9"},
		// A key longer than EventID's stack buffer.
		{strings.Repeat("x", 300), "Attack", "reported", [2]int{5, 9}, &Location{Name: "Ar Rastan"}, "4ff75d98f9b37049"},
	} {
		if got := EventID(c.article, c.span, c.sub, c.cert, c.loc); got != c.want {
			t.Errorf("EventID(%.10q..., %v, %q, %q, %v) = %s, want %s", c.article, c.span, c.sub, c.cert, c.loc, got, c.want)
		}
	}
}

func TestCodedIsAReportedEventOfACLEDsTypes(t *testing.T) {
	for _, tt := range []struct {
		e    Event
		want bool
	}{
		{Event{Certainty: Reported}, true},
		{Event{Certainty: Hypothetical}, false},
		{Event{Certainty: Claimed}, false},
		{Event{Certainty: Reported, Kind: KindToll}, false},
		{Event{Certainty: Reported, Kind: KindControl}, false},
		{Event{Certainty: Reported, Kind: KindDisplacement}, false},
	} {
		if got := tt.e.Coded(); got != tt.want {
			t.Errorf("%s %q: Coded() = %v, want %v", tt.e.Certainty, tt.e.Kind, got, tt.want)
		}
	}
}

// TestFilterRefusesNaN: a NaN coordinate fails every comparison, so a
// range check written as "x < lo || x > hi" would let it through.
func TestFilterRefusesNaN(t *testing.T) {
	nan := math.NaN()
	for name, f := range map[string]EventFilter{
		"near lat NaN":  {Near: &Point{Lat: nan, Lon: 35}, Km: 10},
		"near lon NaN":  {Near: &Point{Lat: 35, Lon: nan}, Km: 10},
		"box west NaN":  {Box: &Box{W: nan, S: 0, E: 10, N: 10}},
		"box north NaN": {Box: &Box{W: 0, S: 0, E: 10, N: nan}},
	} {
		if err := f.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: Validate() = %v, want EINVALID", name, err)
		}
	}
}

func TestValidArticleURL(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"", true},
		{"https://example.org/news/1", true},
		{"HTTP://Example.org/a?b=c#d", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html,<b>x</b>", false},
		{"file:///etc/passwd", false},
		{"vbscript:msgbox", false},
		{"//example.org/a", false},
		{"/news/1", false},
		{"https://", false},
		{" javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
	} {
		if err := ValidArticleURL(c.url); (err == nil) != c.ok || err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("ValidArticleURL(%q) = %v, want ok %v", c.url, err, c.ok)
		}
	}
}

func TestALocationStoredBeforeAreasIsDrawnAtItsSeat(t *testing.T) {
	var old Location
	if err := json.Unmarshal([]byte(`{"name":"Syria","lat":33.5102,"lon":36.29128,"country_code":"SY","precision":"country"}`), &old); err != nil {
		t.Fatal(err)
	}
	if p := old.MapPoint(); p != (Point{Lat: 33.5102, Lon: 36.29128}) || !old.InArea() {
		t.Errorf("old record: MapPoint() = %v, InArea() = %v, want the seat, in an area", p, old.InArea())
	}
	now := Location{Lat: 33.5102, Lon: 36.29128, Precision: PrecisionCountry, Area: &Point{Lat: 35, Lon: 38}}
	js, _ := json.Marshal(now)
	if !strings.Contains(string(js), `"area":{"lat":35,"lon":38}`) || now.MapPoint() != *now.Area {
		t.Errorf("area kept as %s, MapPoint() = %v", js, now.MapPoint())
	}
}
