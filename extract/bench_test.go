package extract

import (
	"context"
	"encoding/csv"
	"encoding/xml"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/newsgen"
)

// benchNotes returns up to n distinct ACLED notes from ../shared/data, or
// nil when the data is absent.
func benchNotes(tb testing.TB, n int) []string {
	files, _ := filepath.Glob("../../shared/data/acled/*.csv")
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		r := csv.NewReader(fh)
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		head, err := r.Read()
		if err != nil {
			fh.Close()
			continue
		}
		col := -1
		for i, h := range head {
			if h == "notes" {
				col = i
			}
		}
		per := 0
		for per < n/len(files)+1 {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if col < len(rec) && rec[col] != "" && !seen[rec[col]] {
				seen[rec[col]] = true
				out = append(out, rec[col])
				per++
			}
		}
		fh.Close()
	}
	return out
}

// BenchmarkExtractNotes measures end-to-end extraction over real ACLED
// notes (MB/s is bytes of note text per second, on one core).
func BenchmarkExtractNotes(b *testing.B) {
	notes := benchNotes(b, 5000)
	if len(notes) == 0 {
		b.Skip("no ACLED notes under ../shared/data/acled")
	}
	x := extractor(b)
	size := 0
	for _, n := range notes {
		size += len(n)
	}
	pub := day("2020-05-05")
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, n := range notes {
			x.Extract(&sitrep.Article{ID: "b", Text: n, Published: pub})
			_ = j
		}
	}
	b.ReportMetric(float64(len(notes)*b.N)/b.Elapsed().Seconds(), "notes/s")
}

// BenchmarkExtractLongArticles measures extraction over article-sized
// texts: the ACLED notes joined twenty to a text, one paragraph each, as
// a news report runs to a few kilobytes.
func BenchmarkExtractLongArticles(b *testing.B) {
	notes := benchNotes(b, 5000)
	if len(notes) == 0 {
		b.Skip("no ACLED notes under ../shared/data/acled")
	}
	x := extractor(b)
	var docs []string
	for i := 0; i < len(notes); i += 20 {
		docs = append(docs, strings.Join(notes[i:min(i+20, len(notes))], "\n\n"))
	}
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	pub := day("2020-05-05")
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Extract(&sitrep.Article{ID: "b", Text: d, Published: pub})
		}
	}
}

// BenchmarkExtractArticle measures extraction of the seed article, a
// news report of the kind sitrep reads from the web.
func BenchmarkExtractArticle(b *testing.B) {
	txt, err := os.ReadFile("../../shared/brief/seed-article.txt")
	if err != nil {
		b.Skip("seed article not available")
	}
	x := extractor(b)
	a := &sitrep.Article{ID: "seed", Text: string(txt), Published: day("2024-12-06")}
	b.SetBytes(int64(len(txt)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x.Extract(a)
	}
}

// BenchmarkExtractNews measures extraction over real news reports: the
// 229 Wikinews articles of GeoVirus (../shared/data/geoparse), a mix of
// conflict, disease and politics running to a few kilobytes each. ACLED
// notes are denser in events than news is; this is the figure for the
// text sitrep actually reads.
func BenchmarkExtractNews(b *testing.B) {
	raw, err := os.ReadFile("../../shared/data/geoparse/GeoVirus.xml")
	if err != nil {
		b.Skip("GeoVirus.xml not under ../shared/data/geoparse")
	}
	var doc struct {
		Texts []string `xml:"article>text"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil || len(doc.Texts) == 0 {
		b.Fatalf("GeoVirus.xml: %v (%d articles)", err, len(doc.Texts))
	}
	x := extractor(b)
	size := 0
	for _, t := range doc.Texts {
		size += len(t)
	}
	pub := day("2020-05-05")
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range doc.Texts {
			x.Extract(&sitrep.Article{ID: "b", Text: t, Published: pub})
		}
	}
	b.ReportMetric(float64(len(doc.Texts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkEvents measures the last stage alone: turning the drafts of
// analysed synthetic news (the speed script's articles) into events. The
// analyses are made once, outside the timer, few enough to stay in cache
// as a document just analysed is.
func BenchmarkEvents(b *testing.B) {
	x := extractor(b)
	arts := newsgen.Articles(200, 42, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	docs := make([]*doc, len(arts))
	n := 0
	for i := range arts {
		arts[i].ID = sitrep.ArticleID(arts[i].Text)
		docs[i] = x.analyse(context.Background(), &arts[i])
		n += len(docs[i].events())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			d.events()
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}

// longSentence returns one sentence of about n bytes, a clause with
// places, actors, a toll and a date repeated with no full stop: what a
// hostile or broken page can hand the extractor.
func longSentence(n int) string {
	const clause = "militiamen of the Allied Democratic Forces attacked soldiers near Beni and Butembo in North Kivu, killing 12 villagers on Friday, police said, and "
	return strings.Repeat(clause, n/len(clause)+1)[:n] + "."
}

// BenchmarkExtractLongSentence measures extraction of one sentence of 1,
// 2, 4 and 8 MB: the time should grow as the size does. Each run starts
// cold, as a hostile page comes among ordinary ones: the buffers the
// stages keep between articles are emptied first (two collections clear a
// sync.Pool), or the sizes they keep (up to about 4 MB of text) would run
// warm and the larger cold.
func BenchmarkExtractLongSentence(b *testing.B) {
	x := extractor(b)
	for _, mb := range []int{1, 2, 4, 8} {
		s := longSentence(mb << 20)
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				runtime.GC()
				runtime.GC()
				b.StartTimer()
				x.Extract(&sitrep.Article{ID: "long", Text: s, Published: day("2024-12-06")})
			}
		})
	}
}

// BenchmarkExtractBlankLines measures extraction of a text that is 256 KB,
// 1 MB and 4 MB of line breaks between two sentences: the sentence splitter
// once read such a run again from each of its breaks.
func BenchmarkExtractBlankLines(b *testing.B) {
	x := extractor(b)
	for _, kb := range []int{256, 1024, 4096} {
		s := "Rebels shelled Homs." + strings.Repeat("\n", kb<<10) + "Police fired tear gas in Nairobi."
		b.Run(strconv.Itoa(kb)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				x.Extract(&sitrep.Article{ID: "blank", Text: s, Published: day("2024-12-06")})
			}
		})
	}
}
