package geoparse

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
)

// A city written as its own name is read even in a text whose only other
// country is that of the forces that went there: the forces are abroad.
func TestACityWhereForeignForcesWent(t *testing.T) {
	txt := "U.S. forces pounded the militant stronghold of Fallujah on Monday."
	for _, m := range testParser().ParseHints(txt, []string{"US"}) {
		if m.Text == "Fallujah" && m.Place != nil && m.Place.CountryCode == "IQ" {
			return
		}
	}
	t.Errorf("%q: no Fallujah in Iraq", txt)
}

// A name before a newspaper's noun is the paper's, not a place the text
// speaks of: marked as such, and no vote for the text's country.
func TestANewspaperIsNoPlace(t *testing.T) {
	txt := "The raid was first reported by the Nairobi Herald and later by the Denver Post."
	for _, m := range testParser().Parse(txt) {
		if !m.Outlet {
			t.Errorf("%q: %q read as a place", txt, m.Text)
		}
	}
	txt = "Gunmen raided a bank in Homs, the Kabul Times and the Kabul Post reported."
	for _, m := range testParser().Parse(txt) {
		if m.Text == "Homs" && (m.Place == nil || m.Place.CountryCode != "SY") {
			t.Errorf("%q: Homs read as %v", txt, m.Place)
		}
	}
}

// A title alone ("Brig." before "Gen.") is no town of that name.
func TestATitleIsNoPlace(t *testing.T) {
	txt := "Brig. Gen. Aung Kyaw was wounded in the assault, the army said."
	for _, m := range testParser().Parse(txt) {
		t.Errorf("%q: %q read as a place", txt, m.Text)
	}
}

// A country whose name is also its people's adjective is still a place.
func TestACountryNamedAsItsOwnAdjective(t *testing.T) {
	for _, txt := range []string{"Heavy fighting was reported in Myanmar on Sunday.", "Teachers marched in Eswatini on Sunday."} {
		found := false
		for _, m := range testParser().Parse(txt) {
			found = found || m.Place != nil && m.Place.Level == gazetteer.LevelCountry
		}
		if !found {
			t.Errorf("%q: no country", txt)
		}
	}
}
