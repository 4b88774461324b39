package geoparse

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

var testParser = sync.OnceValue(func() *Parser { return New(gazetteer.Default()) })

// find returns the first mention whose text is name, or nil.
func find(ms []Mention, name string) *Mention {
	for i := range ms {
		if ms[i].Text == name {
			return &ms[i]
		}
	}
	return nil
}

func describe(ms []Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.Text)
		b.WriteString("->")
		if m.Place == nil {
			b.WriteString("nil")
		} else {
			b.WriteString(m.Place.Name + "/" + m.Place.Admin1 + "/" + m.Place.CountryCode + "/" + m.Place.Level.String())
		}
		b.WriteString("; ")
	}
	return b.String()
}

// want is what one mention must resolve to; empty fields are not checked.
type want struct {
	text     string
	place    string // GeoNames name of the place
	cc       string
	admin1   string
	level    gazetteer.Level
	fallback bool
	qualBy   string // text of the mention that qualifies it
	isQual   bool
}

// resolutionCase is a text and what its mentions must resolve to.
type resolutionCase struct {
	name string
	text string
	// hints are the caller's countries (see ParseHints).
	hints []string
	want  []want
	// absent are names that must not be mentions.
	absent []string
}

func TestResolution(t *testing.T) {
	cases := []resolutionCase{
		{
			name: "Rastan in Homs province resolves to Ar Rastan, Syria",
			text: "Rebels entered Rastan, in Homs province, on Friday.",
			want: []want{
				{text: "Rastan", place: "Ar Rastan", cc: "SY", admin1: "Homs", qualBy: "Homs"},
				{text: "Homs", cc: "SY", level: gazetteer.LevelRegion, isQual: true},
			},
		},
		{
			name: "a connector before a people's word or an acronym is English: as",
			text: "Clashes went on in Goma as M23 fighters advanced, and in Mykolaiv as Russian units fell back.",
			want: []want{{text: "Goma", cc: "CD"}, {text: "Mykolaiv", cc: "UA"}},
		},
		{
			name: "Talbisseh is Tallbisah in a text about Syria",
			text: "Syrian troops withdrew from Talbisseh.",
			want: []want{{text: "Talbisseh", place: "Tallbīsah", cc: "SY", admin1: "Homs"}},
		},
		{
			name:   "Syrian is not a place",
			text:   "The Syrian army shelled Hama.",
			want:   []want{{text: "Hama", place: "Ḩamāh", cc: "SY"}},
			absent: []string{"Syrian"},
		},
		{
			name: "Jordan the country, not a person",
			text: "Thousands fled across the border with Jordan.",
			want: []want{{text: "Jordan", cc: "JO", level: gazetteer.LevelCountry}},
		},
		{
			name:   "Michael Jordan is a person",
			text:   "Michael Jordan visited the children.",
			absent: []string{"Jordan", "Michael"},
		},
		{
			name:   "a president's name is a person, and so is its later use",
			text:   "President Bashar al-Assad spoke in Damascus. Assad's forces advanced.",
			want:   []want{{text: "Damascus", place: "Damascus", cc: "SY"}},
			absent: []string{"Assad", "Bashar", "Bashar al-Assad"},
		},
		{
			name: "a country's name is the country, not a town of that name",
			text: "Fighting continues in neighbouring Lebanon.",
			want: []want{{text: "Lebanon", cc: "LB", level: gazetteer.LevelCountry}},
		},
		{
			name: "unknown village falls back to its governorate",
			text: "A mortar round landed on Harmushiyah town in the Deir-ez-Zor countryside at dawn.",
			want: []want{
				{text: "Harmushiyah", cc: "SY", admin1: "Deir ez-Zor", level: gazetteer.LevelRegion, fallback: true, qualBy: "Deir-ez-Zor"},
				{text: "Deir-ez-Zor", cc: "SY", level: gazetteer.LevelRegion, isQual: true},
			},
		},
		{
			name: "a village the gazetteer reads abroad falls back to the area the text names",
			text: "Bara village in Idleb countryside was shelled.",
			want: []want{{text: "Bara", cc: "SY", admin1: "Idlib", fallback: true}},
		},
		{
			name: "parentheses list the admin2 and admin1 of the place before them",
			text: "JNIM militants attacked Ti-n-Samane (Markoye, Oudalan).",
			want: []want{{text: "Ti-n-Samane", cc: "BF", admin1: "Sahel", fallback: true}},
		},
		{
			name: "coded as: the parentheses locate an unknown village",
			text: "Thieves raided a shop at Ndiriti village (coded as Kutu, Kirinyaga County) overnight.",
			want: []want{{text: "Ndiriti", cc: "KE", admin1: "Kirinyaga County", fallback: true}},
		},
		{
			name: "district then province after a comma",
			text: "Taliban militants attacked a checkpoint in Dawlat Abad district, Balkh.",
			want: []want{
				{text: "Dawlat Abad", cc: "AF", admin1: "Balkh", qualBy: "Balkh"},
				{text: "Balkh", cc: "AF", level: gazetteer.LevelRegion, isQual: true},
			},
		},
		{
			name: "countryside is the governorate",
			text: "Regime forces shelled the Hama countryside.",
			want: []want{{text: "Hama", cc: "SY", level: gazetteer.LevelRegion}},
		},
		{
			name: "a list of cities is a list, not qualifiers",
			text: "Clashes were reported in Idlib, Hama and Homs.",
			want: []want{
				{text: "Idlib", cc: "SY", level: gazetteer.LevelTown},
				{text: "Hama", cc: "SY", level: gazetteer.LevelTown},
				{text: "Homs", cc: "SY", level: gazetteer.LevelTown},
			},
		},
		{
			name: "loose spelling with the article joined",
			text: "Shelling hit Deir Ezzor overnight.",
			want: []want{{text: "Deir Ezzor", place: "Deir ez-Zor", cc: "SY"}},
		},
		{
			name: "one unresolvable name never empties the rest",
			text: "Fighting was reported in Xqzvvbn and in Aleppo.",
			want: []want{{text: "Aleppo", place: "Aleppo", cc: "SY"}},
		},
		{
			name:   "an organisation's name is not its place",
			text:   "Fighters of Hayat Tahrir al-Sham attacked Saraqib.",
			absent: []string{"Sham", "al-Sham"},
		},
		{
			name:   "world regions are not places",
			text:   "Drought hit the Horn of Africa and the Middle East.",
			absent: []string{"Africa", "Middle East", "Horn of Africa"},
		},
		{
			name: "capitals far from each other",
			text: "Flights from Kabul to Mogadishu and Ouagadougou resumed.",
			want: []want{
				{text: "Kabul", place: "Kabul", cc: "AF"},
				{text: "Mogadishu", place: "Mogadishu", cc: "SO"},
				{text: "Ouagadougou", place: "Ouagadougou", cc: "BF"},
			},
		},
		{
			name: "a headline in capitals",
			text: "ALEPPO, Syria (Reuters) - Rebels advanced.",
			want: []want{{text: "ALEPPO", place: "Aleppo", cc: "SY"}},
		},
		// Weak readings in countries nothing in the text points to.
		{
			name:   "a common word opening a sentence is no country spelt otherwise",
			text:   "Grenade blast outside a bus depot wounds three.",
			absent: []string{"Grenade"},
		},
		{
			name:   "a council inside a longer name is no Libyan city",
			text:   "Supporters of a rival party beat a Pradeshiya Sabha councillor in Tangalle DS (Hambantota).",
			want:   []want{{text: "Tangalle", place: "Tangalle", cc: "LK"}},
			absent: []string{"Sabha"},
		},
		{
			name:   "a village is no city of a million",
			text:   "Tiba village was shelled.",
			absent: []string{"Tiba"},
		},
		{
			name:   "a skeleton match abroad is no place",
			text:   "Clashes took place near Tiare.",
			absent: []string{"Tiare"},
		},
		{
			name:   "a spelling that only sounds like a town abroad is no place",
			text:   "Gunmen attacked Madou.",
			absent: []string{"Madou"},
		},
		{
			name:   "two weak readings in one foreign country do not vouch for each other",
			text:   "Clashes in Al-Hardana and Al-Hawi.",
			absent: []string{"Al-Hardana", "Al-Hawi"},
		},
		{
			name:   "a part of a name is not a state of Nigeria",
			text:   "Clashes in Wadi Al Tarab.",
			absent: []string{"Tarab", "Wadi Al Tarab"},
		},
		{
			name:   "a repeated name does not vouch for itself",
			text:   "Fishermen marched on Tuesday near Mannar city (Mannar, Mannar district).",
			hints:  []string{"LK"},
			absent: []string{"Mannar"},
		},
		{
			name: "a province under the name news used before 2025",
			text: "Militants attacked Mentao (Pobe-Mengao, Soum).",
			want: []want{{text: "Mentao", cc: "BF", admin1: "Sahel", level: gazetteer.LevelDistrict, fallback: true}},
		},
		{
			name:   "a hint makes a town abroad that only sounds like the name no reading",
			text:   "Regime forces shelled Sarha.",
			hints:  []string{"SY"},
			absent: []string{"Sarha"},
		},
		{
			name:   "no fall back to a qualifier that is no mention",
			text:   "Army units entered Maareh village east of Sarhan at dawn.",
			hints:  []string{"SY"},
			want:   []want{{text: "Maareh", cc: "SY"}},
			absent: []string{"Sarhan"},
		},
		{
			name: "two countries after a comma are a list, not a town and its country",
			text: "Several governments, including China, Japan, and the United Kingdom, issued travel advice. Russia, Romania, and Macedonia reported cases too.",
			want: []want{
				{text: "China", cc: "CN", level: gazetteer.LevelCountry},
				{text: "Japan", cc: "JP", level: gazetteer.LevelCountry},
				{text: "Russia", cc: "RU", level: gazetteer.LevelCountry},
				{text: "Romania", cc: "RO", level: gazetteer.LevelCountry},
			},
		},
		{
			name: "a town named like a country, in a part of a country the text names",
			text: "Protests were held in Jordan, Minnesota, and in Lebanon, Pennsylvania.",
			want: []want{
				{text: "Jordan", cc: "US", admin1: "Minnesota", qualBy: "Minnesota"},
				{text: "Lebanon", cc: "US", admin1: "Pennsylvania", qualBy: "Pennsylvania"},
			},
		},
		{
			name: "a French article elided onto the name: Côte d'Ivoire",
			text: "Unrest spread in Côte d'Ivoire and in Cote d’Ivoire's north.",
			want: []want{
				{text: "Côte d'Ivoire", cc: "CI", level: gazetteer.LevelCountry},
				{text: "Cote d’Ivoire", cc: "CI", level: gazetteer.LevelCountry},
			},
			absent: []string{"Côte", "Cote"},
		},
		{
			name: "a name with \"of the\" inside it is one name",
			text: "Cases rose in the Democratic Republic of the Congo and the Republic of the Congo. Dr. Ruth Okafor of the California Department of Public Health spoke.",
			want: []want{
				{text: "Democratic Republic of the Congo", cc: "CD", level: gazetteer.LevelCountry},
				{text: "Republic of the Congo", cc: "CG", level: gazetteer.LevelCountry},
				{text: "California", cc: "US", level: gazetteer.LevelRegion},
			},
			absent: []string{"Congo", "Okafor of the California"},
		},
		{
			name: "hashtags: words run together are split, a country in lower case is a name",
			text: "Ebola in #SierraLeone and #liberia. #PrayForGaza #tornado #Iran",
			want: []want{
				{text: "SierraLeone", cc: "SL", level: gazetteer.LevelCountry},
				{text: "liberia", cc: "LR", level: gazetteer.LevelCountry},
				{text: "Gaza", cc: "PS"},
				{text: "Iran", cc: "IR", level: gazetteer.LevelCountry},
			},
			absent: []string{"tornado", "PrayForGaza", "Sierra"},
		},
		{
			name:   "the pronoun I ends no name: \"And I\" is not Anda (Daqing), \"But I\" not Buta",
			text:   "And I went to Homs. But I stayed in World War I history.",
			want:   []want{{text: "Homs", cc: "SY"}},
			absent: []string{"And I", "But I", "And", "But"},
		},
		{
			name: "the article A opens no name, unless it is an Arabic article's (A-Raqqa)",
			text: "A Homs resident said the clashes in A-Raqqa went on.",
			want: []want{
				{text: "Homs", cc: "SY"},
				{text: "A-Raqqa", cc: "SY"},
			},
			absent: []string{"A Homs"},
		},
		{
			name:   "an unknown name in a list does not fall back to the next item",
			text:   "It spreads faster than the Sudan, Bundibugyo and Côte d'Ivoire strains do.",
			want:   []want{{text: "Côte d'Ivoire", cc: "CI"}, {text: "Sudan", cc: "SD"}},
			absent: []string{"Bundibugyo"},
		},
		{
			name: "US and U.S. in capitals are the country; us is a pronoun",
			text: "The U.S. government said the US would send aid. Tell us more.",
			want: []want{
				{text: "U.S.", cc: "US", level: gazetteer.LevelCountry},
				{text: "US", cc: "US", level: gazetteer.LevelCountry},
			},
			absent: []string{"us", "The U.S."},
		},
		{
			name:   "a country's code before a currency sign is money",
			text:   "Libya lifted the sentences after a US$460 million settlement; crops are worth $US 1.5 billion.",
			want:   []want{{text: "Libya", cc: "LY", level: gazetteer.LevelCountry}},
			absent: []string{"US"},
		},
		{
			name:  "a country's name is never a town that only has it among its other names",
			text:  "Aid flowed from the US to Libya.",
			hints: []string{"US"},
			want:  []want{{text: "Libya", cc: "LY", level: gazetteer.LevelCountry}},
		},
		{
			name:   "a country whose name looks like a demonym's plural is the country",
			text:   "Measles spread in the Philippines; Philippine troops were sent.",
			want:   []want{{text: "Philippines", cc: "PH", level: gazetteer.LevelCountry}},
			absent: []string{"Philippine"},
		},
		{
			name: "a country whose name is also its demonym is the country",
			text: "Monks marched in Myanmar; Myanmar police watched.",
			want: []want{{text: "Myanmar", cc: "MM", level: gazetteer.LevelCountry}},
		},
		{
			name:  "a hint chooses between two cities of one name",
			text:  "Protesters gathered in Tripoli.",
			hints: []string{"LB"},
			want:  []want{{text: "Tripoli", cc: "LB"}},
		},
	}
	checkResolution(t, cases)
}

