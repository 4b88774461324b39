package extract

import (
	"testing"

	"github.com/sitrep/sitrep"
)

// reportedToll sums the fatalities of the reported events: -1 when every
// one leaves them unstated, -2 when there is no reported event.
func reportedToll(evs []sitrep.Event) int {
	got := -2
	for _, e := range evs {
		if e.Certainty != sitrep.Reported || e.Kind == sitrep.KindControl {
			continue
		}
		if got == -2 {
			got = -1
		}
		if e.Fatalities != nil {
			got = max(got, 0) + *e.Fatalities
		}
	}
	return got
}

func TestTollReadings(t *testing.T) {
	tests := []struct {
		name, in, source string
		want             int
	}{
		{"the object of a death verb is one person", "On 2 June 2021, a gang beat and killed a night watchman in Mymensingh.", "", 1},
		{"an animal killed is no death", "On 2 June 2021, gunmen shot and killed a cow in Mymensingh.", "", -1},
		{"a singular subject that died is one", "On 2 June 2021, police fired on rioters in Mymensingh. The driver succumbed to his wounds in hospital.", "", 1},
		{"a peaceful protest kills nobody", "On 2 June 2021, teachers marched in Mymensingh over the killing of a colleague by robbers.", "", -1},
		{"a riot's grievance is not its toll", "On 2 June 2021, villagers rioted and torched two buses in Mymensingh after a boy was killed by a speeding lorry.", "", -1},
		{"deaths at a riot stay", "On 2 June 2021, rioters torched buses in Mymensingh and 2 people were killed in the clashes with police.", "", 2},
		{"a group's own outlet is a claim", "On 2 June 2021, 9 soldiers were killed in an attack by militants on a checkpoint in Kandahar.", "Voice of Jihad", -1},
		{"one independent source counts", "On 2 June 2021, 9 soldiers were killed in an attack by militants on a checkpoint in Kandahar.", "Voice of Jihad; Pajhwok", 9},
		{"an age after a name is no toll", "On 2 June 2021, Abdul Karim, 34, was shot dead by gunmen in Mymensingh.", "", 1},
		{"a toll attributed to the group's outlet is a claim", "On 2 June 2021, 9 soldiers were killed in an attack on a checkpoint in Kandahar, Amaq said.", "", -1},
	}
	x := extractor(t)
	for _, tt := range tests {
		a := &sitrep.Article{ID: "t", Published: day("2021-06-04"), Source: tt.source, Text: tt.in}
		if got := reportedToll(x.Extract(a)); got != tt.want {
			t.Errorf("%s: toll of %q (source %q) = %d, want %d\n%s", tt.name, tt.in, tt.source, got, tt.want, describe(x.Extract(a)))
		}
	}
}

// A detail sentence merged into a headline's frame may hold a cue at the
// same token index as the headline's act but ending past the headline's
// last token: the trigger is read from the headline's own cues only (a
// panic once, on a real article of this shape).
func TestMergedCueBeyondTheHeadline(t *testing.T) {
	a := &sitrep.Article{ID: "t", Text: "Peru hit by fresh fuel riots\nPeru endured a week of violent protests against plans to tax diesel, papers said."}
	evs := extractor(t).Extract(a)
	if len(evs) == 0 {
		t.Fatal("no event from a headline of riots")
	}
	for _, e := range evs {
		if e.Trigger != "" && e.TriggerSpan[1] > len("Peru hit by fresh fuel riots") && e.Sentence == "Peru hit by fresh fuel riots" {
			t.Errorf("trigger %q %v runs past its headline", e.Trigger, e.TriggerSpan)
		}
	}
}
