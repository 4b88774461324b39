package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DefaultMaxBytes is the default bound on one article's input.
const DefaultMaxBytes = 32 << 20

// Format is an input format.
type Format string

// The formats Read understands.
const (
	// Text is plain text: the whole input is one article.
	Text Format = "text"
	// HTML is one web page: readability extracts its main text.
	HTML Format = "html"
	// JSONL is one JSON object per line, one article per object.
	JSONL Format = "jsonl"
)

// Options say how to read and what to assume where the input is silent.
// The zero value detects the format and assumes nothing.
type Options struct {
	// Format, when set, is the format of every input, and detection is
	// skipped (binary input is still refused).
	Format Format
	// Published is the publication date of articles whose input gives
	// none: plain text, a page without a date in its meta data, a JSONL
	// record without "published".
	Published time.Time
	// Source names the outlet of articles whose input names none; when it
	// is empty too, the file name is used (nothing for standard input).
	Source string
	// URL is the address of articles whose input gives none.
	URL string
	// ContentType is the Content-Type the input came with, for input
	// fetched over HTTP. Its charset wins over a page's <meta charset>, as
	// in a browser, and text/html or application/x-ndjson settle the
	// format.
	ContentType string
	// MaxBytes bounds one article's input: a text or HTML file, or one
	// JSONL line. Zero means DefaultMaxBytes. A JSONL file as a whole is
	// not bounded: it is read one line at a time.
	MaxBytes int64
	// Skipped, when set, is told about each file Walk passes over while
	// walking a directory, and why: ErrHidden, ErrNotRegular, ErrBinary or
	// ErrUnsupported (all wrapped in a *ParseError). Files named to Walk
	// are never skipped: they are read or reported as errors.
	Skipped func(path string, why error)
	// Fetcher fetches the http(s) URLs given to Walk; nil means a Fetcher
	// with its defaults (bounded, no private addresses).
	Fetcher *Fetcher
}