// checkResolution parses each case's text and checks its mentions.
func checkResolution(t *testing.T, cases []resolutionCase) {
	t.Helper()
	p := testParser()
	for _, c := range cases {
		ms := p.ParseHints(c.text, c.hints)
		for _, w := range c.want {
			m := find(ms, w.text)
			if m == nil {
				t.Errorf("%s: no mention %q in %q; got %s", c.name, w.text, c.text, describe(ms))
				continue
			}
			pl := m.Place
			switch {
			case pl == nil:
				t.Errorf("%s: %q is unresolved", c.name, w.text)
			case w.place != "" && pl.Name != w.place,
				w.cc != "" && pl.CountryCode != w.cc,
				w.admin1 != "" && pl.Admin1 != w.admin1,
				w.level != gazetteer.LevelTown && pl.Level != w.level,
				w.fallback != m.Fallback,
				w.isQual != m.IsQualifier:
				t.Errorf("%s: %q = %s/%s/%s/%s fallback=%v qualifier=%v, want %+v", c.name, w.text,
					pl.Name, pl.Admin1, pl.CountryCode, pl.Level, m.Fallback, m.IsQualifier, w)
			}
			if w.qualBy != "" && (m.Qualifier < 0 || ms[m.Qualifier].Text != w.qualBy) {
				t.Errorf("%s: %q has qualifier %d, want %q; got %s", c.name, w.text, m.Qualifier, w.qualBy, describe(ms))
			}
		}
		for _, a := range c.absent {
			if m := find(ms, a); m != nil && m.Place != nil {
				t.Errorf("%s: %q must not be a place; got %s", c.name, a, describe(ms))
			}
		}
	}
}

