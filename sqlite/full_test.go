package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/storetest"
)

// openLimited opens path with its file capped at pages pages (SQLite's
// max_page_count on every connection), as a full disk would cap it; 0
// opens it without a cap.
func openLimited(t *testing.T, path string, pages int) *sqlstore.Store {
	t.Helper()
	testPragmas = nil
	if pages > 0 {
		testPragmas = []string{fmt.Sprintf("max_page_count(%d)", pages)}
	}
	defer func() { testPragmas = nil }()
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func pageCount(t *testing.T, st *sqlstore.Store) int {
	t.Helper()
	var n int
	if err := st.DB.QueryRow("PRAGMA page_count").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A full disk (the file capped by max_page_count) fails an ingest with
// an error that names the database and says it is full, and leaves
// nothing of the failed batch; once there is room again, ingesting every
// article again gives the record a clean run gives, each article once.
func TestDiskFullFailsCleanly(t *testing.T) {
	ctx := context.Background()
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	const n, per = 256, 16
	var batches [][]sitrep.Doc
	for i, a := range newsgen.Articles(n, 5, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		if i%per == 0 {
			batches = append(batches, nil)
		}
		batches[len(batches)-1] = append(batches[len(batches)-1], x.Doc(a))
	}
	dir := t.TempDir()

	clean := openLimited(t, filepath.Join(dir, "clean.db"), 0)
	for _, b := range batches {
		if _, err := clean.Ingest(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	want := storetest.Dump(t, clean)
	wantPages := pageCount(t, clean)
	clean.Close()

	// The disk fills part-way through the articles.
	path := filepath.Join(dir, "full.db")
	empty := openLimited(t, path, 0)
	limit := pageCount(t, empty) + (wantPages-pageCount(t, empty))/3
	empty.Close()
	st := openLimited(t, path, limit)
	failed := -1
	for i, b := range batches {
		before := storetest.Dump(t, st)
		_, err := st.Ingest(ctx, b)
		if err == nil {
			continue
		}
		failed = i
		t.Logf("batch %d of %d failed at a %d-page cap: %v", i, len(batches), limit, err)
		if msg := err.Error(); !strings.Contains(msg, "full") || !strings.Contains(msg, path) {
			t.Errorf("the error %q does not say that the database %s is full", msg, path)
		}
		if after := storetest.Dump(t, st); after != before {
			t.Errorf("the failed batch left a trace: the record changed from\n%.300s\nto\n%.300s", before, after)
		}
		// A later batch fails too, and cleanly: the store still works.
		if _, err := st.Ingest(ctx, batches[len(batches)-1]); err == nil || !strings.Contains(err.Error(), "full") {
			t.Errorf("another batch on the full disk: %v, want the disk-full error", err)
		}
		if after := storetest.Dump(t, st); after != before {
			t.Errorf("a second failed batch left a trace")
		}
		break
	}
	st.Close()
	if failed < 1 {
		t.Fatalf("the cap of %d pages failed batch %d: want a failure part-way, after a batch stored", limit, failed)
	}

	// Room again: every article, sent again, is stored once.
	st = openLimited(t, path, 0)
	defer st.Close()
	stored := 0
	for _, b := range batches {
		res, err := st.Ingest(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Status == sitrep.StatusDuplicate {
				stored++
			}
		}
	}
	if stored != failed*per {
		t.Errorf("%d articles found stored before, want %d (the batches before the disk filled)", stored, failed*per)
	}
	if got := storetest.Dump(t, st); got != want {
		t.Errorf("after the disk filled and was freed, the record differs from a clean run's (%d bytes, want %d)", len(got), len(want))
	}
}
