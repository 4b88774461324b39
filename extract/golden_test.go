package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// readArticle reads a testdata article: a "Published: YYYY-MM-DD" line, a
// blank line, then the text.
func readArticle(t *testing.T, path string) *sitrep.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(b), "\n\n")
	date, found := strings.CutPrefix(head, "Published: ")
	if !ok || !found {
		t.Fatalf("%s: want a 'Published: YYYY-MM-DD' line and a blank line first", path)
	}
	return &sitrep.Article{ID: filepath.Base(path), Text: body, Published: day(strings.TrimSpace(date))}
}

// TestGolden extracts every testdata/*.txt article and compares the events
// with testdata/*.events.jsonl (go test -run Golden -update rewrites them).
// The files pin whole-article behaviour; TestGoldenFacts states what in
// them must be true.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txt")
	if len(paths) == 0 {
		t.Fatal("no testdata/*.txt articles")
	}
	x := extractor(t)
	for _, path := range paths {
		a := readArticle(t, path)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for _, e := range x.Extract(a) {
			if err := enc.Encode(e); err != nil {
				t.Fatal(err)
			}
		}
		golden := strings.TrimSuffix(path, ".txt") + ".events.jsonl"
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%s: %v (run go test -run Golden -update)", path, err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: events differ from %s (go test -run Golden -update, then review the diff):\n%s", path, golden, buf.String())
		}
	}
}

// TestGoldenFacts states what must hold in the golden articles, whatever
// else changes in them.
func TestGoldenFacts(t *testing.T) {
	x := extractor(t)
	evs := func(name string) []sitrep.Event { return x.Extract(readArticle(t, "testdata/"+name)) }
	has := func(list []sitrep.Event, ok func(e sitrep.Event) bool) bool {
		for _, e := range list {
			if ok(e) {
				return true
			}
		}
		return false
	}
	at := func(e sitrep.Event, name string) bool { return e.Location != nil && e.Location.Name == name }
	reported := func(e sitrep.Event) bool { return e.Certainty == sitrep.Reported }

	kenya := evs("kenya-protest.txt")
	sahel := evs("sahel-ambush.txt")
	donbas := evs("donbas-shelling.txt")
	tests := []struct {
		name string
		list []sitrep.Event
		ok   func(e sitrep.Event) bool
		want bool
	}{
		{"tear gas in the next paragraph makes the Kisumu march a protest with intervention", kenya, func(e sitrep.Event) bool {
			return reported(e) && at(e, "Kisumu") && e.SubEventType == "Protest with intervention" && e.Actor2 != nil && e.Actor2.Side == "government"
		}, true},
		{"the Nairobi demonstration is peaceful", kenya, func(e sitrep.Event) bool {
			return reported(e) && at(e, "Nairobi") && e.SubEventType == "Peaceful protest"
		}, true},
		{"threatened nationwide protests are not reported protests", kenya, func(e sitrep.Event) bool {
			return reported(e) && e.Location != nil && e.Location.Precision == sitrep.PrecisionCountry
		}, false},
		{"the Djibo ambush killed 12 soldiers, per security sources", sahel, func(e sitrep.Event) bool {
			return reported(e) && at(e, "Djibo") && e.SubEventType == "Armed clash" && e.Fatalities != nil && *e.Fatalities == 12 && e.Attribution == "security sources"
		}, true},
		{"five civilians abducted", sahel, func(e sitrep.Event) bool {
			return reported(e) && e.SubEventType == "Abduction/forced disappearance" && e.Actor2 != nil && e.Actor2.Side == "civilians"
		}, true},
		{"the army's strikes are air strikes by Burkina Faso's military", sahel, func(e sitrep.Event) bool {
			return reported(e) && e.SubEventType == "Air/drone strike" && e.Actor1 != nil && e.Actor1.Name == "Military Forces of Burkina Faso"
		}, true},
		{"the shelling of Stanytsia Luhanska killed no one", donbas, func(e sitrep.Event) bool {
			return reported(e) && at(e, "Stanytsia Luhanska") && e.SubEventType == "Shelling/artillery/missile attack" && e.Fatalities != nil && *e.Fatalities == 0
		}, true},
		{"an accusation is not an attack", donbas, func(e sitrep.Event) bool {
			return reported(e) && at(e, "Horlivka")
		}, false},
	}
	for _, tt := range tests {
		if got := has(tt.list, tt.ok); got != tt.want {
			t.Errorf("%s: found %v, want %v;%s", tt.name, got, tt.want, describe(tt.list))
		}
	}
}
