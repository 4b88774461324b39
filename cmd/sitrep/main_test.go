package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractWritesOneEventPerLine(t *testing.T) {
	p := write(t, "report.txt", "Rebels captured Hama on Thursday after clashes with the Syrian army.\n")
	code, out, errs := runCmd(t, "extract", "--published", "2024-12-06", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var e map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatalf("first line is not JSON: %v: %s", err, lines[0])
	}
	if e["sub_event_type"] != "Non-state actor overtakes territory" || e["date"] != "2024-12-05" {
		t.Errorf("event = %v, want a capture dated 2024-12-05", e)
	}
	art := e["article"].(map[string]any)
	if art["published"] != "2024-12-06" || !strings.HasSuffix(art["source"].(string), "report.txt") {
		t.Errorf("article = %v, want published 2024-12-06 from report.txt", art)
	}
}

func TestExtractACLEDFormatStartsWithTheHeader(t *testing.T) {
	p := write(t, "r.txt", "Police fired tear gas at protesters in Nairobi on Monday.\n")
	code, out, _ := runCmd(t, "extract", "--published", "2023-07-08", "--format", "acled", p)
	if code != 0 || !strings.HasPrefix(out, "event_id_cnty,event_date,year,") {
		t.Errorf("exit %d, output %q: want ACLED's header first", code, out)
	}
}

func TestBadInputGetsAClearErrorAndNonZeroExit(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a missing file", []string{"extract", "/no/such/file.txt"}, "/no/such/file.txt"},
		{"a bad publication date", []string{"extract", "--published", "yesterday", "x.txt"}, "--published"},
		{"an unknown format", []string{"extract", "--format", "xml", write(t, "a.txt", "text")}, `"xml"`},
		{"an unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"eval without a file", []string{"eval", "acled"}, "no FILE.csv"},
		{"an unknown eval metric", []string{"eval", "acled", "--metric", "actor1_side", "x.csv"}, `--metric "actor1_side"`},
	}
	for _, tt := range tests {
		code, _, errs := runCmd(t, tt.args...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want non-zero and a message containing %q", tt.name, code, errs, tt.want)
		}
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	for _, c := range commands {
		code, _, errs := runCmd(t, c.name, "--help")
		if code != 0 || !strings.Contains(errs, "usage: sitrep "+c.name) {
			t.Errorf("%s --help: exit %d, %q", c.name, code, errs)
		}
	}
}

const evalCSV = `event_date,event_type,sub_event_type,inter1,admin1,location,latitude,longitude,notes,fatalities
9 May 2020,Battles,Armed clash,2,Hama,Hama,35.13,36.75,"On 9 May 2020, rebels clashed with the army in Hama, killing 3 soldiers.",3
`

func TestEvalPrintsTheContractMetricsAndChecksFloors(t *testing.T) {
	data := write(t, "gold.csv", evalCSV)
	code, out, errs := runCmd(t, "eval", "acled", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, m := range []string{"cases: 1", "event_type_acc: 1.000", "sub_event_type_acc:", "location_25km_acc:", "admin1_acc:", "fatalities_exact_acc: 1.000", "actor1_side_acc:", "no_event_rate: 0.000", "notes_per_sec:"} {
		if !strings.Contains(out, m) {
			t.Errorf("output lacks %q:\n%s", m, out)
		}
	}
	pass := write(t, "pass.txt", "overall event_type_acc >= 1.0\n")
	if code, out, _ := runCmd(t, "eval", "acled", "--floors", pass, data); code != 0 || !strings.Contains(out, "floors: all figures") {
		t.Errorf("floor met: exit %d, %q", code, out)
	}
	fail := write(t, "fail.txt", "gold.csv no_event_rate <= -1\n")
	if code, out, _ := runCmd(t, "eval", "acled", "--floors", fail, data); code == 0 || !strings.Contains(out, "BELOW FLOOR: gold.csv no_event_rate") {
		t.Errorf("floor missed: exit %d, %q; want a failure naming the figure", code, out)
	}
}
