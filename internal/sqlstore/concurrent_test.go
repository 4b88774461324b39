package sqlstore_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
	"github.com/sitrep/sitrep/internal/pgtest"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

// concurrentDocs is a synthetic corpus with wire copies: every seventh
// report again, longer, so that the copy takes its story over.
func concurrentDocs(t *testing.T) []sitrep.Doc {
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	arts := newsgen.Articles(400, 21, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	var docs []sitrep.Doc
	for i := range arts {
		docs = append(docs, sitrep.Doc{Article: arts[i], Events: x.Extract(&arts[i])})
		if i%7 == 0 {
			cp := arts[i]
			cp.Text = "Wire copy. " + cp.Text + " More to follow."
			cp.ID = sitrep.ArticleID(cp.Text)
			docs = append(docs, sitrep.Doc{Article: cp, Events: x.Extract(&cp)})
		}
	}
	return docs
}

// testConcurrentIngest checks that four handles on one database (as four
// worker processes would be) ingesting a corpus at once, in batches of
// twenty-five dealt round, leave the record one handle ingesting it in
// order leaves: nothing lost or stored twice, copies grouped, incidents
// and control alike.
func testConcurrentIngest(t *testing.T, open func(t *testing.T) func() (*sqlstore.Store, error)) {
	ctx := context.Background()
	docs := concurrentDocs(t)
	const batch, writers = 25, 4
	serial, err := open(t)()
	if err != nil {
		t.Fatal(err)
	}
	defer serial.Close()
	for i := 0; i < len(docs); i += batch {
		if _, err := serial.Ingest(ctx, docs[i:min(i+batch, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	want := storetest.Dump(t, serial)
	if st, _ := serial.Stats(ctx); st.NearDuplicates == 0 || st.Incidents == 0 || st.Places == 0 {
		t.Fatalf("the corpus makes %+v; the test wants copies, incidents and places", st)
	}

	handle := open(t)
	var stores []*sqlstore.Store
	for range writers {
		s, err := handle()
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each writer takes every fourth batch, the last first.
			for i := (len(docs)/batch/writers)*writers*batch + w*batch; i >= 0; i -= writers * batch {
				if i >= len(docs) {
					continue
				}
				if _, err := stores[w].Ingest(ctx, docs[i:min(i+batch, len(docs))]); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := storetest.Dump(t, stores[0]); got != want {
		t.Errorf("four writers at once left another record than one in order:\n%.2000s\nvs\n%.2000s", got, want)
	}
}

func TestConcurrentIngestSQLite(t *testing.T) {
	testConcurrentIngest(t, func(t *testing.T) func() (*sqlstore.Store, error) {
		path := filepath.Join(t.TempDir(), "sitrep.db")
		return func() (*sqlstore.Store, error) { return sqlite.Open(context.Background(), path) }
	})
}

func TestConcurrentIngestPostgres(t *testing.T) {
	testConcurrentIngest(t, func(t *testing.T) func() (*sqlstore.Store, error) {
		dsn := pgtest.NewDB(t)
		return func() (*sqlstore.Store, error) { return postgres.Open(context.Background(), dsn) }
	})
}
