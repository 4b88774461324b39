package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep/sitrep"
)

// record is one JSONL line. Fields other than these are ignored, so that
// files written by other tools (or by sitrep's own exports) read as well.
type record struct {
	// ID, when given, is kept as the article's id.
	ID string `json:"id"`
	// URL is where the article was published.
	URL string `json:"url"`
	// Title is the headline.
	Title string `json:"title"`
	// Published is the publication date: RFC 3339, YYYY-MM-DD or RFC 1123.
	Published string `json:"published"`
	// Source names the outlet.
	Source string `json:"source"`
	// Text is the article's plain text.
	Text string `json:"text"`
	// HTML is the article's page, read when Text is empty.
	HTML string `json:"html"`
}

// jsonl reads records one line at a time: a file of any size takes one
// line's worth of memory.
func (rd *reader) jsonl(br *bufio.Reader) {
	lines := lineReader{br: br, max: rd.opt.maxBytes()}
	for rd.stop == nil {
		line, err := lines.next()
		switch {
		case err == io.EOF:
			return
		case errors.Is(err, ErrTooLarge):
			rd.badRecord(&ParseError{File: rd.name, Line: lines.n, Err: err})
			continue
		case err != nil:
			rd.bad = append(rd.bad, &ParseError{File: rd.name, Line: lines.n, Err: err})
			return
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		a, perr := rd.record(line, lines.n)
		if perr != nil {
			rd.badRecord(perr)
			continue
		}
		rd.emit(*a)
	}
}

func (rd *reader) record(line []byte, n int) (*sitrep.Article, *ParseError) {
	bad := func(field string, err error) *ParseError {
		return &ParseError{File: rd.name, Line: n, Field: field, Err: err}
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, bad("", fmt.Errorf("%w at column %d: %v", ErrMalformed, syn.Offset, syn))
		case errors.As(err, &typ) && typ.Field == "":
			return nil, bad("", fmt.Errorf("%w: want an object per line, got %s", ErrMalformed, typ.Value))
		case errors.As(err, &typ):
			return nil, bad(typ.Field, fmt.Errorf("%w: want a string, got %s", ErrMalformed, typ.Value))
		}
		return nil, bad("", fmt.Errorf("%w: %v", ErrMalformed, err))
	}

	text := cleanText(rec.Text)
	var p page
	switch {
	case text != "":
	case rec.HTML != "":
		var err error
		// The page is inside a JSON string, so it is Unicode already,
		// whatever its <meta charset> says.
		if p, err = parseHTML([]byte(rec.HTML)); err != nil {
			return nil, bad("html", err)
		}
		if text = p.Text; text == "" {
			return nil, bad("html", ErrNoText)
		}
	case rec.Text != "":
		return nil, bad("text", ErrNoText)
	default:
		return nil, bad("text", fmt.Errorf("%w: the record has neither \"text\" nor \"html\"", ErrNoText))
	}

	if u := strings.TrimSpace(rec.URL); sitrep.ValidArticleURL(u) != nil {
		return nil, bad("url", fmt.Errorf("%w: %q", ErrURL, u))
	}
	published := p.Published
	if s := strings.TrimSpace(rec.Published); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return nil, bad("published", err)
		}
		published = t
	}
	a := rd.article(strings.TrimSpace(rec.ID), firstOf(strings.TrimSpace(rec.URL), p.URL),
		firstOf(cleanLine(rec.Title), p.Title), published, firstOf(cleanLine(rec.Source), p.Site), text)
	return &a, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// lineReader reads lines of at most max bytes from br, without ever
// holding more than that: a longer line is skipped to its end and
// reported.
type lineReader struct {
	br  *bufio.Reader
	max int64
	// n is the number of the line last returned, from 1.
	n int
	// buf holds the line being read; reused from line to line.
	buf []byte
}

// next returns the next line without its line end. It returns io.EOF at
// the end of input and an error wrapping ErrTooLarge for a line over max.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	long, got := false, false
	for {
		chunk, err := l.br.ReadSlice('\n')
		got = got || len(chunk) > 0
		if !long {
			if int64(len(l.buf)+len(chunk)) > l.max+1 {
				long = true
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil, io.EOF:
			if err == io.EOF && !got {
				return nil, io.EOF
			}
			l.n++
			if long || int64(len(bytes.TrimRight(l.buf, "\r\n"))) > l.max {
				return nil, fmt.Errorf("%w: line longer than %s", ErrTooLarge, byteSize(l.max))
			}
			return bytes.TrimRight(l.buf, "\r\n"), nil
		default:
			l.n++
			return nil, err
		}
	}
}
