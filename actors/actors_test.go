package actors

import (
	"os"
	"strings"
	"testing"
)

// want is one mention a Scan must find: its words, the canonical name they
// resolve to, whether they are a Head, and the inter code for an event in
// the document's focus country.
type want struct {
	text, name string
	head       bool
	inter      int
}

func TestScan(t *testing.T) {
	tests := []struct {
		name, text, focus string
		want              []want
		// not lists canonical names that must not be found.
		not []string
	}{
		{"Kenyan police is Police Forces of Kenya", "Kenyan police fired tear gas.", "",
			[]want{{"Kenyan police", "Police Forces of Kenya", true, 1}}, nil},
		{"Nigerian troops are Military Forces of Nigeria", "Nigerian troops repelled the attack.", "NG",
			[]want{{"Nigerian troops", "Military Forces of Nigeria", true, 1}}, nil},
		{"Afghan forces are Military Forces of Afghanistan", "Afghan forces retook the district.", "AF",
			[]want{{"Afghan forces", "Military Forces of Afghanistan", true, 1}}, nil},
		{"Syrian army is Military Forces of Syria", "The Syrian army advanced.", "SY",
			[]want{{"Syrian army", "Military Forces of Syria", true, 1}}, nil},
		{"regime forces take the focus country", "Regime forces shelled the town.", "MM",
			[]want{{"Regime forces", "Military Forces of Myanmar", true, 1}}, nil},
		{"a bare alias without a focus drops the country", "Soldiers opened fire.", "",
			[]want{{"Soldiers", "Military Forces", true, 1}}, nil},
		{"Russian warplanes in Syria are external", "Russian warplanes struck Idlib.", "SY",
			[]want{{"Russian warplanes", "Military Forces of Russia", true, 8}}, nil},
		{"Russian troops in Russia are state forces", "Russian troops were deployed to Belgorod.", "RU",
			[]want{{"Russian troops", "Military Forces of Russia", true, 1}}, nil},
		{"Houthis attacking Saudi Arabia are external", "Houthi rebels fired missiles at Jizan.", "SA",
			[]want{{"Houthi rebels", "Military Forces of Yemen (Supreme Political Council)", true, 8}}, nil},
		{"'is' is not Islamic State", "This is what it is; let us see what the US does.", "IQ",
			[]want{{"US", "Military Forces of the United States", false, 8}}, []string{"Islamic State (Iraq)"}},
		{"an acronym keeps its doubled letters: a PC is no PCC", "Hackers recruited the PC of a user.", "",
			nil, []string{"PCC: First Capital Command"}},
		{"IS in capitals is Islamic State of the focus country", "IS fighters attacked a checkpoint.", "IQ",
			[]want{{"IS fighters", "Islamic State (Iraq)", true, 2}}, nil},
		{"IS in Nigeria is its West Africa province", "IS claimed the attack.", "NG",
			[]want{{"IS", "Islamic State (West Africa)", true, 2}}, nil},
		{"IS-linked militants are Islamic State", "IS-linked militants stormed the village.", "SY",
			[]want{{"IS-linked militants", "Islamic State (Syria)", true, 2}}, nil},
		{"a hyphenated name is a modifier", "They shelled Houthi-held areas.", "YE",
			[]want{{"Houthi", "Military Forces of Yemen (Supreme Political Council)", false, 1}}, nil},
		{"pro-Houthi forces are Houthis", "Pro-Houthi forces attacked.", "YE",
			[]want{{"Pro-Houthi forces", "Military Forces of Yemen (Supreme Political Council)", true, 1}}, nil},
		{"pro-X without a noun is not a Head", "A pro-Houthi website said so.", "YE",
			[]want{{"pro-Houthi", "Military Forces of Yemen (Supreme Political Council)", false, 1}}, nil},
		{"anti-government protesters are protesters", "Anti-government protesters marched.", "TH",
			[]want{{"Anti-government protesters", "Protesters (Thailand)", true, 6}}, []string{"Government of Thailand"}},
		{"Turkish-backed factions are the SNA", "Turkish-backed factions shelled Tal Rifaat.", "SY",
			[]want{{"Turkish-backed factions", "JWS: Syrian National Army", true, 2}}, []string{"Military Forces of Turkey"}},
		{"US-led coalition is the coalition", "The US-led coalition struck IS cells.", "SY",
			[]want{{"US-led coalition", "Global Coalition Against Daesh", true, 8}}, nil},
		{"the coalition in Yemen is Saudi-led", "Coalition warplanes struck Saada.", "YE",
			[]want{{"Coalition warplanes", "Operation Restoring Hope", true, 8}}, nil},
		{"Israel and Hezbollah are both found", "Fighting between Israel and Hezbollah continued.", "LB",
			[]want{{"Israel", "Military Forces of Israel", false, 8}, {"Hezbollah", "Hezbollah", true, 3}}, nil},
		{"a country after 'in' is a place", "Clashes in Syria continued.", "SY", nil, []string{"Military Forces of Syria"}},
		{"unidentified gunmen are an unidentified armed group", "Unidentified gunmen killed a man.", "SY",
			[]want{{"Unidentified gunmen", "Unidentified Armed Group (Syria)", true, 3}, {"a man", "Civilians (Syria)", true, 7}}, nil},
		{"al-Shabaab spellings", "Al-Shabab, al Shabaab and Al Shabaab", "SO",
			[]want{{"Al-Shabab", "Al Shabaab", true, 2}, {"al Shabaab", "Al Shabaab", true, 2}, {"Al Shabaab", "Al Shabaab", true, 2}}, nil},
		{"al-Shabaab in Mozambique is the Cabo Delgado insurgency", "Al-Shabaab attacked Palma.", "MZ",
			[]want{{"Al-Shabaab", "Ahlu Sunnah Wa-Jamo", true, 2}}, nil},
		{"Jama'at and Jamaat are one word", "Jama'at Nusrat al-Islam wal-Muslimin and Jamaat Nusrat al-Islam", "ML",
			[]want{{"Jama'at Nusrat al-Islam wal-Muslimin", "JNIM: Group for Support of Islam and Muslims", true, 2},
				{"Jamaat Nusrat al-Islam", "JNIM: Group for Support of Islam and Muslims", true, 2}}, nil},
		{"the name absorbs its fighters", "HTS fighters and Taliban militants", "SY",
			[]want{{"HTS fighters", "HTS: Hayat Tahrir al Sham", true, 2}, {"Taliban militants", "Taliban", true, 2}}, []string{"Unidentified Armed Group (Syria)"}},
		{"short capitals match only in capitals", "Pdf files and rsf reports", "SD", nil, []string{"PDF: People's Defense Force", "RSF: Rapid Support Forces"}},
		{"an acronym outside its countries is nothing", "The PDF and RSF were named.", "FR", nil, []string{"PDF: People's Defense Force", "RSF: Rapid Support Forces"}},
		{"RSF in Sudan", "The RSF shelled El Fasher.", "SD",
			[]want{{"RSF", "RSF: Rapid Support Forces", true, 2}}, nil},
		{"Tatmadaw and PDF in Myanmar", "The Tatmadaw shelled PDF positions.", "MM",
			[]want{{"Tatmadaw", "Military Forces of Myanmar", true, 1}, {"PDF positions", "PDF: People's Defense Force", true, 2}}, nil},
		{"U.S. with dots is the US", "U.S. troops left the base.", "IQ",
			[]want{{"U.S. troops", "Military Forces of the United States", true, 8}}, nil},
		{"a lower-case country is a word", "They ate turkey and met Chad.", "", nil, []string{"Military Forces of Turkey"}},
		{"crowds are protesters, rioters or civilians", "An angry mob beat protesters; villagers fled.", "BD",
			[]want{{"angry mob", "Rioters (Bangladesh)", true, 5}, {"protesters", "Protesters (Bangladesh)", true, 6}, {"villagers", "Civilians (Bangladesh)", true, 7}}, nil},
		{"a pastoral people alone is its raiders", "The Pokot raided Turkana herders.", "KE",
			[]want{{"The Pokot", "Pokot Ethnic Militia (Kenya)", true, 4}, {"Turkana herders", "Turkana Ethnic Militia (Kenya)", true, 4}}, nil},
		{"party activists are party militants", "BNP activists clashed with Chhatra League men.", "BD",
			[]want{{"BNP activists", "BNP: Bangladesh Nationalist Party", true, 3}, {"Chhatra League men", "BCL: Bangladesh Chhatra League", true, 3}}, nil},
		{"a comma ends a phrase", "the army, police", "KE",
			[]want{{"army", "Military Forces of Kenya", true, 1}, {"police", "Police Forces of Kenya", true, 1}}, nil},
		{"Wagner abroad is external", "Wagner mercenaries entered Moura.", "ML",
			[]want{{"Wagner mercenaries", "Wagner Group", true, 8}}, nil},
		{"Barkhane is France abroad", "Barkhane troops killed 20 militants.", "ML",
			[]want{{"Barkhane troops", "Military Forces of France", true, 8}}, nil},
		{"members of a group are the group", "Members of Al-Shabaab attacked supporters of the ODM.", "KE",
			[]want{{"Members of Al-Shabaab", "Al Shabaab", true, 2}, {"supporters of the ODM", "ODM: Orange Democratic Movement", true, 3}}, nil},
		{"supporters of the government are not the government", "Supporters of the government rallied.", "KE",
			[]want{{"Supporters", "Protesters (Kenya)", true, 6}, {"government", "Government of Kenya", true, 1}}, nil},
		{"members of the security forces are state forces", "Gunmen killed two members of the security forces.", "NG",
			[]want{{"members of the security forces", "Military Forces of Nigeria", true, 1}}, nil},
		{"a longer mention starting inside wins", "A local People's Defence Force unit downed a helicopter.", "",
			[]want{{"People's Defence Force unit", "PDF: People's Defense Force", true, 2}}, []string{"Civilians"}},
		{"a full name needs no focus", "The Arakan Army and the Syrian National Army", "",
			[]want{{"Arakan Army", "Arakan Army", true, 2}, {"Syrian National Army", "JWS: Syrian National Army", true, 2}}, nil},
		{"Assad's forces are Syria's army", "Assad's forces shelled Idlib.", "",
			[]want{{"Assad's forces", "Military Forces of Syria", true, 1}}, nil},
	}
	d := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := d.Scan(tt.text, tt.focus)
			for _, w := range tt.want {
				found := false
				for _, m := range ms {
					if m.Text != w.text {
						continue
					}
					found = true
					if m.Actor.Name != w.name || m.Head != w.head || m.Actor.InterIn(tt.focus) != w.inter {
						t.Errorf("Scan(%q, %q): %q = %s head=%v inter=%d, want %s head=%v inter=%d",
							tt.text, tt.focus, w.text, m.Actor.Name, m.Head, m.Actor.InterIn(tt.focus), w.name, w.head, w.inter)
					}
				}
				if !found {
					t.Errorf("Scan(%q, %q) = %s, want a mention %q", tt.text, tt.focus, describe(ms), w.text)
				}
			}
			for _, n := range tt.not {
				for _, m := range ms {
					if m.Actor.Name == n {
						t.Errorf("Scan(%q, %q) found %q as %s", tt.text, tt.focus, m.Text, n)
					}
				}
			}
		})
	}
}

