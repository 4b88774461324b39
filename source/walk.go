package source

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep"
)

// Walk reads each of paths in turn and hands every article to fn as soon
// as it is read: a path is a file, "-" for standard input, or a directory,
// walked recursively in lexical order. Inside a directory Walk passes over
// hidden entries (".git", ".DS_Store"), what is not a regular file, the
// files that document a folder (docFile: README, LICENSE, Markdown), and
// files that are not text or not in a format it reads, telling
// opt.Skipped why; a file named in paths is never passed over.
//
// Bad input does not stop Walk: it goes on with the next record or file
// and returns what was wrong at the end, joined (see the package doc). An
// error from fn stops Walk at once and is returned first, so errors.Is
// finds it.
func Walk(paths []string, opt Options, fn func(sitrep.Article) error) error {
	w := walker{opt: opt, fn: fn}
	for _, p := range paths {
		if w.path(p); w.stop != nil {
			break
		}
	}
	errs := w.bad
	if w.stop != nil {
		errs = append([]error{w.stop}, errs...)
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// walker is the state of one Walk.
type walker struct {
	opt Options
	fn  func(sitrep.Article) error
	// stop is fn's error, which ends the walk.
	stop error
	// bad is what was wrong with the input so far.
	bad []error
}

func (w *walker) path(p string) {
	if isHTTP(p) {
		f := w.opt.Fetcher
		if f == nil {
			f = &Fetcher{}
		}
		arts, err := ReadURL(context.Background(), f, p, w.opt)
		for _, a := range arts {
			if err := w.fn(a); err != nil {
				w.stop = err
				return
			}
		}
		if err != nil {
			w.bad = append(w.bad, err)
		}
		return
	}
	if p == "-" {
		w.read(p, false)
		return
	}
	fi, err := os.Stat(p)
	if err != nil {
		w.bad = append(w.bad, fileError(p, err))
		return
	}
	if !fi.IsDir() {
		w.read(p, false)
		return
	}
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.bad = append(w.bad, fileError(path, err))
			return nil // WalkDir skips an unreadable directory by itself
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			w.skip(path, ErrHidden)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// A symbolic link to a file is read; one to a directory is
			// not followed, as WalkDir does not, since links can loop.
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				w.skip(path, ErrNotRegular)
				return nil
			}
		}
		if docFile(d.Name()) {
			w.skip(path, ErrNotArticle)
			return nil
		}
		if w.read(path, true); w.stop != nil {
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil {
		w.bad = append(w.bad, fileError(p, err))
	}
}

// read reads one file. In a directory walk (found), a file that is not
// text, or in a format this package does not read, is skipped rather than
// an error: a folder of saved articles often holds their images too.
func (w *walker) read(path string, found bool) {
	var f io.Reader = stdin
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			w.bad = append(w.bad, fileError(path, err))
			return
		}
		defer file.Close()
		f = file
	}
	rd := reader{name: path, opt: &w.opt, fn: w.fn}
	rd.read(f)
	w.stop = rd.stop
	if rd.unreadable != nil {
		if found {
			w.skip(path, rd.unreadable)
		} else {
			w.bad = append(w.bad, rd.unreadable)
		}
	}
	w.bad = append(w.bad, rd.errs()...)
}

// skip tells opt.Skipped that Walk passed over path, and why.
func (w *walker) skip(path string, why error) {
	if w.opt.Skipped == nil {
		return
	}
	var pe *ParseError
	if !errors.As(why, &pe) {
		why = &ParseError{File: path, Err: why}
	}
	w.opt.Skipped(path, why)
}

// docFile reports whether a file's name says it documents the folder it
// is in rather than reports news: README, LICENSE and their kin whatever
// their extension, and Markdown, reStructuredText and AsciiDoc files.
func docFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".rst", ".adoc":
		return true
	}
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "NOTICE", "AUTHORS", "CONTRIBUTING":
		return true
	}
	return false
}
