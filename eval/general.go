package eval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
)

// GeneralItem is one item of general news: most report no political
// violence, and the extractor should stay silent on them.
type GeneralItem struct {
	ID string
	// Set is the collection: "ag" (AG News), "bbc" (BBC News), "glocon"
	// (South African protest news).
	Set string
	// Category is the collection's own class: AG's "World", "Sports",
	// "Business", "Sci/Tech"; BBC's "business", "politics"...; GLOCON's
	// "news".
	Category string
	Text     string
	// Codable is 1 when a coder says the item reports an event ACLED
	// would code (GLOCON: a protest), 0 when not, -1 when unlabelled.
	Codable int
	// SubEventType and Country (ISO 3166 alpha-2) of the labelled main
	// event, when codable.
	SubEventType, Country string
}

// ReadAGNews reads AG News items as ../shared/data/general writes them
// (id, class, title, description, codable, sub_event_type, country, ...).
func ReadAGNews(r io.Reader, name string) ([]GeneralItem, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("eval: %s: empty", name)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"id", "class", "title", "description", "codable"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("eval: %s:1: header has no %q column", name, need)
		}
	}
	var items []GeneralItem
	for n, rec := range recs[1:] {
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		it := GeneralItem{ID: get("id"), Set: "ag", Category: get("class"), Codable: -1,
			Text: agText(get("title")) + "\n\n" + agText(get("description")), SubEventType: get("sub_event_type"), Country: get("country")}
		switch get("codable") {
		case "1":
			it.Codable = 1
		case "0":
			it.Codable = 0
		case "":
		default:
			return nil, fmt.Errorf("eval: %s:%d: codable: %q is not 0 or 1", name, n+2, get("codable"))
		}
		items = append(items, it)
	}
	return items, nil
}

// ReadBBC reads BBC News articles (category, text).
func ReadBBC(r io.Reader, name string) ([]GeneralItem, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", name, err)
	}
	if len(recs) == 0 || len(recs[0]) < 2 || recs[0][0] != "category" || recs[0][1] != "text" {
		return nil, fmt.Errorf("eval: %s:1: want the header category,text", name)
	}
	var items []GeneralItem
	for n, rec := range recs[1:] {
		items = append(items, GeneralItem{ID: "bbc" + strconv.Itoa(n+1), Set: "bbc", Category: rec[0], Text: rec[1], Codable: -1})
	}
	return items, nil
}

// agEntity is an HTML entity of the AG News corpus, whose ampersands
// became spaces ("Iraq #39;s", "said  quot;").
var agEntity = regexp.MustCompile(` ?(#[0-9]{1,5}|\b(?:quot|amp|lt|gt));`)

// agText repairs the AG News corpus's damaged entities, so that the text
// reads as the news did: "Iraq's", "said \"".
func agText(s string) string {
	s = agEntity.ReplaceAllString(s, "&$1;")
	return html.UnescapeString(s)
}

