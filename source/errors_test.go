package source

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestReadErrors(t *testing.T) {
	var feed7 strings.Builder
	for i := 1; i <= 8; i++ {
		if i == 7 {
			feed7.WriteString(`{"id":"7","text":"Hama" "x"}` + "\n")
			continue
		}
		fmt.Fprintf(&feed7, `{"id":"%d","text":"record %d"}`+"\n", i, i)
	}
	var many strings.Builder
	for i := 0; i < 25; i++ {
		many.WriteString("{\"id\":\"x\"}\n")
	}
	many.WriteString(`{"id":"good","text":"Hama."}` + "\n")

	tests := []struct {
		name string
		file string
		in   string
		opt  Options
		// want is the first line of the error.
		want string
		// is, line and field are what the first *ParseError must hold.
		is    error
		line  int
		field string
		// kept is how many articles come back along with the error.
		kept int
	}{
		{
			name: "malformed JSON on line 7 names the line and keeps the other records",
			file: "feed.jsonl", in: feed7.String(),
			want: "source: feed.jsonl:7: malformed JSON at column 25: invalid character '\"' after object key:value pair",
			is:   ErrMalformed, line: 7, kept: 7,
		},
		{
			name: "unparseable published date names the line and field",
			file: "feed.jsonl", in: `{"text":"a"}` + "\n" + `{"published":"yesterday-ish","text":"b"}` + "\n",
			want: `source: feed.jsonl:2: published: cannot parse "yesterday-ish": want RFC 3339, YYYY-MM-DD or RFC 1123`,
			is:   ErrDate, line: 2, field: "published", kept: 1,
		},
		{
			name: "jsonl record without text is an error naming the line",
			file: "feed.jsonl", in: `{"id":"a","title":"Hama"}` + "\n",
			want: `source: feed.jsonl:1: text: no text: the record has neither "text" nor "html"`,
			is:   ErrNoText, line: 1, field: "text",
		},
		{
			name: "jsonl record with blank text is an error",
			file: "feed.jsonl", in: `{"text":" \n "}` + "\n",
			want: "source: feed.jsonl:1: text: no text",
			is:   ErrNoText, line: 1, field: "text",
		},
		{
			name: "jsonl record whose html has no text names the html field",
			file: "feed.jsonl", in: `{"html":"<html><body><p> </p></body></html>"}` + "\n",
			want: "source: feed.jsonl:1: html: no text",
			is:   ErrNoText, line: 1, field: "html",
		},
		{
			name: "a url that is not http or https is refused, naming the field",
			file: "feed.jsonl", in: `{"url":"javascript:alert(1)","text":"Shelling hit Rastan."}` + "\n" + `{"url":"https://example.org/b","text":"b"}` + "\n",
			want: `source: feed.jsonl:1: url: not an http or https URL: "javascript:alert(1)"`,
			is:   ErrURL, line: 1, field: "url", kept: 1,
		},
		{
			name: "a data: url is refused too",
			file: "feed.jsonl", in: `{"url":" DATA:text/html,x","text":"a"}` + "\n",
			want: `source: feed.jsonl:1: url: not an http or https URL: "DATA:text/html,x"`,
			is:   ErrURL, line: 1, field: "url",
		},
		{
			name: "a url option that is not http or https refuses the input",
			file: "page.txt", in: "Shelling hit Rastan.", opt: Options{URL: "javascript:alert(1)"},
			want: `source: page.txt: url: not an http or https URL: "javascript:alert(1)"`,
			is:   ErrURL, field: "url",
		},
		{
			name: "field of the wrong type is named",
			file: "feed.jsonl", in: `{"id":5,"text":"x"}` + "\n",
			want: "source: feed.jsonl:1: id: malformed JSON: want a string, got number",
			is:   ErrMalformed, line: 1, field: "id",
		},
		{
			name: "line that is not an object is an error",
			file: "feed.jsonl", in: "[1,2]\n" + `{"text":"x"}` + "\n",
			want: "source: feed.jsonl:1: malformed JSON: want an object per line, got array",
			is:   ErrMalformed, line: 1, kept: 1,
		},
		{
			name: "truncated last line is an error",
			file: "feed.jsonl", in: `{"text":"x"}` + "\n" + `{"text":"y`,
			want: "source: feed.jsonl:2: malformed JSON at column 10: unexpected end of JSON input",
			is:   ErrMalformed, line: 2, kept: 1,
		},
		{
			name: "line over MaxBytes is skipped and named",
			file: "feed.jsonl", in: `{"text":"a"}` + "\n" + `{"text":"` + strings.Repeat("b", 100) + `"}` + "\n" + `{"text":"c"}` + "\n",
			opt:  Options{MaxBytes: 64},
			want: "source: feed.jsonl:2: too large: line longer than 64 bytes",
			is:   ErrTooLarge, line: 2, kept: 2,
		},
		{
			name: "many bad records are counted, not listed",
			file: "feed.jsonl", in: many.String(),
			want: `source: feed.jsonl:1: text: no text: the record has neither "text" nor "html"`,
			is:   ErrNoText, line: 1, field: "text", kept: 1,
		},
		{
			name: "binary file is an error",
			file: "photo.png", in: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
			want: "source: photo.png: not text: looks like image/png",
			is:   ErrBinary,
		},
		{
			name: "file over MaxBytes is an error",
			file: "big.txt", in: strings.Repeat("Hama. ", 20),
			opt:  Options{MaxBytes: 50},
			want: "source: big.txt: too large: more than 50 bytes",
			is:   ErrTooLarge,
		},
		{
			name: "empty file has no text",
			file: "empty.txt", in: " \n\n ",
			want: "source: empty.txt: no text",
			is:   ErrNoText,
		},
		{
			name: "page without text has no text",
			file: "empty.html", in: "<html><head><title>Hama</title></head><body><script>x()</script></body></html>",
			want: "source: empty.html: no text",
			is:   ErrNoText,
		},
		{
			name: "feed is unsupported",
			file: "-", in: `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`,
			want: "source: -: unsupported format: XML (an RSS or Atom feed?), not text, HTML or JSONL",
			is:   ErrUnsupported,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Read(strings.NewReader(tt.in), tt.file, tt.opt)
			if err == nil {
				t.Fatalf("Read = %d articles, no error; want %q", len(arts), tt.want)
			}
			if first, _, _ := strings.Cut(err.Error(), "\n"); first != tt.want {
				t.Errorf("error = %q\nwant    %q", first, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if !errors.Is(pe, tt.is) || pe.File != tt.file || pe.Line != tt.line || pe.Field != tt.field {
				t.Errorf("ParseError = {File: %q, Line: %d, Field: %q, Err: %v}; want {%q, %d, %q, %v}",
					pe.File, pe.Line, pe.Field, pe.Err, tt.file, tt.line, tt.field, tt.is)
			}
			if len(arts) != tt.kept {
				t.Errorf("Read kept %d articles, want %d", len(arts), tt.kept)
			}
		})
	}
}

func TestManyBadRecordsAreSummed(t *testing.T) {
	in := strings.Repeat("{\"id\":\"x\"}\n", maxReported+5)
	_, err := Read(strings.NewReader(in), "feed.jsonl", Options{})
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxReported+1 {
		t.Fatalf("error has %d lines, want %d", len(lines), maxReported+1)
	}
	if last, want := lines[len(lines)-1], "source: feed.jsonl: 5 more bad records not shown"; last != want {
		t.Errorf("last line = %q, want %q", last, want)
	}
}
