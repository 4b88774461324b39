package source

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// The seed corpora are in testdata/fuzz/FuzzReadHTML and
// testdata/fuzz/FuzzReadJSONL; run a fuzzer with
//
//	go test ./source -run '^$' -fuzz FuzzReadHTML -fuzztime 1m

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(htmlPage("<title>Hama</title>", story)))
	f.Add([]byte("<p>Aleppo fell.<br><br>Hama fell.</p><table><tr><td>1</td></tr></table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Read(bytes.NewReader(data), "page.html", Options{MaxBytes: 1 << 20})
		checkRead(t, arts, err)
		for _, a := range arts {
			if strings.Contains(a.Text, "\n\n\n") {
				t.Errorf("Text has more than one blank line in a row: %q", a.Text)
			}
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"1","published":"2024-12-06","text":"Rebels entered Hama."}` + "\n" + `{"html":"<p>Hama</p>"}`))
	f.Add([]byte("{\"text\":\"a\"}\r\n\n{bad}\n[1]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A small MaxBytes, so that the fuzzer reaches the long-line path.
		arts, err := Read(bytes.NewReader(data), "feed.jsonl", Options{MaxBytes: 512})
		checkRead(t, arts, err)
	})
}

// checkRead checks what holds for every Read, whatever its input.
func checkRead(t *testing.T, arts []sitrep.Article, err error) {
	t.Helper()
	for _, a := range arts {
		if a.ID == "" {
			t.Errorf("article without id: %+v", a)
		}
		if a.Text == "" || a.Text != strings.TrimSpace(a.Text) {
			t.Errorf("Text is empty or not trimmed: %q", a.Text)
		}
		for _, s := range []string{a.Text, a.Title, a.URL, a.Source} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\x00\uFEFF") {
				t.Errorf("not clean UTF-8: %q", s)
			}
		}
		if strings.Contains(a.Title, "\n") {
			t.Errorf("Title has a line break: %q", a.Title)
		}
	}
	for _, e := range leafErrors(err) {
		var pe *ParseError
		if !errors.As(e, &pe) || !strings.HasPrefix(e.Error(), "source: ") || strings.Contains(e.Error(), "\n") {
			t.Errorf("error %q is not a one-line *ParseError", e)
		}
	}
}

// leafErrors returns the errors joined in err.
func leafErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}