func describe(ms []Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("[" + m.Text + " = " + m.Actor.Name + "]")
	}
	if b.Len() == 0 {
		return "nothing"
	}
	return b.String()
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name, phrase, focus string
		want                Actor
	}{
		{"protesters take the focus country", "protesters", "KE", Actor{Name: "Protesters (Kenya)", Side: "protesters", Inter: 6, Country: "KE", Generic: true}},
		{"police take the focus country", "police", "KE", Actor{Name: "Police Forces of Kenya", Side: "government", Inter: 1, Country: "KE", Kind: "police", Generic: true}},
		{"unidentified gunmen are an armed group", "unidentified gunmen", "SY", Actor{Name: "Unidentified Armed Group (Syria)", Side: "militia", Inter: 3, Country: "SY", Generic: true}},
		{"civilians", "civilians", "SY", Actor{Name: "Civilians (Syria)", Side: "civilians", Inter: 7, Country: "SY", Generic: true}},
		{"rioters", "rioters", "BD", Actor{Name: "Rioters (Bangladesh)", Side: "rioters", Inter: 5, Country: "BD", Generic: true}},
		{"a leading article is skipped", "the Kenyan police", "", Actor{Name: "Police Forces of Kenya", Side: "government", Inter: 1, Country: "KE", Kind: "police", Generic: true}},
		{"a lower-case demonym in a phrase", "kenyan police", "", Actor{Name: "Police Forces of Kenya", Side: "government", Inter: 1, Country: "KE", Kind: "police", Generic: true}},
		{"a canonical name", "Military Forces of Kenya", "", Actor{Name: "Military Forces of Kenya", Side: "government", Inter: 1, Country: "KE", Generic: true}},
		{"a named group's canonical name", "HTS: Hayat Tahrir al Sham", "", Actor{Name: "HTS: Hayat Tahrir al Sham", Side: "rebel", Inter: 2, Country: "SY", Generic: false}},
		{"a named group's alias", "Tahrir al-Sham", "SY", Actor{Name: "HTS: Hayat Tahrir al Sham", Side: "rebel", Inter: 2, Country: "SY", Generic: false}},
		{"the United States takes 'the'", "American soldiers", "", Actor{Name: "Military Forces of the United States", Side: "government", Inter: 1, Country: "US", Generic: true}},
		{"Congolese without a focus is the DRC", "Congolese army", "", Actor{Name: "Military Forces of the Democratic Republic of Congo", Side: "government", Inter: 1, Country: "CD", Generic: true}},
		{"Congolese in Congo-Brazzaville", "Congolese army", "CG", Actor{Name: "Military Forces of the Republic of Congo", Side: "government", Inter: 1, Country: "CG", Generic: true}},
	}
	d := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := d.Lookup(tt.phrase, tt.focus)
			if !ok || got != tt.want {
				t.Errorf("Lookup(%q, %q) = %+v, %v, want %+v", tt.phrase, tt.focus, got, ok, tt.want)
			}
		})
	}
	for _, phrase := range []string{"", "weather", "police station", "is", "Kenyan"} {
		if a, ok := d.Lookup(phrase, "KE"); ok && phrase != "Kenyan" {
			t.Errorf("Lookup(%q) = %+v, want nothing", phrase, a)
		}
	}
}

