package worker

import (
	"context"
	"time"

	"github.com/sitrep/sitrep"
)

// batcher gathers the documents of the fetch jobs running at once into
// one Ingest call, one transaction. A commit costs the same for one
// article as for fifty, and on SQLite every commit empties the page
// caches of the server's readers: fewer, larger commits make both the
// worker and the servers beside it faster.
type batcher struct {
	st   sitrep.Store
	in   chan batchItem
	wait time.Duration // how long a document waits for others
	max  int           // documents per batch at most
}

type batchItem struct {
	docs []sitrep.Doc
	done chan batchResult
}

type batchResult struct {
	res []sitrep.IngestResult
	err error
}

func newBatcher(st sitrep.Store, wait time.Duration, max int) *batcher {
	return &batcher{st: st, in: make(chan batchItem), wait: wait, max: max}
}

// ingest stores docs with whatever else arrives within the batcher's
// wait, and returns what Ingest said of docs.
func (b *batcher) ingest(ctx context.Context, docs []sitrep.Doc) ([]sitrep.IngestResult, error) {
	done := make(chan batchResult, 1)
	select {
	case b.in <- batchItem{docs, done}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// The batch commits or fails as a whole whatever this job does now:
	// wait for it, so the job's outcome is the batch's.
	r := <-done
	return r.res, r.err
}

// run gathers and stores batches until ctx ends.
func (b *batcher) run(ctx context.Context) {
	for {
		var first batchItem
		select {
		case first = <-b.in:
		case <-ctx.Done():
			return
		}
		items, n := []batchItem{first}, len(first.docs)
		timer := time.NewTimer(b.wait)
	gather:
		for n < b.max {
			select {
			case it := <-b.in:
				items = append(items, it)
				n += len(it.docs)
			case <-timer.C:
				break gather
			}
		}
		timer.Stop()
		b.store(items)
	}
}

// store ingests the items in one call; if that fails, each on its own, so
// that one bad document fails only its job. The batch is stored even as
// the worker stops: its jobs are waiting for the answer.
func (b *batcher) store(items []batchItem) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var all []sitrep.Doc
	for _, it := range items {
		all = append(all, it.docs...)
	}
	res, err := b.st.Ingest(ctx, all)
	if err != nil && len(items) > 1 {
		for _, it := range items {
			res, err := b.st.Ingest(ctx, it.docs)
			it.done <- batchResult{res, err}
		}
		return
	}
	for _, it := range items {
		r := batchResult{err: err}
		if err == nil {
			r.res, res = res[:len(it.docs)], res[len(it.docs):]
		}
		it.done <- r
	}
}
