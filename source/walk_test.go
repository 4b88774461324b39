package source

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

// writeTree writes files (path -> content) under a new temporary directory
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const jpeg = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"

func TestWalkDirectory(t *testing.T) {
	root := writeTree(t, map[string]string{
		"a.txt":         "Rebels entered Hama.",
		"b/feed.jsonl":  `{"id":"r1","text":"one"}` + "\n" + `{"id":"r2","text":"two"}` + "\n",
		"b/page.html":   htmlPage("<title>Hama</title>", story),
		"b/photo.jpg":   jpeg,
		"c/feed.xml":    `<?xml version="1.0"?><rss version="2.0"></rss>`,
		"c/notes":       "Rebels entered Homs.",
		".hidden.txt":   "hidden",
		".git/config":   "[core]",
		"b/.DS_Store":   "\x00\x00\x00\x01Bud1",
		"c/sub/.x/y.md": "hidden dir",
		"README.md":     "# Samples\nThe reports here were taken in Goma.",
		"b/LICENSE":     "Permission is granted to anyone who shelled out.",
		"c/notes.md":    "Rebels entered Homs, said our notes.",
	})
	if err := os.Symlink(filepath.Join(root, "a.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "b"), filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}

	var got []string
	skipped := map[string]error{}
	opt := Options{Skipped: func(path string, why error) {
		rel, _ := filepath.Rel(root, path)
		skipped[filepath.ToSlash(rel)] = why
	}}
	err := Walk([]string{root}, opt, func(a sitrep.Article) error {
		rel, _ := filepath.Rel(root, a.Source)
		got = append(got, filepath.ToSlash(rel)+":"+firstWords(a.Text))
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	want := []string{
		"a.txt:Rebels entered Hama.",
		"b/feed.jsonl:one",
		"b/feed.jsonl:two",
		"b/page.html:Rebels take Hama",
		"c/notes:Rebels entered Homs.",
		"link.txt:Rebels entered Hama.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantSkipped := map[string]error{
		".git":        ErrHidden,
		".hidden.txt": ErrHidden,
		"b/.DS_Store": ErrHidden,
		"b/photo.jpg": ErrBinary,
		"c/feed.xml":  ErrUnsupported,
		"c/sub/.x":    ErrHidden,
		"linkdir":     ErrNotRegular,
		"README.md":   ErrNotArticle,
		"b/LICENSE":   ErrNotArticle,
		"c/notes.md":  ErrNotArticle,
	}
	for path, why := range wantSkipped {
		if !errors.Is(skipped[path], why) {
			t.Errorf("skipped[%s] = %v, want %v", path, skipped[path], why)
		}
	}
	if len(skipped) != len(wantSkipped) {
		t.Errorf("skipped %d paths (%v), want %d", len(skipped), skipped, len(wantSkipped))
	}
	if why := skipped["b/photo.jpg"]; why != nil && !strings.Contains(why.Error(), "photo.jpg: not text: looks like image/jpeg") {
		t.Errorf("skip reason = %q, want it to name the file and what it looks like", why)
	}
}

// firstWords returns the first three words of s.
func firstWords(s string) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(3, len(f))], " ")
}

func TestWalkNamedFiles(t *testing.T) {
	root := writeTree(t, map[string]string{
		"a.txt":     "Rebels entered Hama.",
		".h.txt":    "A hidden file named outright is read.",
		"photo.jpg": jpeg,
		"bad.jsonl": `{"text":"good"}` + "\n" + "oops\n",
	})
	var got []string
	err := Walk([]string{
		filepath.Join(root, "missing.txt"),
		filepath.Join(root, "photo.jpg"),
		filepath.Join(root, "a.txt"),
		filepath.Join(root, ".h.txt"),
		filepath.Join(root, "bad.jsonl"),
	}, Options{}, func(a sitrep.Article) error {
		got = append(got, a.Text)
		return nil
	})
	if want := "Rebels entered Hama.|A hidden file named outright is read.|good"; strings.Join(got, "|") != want {
		t.Errorf("Walk read %q, want %q", strings.Join(got, "|"), want)
	}
	wantErrs := []string{
		"source: " + filepath.Join(root, "missing.txt") + ": no such file or directory",
		"source: " + filepath.Join(root, "photo.jpg") + ": not text: looks like image/jpeg",
		"source: " + filepath.Join(root, "bad.jsonl") + ":2: malformed JSON at column 1: invalid character 'o' looking for beginning of value",
	}
	if err == nil || err.Error() != strings.Join(wantErrs, "\n") {
		t.Errorf("Walk error =\n%v\nwant\n%s", err, strings.Join(wantErrs, "\n"))
	}
}

func TestWalkStopsWhenFnFails(t *testing.T) {
	root := writeTree(t, map[string]string{
		"a.jsonl": `{"text":"one"}` + "\n" + `{"text":"two"}` + "\n",
		"b.txt":   "three",
		"c.png":   "\x89PNG\r\n\x1a\n\x00",
	})
	errFull := errors.New("store full")
	calls := 0
	err := Walk([]string{root, filepath.Join(root, "c.png")}, Options{}, func(a sitrep.Article) error {
		calls++
		return errFull
	})
	if !errors.Is(err, errFull) || calls != 1 {
		t.Errorf("Walk = %v after %d calls; want %v after 1", err, calls, errFull)
	}
	if err != errFull {
		t.Errorf("Walk = %#v; want fn's error itself when nothing else went wrong", err)
	}
}

func TestWalkStdin(t *testing.T) {
	defer func(r io.Reader) { stdin = r }(stdin)
	stdin = strings.NewReader(`{"id":"s1","text":"from a pipe"}` + "\n")
	var got []sitrep.Article
	jan1 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	err := Walk([]string{"-"}, Options{Published: jan1, Source: "wire"}, func(a sitrep.Article) error {
		got = append(got, a)
		return nil
	})
	want := sitrep.Article{ID: "s1", Published: jan1, Source: "wire", Text: "from a pipe"}
	if err != nil || len(got) != 1 || got[0] != want {
		t.Errorf("Walk(-) = %+v, %v; want [%+v]", got, err, want)
	}
}

func TestJSONLStreams(t *testing.T) {
	// The writer sends a record only after the one before it has reached
	// fn: a reader that waited for the end of input would hang.
	pr, pw := io.Pipe()
	seen := make(chan string)
	go func() {
		for _, id := range []string{"1", "2", "3"} {
			io.WriteString(pw, `{"id":"`+id+`","text":"x"}`+"\n")
			select {
			case <-seen:
			case <-time.After(5 * time.Second):
				pw.CloseWithError(errors.New("record not delivered before the next was written"))
				return
			}
		}
		pw.Close()
	}()
	var ids []string
	err := read(pr, "-", Options{Format: JSONL}, func(a sitrep.Article) error {
		ids = append(ids, a.ID)
		seen <- a.ID
		return nil
	})
	if err != nil || strings.Join(ids, ",") != "1,2,3" {
		t.Errorf("read = %v, %v; want 1,2,3 streamed", ids, err)
	}
}

func TestReadFile(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "Rebels entered Hama.\r\n"})
	arts, err := ReadFile(filepath.Join(root, "a.txt"), Options{})
	if err != nil || len(arts) != 1 || arts[0].Text != "Rebels entered Hama." {
		t.Errorf("ReadFile = %+v, %v", arts, err)
	}
	_, err = ReadFile(filepath.Join(root, "nope.txt"), Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v; want a *ParseError wrapping os.ErrNotExist", err)
	}
}
