package sqlstore

import (
	"context"
	"database/sql"

	"github.com/sitrep/sitrep"
)

// The counters table's rows: what Stats reports. Each ingest adds what it
// changed to them in its own transaction, so they are right whichever
// process wrote and after any restart, and a reader never counts a table
// (PostgreSQL's count(*) reads every row it can see; SQLite's reads a
// whole index). Writers are serialised already (Dialect.Lock, SQLite's
// one writer), so the rows are no new point of contention.
const (
	cArticles       = "articles"
	cNearDuplicates = "near_duplicates"
	cEvents         = "events"
	cIncidents      = "incidents"
	cPlaces         = "places"
)

// count notes that this call changed counter name by d.
func (in *ingest) count(name string, d int64) {
	if in.counted == nil {
		in.counted = map[string]int64{}
	}
	in.counted[name] += d
}

// saveCounts adds what this call counted to the counters table.
func (in *ingest) saveCounts() error {
	for _, name := range sortedKeys(in.counted) {
		if d := in.counted[name]; d != 0 {
			if err := in.exec(`UPDATE counters SET n = n + ? WHERE name = ?`, d, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// withControl says which of places have a control span, which is what
// makes a place one of Stats' places.
func (in *ingest) withControl(places []string) (map[string]bool, error) {
	has := map[string]bool{}
	err := in.each(`SELECT DISTINCT place_key FROM control WHERE place_key IN (%s)`, anys(places), func(r *sql.Rows) error {
		var place string
		err := r.Scan(&place)
		has[place] = true
		return err
	})
	return has, err
}

// Stats implements sitrep.Store: one read of the counters and of the two
// ends of the incidents' date index, whatever the record's size.
func (s *Store) Stats(ctx context.Context) (sitrep.Stats, error) {
	var st sitrep.Stats
	var first, last *string
	q := `SELECT
		(SELECT n FROM counters WHERE name = '` + cArticles + `'),
		(SELECT n FROM counters WHERE name = '` + cNearDuplicates + `'),
		(SELECT n FROM counters WHERE name = '` + cEvents + `'),
		(SELECT n FROM counters WHERE name = '` + cIncidents + `'),
		(SELECT n FROM counters WHERE name = '` + cPlaces + `'),
		(SELECT min(date) FROM incidents WHERE date > ''),
		(SELECT max(date) FROM incidents)`
	// An undated incident's date is ''; min and max read the index's ends.
	if err := s.reader().QueryRowContext(ctx, q).Scan(&st.Articles, &st.NearDuplicates, &st.Events, &st.Incidents, &st.Places, &first, &last); err != nil {
		return st, s.errf("stats", err)
	}
	if first != nil {
		st.First = *first
	}
	if last != nil {
		st.Last = *last
	}
	return st, nil
}

// Recount counts what the store holds row by row, as Stats did before
// the counters: what the counters must always equal (the conformance
// suite checks it after its ingests).
func (s *Store) Recount(ctx context.Context) (sitrep.Stats, error) {
	var st sitrep.Stats
	for _, c := range []struct {
		q string
		n *int
	}{
		{"SELECT count(*) FROM articles", &st.Articles},
		{"SELECT count(*) FROM articles WHERE dup_of IS NOT NULL", &st.NearDuplicates},
		{"SELECT count(*) FROM events", &st.Events},
		{"SELECT count(*) FROM incidents", &st.Incidents},
		{"SELECT count(DISTINCT place_key) FROM control", &st.Places},
	} {
		if err := s.DB.QueryRowContext(ctx, c.q).Scan(c.n); err != nil {
			return st, s.errf("recount", err)
		}
	}
	return st, nil
}
