package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/gazetteer"
)

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
