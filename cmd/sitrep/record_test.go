package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

const seedPath = "../../../shared/brief/seed-article.txt"

// ingestReports ingests the sample reports and the seed article into a
// new database, in the order given, and returns the database's path.
func ingestReports(t *testing.T, seedFirst bool) string {
	t.Helper()
	if _, err := os.Stat(seedPath); err != nil {
		t.Skipf("seed article not available (../shared/brief): %v", err)
	}
	db := filepath.Join(t.TempDir(), "sitrep.db")
	steps := [][]string{
		{"ingest", "--db", db, "../../demo/corpus/syria-2024-12.jsonl"},
		{"ingest", "--db", db, "--published", "2024-12-06", seedPath},
	}
	if seedFirst {
		steps[0], steps[1] = steps[1], steps[0]
	}
	for _, args := range steps {
		if code, _, errs := runCmd(t, args...); code != 0 {
			t.Fatalf("sitrep %v: exit %d: %s", args, code, errs)
		}
	}
	return db
}

func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var rows []T
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not JSON: %v: %s", err, l)
		}
		rows = append(rows, v)
	}
	return rows
}

// The acceptance: the seed article with further reports of the same
// days (one a syndicated near-copy) gives one incident per happening with
// the right source counts, and control on 6 December shows Aleppo, Hama,
// Rastan and Talbisseh held by the rebels and Homs by the government.
func TestRecordOfTheSeedDays(t *testing.T) {
	db := ingestReports(t, false)
	code, out, errs := runCmd(t, "control", "--db", db, "--as-of", "2024-12-06", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("control: exit %d: %s", code, errs)
	}
	var got []string
	for _, s := range jsonLines[sitrep.ControlSpan](t, out) {
		got = append(got, s.Place.Name+"="+s.Side+"/"+s.Status)
		// Homs: the Levant Wire's and the Orontes Observer's statements.
		if s.Place.Name == "Homs" && (len(s.Evidence) != 2 || s.Evidence[0].Sentence == "") {
			t.Errorf("Homs rests on %d reports (%+v), want the 2 that say who holds it, with their sentences", len(s.Evidence), s.Evidence)
		}
	}
	sort.Strings(got)
	want := []string{"Aleppo=rebel/held", "Ar Rastan=rebel/held", "Hamah=rebel/held", "Homs=government/held", "Tallbisah=rebel/held"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("control as of 2024-12-06:\n got %v\nwant %v", got, want)
	}

	code, out, errs = runCmd(t, "incidents", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("incidents: exit %d: %s", code, errs)
	}
	type key struct{ place, sub string }
	incs := map[key]sitrep.Incident{}
	for _, in := range jsonLines[sitrep.Incident](t, out) {
		k := key{in.Location.Name, in.SubEventType}
		if _, dup := incs[k]; dup {
			t.Errorf("two incidents of %v: one happening counted twice", k)
		}
		incs[k] = in
	}
	for _, c := range []struct {
		k       key
		sources int
		dead    any // nil or the conservative toll
		rng     string
	}{
		// Levant Wire, Orontes Observer and the seed; the Gulf Syndicate
		// copy of the Levant Wire story adds nothing.
		{key{"Hamah", "Non-state actor overtakes territory"}, 3, nil, ""},
		// 12 and 15 dead reported: ACLED codes the lower figure.
		{key{"Hamah", "Air/drone strike"}, 3, 12, "12-15"},
		{key{"Aleppo", "Non-state actor overtakes territory"}, 2, nil, ""},
		{key{"Ar Rastan", "Non-state actor overtakes territory"}, 2, nil, ""},
		{key{"Tallbisah", "Non-state actor overtakes territory"}, 2, nil, ""},
	} {
		in, ok := incs[c.k]
		if !ok {
			t.Errorf("no incident %v", c.k)
			continue
		}
		rng := ""
		if in.FatalitiesMin != nil {
			rng = strconv.Itoa(*in.FatalitiesMin) + "-" + strconv.Itoa(*in.FatalitiesMax)
		}
		var dead any
		if in.Fatalities != nil {
			dead = *in.Fatalities
		}
		if in.Sources != c.sources || dead != c.dead || rng != c.rng {
			t.Errorf("%v: %d sources, %v dead (%s); want %d, %v (%s)", c.k, in.Sources, dead, rng, c.sources, c.dead, c.rng)
		}
	}
	// Full-text search finds the stories that name a place, and shows
	// which is a copy of which.
	code, out, errs = runCmd(t, "articles", "--db", db, "--query", "Hama", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("articles: exit %d: %s", code, errs)
	}
	found := jsonLines[sitrep.StoredArticle](t, out)
	copies := 0
	for _, a := range found {
		if a.DupOf != "" {
			copies++
		}
	}
	if len(found) != 4 || copies != 1 {
		t.Errorf("search for Hama found %d articles (%d copies), want 4 (the Gulf Syndicate copy among them)", len(found), copies)
	}

	// Nothing hypothetical (the seed's "If the rebels take Homs") or
	// projected is an incident.
	for k := range incs {
		if k.place == "Homs" && k.sub == "Non-state actor overtakes territory" {
			t.Errorf("the hypothetical capture of Homs became an incident")
		}
	}
}

