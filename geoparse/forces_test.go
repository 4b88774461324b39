package geoparse

import "testing"

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
