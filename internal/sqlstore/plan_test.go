package sqlstore_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
)

// TestIncidentListsReadIndexesAlone checks on SQLite that the filtered
// lists the API answers most (a radius around a place, a country and a
// type, over a period) read an index that holds every column they ask:
// a table row read per incident of the period was most of such a list's
// cost on a large record.
func TestIncidentListsReadIndexesAlone(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	since := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	until := since.AddDate(0, 0, 30)
	for name, f := range map[string]sitrep.EventFilter{
		"near a place":     {Since: since, Until: until, Near: &sitrep.Point{Lat: 35.1, Lon: 36.7}, Km: 25, Newest: true, Limit: 50},
		"country and type": {Since: since, Until: until, Country: "SY", Type: "Battles", Newest: true, Limit: 50},
		"a period":         {Since: since, Until: until, Limit: 50},
	} {
		q, args, err := st.IncidentQuery(&f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := st.DB.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var step string
			if err := rows.Scan(&id, &parent, &unused, &step); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, step)
		}
		rows.Close()
		for _, step := range plan {
			if strings.Contains(step, " incidents ") && !strings.Contains(step, "COVERING INDEX") {
				t.Errorf("%s: %q reads the table:\n%s", name, q, strings.Join(plan, "\n"))
			}
		}
	}
}
