package source

import (
	"errors"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"golang.org/x/text/encoding/unicode"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"clean text is kept", "Rebels entered Hama.\n\nThey met little resistance.", "Rebels entered Hama.\n\nThey met little resistance."},
		{"BOM is stripped", "\uFEFFRebels entered Hama.", "Rebels entered Hama."},
		{"CRLF becomes LF", "Aleppo.\r\nHama.\r\n", "Aleppo.\nHama."},
		{"lone CR becomes LF", "Aleppo.\rHama.", "Aleppo.\nHama."},
		{"invalid byte becomes U+FFFD", "caf\xe9 in Aleppo", "caf\uFFFD in Aleppo"},
		{"run of invalid bytes becomes one U+FFFD", "a\xff\xfe\xfdb", "a\uFFFDb"},
		{"truncated rune at the end", "Hama \xe2\x80", "Hama \uFFFD"},
		{"NUL and other controls are dropped", "Ha\x00ma\x07.", "Hama."},
		{"tab is kept", "Aleppo\t12", "Aleppo\t12"},
		{"form feed ends a line", "page 1\fpage 2", "page 1\npage 2"},
		{"paragraph separator is a blank line", "Aleppo.\u2029Hama.", "Aleppo.\n\nHama."},
		{"C1 controls are dropped", "Hama\u0085.", "Hama."},
		{"white space at the ends is trimmed", "\n\n  Hama.  \n", "Hama."},
		{"Arabic is kept", "سيطرت المعارضة على حماة", "سيطرت المعارضة على حماة"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	beirut := time.FixedZone("", 2*3600)
	tests := []struct {
		name string
		in   string
		want time.Time
	}{
		{"RFC 3339", "2024-12-06T10:30:00Z", time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC)},
		{"RFC 3339 with offset", "2024-12-06T10:30:00+02:00", time.Date(2024, 12, 6, 10, 30, 0, 0, beirut)},
		{"RFC 3339 with fraction", "2024-12-06T10:30:00.123Z", time.Date(2024, 12, 6, 10, 30, 0, 123e6, time.UTC)},
		{"offset without colon", "2024-12-06T10:30:00+0200", time.Date(2024, 12, 6, 10, 30, 0, 0, beirut)},
		{"no zone is UTC", "2024-12-06T10:30:00", time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC)},
		{"no seconds", "2024-12-06T10:30+02:00", time.Date(2024, 12, 6, 10, 30, 0, 0, beirut)},
		{"space for T", "2024-12-06 10:30:00", time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC)},
		{"bare date", "2024-12-06", time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)},
		{"white space around", " 2024-12-06\n", time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)},
		{"RFC 1123", "Fri, 06 Dec 2024 10:30:00 GMT", time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC)},
		{"RFC 1123 with numeric zone", "Fri, 06 Dec 2024 10:30:00 +0200", time.Date(2024, 12, 6, 10, 30, 0, 0, beirut)},
		{"RFC 1123 with one-digit day", "Fri, 6 Dec 2024 10:30:00 +0200", time.Date(2024, 12, 6, 10, 30, 0, 0, beirut)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDate(tt.in)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("parseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "yesterday-ish", "06/12/2024", "2024-13-01", "last Friday"} {
		if got, err := parseDate(bad); !errors.Is(err, ErrDate) {
			t.Errorf("parseDate(%q) = %v, %v; want ErrDate", bad, got, err)
		}
	}
}

func TestReadPlainText(t *testing.T) {
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	jan1 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"utf-8 text is kept", "Rebels entered Hama.\n\nThey met little resistance.\n", "Rebels entered Hama.\n\nThey met little resistance."},
		{"utf-8 BOM and CRLF", "\uFEFFRebels entered Hama.\r\n\r\nThey fled.\r\n", "Rebels entered Hama.\n\nThey fled."},
		{"utf-16 little-endian with BOM is decoded", encode(t, utf16le, arabic+"\r\n"), arabic},
		{"utf-16 big-endian with BOM is decoded", encode(t, utf16be, "Rebels entered Hama."), "Rebels entered Hama."},
		{"latin-1 bytes become U+FFFD", "Les rebelles sont entr\xe9s \xe0 Hama.", "Les rebelles sont entr\uFFFDs \uFFFD Hama."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readOne(t, tt.in, "story.txt", Options{Published: jan1, Source: "wire", URL: "https://example.com/s"})
			want := sitrep.Article{ID: sitrep.ArticleID(tt.want), URL: "https://example.com/s", Published: jan1, Source: "wire", Text: tt.want}
			if a != want {
				t.Errorf("Read = %+v\nwant %+v", a, want)
			}
		})
	}
}
