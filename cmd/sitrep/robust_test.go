package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/fault"
)

// threeReports are three articles, the second of which a test makes the
// extractor panic on.
const threeReports = `{"id": "first", "published": "2024-12-06", "text": "Rebels shelled Homs on Thursday, killing two civilians."}
{"id": "second", "published": "2024-12-06", "text": "Kaboom: militants attacked a checkpoint in Hama on Thursday."}
{"id": "third", "published": "2024-12-06", "text": "Police fired tear gas at protesters in Nairobi on Thursday."}
`

// panicOn makes the extractor panic on the texts that hold word, for the
// rest of the test.
func panicOn(t *testing.T, word string) {
	fault.Extract = func(s string) {
		if strings.Contains(s, word) {
			panic("injected fault")
		}
	}
	t.Cleanup(func() { fault.Extract = nil })
}

func TestAPanickingArticleDoesNotStopExtract(t *testing.T) {
	panicOn(t, "Kaboom")
	p := write(t, "three.jsonl", threeReports)
	code, out, errs := runCmd(t, "extract", p)
	if code == 0 || !strings.Contains(errs, "article second: panic: injected fault") {
		t.Errorf("exit %d, stderr %q: want non-zero, naming the article", code, errs)
	}
	if !strings.Contains(out, `"id":"first"`) || !strings.Contains(out, `"id":"third"`) || strings.Contains(out, `"id":"second"`) {
		t.Errorf("output %s: want the events of the first and third articles", out)
	}
}

func TestAPanickingArticleDoesNotStopIngest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	p := write(t, "three.jsonl", threeReports)
	panicOn(t, "Kaboom")
	code, _, errs := runCmd(t, "ingest", "--db", db, p)
	if code == 0 || !strings.Contains(errs, "article second: panic: injected fault") || !strings.Contains(errs, "3 articles: 2 new, 0 duplicate, 0 near-duplicate, 1 failed") {
		t.Fatalf("exit %d, stderr %q: want the failed article named and counted", code, errs)
	}
	fault.Extract = nil
	code, _, errs = runCmd(t, "ingest", "--db", db, p)
	if code != 0 || !strings.Contains(errs, "3 articles: 1 new, 2 duplicate, 0 near-duplicate, 0 failed") {
		t.Errorf("again, without the fault: exit %d, %q; want the failed one stored, the others duplicates", code, errs)
	}
}

func TestAnArticleOverItsTimeIsNamed(t *testing.T) {
	p := write(t, "three.jsonl", threeReports)
	code, _, errs := runCmd(t, "extract", "--timeout", "1ns", p)
	if code == 0 || !strings.Contains(errs, "article first: gave up: context deadline exceeded") || !strings.Contains(errs, "3 articles failed") {
		t.Errorf("exit %d, stderr %q: want each article named as given up", code, errs)
	}
	db := filepath.Join(t.TempDir(), "sitrep.db")
	code, _, errs = runCmd(t, "ingest", "--db", db, "--timeout", "1ns", p)
	if code == 0 || !strings.Contains(errs, "article third: gave up") || !strings.Contains(errs, "3 articles: 0 new, 0 duplicate, 0 near-duplicate, 3 failed") {
		t.Errorf("ingest: exit %d, stderr %q: want each article named and counted failed", code, errs)
	}
}
