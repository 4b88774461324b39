package actors

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/internal/acled"
)

// The ACLED files are evaluation fixtures under ../../shared/data (or
// $SITREP_DATA), never copied into the project: the coverage test skips
// without them.
func acledDir(t testing.TB) string {
	dir := os.Getenv("SITREP_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	dir = filepath.Join(dir, "acled")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no ACLED evaluation data at %s (set SITREP_DATA to the shared data directory): %v", dir, err)
	}
	return dir
}

// acledNote is one distinct note of an ACLED file with the gold actor1
// sides of every row that shares it.
type acledNote struct {
	text  string
	focus string // ISO alpha-2 of the row's country
	sides map[string]bool
}

// interWords are the inter1 values of newer ACLED files, which write the
// code as words.
var interWords = map[string]string{
	"state forces":          "government",
	"rebel group":           "rebel",
	"political militia":     "militia",
	"identity militia":      "identity_militia",
	"rioters":               "rioters",
	"protesters":            "protesters",
	"civilians":             "civilians",
	"external/other forces": "external",
}

var interCodes = [9]string{"", "government", "rebel", "militia", "identity_militia", "rioters", "protesters", "civilians", "external"}

func interSide(s string) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 8 {
		return interCodes[n]
	}
	return interWords[strings.ToLower(s)]
}

func readNotes(path string) ([]*acledNote, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"notes", "inter1", "iso"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no %s column", path, need)
		}
	}
	byNumeric := map[string]string{}
	for _, c := range gazetteer.Countries() {
		if c.Numeric != "" {
			n, _ := strconv.Atoi(c.Numeric)
			byNumeric[strconv.Itoa(n)] = c.ISO2
		}
	}
	byText := map[string]*acledNote{}
	var notes []*acledNote
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		text, side := get("notes"), interSide(get("inter1"))
		if text == "" || side == "" {
			continue
		}
		n := byText[text]
		if n == nil {
			iso, _ := strconv.Atoi(get("iso"))
			n = &acledNote{text: acled.StripAnnotations(text), focus: byNumeric[strconv.Itoa(iso)], sides: map[string]bool{}}
			byText[text] = n
			notes = append(notes, n)
		}
		n.sides[side] = true
	}
	return notes, nil
}

// TestCoverage measures, per ACLED file (coders' remarks removed), in how
// many notes the side of the gold actor1 is the side of at least one actor
// Scan finds ("any"), and of the first Head mention ("first"), and fails
// when a file or the whole falls below its floor (coverageFloors).
//
//	go test -run Coverage -v ./actors
func TestCoverage(t *testing.T) {
	dir := acledDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) == 0 {
		t.Skipf("no ACLED files in %s", dir)
	}
	d := Default()
	var all, anyHit, firstHit, none int
	for _, path := range files {
		notes, err := readNotes(path)
		if err != nil {
			t.Fatal(err)
		}
		var hit, first, empty int
		missed := map[string]int{}
		for _, n := range notes {
			ms := d.Scan(n.text, n.focus)
			if len(ms) == 0 {
				empty++
			}
			ok, head := false, ""
			for _, m := range ms {
				s := m.Actor.SideIn(n.focus)
				if n.sides[s] {
					ok = true
				}
				if head == "" && m.Head {
					head = s
				}
			}
			if ok {
				hit++
			} else {
				for s := range n.sides {
					missed[s]++
				}
			}
			if n.sides[head] {
				first++
			}
		}
		t.Logf("%-48s notes %5d  any %5.1f%%  first %5.1f%%  no mention %4.1f%%  missed by gold side %v",
			filepath.Base(path), len(notes), pct(hit, len(notes)), pct(first, len(notes)), pct(empty, len(notes)), sortedCounts(missed))
		checkCoverage(t, filepath.Base(path), pct(hit, len(notes)), pct(first, len(notes)))
		all += len(notes)
		anyHit += hit
		firstHit += first
		none += empty
	}
	t.Logf("%-48s notes %5d  any %5.1f%%  first %5.1f%%  no mention %4.1f%%", "all", all, pct(anyHit, all), pct(firstHit, all), pct(none, all))
	checkCoverage(t, "all", pct(anyHit, all), pct(firstHit, all))
}

// coverageFloors are the percentages TestCoverage measured when last
// raised (2026-12-07), a tenth below: any, first. Raise them with the
// figures; a file not listed is measured, not held.
var coverageFloors = map[string][2]float64{
	"afghanistan_2020-03.csv":                       {97.4, 50.8},
	"bangladesh_demonstrations_2022-12_2024-08.csv": {53.8, 34.8},
	"burkinafaso_1997-2020.csv":                     {81.6, 73.6},
	"global_2020-04-27_2020-05-09.csv":              {71.9, 58.1},
	"kenya_2004-2019.csv":                           {61.9, 43.6},
	"srilanka_2010-2019.csv":                        {60.3, 47.4},
	"syria_battles_2017-2020.csv":                   {96.5, 82.7},
	"all":                                           {80.0, 65.1},
}

func checkCoverage(t *testing.T, file string, anyPct, firstPct float64) {
	t.Helper()
	fl, ok := coverageFloors[file]
	if !ok {
		return
	}
	if anyPct < fl[0] || firstPct < fl[1] {
		t.Errorf("%s: any %.1f%%, first %.1f%%; floors %.1f%%, %.1f%%", file, anyPct, firstPct, fl[0], fl[1])
	}
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

func sortedCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s:%d ", k, m[k])
	}
	return strings.TrimSpace(b.String())
}

func allNotes(tb testing.TB) []*acledNote {
	files, _ := filepath.Glob(filepath.Join(acledDir(tb), "*.csv"))
	var all []*acledNote
	for _, path := range files {
		notes, err := readNotes(path)
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, notes...)
	}
	if len(all) == 0 {
		tb.Skip("no ACLED notes")
	}
	return all
}
