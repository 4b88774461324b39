package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// Queries go through connections that cannot write: a write through them
// is refused, so no query can take the write lock the writer waits on.
func TestReadPoolCannotWrite(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Read.Exec(`UPDATE counters SET n = 1 WHERE name = 'articles'`); err == nil {
		t.Error("a write through the read pool succeeded")
	}
	if _, err := s.DB.Exec(`UPDATE counters SET n = 0 WHERE name = 'articles'`); err != nil {
		t.Errorf("a write through the writer: %v", err)
	}
}

// The writer checkpoints the WAL once it holds 16,000 pages, not after
// every batch of an ingest (SQLite's default, 1,000, is less than one
// batch writes); readers never checkpoint.
func TestWriterCheckpointsLarge(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB.QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 16000 {
		t.Errorf("the writer's wal_autocheckpoint is %d, want 16000", n)
	}
}
