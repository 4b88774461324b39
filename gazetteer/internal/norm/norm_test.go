package norm

import "testing"

func TestMayHaveJoinedArticleFindsEveryLooseKey(t *testing.T) {
	for _, n := range []string{"Arraqqa", "Deir Ezzor", "Alrastan", "Al-Rastan", "Essen", "Aleppo", "Homs", "Kabul", "Assuwayda", "el Fasher", "Tal 'Adah", "Ma'arrat Ezzor"} {
		k := string(AppendKey(nil, n))
		l := string(AppendLoose(nil, n))
		if k != l && !MayHaveJoinedArticle(n) {
			t.Errorf("MayHaveJoinedArticle(%q) = false, but the loose key %q differs from the key %q", n, l, k)
		}
	}
	for _, n := range []string{"Homs", "Kabul", "Ouagadougou", "Damascus"} {
		if MayHaveJoinedArticle(n) {
			t.Errorf("MayHaveJoinedArticle(%q) = true, want false", n)
		}
	}
}
