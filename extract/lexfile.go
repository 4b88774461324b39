package extract

import (
	"bufio"
	"fmt"
	"strings"
)

// A lexicon file is plain text a linguist can edit:
//
//	# a comment
//	[section]
//	phrase
//	phrase => value
//	clash{,es,ed,ing}        braces expand: clash, clashes, clashed, clashing
//
// Phrases are matched on folded words (see text.Phrases). Sections group
// phrases by what they signal; each file documents its own sections and
// values at its top.

// lexEntry is one phrase of a lexicon file.
type lexEntry struct {
	Section, Phrase, Value string
	Line                   int
}

// parseLexFile reads a lexicon file. name is used in errors.
func parseLexFile(name, src string) ([]lexEntry, error) {
	var out []lexEntry
	section := ""
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") || len(line) < 3 {
				return nil, fmt.Errorf("extract: %s:%d: bad section header %q", name, n, line)
			}
			section = strings.TrimSpace(line[1 : len(line)-1])
			continue
		}
		if section == "" {
			return nil, fmt.Errorf("extract: %s:%d: phrase %q outside any [section]", name, n, line)
		}
		phrase, value := line, ""
		if i := strings.Index(line, "=>"); i >= 0 {
			phrase, value = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+2:])
		}
		forms, err := expandBraces(phrase)
		if err != nil {
			return nil, fmt.Errorf("extract: %s:%d: %v", name, n, err)
		}
		for _, f := range forms {
			out = append(out, lexEntry{Section: section, Phrase: f, Value: value, Line: n})
		}
	}
	return out, sc.Err()
}

// expandBraces expands every {a,b,c} group of s: "clash{,es} here" ->
// "clash here", "clashes here".
func expandBraces(s string) ([]string, error) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		if strings.IndexByte(s, '}') >= 0 {
			return nil, fmt.Errorf("unbalanced } in %q", s)
		}
		return []string{s}, nil
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return nil, fmt.Errorf("unbalanced { in %q", s)
	}
	j += i
	rest, err := expandBraces(s[j+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(s[i+1:j], ",") {
		for _, r := range rest {
			out = append(out, s[:i]+alt+r)
		}
	}
	return out, nil
}
