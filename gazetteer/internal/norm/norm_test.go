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

func TestOneWordFastPathAgreesWithTheRules(t *testing.T) {
	words := []string{"Aleppo", "HOMS", "As", "el", "a", "Arraqqa", "Alrastan", "Essen", "Talbisseh", "Hamah", "Ouagadougou", "Iyyah", "Shah", "Aaaa", "Zz"}
	// And every two- to five-letter word over a small alphabet.
	alphabet := "aehlrsy"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if n == 0 {
			words = append(words, prefix)
			return
		}
		for _, c := range alphabet {
			gen(prefix+string(c), n-1)
		}
	}
	for n := 1; n <= 5; n++ {
		gen("", n)
	}
	for _, w := range words {
		for _, loose := range []bool{false, true} {
			fast := string(appendKey(nil, w, true, loose))
			slow := string(appendKeySlow(nil, w, true, loose))
			if fast != slow {
				t.Fatalf("key of %q (loose %v): fast path %q, rules %q", w, loose, fast, slow)
			}
		}
	}
}
