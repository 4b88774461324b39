package sitrep

import "testing"

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
