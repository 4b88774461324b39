package extract

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Article text is outside input. Run a fuzzer with
//
//	go test ./extract -run '^$' -fuzz '^FuzzExtract$' -fuzztime 1m

// hostile are seeds every fuzzer here starts from besides its own.
var hostile = []string{
	"",
	"\x00\x00\x00",
	"\xff\xfe\xc3\x28 Rebels shelled \xe2\x82 Aleppo.",
	"' OR 1=1 -- killed 5% of _ people in Homs;",
	"<script>alert('x')</script><p>Airstrikes killed 12 in <b>Idlib",
	"99999999999999999999999999 people were killed in Hama on 99/99/9999.",
	strings.Repeat("Clashes in Aleppo killed dozens. ", 200),
	strings.Repeat("a", 5000),
}

func FuzzExtract(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("At least 12 people were killed when government airstrikes hit a market in Idlib on Friday, the Syrian Observatory said.")
	f.Add("Dozens of protesters gathered in Khartoum yesterday; police fired tear gas. Two hundred were arrested.")
	f.Add("Some 1,500 families fled Rastan, in Homs province, last week after rebels captured the town on 21 March 2020.")
	f.Add("Israeli strikes killed 1,000,000 in Gaza three days ago, officials said, though 2 million figures could not be verified.")
	f.Add("Houthi forces shelled Taiz on 12/04. Total fatalities coded as 6, split between 3 events.")
	f.Add("A roadside bomb killed twenty-five soldiers near Kandahar 1000000000 years ago and 999999999 weeks ago.")
	f.Add("On March 31st, 2021 (31/02/2021), gunmen abducted one hundred and twenty villagers in Zamfara, Nigeria.")
	for _, s := range realSeeds(f) {
		f.Add(s)
	}
	x, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	pub := time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		a := sitrep.Article{ID: "fuzz", Text: s, Published: pub}
		for _, e := range x.Extract(&a) {
			if e.Span[0] < 0 || e.Span[0] > e.Span[1] || e.Span[1] > len(s) || s[e.Span[0]:e.Span[1]] != e.Sentence {
				t.Fatalf("span %v does not hold sentence %q in a text of %d bytes", e.Span, e.Sentence, len(s))
			}
			if e.TriggerSpan[0] < 0 || e.TriggerSpan[0] > e.TriggerSpan[1] || e.TriggerSpan[1] > len(s) {
				t.Fatalf("trigger span %v outside a text of %d bytes", e.TriggerSpan, len(s))
			}
			if e.EventType != "" || e.SubEventType != "" {
				if sitrep.Taxonomy[e.SubEventType] != e.EventType {
					t.Fatalf("type %q / %q is not in the taxonomy", e.EventType, e.SubEventType)
				}
			}
			for _, n := range []*int{e.Fatalities, e.Displaced} {
				if n != nil && *n < 0 {
					t.Fatalf("negative figure %d (%q, %q)", *n, e.FatalitiesText, e.DisplacedText)
				}
			}
			if e.Date != "" {
				if _, err := time.Parse(sitrep.DateLayout, e.Date); err != nil {
					t.Fatalf("date %q (from %q) is not YYYY-MM-DD: %v", e.Date, e.DateText, err)
				}
			}
			if l := e.Location; l != nil {
				if !(l.Lat >= -90 && l.Lat <= 90 && l.Lon >= -180 && l.Lon <= 180) || math.IsNaN(l.Lat) || math.IsNaN(l.Lon) {
					t.Fatalf("location %q at %g,%g", l.Name, l.Lat, l.Lon)
				}
			}
		}
	})
}

// FuzzParseDate: a date ParseDate returns is a UTC day that formats as
// YYYY-MM-DD and parses back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	for _, s := range []string{"2020-03-21", "2020-03-21T10:00:00+03:00", "21 March 2020", "9-May-20", "31-12-19",
		"March 21, 2020", "21 Mar 2020", "21/03/2020", "2020/03/21", "0000-01-01", "9999-12-31T23:59:59-23:59",
		"0001-01-01T00:00:00+01:00", "31-02-20", " 2020-03-21 ", "2020-3-21", "1-1-00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != (time.Time{}) {
				t.Fatalf("ParseDate(%q) = %v with error %v", s, d, err)
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not a UTC day", s, d)
		}
		f := d.Format(sitrep.DateLayout)
		back, err := ParseDate(f)
		if err != nil || !back.Equal(d) {
			t.Fatalf("ParseDate(%q) = %s, which parses back as %v, %v", s, f, back, err)
		}
	})
}

