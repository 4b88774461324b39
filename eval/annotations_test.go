package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/gazetteer"
)

// The notes below are written for the tests, in the shape of ACLED's
// coding remarks; they are not ACLED data.
func TestStripAnnotations(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a remark sentence goes", "On 4 June 2019, rebels raided a depot in Tessit. Fatalities coded as 4.", "On 4 June 2019, rebels raided a depot in Tessit."},
		{"a size tag goes", "On 4 June 2019, nurses rallied in Kumasi. [size=about 40]", "On 4 June 2019, nurses rallied in Kumasi."},
		{"an unclosed size tag goes", "On 4 June 2019, nurses rallied in Kumasi. [size=no report", "On 4 June 2019, nurses rallied in Kumasi."},
		{"a coded-as parenthesis goes", "On 4 June 2019, police beat a trader in Bole village (coded as Tamale, Northern).", "On 4 June 2019, police beat a trader in Bole village."},
		{"a separately-coded parenthesis goes", "Students marched after a killing (coded separately) in Accra.", "Students marched after a killing in Accra."},
		{"a trailing remark clause goes", "Fighting near Awdal left dead on both sides, with the unknown number coded as 10 and split between the villages.", "Fighting near Awdal left dead on both sides."},
		{"an inner remark clause goes, the sentence stays", "An unknown number of fighters, coded as 10, were killed near Awdal.", "An unknown number of fighters were killed near Awdal."},
		{"a toll shared among events goes", "Militias clashed in Jowhar and Balad. Fatalities are split across 2 events.", "Militias clashed in Jowhar and Balad."},
		{"a town called Split stays", "Dockers protested in Split over unpaid wages.", "Dockers protested in Split over unpaid wages."},
		{"a group that split stays", "The movement split into two wings last year.", "The movement split into two wings last year."},
	}
	for _, tt := range tests {
		if got := StripAnnotations(tt.in); got != tt.want {
			t.Errorf("%s: StripAnnotations(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestPublishedIsAFewDaysAfterTheEvent(t *testing.T) {
	event := time.Date(2020, 5, 9, 0, 0, 0, 0, time.UTC)
	seen := map[int]bool{}
	for i := 0; i < 200; i++ {
		c := &Case{Notes: strings.Repeat("x", i), Rows: []Row{{Date: event}}}
		lag := int(Published(c).Sub(event).Hours() / 24)
		if lag < 1 || lag > 4 {
			t.Fatalf("note %d published %d days after its event, want 1 to 4", i, lag)
		}
		if !Published(c).Equal(Published(c)) {
			t.Fatal("Published is not a function of the note")
		}
		seen[lag] = true
	}
	if len(seen) != 4 {
		t.Errorf("lags seen %v, want all of 1-4 over 200 notes", seen)
	}
}

func TestBaselineIsTheTrivialCoder(t *testing.T) {
	cases, _, err := ReadACLED(strings.NewReader(oldSchema), "old.csv")
	if err != nil {
		t.Fatal(err)
	}
	m := Baseline(gazetteer.Default(), cases)
	// Two cases: Battles (2 rows) and Protests; the majority type is
	// either, ties going to the smaller name: Battles. The first case's
	// rows hold 3 deaths, the second none: always 0 gets one right.
	// The date is never the publication date.
	want := Metrics{Cases: 2, EventType: 1, SubEventType: 1, Fatalities: 1, Actor1Side: 1, Admin1: 1}
	m.Seconds, m.Bytes = 0, 0
	if m.Location25 != 0 {
		t.Errorf("a country's point within 25 km of Hama or Nairobi: %+v", m)
	}
	m.Location25 = 0
	if m != want {
		t.Errorf("Baseline = %+v, want %+v", m, want)
	}
}
