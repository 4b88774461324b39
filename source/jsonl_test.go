package source

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

func TestReadJSONL(t *testing.T) {
	dec6 := time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)
	jan1 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	opt := Options{Published: jan1}
	tests := []struct {
		name string
		line string
		want sitrep.Article
	}{
		{
			name: "full record keeps its id",
			line: `{"id":"sana-123","url":"https://sana.sy/123","title":"Hama","published":"2024-12-06T10:30:00Z","source":"SANA","text":"Rebels entered Hama."}`,
			want: sitrep.Article{ID: "sana-123", URL: "https://sana.sy/123", Title: "Hama", Published: time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC), Source: "SANA", Text: "Rebels entered Hama."},
		},
		{
			name: "record without id gets the id of its text",
			line: `{"text":"Rebels entered Hama."}`,
			want: sitrep.Article{ID: sitrep.ArticleID("Rebels entered Hama."), Published: jan1, Source: "feed.jsonl", Text: "Rebels entered Hama."},
		},
		{
			name: "bare date",
			line: `{"id":"a","published":"2024-12-06","text":"x"}`,
			want: sitrep.Article{ID: "a", Published: dec6, Source: "feed.jsonl", Text: "x"},
		},
		{
			name: "RFC 1123 date",
			line: `{"id":"a","published":"Fri, 06 Dec 2024 00:00:00 GMT","text":"x"}`,
			want: sitrep.Article{ID: "a", Published: dec6, Source: "feed.jsonl", Text: "x"},
		},
		{
			name: "null and empty fields are absent",
			line: `{"id":null,"url":"","published":null,"text":"x"}`,
			want: sitrep.Article{ID: sitrep.ArticleID("x"), Published: jan1, Source: "feed.jsonl", Text: "x"},
		},
		{
			name: "unknown fields are ignored",
			line: `{"id":"a","text":"x","lang":"ar","tags":["syria"],"meta":{"n":1}}`,
			want: sitrep.Article{ID: "a", Published: jan1, Source: "feed.jsonl", Text: "x"},
		},
		{
			name: "text is cleaned",
			line: `{"id":"a","text":"\ufeffAleppo.\r\nHama.\u0000 "}`,
			want: sitrep.Article{ID: "a", Published: jan1, Source: "feed.jsonl", Text: "Aleppo.\nHama."},
		},
		{
			name: "html in place of text",
			line: `{"id":"a","url":"https://example.com/x","html":` + jsonString(htmlPage(`<title>Rebels take Hama</title><meta property="article:published_time" content="2024-12-06">`, story)) + `}`,
			want: sitrep.Article{ID: "a", URL: "https://example.com/x", Title: "Rebels take Hama", Published: dec6, Source: "feed.jsonl", Text: storyText},
		},
		{
			name: "record fields win over the page's",
			line: `{"id":"a","title":"Hama falls","published":"2024-12-01","html":` + jsonString(htmlPage(`<title>Rebels take Hama</title><meta property="article:published_time" content="2024-12-06">`, story)) + `}`,
			want: sitrep.Article{ID: "a", Title: "Hama falls", Published: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), Source: "feed.jsonl", Text: storyText},
		},
		{
			name: "text wins over html",
			line: `{"id":"a","text":"Rebels entered Hama.","html":"<p>other</p>"}`,
			want: sitrep.Article{ID: "a", Published: jan1, Source: "feed.jsonl", Text: "Rebels entered Hama."},
		},
		{
			name: "Arabic text",
			line: `{"id":"a","text":"` + arabic + `"}`,
			want: sitrep.Article{ID: "a", Published: jan1, Source: "feed.jsonl", Text: arabic},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readOne(t, tt.line+"\n", "feed.jsonl", opt)
			if !a.Published.Equal(tt.want.Published) {
				t.Errorf("Published = %v, want %v", a.Published, tt.want.Published)
			}
			a.Published = tt.want.Published
			if a != tt.want {
				t.Errorf("Read(%s) =\n%+v\nwant\n%+v", tt.line, a, tt.want)
			}
		})
	}
}

func TestReadJSONLFile(t *testing.T) {
	in := "\uFEFF" + `{"id":"1","text":"one"}` + "\r\n\r\n" + `  {"id":"2","text":"two"}  ` + "\n\n" + `{"id":"3","text":"three"}`
	arts, err := Read(strings.NewReader(in), "-", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID+"="+a.Text+"@"+a.Source)
	}
	if got, want := strings.Join(ids, " "), "1=one@ 2=two@ 3=three@"; got != want {
		t.Errorf("records = %s, want %s (BOM, CRLF, blank lines, no final newline, no source for stdin)", got, want)
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
