package extract

import "testing"

// Assaults in the plural are pushes of one force on the other's lines: a
// battle, even with no defender named, not violence against civilians.
func TestAssaultsOnTheLinesAreABattle(t *testing.T) {
	wantFirst(t, "Russian units carried out fourteen assaults near Kupiansk on Tuesday, the regional command said.", "Armed clash")
	wantFirst(t, "The army's evening summary said the enemy made nine assaults in the Toretsk area over the day.", "Armed clash")
	wantFirst(t, "Gunmen assaulted two traders on the road outside Goma on Monday, witnesses said.", "Attack")
}
