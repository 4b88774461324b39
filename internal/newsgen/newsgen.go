// Package newsgen writes synthetic conflict reports for tests and
// benchmarks that need many articles: crash tests, ingest rates, query
// latency over a large store. The sentences are sitrep's own, built from
// templates over real place names, so the extractor finds real events in
// them; they are samples, not news.
package newsgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// Places are towns the templates name, with their countries' forces and
// armed groups.
var places = []struct{ town, army, rebels string }{
	{"Hama", "Syrian army", "rebels"}, {"Homs", "Syrian army", "rebels"}, {"Idlib", "Syrian army", "HTS fighters"},
	{"Aleppo", "government forces", "rebels"}, {"Deir ez-Zor", "Syrian troops", "Islamic State fighters"},
	{"Kramatorsk", "Ukrainian forces", "Russian troops"}, {"Kherson", "Ukrainian troops", "Russian forces"},
	{"Bakhmut", "Ukrainian forces", "Wagner fighters"}, {"Djibo", "Burkinabe soldiers", "JNIM militants"},
	{"Gao", "Malian troops", "jihadists"}, {"Maiduguri", "Nigerian troops", "Boko Haram militants"},
	{"Mogadishu", "Somali forces", "al-Shabaab fighters"}, {"Goma", "Congolese troops", "M23 rebels"},
	{"Khartoum", "the Sudanese army", "RSF fighters"}, {"El Fasher", "Sudanese troops", "RSF fighters"},
	{"Kandahar", "Afghan forces", "Taliban fighters"}, {"Sanaa", "government forces", "Houthi rebels"},
	{"Marib", "government troops", "Houthi fighters"}, {"Tripoli", "GNA forces", "LNA fighters"},
	{"Mosul", "Iraqi forces", "Islamic State militants"},
}

var templates = []string{
	"%[3]s captured %[1]s on %[4]s after days of fighting with %[2]s, a monitor said.",
	"%[2]s shelled positions held by %[3]s near %[1]s on %[4]s, killing %[5]d fighters.",
	"At least %[5]d civilians were killed when an air strike hit a market in %[1]s on %[4]s, local officials said.",
	"%[3]s clashed with %[2]s on the outskirts of %[1]s on %[4]s, leaving %[5]d dead.",
	"Hundreds of people protested in %[1]s on %[4]s against rising prices, witnesses said.",
	"%[2]s regained control of %[1]s on %[4]s, state media reported.",
	"A roadside bomb exploded near a checkpoint in %[1]s on %[4]s, wounding %[5]d soldiers.",
	"Thousands of families fled %[1]s on %[4]s as fighting between %[2]s and %[3]s spread.",
}

var filler = []string{
	"Aid agencies said supplies of food and fuel were running low.",
	"The claims could not be independently verified.",
	"Residents described long queues at the few bakeries still open.",
	"Officials promised an investigation into the incident.",
	"The region has seen repeated violence over the past year.",
}

// Articles returns n synthetic articles published from start onwards,
// the same for the same seed.
func Articles(n int, seed uint64, start time.Time) []sitrep.Article {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	out := make([]sitrep.Article, n)
	for i := range out {
		pub := start.AddDate(0, 0, i/40)
		var b strings.Builder
		for s := 2 + r.IntN(4); s > 0; s-- {
			p := places[r.IntN(len(places))]
			t := templates[r.IntN(len(templates))]
			sent := fmt.Sprintf(t, p.town, p.army, p.rebels, days[(int(pub.Weekday())+6-r.IntN(2))%7], 2+r.IntN(30))
			b.WriteString(strings.ToUpper(sent[:1]) + sent[1:] + " ")
			b.WriteString(filler[r.IntN(len(filler))])
			fmt.Fprintf(&b, " (Report %d, item %d.)\n\n", i, s)
		}
		text := b.String()
		out[i] = sitrep.Article{ID: sitrep.ArticleID(text), Title: fmt.Sprintf("Report %d", i), Source: "newsgen", Published: pub, Text: text}
	}
	return out
}
