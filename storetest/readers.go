package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/sqlstore"
)

// testReadsBesideWrite holds a writing transaction open, as an ingest
// does while it fuses, and asks what the API asks: every read must be
// answered meanwhile, from what was committed before it. A store whose
// queries shared the writer's connection, or took the write lock, would
// wait here until the deadline.
func testReadsBesideWrite(t *testing.T, open Opener) {
	s := newStore(t, open)
	st, ok := s.(*sqlstore.Store)
	if !ok {
		t.Skipf("%T is not an SQL store", s)
	}
	ingest(t, s, liveDocs()...)
	tx, err := st.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if st.D.Lock != "" {
		if _, err := tx.ExecContext(ctx, st.D.Lock); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE counters SET n = n + 1000 WHERE name = 'articles'`); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	readAll(t, rctx, s)
}

// readAll reads the suite's live reports as the page and the API do.
func readAll(t *testing.T, ctx context.Context, s sitrep.Store) {
	t.Helper()
	if inc, err := s.Incident(ctx, "h1"); err != nil || inc.Sources != 2 {
		t.Errorf("Incident(h1) beside a write: %+v, %v; want 2 sources", inc, err)
	}
	if cs, err := s.Clusters(ctx, sitrep.EventFilter{}, 1); err != nil || len(cs) == 0 {
		t.Errorf("Clusters beside a write: %d clusters, %v", len(cs), err)
	}
	if tl, err := s.Tally(ctx, sitrep.EventFilter{}); err != nil || len(tl.Days) == 0 {
		t.Errorf("Tally beside a write: %+v, %v", tl, err)
	}
	if sp, err := s.Control(ctx, sitrep.ControlFilter{Key: "g169577"}); err != nil || len(sp) == 0 {
		t.Errorf("Control beside a write: %d spans, %v", len(sp), err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Articles != len(liveDocs()) {
		t.Errorf("Stats beside a write: %d articles, %v; want %d (the write is not committed)", st.Articles, err, len(liveDocs()))
	}
}

// testIncidentReadAnew reads an incident, then ingests reports that join
// it: what is read next is the incident as it now stands, never a copy
// kept from before (the SQL store keeps recently read incidents).
func testIncidentReadAnew(t *testing.T, open Opener) {
	s := newStore(t, open)
	docs := liveDocs()
	ingest(t, s, docs[0])
	if inc, err := s.Incident(ctx, "h1"); err != nil || inc.Sources != 1 {
		t.Fatalf("Incident(h1) of one report: %+v, %v", inc, err)
	}
	ingest(t, s, docs[1])
	if inc, err := s.Incident(ctx, "h1"); err != nil || inc.Sources != 2 || len(inc.Reports) != 2 {
		t.Errorf("Incident(h1) after a second report: %+v, %v; want 2 sources", inc, err)
	}
	// An event with a smaller id joins: the incident is now h0's.
	ingest(t, s, doc("h0", "2024-12-05", "Warplanes struck Hama, killing twelve.", ev{id: "h0", sub: "Air/drone strike", date: "2024-12-05", loc: hama, a1: army, dead: 12}))
	if _, err := s.Incident(ctx, "h1"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Incident(h1) after h0 joined: error %v, want %q", err, sitrep.ENOTFOUND)
	}
	if got := incidentIDs(t, s, sitrep.EventFilter{}); got != "h0" {
		t.Errorf("incidents after h0 joined: %q, want h0", got)
	}
}

// testAnswersFollow asks the map's first questions (the whole record's
// clusters and tally) twice around an ingest: the second answers count
// the new incident (the SQL store remembers such answers until the
// change log moves).
func testAnswersFollow(t *testing.T, open Opener) {
	s := newStore(t, open)
	docs := liveDocs()
	ingest(t, s, docs[0])
	count := func() (clustered, tallied int) {
		cs, err := s.Clusters(ctx, sitrep.EventFilter{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			clustered += c.Count
		}
		tl, err := s.Tally(ctx, sitrep.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range tl.Days {
			tallied += d.Incidents
		}
		return clustered, tallied
	}
	if c, n := count(); c != 1 || n != 1 {
		t.Fatalf("one incident: clusters count %d, tally %d", c, n)
	}
	ingest(t, s, docs[3]) // Kyiv, another incident
	if c, n := count(); c != 2 || n != 2 {
		t.Errorf("after a second incident: clusters count %d, tally %d; want 2, 2", c, n)
	}
}
