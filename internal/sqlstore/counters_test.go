package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
	"github.com/sitrep/sitrep/internal/pgtest"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/sqlite"
)

// testCountersMigrate fills a store, takes it back to before the counters
// existed, and checks that opening it again counts what it holds: the
// migration's one count of a record written by an older sitrep.
func testCountersMigrate(t *testing.T, open func() (*sqlstore.Store, error)) {
	ctx := context.Background()
	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	arts := newsgen.Articles(300, 18, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	docs := make([]sitrep.Doc, len(arts))
	for i := range arts {
		docs[i] = sitrep.Doc{Article: arts[i], Events: x.Extract(&arts[i])}
	}
	// A wire copy of the first, cut short, is a near-duplicate.
	cp := arts[0]
	cp.Text = "Wire copy. " + cp.Text[:len(cp.Text)*4/5]
	cp.ID = sitrep.ArticleID(cp.Text)
	docs = append(docs, sitrep.Doc{Article: cp})
	if _, err := st.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want, err := st.Recount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want.Articles != len(docs) || want.Events == 0 || want.Incidents == 0 || want.NearDuplicates == 0 || want.Places == 0 {
		t.Fatalf("the synthetic record holds %+v; the test wants some of each", want)
	}
	for _, q := range []string{`DROP TABLE counters`, `DELETE FROM schema_migrations WHERE version = 4`} {
		if _, err := st.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = open(); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got.First, got.Last = "", ""
	if got != want {
		t.Errorf("after the migration, Stats = %+v, want %+v", got, want)
	}
}

func TestCountersMigrateSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	testCountersMigrate(t, func() (*sqlstore.Store, error) { return sqlite.Open(context.Background(), path) })
}

func TestCountersMigratePostgres(t *testing.T) {
	dsn := pgtest.NewDB(t)
	testCountersMigrate(t, func() (*sqlstore.Store, error) { return postgres.Open(context.Background(), dsn) })
}
