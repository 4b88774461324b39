package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/extract"
)

// The rows below are made up for the tests, in ACLED's two schemas; they are
// not ACLED data.
const oldSchema = `data_id,iso,event_id_cnty,event_date,year,event_type,sub_event_type,actor1,inter1,actor2,inter2,admin1,location,latitude,longitude,geo_precision,notes,fatalities
1,760,X1,9-May-20,2020,Battles,Armed clash,Rebels,2,Army,1,Hama,Hama,35.13,36.75,1,"On 9 May 2020, rebels clashed with the army in Hama, killing 3 soldiers.",2
2,760,X2,9-May-20,2020,Battles,Armed clash,Rebels,2,Army,1,Hama,Suran,35.29,36.74,1,"On 9 May 2020, rebels clashed with the army in Hama, killing 3 soldiers.",1
3,404,X3,31-12-19,2019,Protests,Peaceful protest,Protesters,6,,0,Nairobi,Nairobi,-1.28,36.82,1,"On 31 December 2019, traders protested in Nairobi.",0
`

const newSchema = `event_id_cnty,event_date,year,disorder_type,event_type,sub_event_type,actor1,inter1,admin1,location,latitude,longitude,notes,fatalities
Y1,5 August 2024,2024,Demonstrations,Riots,Mob violence,Rioters,Rioters,Dhaka,Dhaka,23.71,90.41,"On 5 August 2024, a mob attacked a shop in Dhaka.",0
Y2,not a date,2024,Demonstrations,Riots,Mob violence,Rioters,Rioters,Dhaka,Dhaka,23.71,90.41,"A note with a bad date.",0
Y3,5 August 2024,2024,Demonstrations,Riots,Mob violence,Rioters,Rioters,Dhaka,Dhaka,23.71,90.41,,0
`

func TestReadACLEDGroupsRowsSharingANote(t *testing.T) {
	cases, bad, err := ReadACLED(strings.NewReader(oldSchema), "old.csv")
	if err != nil || len(bad) != 0 {
		t.Fatalf("ReadACLED: %v %v", err, bad)
	}
	if len(cases) != 2 || len(cases[0].Rows) != 2 {
		t.Fatalf("got %d cases (first with %d rows), want 2 cases, the first with 2 rows", len(cases), len(cases[0].Rows))
	}
	r := cases[1].Rows[0]
	if !r.Date.Equal(time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)) || r.Inter1 != 6 || r.SubEventType != "Peaceful protest" {
		t.Errorf("row = %+v, want 31 December 2019, inter1 6, Peaceful protest", r)
	}
}

func TestReadACLEDNewSchemaAndBadRows(t *testing.T) {
	cases, bad, err := ReadACLED(strings.NewReader(newSchema), "new.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 || cases[0].Rows[0].Inter1 != 5 {
		t.Fatalf("got %d cases, want the one good row with inter1 'Rioters' = 5", len(cases))
	}
	if len(bad) != 2 {
		t.Fatalf("got %d bad rows (%v), want 2: the bad date and the empty note", len(bad), bad)
	}
	if !strings.Contains(bad[0].Error(), "new.csv:3: event_date") || !strings.Contains(bad[1].Error(), "new.csv:4: notes") {
		t.Errorf("errors %q, %q should name the file, line and field", bad[0], bad[1])
	}
}

func TestReadACLEDRefusesAFileWithoutNotes(t *testing.T) {
	_, _, err := ReadACLED(strings.NewReader("a,b,c\n1,2,3\n"), "x.csv")
	if err == nil || !strings.Contains(err.Error(), `x.csv:1: header has no "notes" column`) {
		t.Errorf("error = %v, want one naming the missing column", err)
	}
}

func TestScoreCountsACaseOnceAgainstAllItsRows(t *testing.T) {
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	cases, _, _ := ReadACLED(strings.NewReader(oldSchema), "old.csv")
	var outs []Outcome
	m := Score(x, cases, Options{KeepAnnotations: true}, func(o Outcome) { outs = append(outs, o) })
	if m.Cases != 2 {
		t.Fatalf("scored %d cases, want 2", m.Cases)
	}
	// The first note reports 3 deaths; its two rows hold 2 + 1.
	if !outs[0].Fatalities || outs[0].PredictedFatalities != 3 {
		t.Errorf("fatalities: predicted %d, scored %v; want 3 against the rows' 2+1", outs[0].PredictedFatalities, outs[0].Fatalities)
	}
	if !outs[0].EventType || !outs[0].Location25 || !outs[0].Actor1Side {
		t.Errorf("first case: %+v, want type, place and side right", outs[0])
	}
	if !outs[1].SubEventType || outs[1].Primary == nil || outs[1].Primary.Actor1 == nil || outs[1].Primary.Actor1.Inter != 6 {
		t.Errorf("second case: want a peaceful protest by protesters, got %+v", outs[1].Primary)
	}
	for _, f := range m.Figures() {
		if f.Name == "no_event_rate" && f.Value != 0 {
			t.Errorf("no_event_rate = %v, want 0", f.Value)
		}
	}
}

func TestSameNameIgnoresGenericWords(t *testing.T) {
	for _, c := range [][2]string{{"Deir ez Zor", "Deir ez-Zor Governorate"}, {"Homs", "Homs Governorate"}, {"Narok", "Narok County"}} {
		if !sameName(c[0], c[1]) {
			t.Errorf("sameName(%q, %q) = false", c[0], c[1])
		}
	}
	if sameName("Homs", "Hama") {
		t.Error("sameName(Homs, Hama) = true")
	}
}
