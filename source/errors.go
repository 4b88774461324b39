package source

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
)

// ParseError reports something wrong with one input: a file sitrep could
// not read, or one bad record in a JSONL file.
type ParseError struct {
	// File is the input's name as given to Read or Walk ("-" for standard
	// input).
	File string
	// Line is the 1-based line of the JSONL record at fault; 0 when the
	// error is about the whole input.
	Line int
	// Field is the JSON field at fault ("published"); empty when no single
	// field is.
	Field string
	// Err is what went wrong; errors.Is matches it against ErrBinary,
	// ErrTooLarge, ErrNoText, ErrMalformed, ErrDate and ErrUnsupported.
	Err error
}

// Error returns the error as one line:
// "source: feed.jsonl:7: published: cannot parse ...".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("source: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// The kinds of bad input, for errors.Is.
var (
	// ErrBinary: the input is not text (an image, an archive, a PDF...).
	ErrBinary = errors.New("not text")
	// ErrTooLarge: the input, or one JSONL line, is over Options.MaxBytes.
	ErrTooLarge = errors.New("too large")
	// ErrNoText: the input, or a JSONL record, has no text to read.
	ErrNoText = errors.New("no text")
	// ErrMalformed: a JSONL line is not a well-formed JSON object of the
	// expected shape.
	ErrMalformed = errors.New("malformed JSON")
	// ErrDate: a date is in none of the layouts sitrep reads.
	ErrDate = errors.New("want RFC 3339, YYYY-MM-DD or RFC 1123")
	// ErrUnsupported: the input is in a format this package does not read
	// (an RSS or Atom feed, a JSON array).
	ErrUnsupported = errors.New("unsupported format")
	// ErrURL: an article's url (a record's field, or Options.URL) is
	// not an http or https URL with a host (sitrep.ValidArticleURL):
	// javascript:, data:, a relative path. Such an article is refused.
	ErrURL = errors.New("not an http or https URL")
	// ErrHidden: Walk passed over a hidden file or directory (its name
	// starts with a dot). Only ever given to Options.Skipped.
	ErrHidden = errors.New("hidden")
	// ErrNotRegular: Walk passed over something that is not a regular file
	// (a socket, a device). Only ever given to Options.Skipped.
	ErrNotRegular = errors.New("not a regular file")
	// ErrNotArticle: Walk passed over a file that documents a folder
	// rather than reports news (README, LICENSE, a Markdown file). Only
	// ever given to Options.Skipped.
	ErrNotArticle = errors.New("documentation, not an article")
)

// fileError wraps err, an error about the whole of the input named name.
// A *fs.PathError is unwrapped first: the ParseError names the file already,
// and "source: a.txt: open a.txt: permission denied" says it twice.
func fileError(name string, err error) *ParseError {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &ParseError{File: name, Err: err}
}