func TestMentionSitrep(t *testing.T) {
	d := Default()
	text := "Turkish drones hit SDF positions."
	ms := d.Scan(text, "SY")
	if len(ms) != 2 {
		t.Fatalf("Scan(%q) = %s, want 2 mentions", text, describe(ms))
	}
	got := ms[0].Sitrep("SY")
	if got.Name != "Military Forces of Turkey" || got.Side != "external" || got.Inter != 8 || got.Country != "TR" ||
		got.Text != "Turkish drones" || got.Span != [2]int{0, 14} {
		t.Errorf("Sitrep(SY) = %+v", got)
	}
	if got := ms[0].Sitrep("TR"); got.Side != "government" || got.Inter != 1 {
		t.Errorf("Turkish drones in Turkey: Sitrep(TR) = %+v, want government 1", got)
	}
	if got := ms[0].Sitrep(""); got.Side != "government" || got.Inter != 1 {
		t.Errorf("with no event country: Sitrep() = %+v, want government 1", got)
	}
}

// TestScanSpans checks what every caller relies on: mentions in order,
// without overlap, within the text, Text the text of the span.
func TestScanSpans(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	ms := Default().Scan(text, "")
	if len(ms) < 60 {
		t.Errorf("Scan(testdata/news.txt) found %d mentions, want at least 60", len(ms))
	}
	checkSpans(t, text, ms)
}