func TestParseHints(t *testing.T) {
	p := testParser()
	const text = "Protesters gathered in Tripoli."
	if got, want := describe(p.Parse(text)), describe(p.ParseHints(text, nil)); got != want {
		t.Errorf("Parse(%q) = %s, ParseHints with no hints = %s", text, got, want)
	}
	for _, c := range []struct {
		hints []string
		cc    string
	}{
		{nil, "LY"},
		{[]string{"LB"}, "LB"},
		{[]string{"lb"}, "LB"},
		{[]string{"XX", "LB"}, "LB"},
	} {
		ms := p.ParseHints(text, c.hints)
		if m := find(ms, "Tripoli"); m == nil || m.Place == nil || m.Place.CountryCode != c.cc {
			t.Errorf("ParseHints(%q, %q) = %s, want Tripoli in %s", text, c.hints, describe(ms), c.cc)
		}
	}
}

func TestEventIsNoCountryAcrossTheBorder(t *testing.T) {
	p := testParser()
	for _, text := range []string{
		"Kenyan police shot two robbers near the border with Somalia.",
		"Armed men from Somalia killed a herder.",
		"Militants of the Somalia-based group attacked a bus.",
	} {
		ms := p.Parse(text)
		if e := Event(ms); e >= 0 {
			t.Errorf("Event(%q) = %q, want none; got %s", text, ms[e].Text, describe(ms))
		}
	}
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile("testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	ms := testParser().Parse(string(b))
	want := map[string]struct {
		place, cc, admin1 string
		level             gazetteer.Level
	}{
		"Aleppo":    {"Aleppo", "SY", "Aleppo", gazetteer.LevelTown},
		"Hama":      {"Ḩamāh", "SY", "Hama", gazetteer.LevelTown},
		"Homs":      {"Homs", "SY", "Homs", gazetteer.LevelTown},
		"Damascus":  {"Damascus", "SY", "Damascus Governorate", gazetteer.LevelTown},
		"Rastan":    {"Ar Rastan", "SY", "Homs", gazetteer.LevelTown},
		"Talbisseh": {"Tallbīsah", "SY", "Homs", gazetteer.LevelTown},
		"Lebanon":   {"Lebanon", "LB", "", gazetteer.LevelCountry},
		"Syria":     {"Syria", "SY", "", gazetteer.LevelCountry},
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if m.Place == nil {
			continue
		}
		w, ok := want[m.Text]
		if !ok {
			// Anything else must at least lie in the region the article is
			// about.
			if cc := m.Place.CountryCode; cc != "SY" && cc != "LB" && cc != "IL" {
				t.Errorf("seed: %q resolved to %s in %s, far from the story", m.Text, m.Place.Name, cc)
			}
			continue
		}
		seen[m.Text] = true
		if m.Place.Name != w.place || m.Place.CountryCode != w.cc || m.Place.Admin1 != w.admin1 || m.Place.Level != w.level {
			t.Errorf("seed: %q at %d = %s/%s/%s/%s, want %+v", m.Text, m.Start, m.Place.Name, m.Place.Admin1, m.Place.CountryCode, m.Place.Level, w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("seed: %q not found; got %s", name, describe(ms))
		}
	}
	for _, m := range ms {
		if got := string(b[m.Start:m.End]); got != m.Text {
			t.Errorf("seed: span [%d,%d) is %q, Text is %q", m.Start, m.End, got, m.Text)
		}
	}
}

func TestLocation(t *testing.T) {
	ms := testParser().Parse("Rebels entered Rastan, in Homs province.")
	r := find(ms, "Rastan")
	if r == nil || r.Place == nil {
		t.Fatalf("no Rastan: %s", describe(ms))
	}
	loc := r.Location()
	if loc.Name != "Ar Rastan" || loc.Country != "Syria" || loc.CountryCode != "SY" || loc.Admin1 != "Homs" ||
		loc.Precision != "town" || loc.Span != [2]int{r.Start, r.End} || loc.Text != "Rastan" || loc.GeonameID == 0 {
		t.Errorf("Location() = %+v", loc)
	}
	if h := find(ms, "Homs"); h == nil || h.Location().Precision != "region" {
		t.Errorf("Homs province must be at region precision")
	}
	if (Mention{}).Location() != nil {
		t.Errorf("an unresolved mention has no location")
	}
	near := testParser().Parse("Syrian troops fought IS gunmen by the Al-Hail oil fields near Palmyra city.")
	if h := find(near, "Al-Hail"); h == nil || !h.Fallback || h.Location().Precision != "district" {
		t.Errorf("a name placed at the town it is near is at district precision; got %s", describe(near))
	}
}

func TestEventPrefersTheNamedPlaceOverItsQualifier(t *testing.T) {
	ms := testParser().Parse("On Monday the army seized Sahyan in Idleb province.")
	e := Event(ms)
	if e < 0 || ms[e].Text != "Sahyan" || ms[e].Place == nil || ms[e].Place.Admin1 != "Idlib" {
		t.Errorf("Event = %d in %s, want Sahyan (falling back to Idlib)", e, describe(ms))
	}
	if Event(nil) != -1 {
		t.Errorf("Event(nil) != -1")
	}
}

func TestParseIsDeterministic(t *testing.T) {
	b, err := os.ReadFile("testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := testParser()
	a := p.Parse(string(b))
	for range 3 {
		if c := p.Parse(string(b)); !reflect.DeepEqual(a, c) {
			t.Fatalf("two parses of one text differ")
		}
	}
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"apostrophes inside words stay", "Dar'a and Ma'arrat", []string{"Dar'a", "and", "Ma'arrat"}},
		{"a possessive is cut off", "Assad's forces", []string{"Assad", "forces"}},
		{"hyphens split words", "Deir ez-Zor", []string{"Deir", "ez", "Zor"}},
		{"punctuation is its own token", "Homs, (Syria).", []string{"Homs", ",", "(", "Syria", ")", "."}},
		{"a hashtag's words part at capitals and at digits", "#Aid4Nepal #Rio2016", []string{"#", "Aid", "Nepal", "#", "Rio"}},
		{"a hashtag that opens with digits parts only at capitals", "#2ndRound4Kenya", []string{"#", "2nd", "Round4Kenya"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range tokenize(c.text, nil) {
			got = append(got, c.text[tk.start:tk.end])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: tokenize(%q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// TestAlnumEnd checks the eight-bytes-at-a-time scan against the byte
// loop it stands for: every byte value, at every position of a run.
func TestAlnumEnd(t *testing.T) {
	for c := 0; c < 256; c++ {
		for at := 0; at < 12; at++ {
			b := []byte("abcdefghijKLMNOPQR09")
			b[at] = byte(c)
			s := string(b)
			for i := 0; i <= len(s); i++ {
				want := i
				for want < len(s) && asciiKind[s[want]] != 0 {
					want++
				}
				if got := alnumEnd(s, i); got != want {
					t.Fatalf("alnumEnd(%q, %d) = %d, want %d", s, i, got, want)
				}
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Rastan, in Homs province (Syria), al-Rastan's - Ti-n-Samane (Markoye, Oudalan).")
	f.Add("ʿAyn al-ʿArab’s “Kobani” …")
	p := testParser()
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range p.Parse(text) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad span [%d,%d) for %q", m.Start, m.End, m.Text)
			}
		}
	})
}

// benchTexts returns news articles: the GeoVirus articles when the
// shared data is there, else the seed article.
func benchTexts(b *testing.B) []string {
	texts, _ := readGeoVirus(dataPath("geoparse/GeoVirus.xml"))
	if len(texts) == 0 {
		s, err := os.ReadFile("testdata/seed-article.txt")
		if err != nil {
			b.Fatal(err)
		}
		texts = []string{string(s)}
	}
	return texts
}

// BenchmarkParse parses news articles one by one, as the extractor does;
// MB/s is of text.
func BenchmarkParse(b *testing.B) {
	texts := benchTexts(b)
	p := testParser()
	n := 0
	for _, t := range texts {
		n += len(t)
		p.Parse(t)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			p.Parse(t)
		}
	}
}

// BenchmarkParseLongText parses all the articles as one text, to show
// that the cost stays linear in the length.
func BenchmarkParseLongText(b *testing.B) {
	text := strings.Join(benchTexts(b), "\n\n")
	p := testParser()
	p.Parse(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		p.Parse(text)
	}
}

func TestParseIsSafeForConcurrentUse(t *testing.T) {
	b, err := os.ReadFile("testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := New(gazetteer.Default())
	want := p.Parse(string(b))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if got := p.Parse(string(b)); !reflect.DeepEqual(got, want) {
					errs <- "a concurrent parse differs from a serial one"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// A district named after its seat is written "X District" when meant;
// "X" alone, however often, is the town.
func TestATownIsNotTheDistrictNamedAfterIt(t *testing.T) {
	text := "Myanmar Military Reenters Lashio\nReports about the handover of Lashio have filled the headlines."
	n := 0
	for _, m := range testParser().Parse(text) {
		if m.Text != "Lashio" {
			continue
		}
		n++
		if m.Place == nil || m.Place.Level != gazetteer.LevelTown {
			t.Errorf("%q at %d = %s, want the town", m.Text, m.Start, describe([]Mention{m}))
		}
	}
	if n != 2 {
		t.Errorf("%d mentions of Lashio, want 2", n)
	}
}

// An event's place is named as readers write it, not with GeoNames'
// transliteration marks; the GeoNames id still names it exactly.
func TestLocationNamesArePlain(t *testing.T) {
	ms := testParser().Parse("Shelling hit Hama and Maarat al-Numan on Monday.")
	for _, c := range []struct{ text, name string }{
		{"Hama", "Hamah"},                       // GeoNames: Ḩamāh
		{"Maarat al-Numan", "Maarrat an Numan"}, // GeoNames: Ma‘arrat an Nu‘mān
	} {
		m := find(ms, c.text)
		if m == nil || m.Place == nil {
			t.Fatalf("no %s: %s", c.text, describe(ms))
		}
		if loc := m.Location(); loc.Name != c.name || loc.GeonameID != m.Place.GeonameID {
			t.Errorf("%s: Location() name %q, id %d; want %q, id %d", c.text, loc.Name, loc.GeonameID, c.name, m.Place.GeonameID)
		}
	}
}

// A village named with its country's region ("in Burkina Faso's
// Centre-Nord region") is placed in the region, never the country.
func TestAVillageInACountrysRegionIsInTheRegion(t *testing.T) {
	ms := testParser().Parse("Gunmen killed twelve people in Kabolozi in Burkina Faso's Centre-Nord region on Sunday.")
	m := find(ms, "Kabolozi")
	if m == nil || m.Place == nil || m.Place.Level != gazetteer.LevelRegion {
		t.Errorf("Kabolozi = %s, want the Centre-Nord region", describe(ms))
	}
}

// "Congo" alone is the larger Congo, as English news writes it; after the
// text named the Republic of Congo it is that one. A country's own name
// keeps its country whatever was named before.
func TestAShortNameFollowsTheLongOne(t *testing.T) {
	p := testParser()
	for _, c := range []struct{ text, cc string }{
		{"Fighting spread across eastern Congo on Monday.", "CD"},
		{"Health workers in the Republic of Congo counted nine cases. The government of Congo asked for help.", "CG"},
		{"Officials in the Republic of China met visitors. Trade with China grew.", "CN"},
	} {
		ms := p.Parse(c.text)
		last := -1
		for i, m := range ms {
			if m.Place != nil && m.Place.Level == gazetteer.LevelCountry {
				last = i
			}
		}
		if last < 0 || ms[last].Place.CountryCode != c.cc {
			t.Errorf("Parse(%q) = %s, want the last country %s", c.text, describe(ms), c.cc)
		}
	}
}

func TestAnAreaIsCodedAtItsSeatAndDrawnAtItsOwnPoint(t *testing.T) {
	ms := testParser().Parse("Fighting spread across Syria. Rebels entered Rastan, in Homs province.")
	for _, c := range []struct {
		name, seat string
		seatLat    float64
		seatLon    float64
	}{
		{"Syria", "Damascus", 33.5102, 36.2913},
		{"Homs", "Homs city", 34.7268, 36.7234},
	} {
		m := find(ms, c.name)
		if m == nil || m.Place == nil {
			t.Fatalf("no %s: %s", c.name, describe(ms))
		}
		loc := m.Location()
		if d := gazetteer.Distance(loc.Lat, loc.Lon, c.seatLat, c.seatLon); d > 5 {
			t.Errorf("%s coded %.0f km from %s, want at its seat (ACLED's point)", c.name, d, c.seat)
		}
		if loc.Area == nil || loc.MapPoint() != *loc.Area {
			t.Fatalf("%s: Area = %v, MapPoint = %v, want the area's own point", c.name, loc.Area, loc.MapPoint())
		}
		if d := gazetteer.Distance(loc.Area.Lat, loc.Area.Lon, c.seatLat, c.seatLon); d < 20 {
			t.Errorf("%s drawn %.0f km from %s, want at the area's own point, away from the seat", c.name, d, c.seat)
		}
	}
	town := find(ms, "Rastan").Location()
	if town.Area != nil || town.MapPoint() != (sitrep.Point{Lat: town.Lat, Lon: town.Lon}) {
		t.Errorf("a town is drawn where it is: Area = %v, MapPoint = %v", town.Area, town.MapPoint())
	}
}

// A capital or a provincial seat that other languages spell a letter
// apart from GeoNames is that city, not a smaller town elsewhere whose
// own name it is.
func TestACitySpeltTheEnglishWay(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "Geneva is the Swiss city",
			text: "Negotiators are due back in Geneva next week.",
			want: []want{{text: "Geneva", cc: "CH"}},
		},
		{
			name: "Odessa is the Ukrainian port",
			text: "Drones struck the port of Odessa overnight.",
			want: []want{{text: "Odessa", cc: "UA"}},
		},
	})
}

// A text that calls a name a city ("the city of Hama") means the city by
// the name alone after it too, not the province of the same name; a
// province named once ("Idlib province") leaves the bare name as it was.
func TestTheCityOfANameFixesItsBareMentions(t *testing.T) {
	p := testParser()
	ms := p.Parse("Insurgents drove into the city of Hama on Thursday. Their seizure of Hama stunned the government, whose troops left Hama in haste.")
	n := 0
	for _, m := range ms {
		if m.Text != "Hama" {
			continue
		}
		n++
		if m.Place == nil || m.Place.Level != gazetteer.LevelTown {
			t.Errorf("%q at %d: %s, want the city", m.Text, m.Start, describe(ms))
		}
	}
	if n != 3 {
		t.Fatalf("want three mentions of Hama; got %s", describe(ms))
	}
}

// A span with a place noun of its own keeps the level it names though the
// surest span of the name is placed by a qualifier: "Aleppo province" is
// not the city of "Aleppo, Syria's second city".
func TestAPlaceNounKeepsItsLevelBesideAQualifiedName(t *testing.T) {
	p := testParser()
	for _, c := range []struct {
		text  string
		start int
		level gazetteer.Level
	}{
		{"Rebels overran much of Aleppo province on Friday. By Sunday they held Aleppo, Syria's second city.", len("Rebels overran much of "), gazetteer.LevelRegion},
	} {
		ms := p.Parse(c.text)
		ok := false
		for _, m := range ms {
			if m.Start == c.start {
				ok = m.Place != nil && m.Place.Level == c.level
			}
		}
		if !ok {
			t.Errorf("%q: the mention at %d is not a %s: %s", c.text, c.start, c.level, describe(ms))
		}
	}
}

// A bare name that only the gazetteer's district carries is the district's
// town when GeoNames spells the town apart ("Myawaddy", Myawaddy District,
// the town Myawadi); the district's own name written out stays the
// district.
func TestADistrictsNameAloneIsItsTownSpeltApart(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name:  "the bare name is the town",
			text:  "Rebels overran an army post on the edge of Myawaddy on Saturday.",
			hints: []string{"MM"},
			want:  []want{{text: "Myawaddy", place: "Myawadi", cc: "MM", level: gazetteer.LevelTown}},
		},
		{
			name:  "the district written out stays the district",
			text:  "Rebels overran an army post in Myawaddy District on Saturday.",
			hints: []string{"MM"},
			want:  []want{{text: "Myawaddy District", cc: "MM", level: gazetteer.LevelDistrict}},
		},
	})
}
