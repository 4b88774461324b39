// Package newsgen writes synthetic conflict reports for tests and
// benchmarks that need many articles: crash tests, ingest rates, query
// latency over a large store. The sentences are sitrep's own, built from
// templates over real place names, so the extractor finds real events in
// them; they are samples, not news. The towns are the gazetteer's towns of
// 20,000 people or more in eleven countries at war.
package newsgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// forces are, per country, the sides the templates set against each
// other.
var forces = map[string][2][]string{
	"SY": {{"the Syrian army", "government forces", "Syrian troops"}, {"rebels", "HTS fighters", "Islamic State fighters"}},
	"UA": {{"Ukrainian forces", "Ukrainian troops"}, {"Russian troops", "Russian forces", "Wagner fighters"}},
	"BF": {{"Burkinabe soldiers", "the army"}, {"JNIM militants", "jihadists"}},
	"ML": {{"Malian troops", "the army"}, {"jihadists", "JNIM fighters"}},
	"NG": {{"Nigerian troops", "soldiers"}, {"Boko Haram militants", "ISWAP fighters"}},
	"SO": {{"Somali forces", "government troops"}, {"al-Shabaab fighters", "militants"}},
	"SD": {{"the Sudanese army", "Sudanese troops"}, {"RSF fighters", "the Rapid Support Forces"}},
	"AF": {{"Afghan forces", "government troops"}, {"Taliban fighters", "the Taliban"}},
	"YE": {{"government forces", "government troops"}, {"Houthi rebels", "Houthi fighters"}},
	"CD": {{"Congolese troops", "the army"}, {"M23 rebels", "ADF militants"}},
	"IQ": {{"Iraqi forces", "Iraqi troops"}, {"Islamic State militants", "IS fighters"}},
}

type place struct{ town, cc string }

// places are the towns of at least 20,000 people in those countries, from
// the gazetteer, so that a large synthetic store spreads over hundreds of
// places as real reporting does.
var places = sync.OnceValue(func() []place {
	g := gazetteer.Default()
	var out []place
	for i := 0; i < g.Len(); i++ {
		p := g.Place(i)
		if p.Level != gazetteer.LevelTown || p.Population < 20000 {
			continue
		}
		if _, ok := forces[p.CountryCode]; ok && !strings.ContainsAny(p.Name, "'’‘") {
			out = append(out, place{p.Name, p.CountryCode})
		}
	}
	return out
})

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
		ps := places()
		for s := 2 + r.IntN(4); s > 0; s-- {
			p := ps[r.IntN(len(ps))]
			f := forces[p.cc]
			army, rebels := f[0][r.IntN(len(f[0]))], f[1][r.IntN(len(f[1]))]
			t := templates[r.IntN(len(templates))]
			sent := fmt.Sprintf(t, p.town, army, rebels, days[(int(pub.Weekday())+6-r.IntN(2))%7], 2+r.IntN(30))
			b.WriteString(strings.ToUpper(sent[:1]) + sent[1:] + " ")
			b.WriteString(filler[r.IntN(len(filler))])
			fmt.Fprintf(&b, " (Report %d, item %d.)\n\n", i, s)
		}
		text := b.String()
		out[i] = sitrep.Article{ID: sitrep.ArticleID(text), Title: fmt.Sprintf("Report %d", i), Source: "newsgen", Published: pub, Text: text}
	}
	return out
}