func checkSpans(t *testing.T, text string, ms []Mention) {
	t.Helper()
	last := 0
	for _, m := range ms {
		if m.Start < last || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("mention %q at [%d,%d) after %d in a text of %d bytes", m.Text, m.Start, m.End, last, len(text))
		}
		if m.Text != text[m.Start:m.End] {
			t.Fatalf("mention text %q, span says %q", m.Text, text[m.Start:m.End])
		}
		if m.Actor.Name == "" || m.Actor.Inter < 1 || m.Actor.Inter > 8 {
			t.Fatalf("mention %q has actor %+v", m.Text, m.Actor)
		}
		last = m.End
	}
}

func TestScanAllocatesNothingPerWord(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	d := Default()
	buf := d.AppendScan(nil, text, "SY")
	allocs := testing.AllocsPerRun(20, func() { buf = d.AppendScan(buf[:0], text, "SY") })
	if allocs > 0 {
		t.Errorf("AppendScan into a reused buffer: %.1f allocations per run, want 0", allocs)
	}
}

func TestDefaultDictionary(t *testing.T) {
	d := Default()
	entries, aliases := d.Len()
	t.Logf("actors.txt: %d entries, %d aliases", entries, aliases)
	if entries < 300 || aliases < 5000 {
		t.Errorf("Default() has %d entries and %d aliases, want at least 300 and 5000", entries, aliases)
	}
	// Every named actor can be found by its canonical name.
	for _, e := range d.entries {
		if e.template {
			continue
		}
		if a, ok := d.Lookup(e.name, ""); !ok || a.Name != e.name {
			t.Errorf("Lookup(%q) = %+v, %v", e.name, a, ok)
		}
	}
}

