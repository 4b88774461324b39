package geoparse

import "testing"

func TestClassesAndCueLevelsDoNotOverlap(t *testing.T) {
	last := classOutlet // the last class declared
	if last >= 1<<cueShift {
		t.Fatalf("class bits reach %b, cue levels start at bit %d", last, cueShift)
	}
	if wordClass(15)<<cueShift >= classUnknown {
		t.Fatalf("cue levels reach classUnknown")
	}
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"province", "countryside", "village", "road"} {
		if lx.cueOf(w) == cueNone {
			t.Errorf("cueOf(%q) = none, want a place noun", w)
		}
	}
	if lx.cueOf("division") != cueRegion || lx.lookup("division")&classUnit == 0 {
		t.Errorf("division must be both a place noun and, capitalised, a unit")
	}
}