// ReadGLOCON reads South African news labelled protest or not, one JSON
// object a line ({id, url, text, label}); a planned or threatened protest
// (label 2) is no protest.
func ReadGLOCON(r io.Reader, name string) ([]GeneralItem, error) {
	var items []GeneralItem
	err := eachJSONLine(r, name, func(n int, line []byte) error {
		var rec struct {
			ID    string `json:"id"`
			Text  string `json:"text"`
			Label *int   `json:"label"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		if rec.Label == nil {
			return errors.New("no label")
		}
		it := GeneralItem{ID: rec.ID, Set: "glocon", Category: "news", Text: rec.Text}
		if *rec.Label == 1 {
			it.Codable = 1
		}
		items = append(items, it)
		return nil
	})
	return items, err
}

// eachJSONLine calls fn with each non-blank line of r, numbered from 1; an
// error from fn or from reading is returned naming the file and line.
func eachJSONLine(r io.Reader, name string, fn func(n int, line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(n, sc.Bytes()); err != nil {
			return fmt.Errorf("eval: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("eval: %s: %w", name, err)
	}
	return nil
}

// codedEvents returns the events an analyst would find in the record
// (Event.Coded).
func codedEvents(evs []sitrep.Event) []sitrep.Event {
	var out []sitrep.Event
	for i := range evs {
		if evs[i].Coded() {
			out = append(out, evs[i])
		}
	}
	return out
}

// GeneralMetrics are the counts of a run over general news.
type GeneralMetrics struct {
	// AG World: labelled items, those with a reported event, those
	// codable, both; sub-type and country right on both.
	WorldItems, WorldPredicted, WorldCodable, WorldBoth, WorldSubType, WorldCountry int
	// Per set/category of off-topic news: items, and those with any
	// reported event.
	OffTopic, OffTopicEvent map[string]int
	// GLOCON: items, protests labelled, protests found, both.
	GloconItems, GloconGold, GloconPredicted, GloconBoth int
	Items                                                int
	Seconds                                              float64
}

// offTopic names the categories scored for silence, as "set_category".
var offTopic = []string{"ag_sports", "ag_business", "ag_scitech", "bbc_business", "bbc_entertainment", "bbc_sport", "bbc_tech", "bbc_politics"}

// GeneralOutcome is how one item went, for study.
type GeneralOutcome struct {
	Item   *GeneralItem
	Events []sitrep.Event // the reported events of ACLED's types
	// Wrong says the item counts against a figure (a false or missed
	// event, a wrong sub-type or country).
	Wrong bool
	What  string
}

// ScoreGeneral extracts every item and scores it. fn, when not nil, gets
// each item's outcome.
func ScoreGeneral(x *extract.Extractor, items []GeneralItem, fn func(GeneralOutcome)) GeneralMetrics {
	m := GeneralMetrics{OffTopic: map[string]int{}, OffTopicEvent: map[string]int{}}
	start := time.Now()
	for i := range items {
		it := &items[i]
		a := &sitrep.Article{ID: it.Set + "-" + it.ID, Text: it.Text}
		evs := codedEvents(x.Extract(a))
		m.Items++
		o := GeneralOutcome{Item: it, Events: evs}
		key := it.Set + "_" + strings.ToLower(strings.ReplaceAll(it.Category, "/", ""))
		switch {
		case it.Set == "ag" && it.Category == "World" && it.Codable >= 0:
			m.WorldItems++
			got, gold := len(evs) > 0, it.Codable == 1
			if got {
				m.WorldPredicted++
			}
			if gold {
				m.WorldCodable++
			}
			switch {
			case got && gold:
				m.WorldBoth++
				e := evs[0]
				sub := e.SubEventType == it.SubEventType
				cc := e.Location != nil && e.Location.CountryCode == it.Country
				if sub {
					m.WorldSubType++
				}
				if cc {
					m.WorldCountry++
				}
				if !sub || !cc {
					o.Wrong, o.What = true, fmt.Sprintf("HIT gold %s %s", it.SubEventType, it.Country)
				}
			case got:
				o.Wrong, o.What = true, "FALSE"
			case gold:
				o.Wrong, o.What = true, fmt.Sprintf("MISSED gold %s %s", it.SubEventType, it.Country)
			}
		case it.Set == "glocon":
			m.GloconItems++
			got := false
			for _, e := range evs {
				if e.EventType == sitrep.Protests || e.SubEventType == "Violent demonstration" {
					got = true
				}
			}
			gold := it.Codable == 1
			if gold {
				m.GloconGold++
			}
			if got {
				m.GloconPredicted++
			}
			if got && gold {
				m.GloconBoth++
			}
			if got != gold {
				o.Wrong, o.What = true, map[bool]string{true: "FALSE protest", false: "MISSED protest"}[got]
			}
		default:
			m.OffTopic[key]++
			if len(evs) > 0 {
				m.OffTopicEvent[key]++
				o.Wrong, o.What = true, "OFF-TOPIC "+key
			}
		}
		if fn != nil {
			fn(o)
		}
	}
	m.Seconds = time.Since(start).Seconds()
	return m
}

// Figures returns the metrics in the order `sitrep eval general` prints
// them, each with its trivial baseline (NaN where none applies).
func (m GeneralMetrics) Figures() []Figure {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	figs := []Figure{
		{"items", float64(m.Items)},
		{"ag_world_items", float64(m.WorldItems)},
		{"ag_world_precision", ratio(m.WorldBoth, m.WorldPredicted)},
		{"ag_world_recall", ratio(m.WorldBoth, m.WorldCodable)},
		{"ag_world_subtype_acc", ratio(m.WorldSubType, m.WorldBoth)},
		{"ag_world_country_acc", ratio(m.WorldCountry, m.WorldBoth)},
	}
	for _, k := range offTopic {
		figs = append(figs, Figure{k + "_with_event", ratio(m.OffTopicEvent[k], m.OffTopic[k])})
	}
	figs = append(figs,
		Figure{"glocon_protest_precision", ratio(m.GloconBoth, m.GloconPredicted)},
		Figure{"glocon_protest_recall", ratio(m.GloconBoth, m.GloconGold)},
	)
	perSec := 0.0
	if m.Seconds > 0 {
		perSec = float64(m.Items) / m.Seconds
	}
	return append(figs, Figure{"items_per_sec", perSec})
}

// GeneralBaselines are the figures of the trivial reader that reports an
// event in every item: its precision is the share of codable items.
func (m GeneralMetrics) GeneralBaselines() map[string]float64 {
	b := map[string]float64{}
	if m.WorldItems > 0 {
		b["ag_world_precision"] = float64(m.WorldCodable) / float64(m.WorldItems)
	}
	if m.GloconItems > 0 {
		b["glocon_protest_precision"] = float64(m.GloconGold) / float64(m.GloconItems)
	}
	return b
}

// ErrNoGeneral is returned when a directory holds none of the general
// news files.
var ErrNoGeneral = errors.New("no ag_news_dev.csv, bbc_news.csv or glocon_sabinet_protest.jsonl")
