package eval

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
)

// ACLED files are outside input. Run the fuzzer with
//
//	go test ./eval -run '^$' -fuzz '^FuzzReadACLED$' -fuzztime 1m

// badRow is how a row ReadACLED cannot read is reported: file and line.
var badRow = regexp.MustCompile(`^eval: fuzz\.csv:([0-9]+): `)

func FuzzReadACLED(f *testing.F) {
	f.Add([]byte(oldSchema))
	f.Add([]byte(newSchema))
	f.Add([]byte("\ufeffEvent_Date,Event_Type,Sub_Event_Type,Notes,Fatalities\n" +
		"2020-03-21T10:00:00Z,Battles,,\"multi\nline \"\"note\"\"\",-3\n" +
		"21 March 2020,battles,armed clash,' OR 1=1 --,99999999999999999999\n" +
		"9-May-20,Violence against civilians,Attack,% _ \x00 \xff\xfe,1\n"))
	f.Add([]byte("notes,event_date,event_type,sub_event_type\n\"unterminated,1,2\n,,,\n" + strings.Repeat("x,", 1000) + "\n"))
	f.Add([]byte("notes,event_date,event_type,sub_event_type\r\nA note,31-02-20,Protests,Peaceful protest\r\nA note,31-12-19,Protests,Peaceful protest\r\n"))
	f.Add([]byte("notes\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, bad, err := ReadACLED(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if len(cases) != 0 || len(bad) != 0 || !strings.HasPrefix(err.Error(), "eval: fuzz.csv") {
				t.Fatalf("error %q with %d cases, %d bad rows", err, len(cases), len(bad))
			}
			return
		}
		for _, e := range bad {
			m := badRow.FindStringSubmatch(e.Error())
			if m == nil {
				t.Fatalf("bad row error %q names no line", e)
			}
			if n, _ := strconv.Atoi(m[1]); n < 1 {
				t.Fatalf("bad row error %q: line %d", e, n)
			}
		}
		notes := map[string]bool{}
		for _, c := range cases {
			if strings.TrimSpace(c.Notes) == "" || len(c.Rows) == 0 || notes[c.Notes] {
				t.Fatalf("case with note %q, %d rows, note seen before: %v", c.Notes, len(c.Rows), notes[c.Notes])
			}
			notes[c.Notes] = true
			for _, r := range c.Rows {
				if r.Notes != c.Notes || r.Line < 1 {
					t.Fatalf("row at line %d, note %q, in case %q", r.Line, r.Notes, c.Notes)
				}
				if r.Date.Location() != time.UTC || r.Date.Hour() != 0 {
					t.Fatalf("line %d: date %v", r.Line, r.Date)
				}
				if d, err := extract.ParseDate(r.Date.Format(sitrep.DateLayout)); err != nil || !d.Equal(r.Date) {
					t.Fatalf("line %d: date %v does not parse back: %v", r.Line, r.Date, err)
				}
				if r.EventType == "" || (r.SubEventType != "" && sitrep.Taxonomy[r.SubEventType] != r.EventType) {
					t.Fatalf("line %d: type %q / %q", r.Line, r.EventType, r.SubEventType)
				}
			}
		}
	})
}
