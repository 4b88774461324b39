// Package source turns what sitrep is given to read (files, directories,
// standard input, bytes) into sitrep.Articles.
//
// It reads three formats and tells them apart by file extension and, failing
// that, by the content itself:
//
//   - plain text: the whole input is one article;
//   - HTML: one page is one article; readability finds the main text, the
//     title and the publication date come from the page's meta data, and
//     the page's charset is honoured;
//   - JSONL: one JSON object per line, {"id", "url", "title", "published",
//     "text"} (or "html" in place of "text"), one article per line, read
//     record by record so a file of any size streams.
//
// Every article's Text is clean UTF-8 with "\n" line ends and a blank line
// between paragraphs, since the extractor splits sentences on it and takes
// byte offsets into it.
//
// # Bad input
//
// Each thing wrong with the input is reported as a *ParseError naming the
// file, the line (for JSONL) and the field. Reading goes on past a bad JSONL
// record or a bad file: Read returns the articles it could read together
// with the errors (joined with errors.Join), and Walk hands every good
// article to its callback and returns the errors at the end. A caller that
// wants all-or-nothing discards the articles when the error is not nil; one
// that wants to keep the good records keeps them and reports the error.
// Either way a bad line never hides the good lines after it.
package source