func (o *Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// sniffLen is how much of an input detection looks at.
const sniffLen = 8 << 10

// stdin is where "-" reads from; a variable so tests can replace it.
var stdin io.Reader = os.Stdin

// Read reads the articles in r, whose name (a file name, "-" for standard
// input, or a URL) is used in errors, as the default source, and for
// format detection. It returns every article it could read; err, when not
// nil, tells what it could not (see the package doc), so a JSONL file with
// one bad line gives both the other lines' articles and the error naming
// that line.
func Read(r io.Reader, name string, opt Options) ([]sitrep.Article, error) {
	var arts []sitrep.Article
	err := read(r, name, opt, func(a sitrep.Article) error {
		arts = append(arts, a)
		return nil
	})
	return arts, err
}

// ReadFile is Read on the file at path ("-" for standard input).
func ReadFile(path string, opt Options) ([]sitrep.Article, error) {
	if path == "-" {
		return Read(stdin, path, opt)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	return Read(f, path, opt)
}

// read is Read handing each article to fn as soon as it is read, so that
// JSONL streams. An error from fn stops reading and comes back first in
// the returned error, unwrapped, so errors.Is finds it.
func read(r io.Reader, name string, opt Options, fn func(sitrep.Article) error) error {
	if sitrep.ValidArticleURL(opt.URL) != nil {
		return &ParseError{File: name, Field: "url", Err: fmt.Errorf("%w: %q", ErrURL, opt.URL)}
	}
	rd := reader{name: name, opt: &opt, fn: fn}
	rd.read(r)
	if rd.unreadable != nil {
		rd.bad = append(rd.bad, rd.unreadable)
	}
	return rd.err()
}

// reader reads one input.
type reader struct {
	// name is the input's name, for errors and the default source.
	name string
	opt  *Options
	// fn receives each article.
	fn func(sitrep.Article) error
	// stop is fn's error, which ends reading.
	stop error
	// unreadable is why the whole input could not be read as text at all
	// (binary, unsupported format): Walk skips such files in directories.
	unreadable error
	// bad is what was wrong with the input; reading goes on past it.
	bad []error
	// more counts bad JSONL records past maxReported: counted, not kept,
	// so that a file of a million bad lines does not fill memory with
	// errors.
	more int
}

// maxReported is how many bad records of one file are reported one by one.
const maxReported = 20

// errs returns what was wrong with the input.
func (rd *reader) errs() []error {
	if rd.more > 0 {
		return append(rd.bad, &ParseError{File: rd.name, Err: fmt.Errorf("%d more bad records not shown", rd.more)})
	}
	return rd.bad
}

// err returns fn's error and what was wrong with the input as one error.
func (rd *reader) err() error {
	errs := rd.errs()
	if rd.stop != nil {
		errs = append([]error{rd.stop}, errs...)
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		// Unjoined, so a single error prints and compares as itself.
		return errs[0]
	}
	return errors.Join(errs...)
}

func (rd *reader) badRecord(err *ParseError) {
	if len(rd.bad) >= maxReported {
		rd.more++
		return
	}
	rd.bad = append(rd.bad, err)
}

func (rd *reader) emit(a sitrep.Article) {
	if rd.stop == nil {
		rd.stop = rd.fn(a)
	}
}

var (
	utf8BOM    = []byte{0xef, 0xbb, 0xbf}
	utf16BEBOM = []byte{0xfe, 0xff}
	utf16LEBOM = []byte{0xff, 0xfe}
)

func (rd *reader) read(r io.Reader) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(len(utf8BOM))
	if err != nil && err != io.EOF {
		rd.bad = append(rd.bad, fileError(rd.name, err))
		return
	}
	// A byte order mark settles the encoding for every format. UTF-16 is
	// decoded here, before detection, so that everything after sees UTF-8.
	isUTF8 := false
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		br.Discard(len(utf8BOM))
		isUTF8 = true
	case bytes.HasPrefix(head, utf16BEBOM) || bytes.HasPrefix(head, utf16LEBOM):
		dec := unicode.BOMOverride(unicode.UTF8.NewDecoder())
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
		isUTF8 = true
	}
	if head, err = peek(br); err != nil {
		rd.bad = append(rd.bad, fileError(rd.name, err))
		return
	}

	format, err := rd.format(head)
	if err != nil {
		rd.unreadable = fileError(rd.name, err)
		return
	}
	if format == JSONL {
		rd.jsonl(br)
		return
	}

	limit := rd.opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		rd.bad = append(rd.bad, fileError(rd.name, err))
		return
	}
	if int64(len(data)) > limit {
		rd.bad = append(rd.bad, fileError(rd.name, fmt.Errorf("%w: more than %s", ErrTooLarge, byteSize(limit))))
		return
	}

	var a sitrep.Article
	switch format {
	case HTML:
		if !isUTF8 {
			data = toUTF8(data, rd.opt.ContentType)
		}
		p, err := parseHTML(data)
		if err != nil {
			rd.bad = append(rd.bad, fileError(rd.name, err))
			return
		}
		a = rd.article("", p.URL, p.Title, p.Published, p.Site, p.Text)
	default:
		a = rd.article("", "", "", time.Time{}, "", cleanText(string(data)))
	}
	if a.Text == "" {
		rd.bad = append(rd.bad, fileError(rd.name, ErrNoText))
		return
	}
	rd.emit(a)
}

// peek returns the start of the input for detection: sniffLen bytes, or
// less if a line end comes sooner in what is plainly UTF-8 text. It must
// not wait for more than that: on a pipe ("tail -f feed.jsonl | sitrep
// ingest -") the first record must be read as soon as its line is
// complete, not when 8 KiB have come. Binary signatures hold line ends too
// (PNG's starts "\x89PNG\r\n"), hence the check on the bytes before it.
func peek(br *bufio.Reader) ([]byte, error) {
	for n := 1; ; {
		if _, err := br.Peek(n); err != nil {
			head, _ := br.Peek(br.Buffered())
			if err == io.EOF {
				err = nil
			}
			return head, err
		}
		head, _ := br.Peek(br.Buffered())
		if len(head) >= sniffLen {
			return head[:sniffLen], nil
		}
		if bytes.IndexByte(head, '\n') >= 0 && plainUTF8(head) {
			return head, nil
		}
		n = len(head) + 1
	}
}

// plainUTF8 reports whether b is UTF-8 (but for a rune cut at its end)
// without control bytes other than white space and escape.
func plainUTF8(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:])
		}
		i += n
	}
	return true
}

// article fills in what the input left out from the options. Text must be
// clean already.
func (rd *reader) article(id, url, title string, published time.Time, src, text string) sitrep.Article {
	if id == "" {
		id = sitrep.ArticleID(text)
	}
	if url == "" {
		url = rd.opt.URL
	}
	if published.IsZero() {
		published = rd.opt.Published
	}
	if src == "" {
		src = rd.opt.Source
	}
	if src == "" && rd.name != "-" {
		src = rd.name
	}
	return sitrep.Article{ID: id, URL: url, Title: title, Published: published, Source: src, Text: text}
}

