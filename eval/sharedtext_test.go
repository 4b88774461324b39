package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The shared data (../shared/data from the repository root) is measured on
// and must never be committed, not even a sentence of it lightly edited.
// TestNoSharedText fails on every run of shingleWords words that a tracked
// file of the project has in common with a data file there. Words are
// lower-cased runs of letters and digits, so neither case nor punctuation
// hides a copy. A generic phrase that trips the guard is reworded, not
// allowed.

const shingleWords = 8

// A shingle is stored as its hash with the low srcBits bits replaced by the
// index of the data file it came from (the last index standing for any
// beyond), so a sorted []uint64 serves both as the set and as the source.
const (
	srcBits = 6
	srcMask = 1<<srcBits - 1
)

// sharedDataDir is $SITREP_DATA, or data/ under $SITREP_SHARED, or
// ../shared/data from the repository root (the eval directory's parent).
func sharedDataDir() string {
	if d := os.Getenv("SITREP_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("SITREP_SHARED"); d != "" {
		return filepath.Join(d, "data")
	}
	return filepath.Join("..", "..", "shared", "data")
}

func TestNoSharedText(t *testing.T) {
	dataDir := sharedDataDir()
	if fi, err := os.Stat(dataDir); err != nil || !fi.IsDir() {
		t.Skipf("no shared data at %s (set SITREP_DATA or SITREP_SHARED): nothing to check the project's text against", dataDir)
	}
	var data []string
	err := filepath.WalkDir(dataDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".csv", ".tsv", ".jsonl", ".xml", ".txt":
			if !d.IsDir() {
				data = append(data, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 {
		t.Skipf("no data files under %s", dataDir)
	}
	set, err := shingleSet(data)
	if err != nil {
		t.Fatal(err)
	}
	root := ".."
	// The actor dictionary holds organisations' names (MINUSCA's, MEND's)
	// and ACLED's naming of state forces, which the ACLED export must
	// write: a run of words inside such a name is a name, a fact, not a
	// sentence of anyone's.
	names, err := actorNameShingles(filepath.Join(root, "actors", "actors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	set = slices.DeleteFunc(set, func(h uint64) bool {
		_, found := slices.BinarySearch(names, h&^srcMask)
		return found
	})

	files, err := projectFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(root, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted but not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
			continue // binary
		}
		checked++
		for _, h := range sharedRuns(b, set) {
			src := "several files"
			if h.src < len(data) && h.src < srcMask {
				src, _ = filepath.Rel(dataDir, data[h.src])
			}
			at := fmt.Sprint(h.line)
			if h.endLine != h.line {
				at = fmt.Sprintf("%d-%d", h.line, h.endLine)
			}
			t.Errorf("%s:%s: %d words in a row from the shared data (%s); reword: %q",
				filepath.ToSlash(name), at, h.words, filepath.ToSlash(src), h.text(b))
		}
	}
	t.Logf("%d shingles of %d words from %d data files; %d project files checked", len(set), shingleWords, len(data), checked)
}

// projectFiles lists the repository's files relative to root: tracked ones,
// and new ones not ignored, so a file is checked before it is committed.
// Vendored browser libraries and the gazetteer's data are left out.
func projectFiles(root string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	var names []string
	if err == nil {
		for n := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
			names = append(names, filepath.FromSlash(n))
		}
	} else {
		// No git: walk the tree instead.
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == ".git" {
					return filepath.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(root, path)
			names = append(names, rel)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return slices.DeleteFunc(names, func(n string) bool {
		s := filepath.ToSlash(n)
		if strings.HasPrefix(s, "server/web/vendor/") && !strings.HasSuffix(s, ".md") {
			return true // npm packages, not ours
		}
		return strings.HasSuffix(s, ".bin") || strings.HasSuffix(s, ".test")
	}), nil
}

// shingleSet reads the data files, one goroutine each, and returns their
// shingles sorted, each tagged with the index of its file.
func shingleSet(files []string) ([]uint64, error) {
	parts := make([][]uint64, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			b, err := os.ReadFile(f)
			if err != nil {
				errs[i] = err
				return
			}
			src := uint64(min(i, srcMask))
			var hs []uint64
			for _, text := range dataTexts(f, b) {
				shingles(text, func(h uint64, _, _, _, _ int) {
					hs = append(hs, h&^srcMask|src)
				})
			}
			slices.Sort(hs)
			parts[i] = slices.Compact(hs)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	set := slices.Concat(parts...)
	slices.Sort(set)
	return set, nil
}

// dataTexts is a data file's text as a reader sees it: JSON strings decoded,
// entities resolved, of a token-per-line file (CoNLL: "word TAG") the words
// alone, and of a table its rows without the header.
func dataTexts(name string, b []byte) [][]byte {
	switch {
	case strings.HasSuffix(name, ".jsonl"):
		var texts [][]byte
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var v any
			if json.Unmarshal(sc.Bytes(), &v) != nil {
				texts = append(texts, sc.Bytes())
				continue
			}
			var buf []byte
			jsonStrings(v, func(s string) { buf = append(append(buf, s...), '\n') })
			texts = append(texts, buf)
		}
		return texts
	case conll(b):
		var buf []byte
		for line := range bytes.Lines(b) {
			f := bytes.Fields(line)
			if len(f) == 0 {
				buf = append(buf, '\n', '\x00') // a sentence ends
				continue
			}
			buf = append(append(buf, f[0]...), ' ')
		}
		return [][]byte{buf}
	}
	s := string(b)
	if strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".tsv") {
		// The header row is the published format (ACLED's column names),
		// which export must write as it is; the rows are the data.
		_, s, _ = strings.Cut(s, "\n")
	}
	s = strings.ReplaceAll(s, " #39;", "'") // AG News' apostrophe
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return [][]byte{[]byte(s)}
}

func jsonStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			jsonStrings(e, f)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			jsonStrings(v[k], f)
		}
	}
}

