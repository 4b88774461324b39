package eval

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// CheckFloors compares results (by file base name, or "overall") with a
// floors file: lines of "FILE METRIC >= VALUE" or "FILE METRIC <= VALUE".
// It returns a line for each figure beyond its bound, sorted; a file not
// in results is not checked. Figures are compared as printed, to three
// decimals. Metrics named in skip are not checked (a test leaves speed to
// the command line).
func CheckFloors[M interface{ Figures() []Figure }](path string, results map[string]M, skip ...string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var failed []string
	for n, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 || (f[2] != ">=" && f[2] != "<=") {
			return nil, fmt.Errorf("%s:%d: want 'FILE METRIC >=|<= VALUE', got %q", path, n+1, line)
		}
		bound, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %q is not a number", path, n+1, f[3])
		}
		m, ok := results[f[0]]
		if !ok || slices.Contains(skip, f[1]) {
			continue
		}
		var got float64
		found := false
		for _, fig := range m.Figures() {
			if fig.Name == f[1] {
				got, found = fig.Value, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%s:%d: unknown metric %q", path, n+1, f[1])
		}
		got = Round(got)
		if f[2] == ">=" && got < bound-1e-9 || f[2] == "<=" && got > bound+1e-9 {
			failed = append(failed, fmt.Sprintf("%s %s = %.3f, floor %s %s", f[0], f[1], got, f[2], f[3]))
		}
	}
	sort.Strings(failed)
	return failed, nil
}
