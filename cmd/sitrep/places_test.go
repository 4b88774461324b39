package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPlacesResolvesAsExtractDoes: sitrep places writes a line per
// mention, with spans into the text, and the place it gives is the one
// extract gives the event there.
func TestPlacesResolvesAsExtractDoes(t *testing.T) {
	text := "Rebels captured Rastan, in Homs province, on Thursday, a monitor said.\n"
	p := write(t, "r.txt", text)
	code, out, errs := runCmd(t, "places", "--published", "2024-12-06", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	type place struct {
		Mention   string
		Span      [2]int
		GeonameID int
		Admin1    string
		Precision string
	}
	var ms []place
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m place
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %v: %s", err, line)
		}
		if text[m.Span[0]:m.Span[1]] != m.Mention {
			t.Errorf("span %v is %q, mention %q", m.Span, text[m.Span[0]:m.Span[1]], m.Mention)
		}
		ms = append(ms, m)
	}
	if len(ms) != 2 || ms[0].Mention != "Rastan" || ms[0].Admin1 != "Homs" || ms[0].Precision != "town" || ms[1].Precision != "region" {
		t.Fatalf("mentions %+v, want Rastan (a town in Homs) and Homs (the province)", ms)
	}
	_, out, _ = runCmd(t, "extract", "--published", "2024-12-06", p)
	var e struct{ Location struct{ GeonameID int } }
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &e); err != nil {
		t.Fatal(err)
	}
	if e.Location.GeonameID != ms[0].GeonameID {
		t.Errorf("extract placed the event at %d, places resolved Rastan to %d", e.Location.GeonameID, ms[0].GeonameID)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"places", "/no/such/file.txt"}, "/no/such/file.txt"},
		{[]string{"places", "--format", "csv", p}, `"csv"`},
	} {
		if code, _, errs := runCmd(t, c.args...); code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want an error naming %s", c.args, code, errs, c.want)
		}
	}
}
