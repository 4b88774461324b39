package sqlstore

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// Stored records name their dictionary by a version byte; changing the
// dictionary in place would make every stored record unreadable.
func TestDictionaryNeverChanges(t *testing.T) {
	const want = "a8f5aed651ee79bc06f1a13e0e08b827d2d18d324905a6426f9472eec49fa8d9"
	sum := sha256.Sum256(dict1)
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("dict.jsonl changed (sha256 %s): add a new dictionary file and version byte instead", got)
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	n := 7
	e := sitrep.Event{ID: "abc", SubEventType: "Air/drone strike", Fatalities: &n, Sentence: "Warplanes struck Hama, killing 7.", Span: [2]int{3, 40}}
	b, err := encode(&e)
	if err != nil {
		t.Fatal(err)
	}
	var back sitrep.Event
	if err := decode(b, &back); err != nil || back.ID != e.ID || *back.Fatalities != 7 || back.Sentence != e.Sentence {
		t.Errorf("decode(encode(e)) = %+v, %v", back, err)
	}
	if err := decode([]byte(`{"id":"plain"}`), &back); err != nil || back.ID != "plain" {
		t.Errorf("plain JSON record: %+v, %v", back, err)
	}
	for _, bad := range [][]byte{nil, {9, 1, 2}, {codecDict1, 0xff, 0xfe}} {
		if err := decode(bad, &back); err == nil {
			t.Errorf("decode(%v) accepted a corrupt record", bad)
		}
	}
	text := strings.Repeat("Rebels took Hama. ", 200)
	tb, err := encodeText(text)
	if err != nil || len(tb) >= len(text)/4 {
		t.Fatalf("encodeText: %d bytes for %d, %v", len(tb), len(text), err)
	}
	if got, err := decodeText(tb); err != nil || got != text {
		t.Errorf("decodeText(encodeText(s)) differs: %v", err)
	}
	if _, err := decodeText([]byte("plain")); err == nil {
		t.Error("decodeText accepted text in no known encoding")
	}
}

// TestStoredScriptURLIsNotRead: an event stored before Ingest refused
// such URLs is read without its javascript: link.
func TestStoredScriptURLIsNotRead(t *testing.T) {
	for url, want := range map[string]string{
		"javascript:alert(1)":   "",
		"data:text/html,x":      "",
		"https://example.org/a": "https://example.org/a",
	} {
		b, err := encode(&sitrep.Event{ID: "e1", Article: sitrep.ArticleRef{ID: "a1", URL: url}})
		if err != nil {
			t.Fatal(err)
		}
		var e sitrep.Event
		if err := decodeEvent(b, &e); err != nil || e.Article.URL != want {
			t.Errorf("stored URL %q read as %q (%v), want %q", url, e.Article.URL, err, want)
		}
	}
}
