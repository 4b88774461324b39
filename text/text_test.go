package text

import (
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
)

func norms(s string) []string {
	var out []string
	for _, t := range Tokenize(s) {
		out = append(out, t.Norm)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"thousands and decimals are one number", "1,500 people, 1.5 million.", []string{"1,500", "people", ",", "1.5", "million", "."}},
		{"possessive s is split off", "Assad’s forces and Assad's", []string{"assad", "'", "s", "forces", "and", "assad", "'", "s"}},
		{"inner apostrophe stays in the word", "Jama'at N’Djamena", []string{"jama'at", "n'djamena"}},
		{"hyphens are tokens", "Deir ez-Zor", []string{"deir", "ez", "-", "zor"}},
		{"diacritics fold", "Côte d'Ivoire São Tomé", []string{"cote", "d'ivoire", "sao", "tome"}},
		{"dashes and quotes fold", "“chronic failure” — UN", []string{"\"", "chronic", "failure", "\"", "-", "un"}},
		{"number then word", "12-year-old", []string{"12", "-", "year", "-", "old"}},
	}
	for _, tt := range tests {
		if got := norms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Tokenize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsetsAndCase(t *testing.T) {
	s := "The SDF said Hama’s"
	toks := Tokenize(s)
	for _, tk := range toks {
		if tk.Kind == Word && Fold(s[tk.Start:tk.End]) != tk.Norm && !strings.Contains(s[tk.Start:tk.End], "’") {
			t.Errorf("token %q at [%d,%d) has Norm %q", s[tk.Start:tk.End], tk.Start, tk.End, tk.Norm)
		}
	}
	if !toks[1].Upper || !toks[1].Cap || toks[0].Upper || !toks[0].Cap || toks[2].Cap {
		t.Errorf("case flags wrong: %+v", toks[:3])
	}
}

func sentences(s string) []string {
	var out []string
	for _, sp := range Sentences(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain stops", "Rebels took Hama. The army fled.", []string{"Rebels took Hama.", "The army fled."}},
		{"title abbreviation does not end a sentence", "Gen. Smith said Dr. Ali left. Then he spoke.", []string{"Gen. Smith said Dr. Ali left.", "Then he spoke."}},
		{"dotted acronym does not end a sentence", "The U.S. military struck. It said so.", []string{"The U.S. military struck.", "It said so."}},
		{"closing quote stays with its sentence", "He said, “We are afraid.” Then he left.", []string{"He said, “We are afraid.”", "Then he left."}},
		{"decimal point is not a stop", "Up to 1.5 million fled. More came.", []string{"Up to 1.5 million fled.", "More came."}},
		{"lower case after a stop continues", "It was approx. ten km away.", []string{"It was approx. ten km away."}},
		{"line break before a capital is a boundary", "supported Assad\nLeave a Reply", []string{"supported Assad", "Leave a Reply"}},
		{"wrapped line continues", "the rebels\nentered Rastan.", []string{"the rebels\nentered Rastan."}},
		{"blank line is a boundary", "Headline here\n\nthe text begins.", []string{"Headline here", "the text begins."}},
		{"question and exclamation", "Who fired? Nobody knows! It goes on.", []string{"Who fired?", "Nobody knows!", "It goes on."}},
		{"date with month abbreviation", "On Dec. 5 rebels advanced. They won.", []string{"On Dec. 5 rebels advanced.", "They won."}},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Sentences(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestSeedArticleSentences(t *testing.T) {
	b, err := os.ReadFile("../../shared/brief/seed-article.txt")
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	got := sentences(string(b))
	want := []string{
		"If the rebels take Homs, it would cut off the capital, Damascus, from the coast, where Assad’s supporters are based.",
		"Homs has been at the center of violence since the civil war began in 2011, starting with peaceful protests against Assad’s government.",
		"The rebels recently entered Rastan and Talbisseh, two towns near Homs, facing little resistance from government troops.",
		"Leave a Reply",
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("seed article: sentence %q not found in %q", w, got)
		}
	}
}

func TestPhrases(t *testing.T) {
	p := NewPhrases[string]()
	p.Add("Hayat Tahrir al-Sham", "HTS")
	p.Add("IS", "Islamic State")
	p.Add("Jama'at Nasr al-Islam wal Muslimin", "JNIM")
	p.Add("US-led coalition", "coalition")
	p.Add("government forces", "gov")
	p.Add("government", "gov-short")
	tests := []struct {
		name, in string
		want     string
		words    int
	}{
		{"hyphen or space is one phrase", "Hayat Tahrir Al Sham", "HTS", 4},
		{"hyphenated text matches", "hayat tahrir al-sham fighters", "HTS", 5},
		{"capitals phrase needs capitals", "IS fighters", "Islamic State", 1},
		{"apostrophe is ignored", "Jamaat Nasr al-Islam wal Muslimin", "JNIM", 7},
		{"compound with hyphen", "the US-led coalition", "", 0},
		{"longest match wins", "government forces attacked", "gov", 2},
		{"a longer phrase that breaks off falls back", "government forced out", "gov-short", 1},
		{"the first words of a phrase alone are none", "Hayat Tahrir forces", "", 0},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		end, v, ok := p.Match(toks, 0)
		if tt.want == "" {
			if ok {
				t.Errorf("%s: Match(%q) = %q, want no match", tt.name, tt.in, v)
			}
			continue
		}
		if !ok || v != tt.want || end != tt.words {
			t.Errorf("%s: Match(%q) = %q, %d tokens, %v; want %q, %d", tt.name, tt.in, v, end, ok, tt.want, tt.words)
		}
	}
	if _, _, ok := p.Match(Tokenize("it is here"), 1); ok {
		t.Errorf("lower-case 'is' matched the capitals phrase IS")
	}
	if end, v, ok := p.Match(Tokenize("the US-led coalition"), 1); !ok || v != "coalition" || end != 5 {
		t.Errorf("US-led coalition at 1: %v %q %d", ok, v, end)
	}
}

// BenchmarkPhrasesMatch measures matching a lexicon of a thousand phrases
// at every word of a news paragraph (words/s is words tried per second).
func BenchmarkPhrasesMatch(b *testing.B) {
	p := NewPhrases[int]()
	words := strings.Fields("attack clash shell bomb raid fire kill wound protest riot march strike seize capture enter loot burn arrest detain abduct kidnap rape shoot stab hack beat torture execute massacre ambush storm block")
	for i, w := range words {
		for j, v := range words {
			p.Add(w+" "+v, i*len(words)+j)
		}
		p.Add(w, i)
	}
	toks := Tokenize(strings.Repeat("On Friday rebels attacked and captured the town of Hama after heavy clashes with government forces, killing at least 12 soldiers, activists said. ", 20))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range toks {
			p.Match(toks, k)
		}
	}
	b.ReportMetric(float64(len(toks)*b.N)/b.Elapsed().Seconds(), "words/s")
}

// Starts answers, per token, exactly which lexicons have a phrase
// starting with its word: only first words count, and a word that starts
// phrases of two lexicons has both bits.
func TestStarts(t *testing.T) {
	a, b := NewPhrases[bool](), NewPhrases[int]()
	a.Add("opened fire", true)
	a.Add("shelled", true)
	b.Add("shelled heavily", 1)
	b.Add("al-Shabaab", 2)
	var s Starts
	AddStarts(&s, a, 0)
	AddStarts(&s, b, 3)
	for _, tt := range []struct {
		word string
		want uint32
	}{
		{"opened", 1},
		{"Opened", 1},
		{"fire", 0}, // a second word starts nothing
		{"shelled", 1 | 1<<3},
		{"al", 1 << 3},
		{"heavily", 0},
		{"the", 0},
	} {
		if got := s.Of(Tokenize(tt.word)[0]); got != tt.want {
			t.Errorf("Of(%q) = %b, want %b", tt.word, got, tt.want)
		}
	}
}

// sentencesBefore is Sentences as it was before a run of space was read
// at once (breaksInSpace): simpler, and as slow as the square of the run.
func sentencesBefore(s string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		a, b := trimSpan(s, start, end)
		if a < b {
			out = append(out, Span{a, b})
		}
		start = end
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '.', '!', '?':
			j := i + 1
			for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?') {
				j++
			}
			j = skipClosers(s, j)
			if j < len(s) && !isSpaceByte(s[j]) {
				continue // "1.5", "U.S.-led", "e.g.,"
			}
			k := skipSpace(s, j)
			if k < len(s) && !startsSentence(s, k) {
				continue
			}
			if c == '.' && j == i+1 && !endsSentence(s, start, i) {
				continue
			}
			emit(j)
			i = j - 1
		case '\n':
			k := skipSpace(s, i)
			if k >= len(s) {
				continue
			}
			if strings.Count(s[i:k], "\n") >= 2 || startsSentence(s, k) && !continuesLine(s, start, i) {
				emit(i)
			}
		}
	}
	emit(len(s))
	return out
}

