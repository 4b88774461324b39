package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/fault"
)

// quiet is a log for the failures these tests make on purpose.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// threeReports are three articles, the second of which a test makes the
// extractor panic on.
const threeReports = `{"id": "first", "published": "2024-12-06", "text": "Rebels shelled Homs on Thursday, killing two civilians."}
{"id": "second", "published": "2024-12-06", "text": "Kaboom: militants attacked a checkpoint in Hama on Thursday."}
{"id": "third", "published": "2024-12-06", "text": "Police fired tear gas at protesters in Nairobi on Thursday."}
`

type postAnswer struct {
	Results []struct {
		ArticleID string `json:"article_id"`
		Status    string
		Error     string
	}
}

// statuses returns the answer's status per article, and its errors.
func statuses(t *testing.T, body string) (string, string) {
	t.Helper()
	var a postAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	var ss, es []string
	for _, r := range a.Results {
		ss = append(ss, r.ArticleID+" "+r.Status)
		es = append(es, r.Error)
	}
	return strings.Join(ss, ", "), strings.Join(es, "|")
}

func TestAPostedArticleThatPanicsFailsAlone(t *testing.T) {
	fault.Extract = func(s string) {
		if strings.Contains(s, "Kaboom") {
			panic("injected fault")
		}
	}
	defer func() { fault.Extract = nil }()
	st := testStore(t, false)
	ts := newTestServer(t, st, Options{Token: "k", Log: quiet})
	code, body := post(t, ts, "k", "application/json", threeReports)
	got, errs := statuses(t, body)
	if code != 201 || got != "first new, second failed, third new" || !strings.Contains(errs, "article second: panic: injected fault") {
		t.Fatalf("POST: %d %s; want 201, the second failed and named", code, body)
	}
	fault.Extract = nil
	code, body = post(t, ts, "k", "application/json", threeReports)
	if got, _ := statuses(t, body); code != 201 || got != "first duplicate, second new, third duplicate" {
		t.Errorf("again, without the fault: %d %s; want the second stored, the others duplicates", code, body)
	}
}

func TestAPostedArticleOverItsTimeFails(t *testing.T) {
	st := testStore(t, false)
	ts := newTestServer(t, st, Options{Token: "k", ArticleTimeout: time.Nanosecond, Log: quiet})
	code, body := post(t, ts, "k", "application/json", threeReports)
	got, errs := statuses(t, body)
	if code != 200 || got != "first failed, second failed, third failed" || !strings.Contains(errs, "article third: gave up: context deadline exceeded") {
		t.Errorf("POST: %d %s; want 200, each article failed and named", code, body)
	}
}