// conll reports whether nearly every non-blank line of b is a token and a
// tag such as O, B-S or I-T.
func conll(b []byte) bool {
	n, tagged := 0, 0
	for line := range bytes.Lines(b) {
		f := bytes.Fields(line)
		if len(f) == 0 {
			continue
		}
		n++
		if len(f) == 2 && (string(f[1]) == "O" || len(f[1]) > 2 && (f[1][0] == 'B' || f[1][0] == 'I') && f[1][1] == '-') {
			tagged++
		}
		if n == 1000 {
			break
		}
	}
	return n > 0 && tagged*100 >= n*95
}

// shingles calls f with the hash of every run of shingleWords words in b,
// the 1-based lines of its first and last words, and the byte offsets where
// the run starts and ends. A NUL ends a run: no shingle spans it. A backslash escape (\n, \t, \r, \uXXXX) separates words
// as the character it stands for would.
func shingles(b []byte, f func(h uint64, line, endLine, from, to int)) {
	var ring [shingleWords]struct {
		h          uint64
		line, from int
	}
	n, line := 0, 1
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\n' {
			line++
		}
		if c == 0 {
			n = 0
		}
		if c == '\\' && i+1 < len(b) {
			switch b[i+1] {
			case 'n', 't', 'r':
				i += 2
				continue
			case 'u':
				if i+6 <= len(b) && isHex(b[i+2:i+6]) {
					i += 6
					continue
				}
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		// A word: FNV-1a over its lower-cased runes.
		h := uint64(14695981039346656037)
		start, from := line, i
		for i < len(b) {
			r, size := rune(b[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(b[i:])
			}
			if !isWordRune(r) {
				break
			}
			r = unicode.ToLower(r)
			if r < utf8.RuneSelf {
				h = (h ^ uint64(r)) * 1099511628211
			} else {
				var e [utf8.UTFMax]byte
				for _, x := range e[:utf8.EncodeRune(e[:], r)] {
					h = (h ^ uint64(x)) * 1099511628211
				}
			}
			i += size
		}
		ring[n%shingleWords].h, ring[n%shingleWords].line, ring[n%shingleWords].from = h, start, from
		n++
		if n < shingleWords {
			continue
		}
		var s uint64
		for k := n - shingleWords; k < n; k++ {
			s = (s ^ ring[k%shingleWords].h) * 0x9e3779b97f4a7c15
			s ^= s >> 29
		}
		first := ring[(n-shingleWords)%shingleWords]
		f(s, first.line, start, first.from, i)
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// A sharedRun is a longest run of words of a project file that the shared
// data holds, shingle by shingle.
type sharedRun struct {
	line, endLine, words, src int
	from, to                  int // bytes
}

// sharedRuns finds the shingles of b that set holds and joins overlapping
// ones into runs.
func sharedRuns(b []byte, set []uint64) []sharedRun {
	var runs []sharedRun
	var cur *sharedRun
	idx, last := 0, -2 // shingle index, and the last one found
	shingles(b, func(h uint64, line, endLine, from, to int) {
		defer func() { idx++ }()
		j, _ := slices.BinarySearch(set, h&^srcMask)
		if j == len(set) || set[j]&^srcMask != h&^srcMask {
			return
		}
		if cur != nil && last == idx-1 {
			cur.words++
			cur.endLine, cur.to = endLine, to
		} else {
			runs = append(runs, sharedRun{line: line, endLine: endLine, words: shingleWords,
				src: int(set[j] & srcMask), from: from, to: to})
			cur = &runs[len(runs)-1]
		}
		last = idx
	})
	return runs
}

// text is the run as it stands in b, spaces collapsed, cut at 200 bytes.
func (r sharedRun) text(b []byte) string {
	s := strings.Join(strings.Fields(string(b[r.from:r.to])), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// actorNameShingles returns the shingles (source bits cleared, sorted) of
// the names in an actor dictionary: each entry's canonical name and each
// alias, one name at a time, so no shingle spans two names.
func actorNameShingles(path string) ([]uint64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var buf []byte
	for line := range strings.Lines(string(b)) {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			line, _, _ = strings.Cut(line, "|") // the entry's canonical name
		}
		for name := range strings.SplitSeq(line, ";") {
			buf = append(append(buf, name...), 0)
		}
	}
	var hs []uint64
	shingles(buf, func(h uint64, _, _, _, _ int) { hs = append(hs, h&^srcMask) })
	slices.Sort(hs)
	return slices.Compact(hs), nil
}
