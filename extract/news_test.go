package extract

import (
	"testing"

	"github.com/sitrep/sitrep"
)

// reported returns the events an analyst would see: reported as fact, of
// ACLED's types (not statements of control, displacement or tolls).
func reported(evs []sitrep.Event) []sitrep.Event {
	var out []sitrep.Event
	for _, e := range evs {
		if e.Certainty == sitrep.Reported && e.Kind == "" {
			out = append(out, e)
		}
	}
	return out
}

// News of every kind uses the words of violence for other things. The
// sentences are ours, each in the shape of a case the news register has.
func TestSilenceOnWhatIsNotPoliticalViolence(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"a kitchen fire is an accident", "A blaze tore through a bakery in Nakuru on Monday night, killing three workers."},
		{"a flood is a disaster", "Floodwater swept away a bridge near Kasese and damaged the health centre."},
		{"a robbery is ordinary crime", "Two men robbed a petrol station in Eldoret and were caught at a roadblock."},
		{"an industrial blast is an accident", "A gas cylinder exploded at a brewery in Kampala, injuring six staff."},
		{"expelling diplomats is diplomacy", "Vienna expelled three diplomats over the espionage case."},
		{"a goal captures a title", "A stoppage-time header captured the cup for the home side in Lisbon."},
		{"markets rally and regulators attack accounts", "Shares in the telecom group slumped after the watchdog attacked its bookkeeping."},
		{"a campaign against a singer is no protest", "Advertisers abandoned the presenter after an online campaign against him."},
		{"a sentence is a court's, not an event", "A court in Lusaka jailed the former mayor for six years for embezzlement."},
		{"a runner beats a rival", "The Kenyan champion beat her Ethiopian rival by two seconds in Berlin."},
		{"a month is no march", "The summit in Nairobi will open on 4 March."},
		{"a trade deal is no agreement ACLED codes", "The two governments signed a trade deal in Hanoi on Tuesday."},
	} {
		evs := run(t, tt.text, "2024-12-07")
		if got := reported(evs); len(got) > 0 {
			t.Errorf("%s: %q gave %s", tt.name, tt.text, describe(got))
		}
	}
}

func TestEventsOfTheNewsRegister(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"nurses marching with demands protest", "Teachers marched through central Nakuru for a third day to demand unpaid salaries.", "Peaceful protest"},
		{"gunmen killing officials attack civilians", "Gunmen from an armed group shot dead four polling clerks at a market in Maiduguri.", "Attack"},
		{"a bomb blast needs no named attacker", "A bomb blast at a bus stop in Mogadishu killed five people on Friday.", "Remote explosive/landmine/IED"},
		{"fighters of an unknown group clash", "Fighters of the Northern Hawks clashed with government troops near Gao.", "Armed clash"},
		{"villagers lynch a suspect", "Angry villagers lynched a suspected thief in Bungoma.", "Mob violence"},
		{"a ceasefire between the sides", "The army and the rebels agreed to a ceasefire in Kidal.", "Agreement"},
	} {
		got := reported(run(t, tt.text, "2024-12-07"))
		if len(got) == 0 || got[0].SubEventType != tt.want {
			t.Errorf("%s: %q gave %s, want %s first", tt.name, tt.text, describe(got), tt.want)
		}
	}
}