// format decides the input's format: the options, then the Content-Type,
// then Detect.
func (rd *reader) format(head []byte) (Format, error) {
	if kind := binaryKind(head); kind != "" {
		return "", fmt.Errorf("%w: looks like %s", ErrBinary, kind)
	}
	if rd.opt.Format != "" {
		return rd.opt.Format, nil
	}
	if mt, _, err := mime.ParseMediaType(rd.opt.ContentType); err == nil {
		switch mt {
		case "text/html", "application/xhtml+xml":
			return HTML, nil
		case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
			return JSONL, nil
		}
	}
	return Detect(rd.name, head)
}

// extFormats maps file extensions to formats. Extensions not here (and
// names without one, like "-") leave the format to the content.
var extFormats = map[string]Format{
	".txt":       Text,
	".text":      Text,
	".htm":       HTML,
	".html":      HTML,
	".shtml":     HTML,
	".xhtml":     HTML,
	".jsonl":     JSONL,
	".jsonlines": JSONL,
	".ndjson":    JSONL,
	".json":      JSONL,
}

// Detect tells the format of an input from its name and head, the first
// few KiB of its content (with any byte order mark). It returns an error
// wrapping ErrBinary for input that is not text and ErrUnsupported for
// formats this package does not read.
func Detect(name string, head []byte) (Format, error) {
	if kind := binaryKind(head); kind != "" {
		return "", fmt.Errorf("%w: looks like %s", ErrBinary, kind)
	}
	if f, ok := extFormats[strings.ToLower(filepath.Ext(name))]; ok {
		return f, nil
	}
	return sniff(head)
}

// binaryKind returns what head looks like when it is not text (a MIME type
// such as "image/png"), else "".
func binaryKind(head []byte) string {
	if bytes.HasPrefix(head, utf16BEBOM) || bytes.HasPrefix(head, utf16LEBOM) {
		return ""
	}
	ct := http.DetectContentType(head)
	if !strings.HasPrefix(ct, "text/") {
		if i := strings.IndexByte(ct, ';'); i >= 0 {
			ct = ct[:i]
		}
		if ct == "application/octet-stream" {
			ct = "binary data"
		}
		return ct
	}
	// DetectContentType looks at 512 bytes only.
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary data"
	}
	return ""
}

// htmlStarts are what an HTML document may begin with, after white space
// and a byte order mark (from the WHATWG MIME sniffing standard, plus the
// tags a fragment saved from a page starts with).
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
	"<script", "<style", "<link", "<!--", "<iframe", "<h1", "<h2", "<h3",
	"<div", "<p", "<article", "<section", "<main", "<table", "<font", "<b",
	"<br", "<a", "<span", "<ul", "<img",
}

// sniff tells the format from the content alone.
func sniff(head []byte) (Format, error) {
	s := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n\f")
	if len(s) == 0 {
		return Text, nil
	}
	switch s[0] {
	case '<':
		for _, start := range htmlStarts {
			if hasTagPrefix(s, start) {
				return HTML, nil
			}
		}
		for _, start := range []string{"<?xml", "<rss", "<feed", "<rdf:rdf"} {
			if hasTagPrefix(s, start) {
				if bytes.Contains(bytes.ToLower(s), []byte("<html")) {
					return HTML, nil // XHTML
				}
				return "", fmt.Errorf("%w: XML (an RSS or Atom feed?), not text, HTML or JSONL", ErrUnsupported)
			}
		}
	case '{':
		line, _, complete := bytes.Cut(s, []byte("\n"))
		if json.Valid(line) {
			return JSONL, nil
		}
		// A record longer than the head cannot be checked here; one that
		// starts like a record is taken as one, and a bad record gets its
		// own error from the JSONL reader.
		if !complete && len(head) >= sniffLen && bytes.HasPrefix(s, []byte(`{"`)) {
			return JSONL, nil
		}
	case '[':
		if rest := bytes.TrimLeft(s[1:], " \t\r\n"); len(rest) > 0 && rest[0] == '{' {
			return "", fmt.Errorf("%w: a JSON array; write one object per line (JSONL)", ErrUnsupported)
		}
	}
	return Text, nil
}

// hasTagPrefix reports whether s starts with tag (case-insensitively)
// followed by the end of the tag name.
func hasTagPrefix(s []byte, tag string) bool {
	if len(s) < len(tag) || !bytes.EqualFold(s[:len(tag)], []byte(tag)) {
		return false
	}
	if tag == "<!--" || len(s) == len(tag) {
		return true
	}
	switch s[len(tag)] {
	case ' ', '\t', '\n', '\r', '\f', '>', '/':
		return true
	}
	return false
}

// byteSize formats n for an error message.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