// FuzzFindDates checks the dates the extractor resolves in a sentence
// against a publication date: mentions are ordered token ranges, dates are
// days sitrep can write, and a date the text gives without a year
// ("yesterday", "on Friday", "three days ago", "21 March", "12/04") is not
// after the day after publication.
func FuzzFindDates(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, int64(0))
	}
	for _, s := range []string{"yesterday", "on Friday", "last week", "three days ago", "2 weeks ago", "1000000000 years ago",
		"999999999 days ago", "in March", "since May", "on 21 March", "on March 21st", "21st of Mar. 2020", "12/04", "04/13",
		"21/03/20", "2020-03-21", "in 2011", "recently", "the day before yesterday", "December 31 2019", "31 February",
		"twenty-five months ago", "a hundred years ago"} {
		f.Add("Rebels attacked Homs "+s+", officials said.", int64(0))
		f.Add(s, int64(-800000))
	}
	for _, s := range realSeeds(f) {
		f.Add(s, int64(0))
	}
	x, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	base := time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, days int64) {
		pub := base.AddDate(0, 0, int(days%1_000_000)) // about 2700 years either way
		toks := text.Tokenize(s)
		prev := 0
		for _, m := range x.lx.findDates(s, toks, pub) {
			if m.start < prev || m.start >= m.end || m.end > len(toks) {
				t.Fatalf("mention at tokens [%d,%d) after %d, of %d tokens", m.start, m.end, prev, len(toks))
			}
			prev = m.end
			phrase := s[toks[m.start].Start:toks[m.end-1].End]
			switch m.precision {
			case "day", "week", "month", "year":
			default:
				t.Fatalf("%q: precision %q", phrase, m.precision)
			}
			if m.date.IsZero() || m.date.Location() != time.UTC {
				t.Fatalf("%q: date %v", phrase, m.date)
			}
			if pub.Year() < 1 || pub.Year() > 9999 {
				continue // no date of the text can be written then
			}
			out := m.date.Format(sitrep.DateLayout)
			if back, err := time.Parse(sitrep.DateLayout, out); err != nil || !back.Equal(m.date) {
				t.Fatalf("%q (published %s): date %s does not parse back: %v", phrase, pub.Format(sitrep.DateLayout), out, err)
			}
			numbers, year := 0, false
			for _, tk := range toks[m.start:m.end] {
				if tk.Kind == text.Number {
					numbers++
					year = year || len(tk.Norm) == 4
				}
			}
			if !year && numbers < 3 && m.date.After(pub.AddDate(0, 0, 1)) {
				t.Fatalf("%q (published %s): resolved to %s, after publication", phrase, pub.Format(sitrep.DateLayout), out)
			}
		}
	})
}

// seedsPerFile is how many texts realSeeds takes from each file of the
// shared data: every seed runs under go test, so a sample, spread evenly
// over the file (TestEveryRealTextReads in eval reads them all).
const seedsPerFile = 40

// realSeeds returns real texts from ../shared/data, read at run time (the
// data is never copied here), for the fuzzers to start from: a sample of
// each file, and BBC article 502, which once panicked appendDraftEvents
// (issue 16). None when the data is absent.
func realSeeds(tb testing.TB) []string {
	dir := filepath.Join("..", "..", "shared", "data")
	var out []string
	sample := func(texts []string) {
		for i := 0; i < len(texts); i += max(1, len(texts)/seedsPerFile) {
			out = append(out, texts[i])
		}
	}
	column := func(file string, comma rune, cols ...string) []string {
		fh, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			return nil
		}
		defer fh.Close()
		r := csv.NewReader(fh)
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = comma, true, -1
		recs, err := r.ReadAll()
		if err != nil || len(recs) == 0 {
			tb.Logf("%s: %v", file, err)
			return nil
		}
		var texts []string
		for _, rec := range recs[1:] {
			var parts []string
			for _, c := range cols {
				for k, h := range recs[0] {
					if h == c && k < len(rec) {
						parts = append(parts, rec[k])
					}
				}
			}
			texts = append(texts, strings.Join(parts, " "))
		}
		return texts
	}
	acled, _ := filepath.Glob(filepath.Join(dir, "acled", "*.csv"))
	for _, p := range acled {
		sample(column(filepath.Join("acled", filepath.Base(p)), ',', "notes"))
	}
	sample(column("general/ag_news_dev.csv", ',', "title", "description"))
	bbc := column("general/bbc_news.csv", ',', "text")
	sample(bbc)
	if len(bbc) > 501 {
		out = append(out, bbc[501])
	}
	sample(column("geoparse/geocorpora.tsv", '\t', "tweet_text"))
	if raw, err := os.ReadFile(filepath.Join(dir, "geoparse", "GeoVirus.xml")); err == nil {
		var doc struct {
			Texts []string `xml:"article>text"`
		}
		if xml.Unmarshal(raw, &doc) == nil {
			sample(doc.Texts)
		}
	}
	if fh, err := os.Open(filepath.Join(dir, "general", "glocon_sabinet_protest.jsonl")); err == nil {
		var texts []string
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var rec struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil {
				texts = append(texts, rec.Text)
			}
		}
		fh.Close()
		sample(texts)
	}
	if len(out) == 0 {
		tb.Logf("no real texts under %s to seed from", dir)
	}
	return out
}
