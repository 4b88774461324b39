package geonames

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxLine bounds a line: GeoNames caps alternatenames at 10,000
// characters and the other columns are short, so a longer line is no
// GeoNames line (a wrong file, a corrupt archive).
const maxLine = 64 << 10

// Columns of the two tables, as GeoNames' readme documents them.
const (
	dumpColumns      = 19 // geonameid ... modification date
	altNameColumns   = 10 // alternateNameId ... to (alternateNamesV2)
	altNameColumnsV1 = 8  // the old alternateNames, without from and to
)

// openText opens the table a file holds: a zip as geonames.org publishes
// it (CD.zip, allCountries.zip, alternateNamesV2.zip, alternatenames/CD.zip),
// read as a stream from its one data entry, or that entry unzipped.
func openText(file string) (io.ReadCloser, error) {
	if !strings.EqualFold(filepath.Ext(file), ".zip") {
		return os.Open(file)
	}
	z, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	var data []*zip.File
	for _, f := range z.File {
		base := strings.ToLower(path.Base(f.Name))
		// The archives carry a readme and, beside the alternate names,
		// the table of language codes; the data is the other .txt.
		if strings.HasSuffix(base, ".txt") && base != "readme.txt" && base != "iso-languagecodes.txt" {
			data = append(data, f)
		}
	}
	if len(data) != 1 {
		z.Close()
		return nil, fmt.Errorf("want one data table (.txt other than readme.txt) in the archive, found %d", len(data))
	}
	rc, err := data[0].Open()
	if err != nil {
		z.Close()
		return nil, err
	}
	return closers{rc, z}, nil
}

type closers struct {
	io.ReadCloser
	z *zip.ReadCloser
}

func (c closers) Close() error { return errors.Join(c.ReadCloser.Close(), c.z.Close()) }

// eachRow calls fn with each line's tab-separated fields and its number;
// an error names the file and line.
func eachRow(file string, fn func(line int, f []string) error) error {
	rc, err := openText(file)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 0, 16<<10), maxLine)
	var f []string
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		f = splitTabs(f[:0], sc.Text())
		if err := fn(line, f); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("a line longer than %d bytes: not a GeoNames table", maxLine)
		}
		return fmt.Errorf("%s: after line %d: %w", file, line, err)
	}
	return nil
}

func splitTabs(dst []string, s string) []string {
	for {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// kind reads the first line of file and says which table it is by its
// number of columns: 19 for a dump (CD.zip, allCountries.zip), 10 for
// alternate names (alternateNamesV2.zip, alternatenames/CD.zip). The
// per-country alternate names share their dump's file name, so the
// columns, not the name, decide.
func kind(file string) (alt bool, err error) {
	cols := -1
	stop := errors.New("stop")
	err = eachRow(file, func(_ int, f []string) error {
		cols = len(f)
		return stop
	})
	if err != nil && !errors.Is(err, stop) {
		return false, err
	}
	switch cols {
	case dumpColumns:
		return false, nil
	case altNameColumns:
		return true, nil
	case -1:
		return false, fmt.Errorf("%s: empty", file)
	case altNameColumnsV1:
		return false, fmt.Errorf("%s: the old alternateNames table (8 columns): use alternateNamesV2.zip", file)
	}
	return false, fmt.Errorf("%s: line 1 has %d columns: neither a GeoNames dump (%d) nor alternateNamesV2 (%d)", file, cols, dumpColumns, altNameColumns)
}
