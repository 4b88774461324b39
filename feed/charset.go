package feed

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// toUTF8 returns a feed's body in UTF-8, with its XML declaration (if it
// has one) saying so, since the XML decoder would otherwise decode it a
// second time. The charset is taken from, in order: a byte order mark;
// the body itself when it is valid UTF-8 (feeds declaring a legacy
// charset and sending UTF-8 are common, legacy text that happens to be
// valid UTF-8 is not); the Content-Type's charset, which RFC 7303 puts
// before the declaration; the declaration; else windows-1252, what a feed
// in no UTF and silent about it most likely is.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(body, []byte{0xef, 0xbb, 0xbf}):
		body = body[3:]
	case bytes.HasPrefix(body, []byte{0xfe, 0xff}) || bytes.HasPrefix(body, []byte{0xff, 0xfe}):
		b, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), body)
		if err != nil {
			return nil, fmt.Errorf("cannot decode UTF-16: %w", err)
		}
		body = b
	case !utf8.Valid(body):
		label := ""
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label = params["charset"]
		}
		if label == "" {
			label = declaredEncoding(body)
		}
		if label == "" {
			label = "windows-1252"
		}
		enc, _ := charset.Lookup(label)
		if enc == nil {
			return nil, fmt.Errorf("unknown charset %q", label)
		}
		b, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("cannot decode %s: %w", label, err)
		}
		body = b
	}
	return declareUTF8(body), nil
}

// xmlEncoding finds the encoding in an XML declaration at the start.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

func declaredEncoding(body []byte) string {
	head := body[:min(len(body), 512)]
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		return strings.TrimSpace(string(m[1]))
	}
	return ""
}

// declareUTF8 makes body's XML declaration, if it names an encoding,
// name UTF-8.
func declareUTF8(body []byte) []byte {
	head := body[:min(len(body), 512)]
	loc := xmlEncoding.FindSubmatchIndex(head)
	if loc == nil || strings.EqualFold(string(head[loc[2]:loc[3]]), "utf-8") {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:loc[2]]...)
	out = append(out, "utf-8"...)
	return append(out, body[loc[3]:]...)
}