func TestParseFormat(t *testing.T) {
	src := `
# A small dictionary in the format of actors.txt.
@heads: fighters; forces
@places: in
@the: US

Military Forces of {country} | government
    {demonym} (army|troop(s)); army
    {country}; {demonym}

Band of {tribe} ({country}) | identity_militia
    {tribe} = Ana; Bo
    {tribe} = Cy
    {tribe} (militia|raiders)

Lions | rebel | KE     # a named group
    Lions; LNS
    rebels @KE
`
	d, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if e, a := d.Len(); e != 5 || a != 15 {
		t.Errorf("Len() = %d entries, %d aliases, want 5, 15", e, a)
	}
	tests := []struct{ phrase, focus, want string }{
		{"American troop", "", "Military Forces of the United States"},
		{"Kenyan troops", "", "Military Forces of Kenya"},
		{"army", "SY", "Military Forces of Syria"},
		{"Cy raiders", "KE", "Band of Cy (Kenya)"},
		{"Ana militia", "", "Band of Ana"},
		{"Lions fighters", "", "Lions"},
		{"LNS", "", "Lions"},
		{"rebels", "KE", "Lions"},
	}
	for _, tt := range tests {
		if a, ok := d.Lookup(tt.phrase, tt.focus); !ok || a.Name != tt.want {
			t.Errorf("Lookup(%q, %q) = %q, %v, want %q", tt.phrase, tt.focus, a.Name, ok, tt.want)
		}
	}
	for _, phrase := range []string{"lns", "rebels"} {
		if a, ok := d.Lookup(phrase, "SY"); ok {
			t.Errorf("Lookup(%q, SY) = %q, want nothing", phrase, a.Name)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"an unknown side", "A | warlords\n  a\n", "line 1: unknown side"},
		{"an unknown country", "A | rebel | XX\n  a\n", "line 1: unknown country code"},
		{"an alias before any entry", "# c\n  a\n", "line 2: alias before the first entry"},
		{"an entry without a side", "A\n", "line 1: want 'Name | side | country | kind'"},
		{"an unknown kind", "A | militia | KE | gang\n", "line 1: unknown kind \"gang\""},
		{"a bad focus code", "A | rebel\n  a @QQ\n", "line 2: unknown country code \"QQ\" after @"},
		{"two @ on a line", "A | rebel\n  a @KE; b @UG\n", "line 2: more than one @ on a line"},
		{"an unclosed group", "A | rebel\n\n  a (b|c\n", "line 3: '(' without ')'"},
		{"a stray bar", "A | rebel\n  a|b\n", "line 2: unbalanced"},
		{"punctuation inside an alias", "A | rebel\n  a, b\n", "line 2: punctuation inside alias"},
		{"a slot in a named entry", "A | rebel\n  {demonym} a\n", "line 2: alias \"{demonym} a\" has a slot"},
		{"an unknown placeholder", "A {x} | rebel\n  a\n", "line 1: unknown placeholder {x}"},
		{"a '}' before a slot", "{country}|rebel\n }0{demonym}\n", "line 2: '}' without '{'"},
		{"two slots", "A {country} | rebel\n  {country} {demonym}\n", "line 2: alias \"{country} {demonym}\" has more than one slot"},
		{"a template with a country", "A {country} | rebel | KE\n  a\n", "line 1: a template takes its country"},
		{"one alias for two actors", "A | rebel\n  a b\nB | militia\n  a b\n", "line 4: alias \"a b\" already names \"A\" (line 2)"},
		{"one name with two sides", "A | rebel\n  a\nA | militia\n  b\n", "line 3: \"A\" is militia here but rebel elsewhere"},
		{"an unknown directive", "@colour: red\n", "line 1: unknown directive @colour"},
		{"a directive without a colon", "@heads fighters\n", "line 1: directive without ':'"},
		{"a variable without values", "A {v} | rebel\n  {v} =\n  {v} a\n", "line 1: {v} has no values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "actors: ") {
				t.Errorf("Parse(%q) = %v, want an error containing %q", tt.src, err, tt.want)
			}
		})
	}
}

