package extract

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Assaults in the plural are pushes of one force on the other's lines: a
// battle, even with no defender named, not violence against civilians.
func TestAssaultsOnTheLinesAreABattle(t *testing.T) {
	wantFirst(t, "Russian units carried out fourteen assaults near Kupiansk on Tuesday, the regional command said.", "Armed clash")
	wantFirst(t, "The army's evening summary said the enemy made nine assaults in the Toretsk area over the day.", "Armed clash")
	wantFirst(t, "Gunmen assaulted two traders on the road outside Goma on Monday, witnesses said.", "Attack")
}

// Who speaks for a force is no side of what he tells: a spokesman's title
// and its owner ("Russian Defence Ministry spokesman Ivan Petrov said")
// are the source. A pronoun or possessive right after the verb ("said its
// fighters", "announced its withdrawal", "the group's") brings the force
// back as the one that acted.
func TestASpokesmanSpeaksForNoSide(t *testing.T) {
	name := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		return a.Name
	}
	for _, tt := range []struct{ text, a1, a2 string }{
		{"Wagner Group fighters kept up \"heavy fighting to push the enemy out of the centre of Soledar,\" Russian Defence Ministry spokesman Ivan Petrov said.", "Wagner", "-Russia"},
		{"The RSF said its fighters had seized the army base in Zalingei on Sunday.", "RSF", "Sudan"},
		{"The Sudanese army announced its withdrawal from Kadugli on Friday, and said the rebels had entered the town.", "Sudan", "Rebels"},
		{"The rebels announced their capture of Kadugli on Friday, a day after the army pulled out.", "Rebels", "Sudan"},
		{"Sudan's army says its forces entered Sennar in a push to retake the town from the RSF.", "Sudan", "RSF"},
		{"MNDAA spokesman Li Wei said the group's fighters had captured Hsenwi on Monday.", "MNDAA", ""},
	} {
		evs := run(t, tt.text, "2024-12-07")
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		e := evs[0]
		ok := func(got, want string) bool {
			if strings.HasPrefix(want, "-") {
				return !strings.Contains(got, want[1:])
			}
			return strings.Contains(got, want)
		}
		if !ok(name(e.Actor1), tt.a1) || !ok(name(e.Actor2), tt.a2) {
			t.Errorf("%q: %s, want actor1 %q, actor2 %q", tt.text, describe(evs), tt.a1, tt.a2)
		}
	}
}

// A named group between a determiner and the act's noun did the act,
// whoever the clause's subject is ("people fled during the RSF
// offensive"); and a possessive after "said ... that" points back to the
// force that speaks ("a Wagner commander said on Friday that his
// fighters").
func TestAGroupNamedWithItsActDidIt(t *testing.T) {
	for _, tt := range []struct{ text, a1 string }{
		{"Some 40,000 people fled Kadugli during the RSF offensive on Monday.", "RSF"},
		{"A Wagner commander said on Friday that his fighters had nearly encircled Bakhmut.", "Wagner"},
		{"The RSF announced on Monday that its commander was leading the battle for Kadugli.", "RSF"},
		{"Government troops repelled an M23 attack near Sake on Monday.", "M23"},
	} {
		evs := run(t, tt.text, "2024-12-07")
		if len(evs) == 0 || evs[0].Actor1 == nil || !strings.Contains(evs[0].Actor1.Name, tt.a1) {
			t.Errorf("%q: %s, want actor1 %q", tt.text, describe(evs), tt.a1)
		}
	}
}

// Where talks are held is not where the fighting they frame happened:
// "negotiations in Doha" name the talks' seat.
func TestNegotiationsNameTheirSeat(t *testing.T) {
	evs := run(t, "During negotiations in Doha on Monday, the rebels shelled army positions near Goma.", "2024-12-07")
	if len(evs) == 0 || evs[0].Location == nil || evs[0].Location.Name != "Goma" {
		t.Errorf("%s, want it at Goma", describe(evs))
	}
}

// Those a force fights alongside are its allies, not the side it fights.
func TestAlliesAreNoTarget(t *testing.T) {
	text := "The Brotherhood Alliance opened a new offensive in northern Shan State on Monday alongside several resistance groups."
	evs := run(t, text, "2024-12-07")
	if len(evs) == 0 || evs[0].Actor2 != nil && evs[0].Actor2.Side == "rebel" {
		t.Errorf("%q: %s, want no rebel target", text, describe(evs))
	}
}

// An attack beaten off ends with the attackers falling back: no ground
// changes hands, and the defenders regain nothing.
func TestARepelledAttackersRetreatIsNoTransfer(t *testing.T) {
	text := "Fierce clashes broke out on Monday in Kadugli, the capital of South Kordofan, after an offensive launched by the Rapid Support Forces (RSF) targeting positions held by the army. " +
		"Army sources said the assault began with shelling of the eastern districts, followed by a ground push with armoured vehicles. " +
		"They said the army repelled the attack and seized weapons. " +
		"The attackers suffered heavy losses, and the assault ended with a disorderly retreat from the front."
	wantFirst(t, text, "Armed clash")
}

// "As recently as Saturday" names its day; "recently" alone keeps the
// publication date.
func TestAsRecentlyAsNamesItsDay(t *testing.T) {
	lx := extractor(t).lx
	pub := day("2024-12-06") // a Friday
	for in, want := range map[string]string{
		"Fighting flared as recently as Tuesday near the bridge.": "2024-12-03",
		"Fighting flared recently near the bridge.":               "2024-12-06",
	} {
		ds := lx.findDates(in, text.Tokenize(in), pub)
		if len(ds) == 0 || ds[0].date.Format(sitrep.DateLayout) != want {
			t.Errorf("findDates(%q) = %v, want %s first", in, ds, want)
		}
	}
}

// A title-case city before bracketed initials opens a dateline: the
// initials are the agency's, even when an armed group goes by the same
// letters.
func TestAgencyInitialsAfterACityAreADateline(t *testing.T) {
	text := "Amman (TIP) : Syrian rebels seized the town of Saraqib on Monday after heavy fighting."
	for _, e := range run(t, text, "2024-12-07") {
		for _, a := range []*sitrep.Actor{e.Actor1, e.Actor2} {
			if a != nil && strings.Contains(a.Name, "Turkistan") {
				t.Errorf("%q: the agency's initials as a side: %s", text, describe([]sitrep.Event{e}))
			}
		}
	}
}

// Routing a force is beating it in battle: the routed force is the other
// side, not civilians attacked.
func TestRoutingAForceIsABattle(t *testing.T) {
	wantFirst(t, "Government forces said they had routed the M23 near Rutshuru on Sunday after a dawn attack.", "Armed clash")
}

// The people who tell of an act are not its target: "a resident of
// Kadugli told the radio" after the act names a witness.
func TestAWitnessIsNoTarget(t *testing.T) {
	text := "By Monday the rebels had broken into the army's base in Kadugli and the army answered with air strikes, a resident of Kadugli told Radio Dabanga."
	for _, e := range run(t, text, "2024-12-07") {
		if e.Actor2 != nil && e.Actor2.Side == "civilians" {
			t.Errorf("%q: the witness as the target: %s", text, describe([]sitrep.Event{e}))
		}
	}
}