func TestRecordDoesNotDependOnOrder(t *testing.T) {
	a, b := ingestReports(t, false), ingestReports(t, true)
	for _, args := range [][]string{
		{"incidents", "--format", "jsonl"},
		{"control", "--format", "jsonl"},
		{"events", "--format", "jsonl"},
	} {
		_, outA, _ := runCmd(t, append(args, "--db", a)...)
		_, outB, _ := runCmd(t, append(args, "--db", b)...)
		if outA != outB || outA == "" {
			t.Errorf("sitrep %s differs with the seed ingested first:\n%s\nvs\n%s", args[0], outA, outB)
		}
	}
}

func TestIngestSummaryAndReingest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	code, _, errs := runCmd(t, "ingest", "--db", db, "../../demo/corpus/syria-2024-12.jsonl")
	if code != 0 || !strings.Contains(errs, "4 articles: 3 new, 0 duplicate, 1 near-duplicate, 0 failed;") {
		t.Fatalf("first ingest: exit %d, %q", code, errs)
	}
	_, before, _ := runCmd(t, "events", "--db", db, "--format", "jsonl")
	code, _, errs = runCmd(t, "ingest", "--db", db, "../../demo/corpus/syria-2024-12.jsonl")
	if code != 0 || !strings.Contains(errs, "4 articles: 0 new, 4 duplicate, 0 near-duplicate, 0 failed; 0 events added") {
		t.Fatalf("second ingest: exit %d, %q", code, errs)
	}
	if _, after, _ := runCmd(t, "events", "--db", db, "--format", "jsonl"); after != before {
		t.Error("re-ingesting the same articles changed the events")
	}
	// A bad file is named, the good one still lands, the exit is non-zero.
	bad := write(t, "bad.jsonl", "{\"text\": \"Rebels shelled Idlib on Monday.\", \"published\": \"2024-13-45\"}\nnot json\n")
	code, _, errs = runCmd(t, "ingest", "--db", db, bad)
	if code == 0 || !strings.Contains(errs, "bad.jsonl:1: published") || !strings.Contains(errs, "bad.jsonl:2") {
		t.Errorf("bad input: exit %d, %q; want non-zero naming both lines", code, errs)
	}
	for _, args := range [][]string{
		{"events", "--db", db, "--near", "Nowhereville-on-Sea"},
		{"events", "--db", db, "--since", "yesterday"},
		{"events", "--db", db, "--type", "Picnic"},
		{"events", "--db", db, "--near", "Homs", "--km", "-3"},
		{"control", "--db", db, "--as-of", "2024-02-30"},
		{"export", "--db", db},
	} {
		if code, _, errs := runCmd(t, args...); code == 0 || errs == "" {
			t.Errorf("sitrep %v: exit %d with %q, want an error", args, code, errs)
		}
	}
}

// The README's example: a town that is also a governorate is the town, so
// the battles around Homs city are found (the governorate's middle is
// 130 km east of it, where none was).
func TestEventsNearATownNamedLikeItsGovernorate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	if code, _, errs := runCmd(t, "ingest", "--db", db, "../../demo/corpus/syria-2024-12.jsonl"); code != 0 {
		t.Fatalf("ingest: exit %d, %q", code, errs)
	}
	code, out, errs := runCmd(t, "events", "--db", db, "--since", "2024-12-01", "--near", "Homs", "--km", "40", "--format", "jsonl")
	if code != 0 || out == "" {
		t.Fatalf("sitrep events --near Homs --km 40: exit %d, %q, %d bytes out; want the events around Homs", code, errs, len(out))
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e sitrep.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil || e.Location == nil {
			t.Fatalf("%q: %v", line, err)
		}
		if d := gazetteer.Distance(e.Location.Lat, e.Location.Lon, 34.73, 36.72); d > 40 {
			t.Errorf("event at %s is %.0f km from Homs", e.Location.Name, d)
		}
	}
}
