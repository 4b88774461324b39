package worker

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
)

// countingStore counts the Ingest calls that reach a real store.
type countingStore struct {
	sitrep.Store
	calls atomic.Int32
}

func (c *countingStore) Ingest(ctx context.Context, docs []sitrep.Doc) ([]sitrep.IngestResult, error) {
	c.calls.Add(1)
	return c.Store.Ingest(ctx, docs)
}

func batchDoc(i int, events ...string) sitrep.Doc {
	text := fmt.Sprintf("Report %d: rebels and the army fought near Hama, a monitor said, in the %dth clash this month.", i, i)
	d := sitrep.Doc{Article: sitrep.Article{ID: sitrep.ArticleID(text), Title: fmt.Sprint("report ", i), Text: text, Published: time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC)}}
	for _, id := range events {
		d.Events = append(d.Events, sitrep.Event{ID: id, EventType: "Battles", SubEventType: "Armed clash", Date: "2024-12-05", Certainty: sitrep.Reported, Article: d.Article.Ref()})
	}
	return d
}

func TestBatcherStoresConcurrentArticlesTogether(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := &countingStore{Store: st}
	b := newBatcher(cs, time.Second, 64)
	bctx, stop := context.WithCancel(ctx)
	defer stop()
	go b.run(bctx)

	// Eight jobs at once, one of them with a document the store refuses
	// (one event id twice): the batch fails, then each is stored on its
	// own, so only that job fails.
	var wg sync.WaitGroup
	errs := make([]error, 8)
	res := make([][]sitrep.IngestResult, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := batchDoc(i, fmt.Sprint("e", i))
			if i == 5 {
				d = batchDoc(i, "dup", "dup")
			}
			res[i], errs[i] = b.ingest(ctx, []sitrep.Doc{d})
		}()
	}
	wg.Wait()
	for i := range 8 {
		switch {
		case i == 5 && errs[i] == nil:
			t.Errorf("the refused document's job succeeded")
		case i != 5 && (errs[i] != nil || len(res[i]) != 1 || res[i][0].Status != sitrep.StatusNew || res[i][0].ArticleID != batchDoc(i).Article.ID):
			t.Errorf("job %d: %v %+v", i, errs[i], res[i])
		}
	}
	// One failed batch, then eight single calls.
	if n := cs.calls.Load(); n != 9 {
		t.Errorf("%d Ingest calls, want 9 (one batch, then each alone)", n)
	}
	stats, _ := st.Stats(ctx)
	if stats.Articles != 7 {
		t.Errorf("%d articles stored, want 7", stats.Articles)
	}

	// Without a bad document, the jobs running at once are one call.
	cs.calls.Store(0)
	for i := 10; i < 18; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := b.ingest(ctx, []sitrep.Doc{batchDoc(i, fmt.Sprint("e", i))}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := cs.calls.Load(); n != 1 {
		t.Errorf("8 jobs within the wait took %d Ingest calls, want 1", n)
	}
}