func FuzzScan(f *testing.F) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b), "SY")
	f.Add("pro-anti-IS-linked U.S.-led 'Jama'at' al--Shabaab\n\nHouthi-", "")
	f.Add("Kenyan police officers fighters forces", "KE")
	d := Default()
	f.Fuzz(func(t *testing.T, text, focus string) {
		checkSpans(t, text, d.Scan(text, focus))
		d.Lookup(text, focus)
	})
}

func FuzzParse(f *testing.F) {
	f.Add("A {country} | rebel\n  {demonym} (a|b(c)) @KE\n  {v} = x; y\n")
	f.Add("@heads: a\n@the: US\nB | militia | SY\n  b's c\n")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Parse(strings.NewReader(src))
		if err == nil {
			d.Scan(src, "KE")
		}
	})
}

func BenchmarkScan(b *testing.B) {
	buf, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(buf)
	d := Default()
	var ms []Mention
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ms = d.AppendScan(ms[:0], text, "SY")
	}
}

// BenchmarkScanACLED scans every note of the ACLED development files, one
// Scan per note as the extractor does.
func BenchmarkScanACLED(b *testing.B) {
	notes := allNotes(b)
	n := 0
	for _, x := range notes {
		n += len(x.text)
	}
	d := Default()
	var ms []Mention
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range notes {
			ms = d.AppendScan(ms[:0], x.text, x.focus)
		}
	}
}

// BenchmarkScanLongText scans the ACLED notes as one text.
func BenchmarkScanLongText(b *testing.B) {
	var sb strings.Builder
	for _, x := range allNotes(b) {
		sb.WriteString(x.text)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	d := Default()
	var ms []Mention
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ms = d.AppendScan(ms[:0], text, "")
	}
}

func BenchmarkDefaultLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(defaultText); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPartyKind(t *testing.T) {
	d := Default()
	ms := d.Scan("Awami League supporters clashed with BNP activists in Dhaka.", "BD")
	if len(ms) < 2 {
		t.Fatalf("Scan found %d mentions, want the two parties", len(ms))
	}
	for _, m := range ms[:2] {
		if m.Actor.Kind != "party" {
			t.Errorf("%q: Kind %q, want party", m.Text, m.Actor.Kind)
		}
	}
	if a, _ := d.Lookup("Taliban", "AF"); a.Kind != "" {
		t.Errorf("Taliban: Kind %q, want none", a.Kind)
	}
}

// TestModifierApostropheScan: a possessive written with the modifier
// letter apostrophe (U+02BC) names the same forces as one written with
// the typographic apostrophe, and a lone mark is no word.
func TestModifierApostropheScan(t *testing.T) {
	d := Default()
	for _, in := range []string{"Assadʼs troops shelled a village.", "Assad’s troops shelled a village."} {
		ok := false
		for _, m := range d.Scan(in, "") {
			ok = ok || m.Actor.Name == "Military Forces of Syria"
		}
		if !ok {
			t.Errorf("Scan(%q) = %s, want Syria's army", in, describe(d.Scan(in, "")))
		}
	}
	for _, in := range []string{"ʼ", "ʿs", "a ʾ b"} {
		for _, m := range d.Scan(in, "") {
			if m.End <= m.Start {
				t.Errorf("Scan(%q): empty mention %+v", in, m)
			}
		}
	}
}