// continuesLine (sentencesBefore) reports whether the line ending at s[i] reads as cut short
// (ends with a comma, colon or hyphen), so the next line continues it.
func continuesLine(s string, start, i int) bool {
	j := i
	for j > start && isSpaceByte(s[j-1]) {
		j--
	}
	if j == start {
		return true
	}
	switch s[j-1] {
	case ',', ':', ';', '-', '(':
		return true
	}
	return false
}

// TestSentencesInRunsOfSpace: reading a run of space at once splits a text
// as reading it from each line break did, over texts made of the pieces
// that decide a break: line breaks, spaces, no-break spaces, a line cut
// short by a comma or a hyphen, a capital, a stop.
func TestSentencesInRunsOfSpace(t *testing.T) {
	pieces := []string{"\n", "\n", " ", "\r\n", "\u00a0", "rebels", "Rebels", ",", "-", ".", "(", "\t"}
	rng := rand.New(rand.NewPCG(16, 3))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Sentences(s), sentencesBefore(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Sentences(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestModifierApostrophe: the modifier letter apostrophe (U+02BC), which
// Unicode counts as a letter, splits a possessive off as the typographic
// one does, and stays inside a name as an inner apostrophe.
func TestModifierApostrophe(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"the juntaʼs troops", []string{"the", "junta", "'", "s", "troops"}},
		{"Nʼdjamena", []string{"n'djamena"}},
		{"ʼs", []string{"'", "s"}},
	}
	for _, tt := range tests {
		if got := norms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLoneModifierLetters: a modifier apostrophe or half ring with no word
// after it is a mark of its own, never an empty word.
func TestLoneModifierLetters(t *testing.T) {
	for _, in := range []string{"ʼ", "ʿ", "ʾs", "a ʿ b", "xʼ"} {
		for _, tok := range Tokenize(in) {
			if tok.End <= tok.Start {
				t.Errorf("Tokenize(%q): empty token %+v", in, tok)
			}
		}
	}
}
