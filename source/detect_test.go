package source

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

func TestDetect(t *testing.T) {
	long := `{"text": "` + strings.Repeat("Rebels entered Hama. ", 500) // no line end within the head
	tests := []struct {
		name    string
		file    string
		head    string
		want    Format
		wantErr error
	}{
		{"html extension wins over content", "page.html", "Rebels entered Hama.", HTML, nil},
		{"htm extension is html", "PAGE.HTM", "", HTML, nil},
		{"jsonl extension", "feed.jsonl", "not json at all", JSONL, nil},
		{"ndjson extension", "feed.ndjson", "", JSONL, nil},
		{"txt extension reads markup as text", "notes.txt", "<html><p>x</p></html>", Text, nil},
		{"doctype is html", "-", "<!DOCTYPE html>\n<html>", HTML, nil},
		{"html tag with attributes is html", "page", `<html lang="ar" dir="rtl">`, HTML, nil},
		{"upper-case HTML is html", "page", "<HTML><BODY>", HTML, nil},
		{"white space and BOM before html", "page", "\uFEFF\n\n  <html>", HTML, nil},
		{"fragment starting with a paragraph is html", "snippet", "<p>Rebels entered Hama.</p>", HTML, nil},
		{"leading comment is html", "page", "<!-- saved from url -->\n<html>", HTML, nil},
		{"angle-bracketed word is text", "wire", "<Reuters> Rebels entered Hama.", Text, nil},
		{"tag name must end", "wire", "<pre-war> borders", Text, nil},
		{"object per line is jsonl", "-", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", JSONL, nil},
		{"single object without line end is jsonl", "-", `{"text":"a"}`, JSONL, nil},
		{"brace that is not json is text", "-", "{Update} Rebels entered Hama.\n", Text, nil},
		{"record longer than the head is jsonl", "-", long[:sniffLen], JSONL, nil},
		{"plain prose is text", "-", "Rebels entered Hama on Thursday.", Text, nil},
		{"empty input is text", "-", "", Text, nil},
		{"json extension is jsonl", "feed.json", "{}", JSONL, nil},
		{"xhtml with xml declaration is html", "page", `<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">`, HTML, nil},
		{"rss feed is unsupported", "feed", `<?xml version="1.0"?><rss version="2.0"><channel>`, "", ErrUnsupported},
		{"atom feed is unsupported", "feed", `<feed xmlns="http://www.w3.org/2005/Atom">`, "", ErrUnsupported},
		{"json array is unsupported", "dump", `[{"text":"a"},{"text":"b"}]`, "", ErrUnsupported},
		{"bracketed prose is text", "-", "[Updated] Rebels entered Hama.", Text, nil},
		{"png is binary", "photo", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", ErrBinary},
		{"png is binary whatever its name", "photo.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", ErrBinary},
		{"pdf is binary", "report", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "", ErrBinary},
		{"gzip is binary", "feed.jsonl", "\x1f\x8b\x08\x00\x00\x00\x00\x00", "", ErrBinary},
		{"NUL past the first 512 bytes is binary", "-", strings.Repeat("a", 600) + "\x00", "", ErrBinary},
		{"utf-16 with BOM is not binary", "-", "\xff\xfeA\x00l\x00", Text, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.file, []byte(tt.head))
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Errorf("Detect(%q, %.40q) = %q, %v; want %q, %v", tt.file, tt.head, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestReadDetectsFormatOnASlowPipe(t *testing.T) {
	// A pipe may hand over a few bytes at a time; detection must still see
	// enough of them, and must not wait for more than a line of text.
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00", 600)
	tests := []struct {
		name    string
		in      string
		want    int
		wantErr error
	}{
		{"png a byte at a time is binary", png, 0, ErrBinary},
		{"jsonl a byte at a time is jsonl", `{"text":"one"}` + "\n" + `{"text":"two"}` + "\n", 2, nil},
		{"html a byte at a time is html", htmlPage("<title>x</title>", story), 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Read(iotest.OneByteReader(strings.NewReader(tt.in)), "-", Options{})
			if len(arts) != tt.want || !errors.Is(err, tt.wantErr) {
				t.Errorf("Read = %d articles, %v; want %d, %v", len(arts), err, tt.want, tt.wantErr)
			}
			if len(arts) == 1 && strings.HasPrefix(arts[0].Text, "<") {
				t.Errorf("Read took HTML for text: %.40q", arts[0].Text)
			}
		})
	}
}

func TestReadFormatFromOptions(t *testing.T) {
	page := "Rebels entered <b>Hama</b>.\n"
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"name without extension is sniffed as text", Options{}, "Rebels entered <b>Hama</b>."},
		{"Content-Type text/html makes it html", Options{ContentType: "text/html; charset=utf-8"}, "Rebels entered Hama."},
		{"Format makes it html", Options{Format: HTML}, "Rebels entered Hama."},
		{"Format text wins over Content-Type", Options{Format: Text, ContentType: "text/html"}, "Rebels entered <b>Hama</b>."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readOne(t, page, "https://example.com/story", tt.opt)
			if a.Text != tt.want {
				t.Errorf("Text = %q, want %q", a.Text, tt.want)
			}
		})
	}
}
