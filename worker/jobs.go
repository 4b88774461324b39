package worker

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/feed"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/source"
)

// work is what the jobs share: the store, one extractor and one fetcher
// for the whole worker.
type work struct {
	st      *sqlstore.Store
	x       *extract.Extractor
	fetcher *source.Fetcher
	log     *slog.Logger
	batch   *batcher
	budget  time.Duration // one article's extraction (Options.ArticleTimeout)
}

// maxDue bounds the polls one schedule job queues; the rest wait a tick.
const maxDue = 1000

// scheduleArgs is the periodic job that queues the polls due.
type scheduleArgs struct{}

func (scheduleArgs) Kind() string { return "sitrep_schedule" }

func (scheduleArgs) InsertOpts() river.InsertOpts {
	// A failed schedule is simply tried again at the next tick.
	return river.InsertOpts{Queue: feedsQueue, MaxAttempts: 1}
}

type scheduleWorker[TTx any] struct {
	river.WorkerDefaults[scheduleArgs]
	w *work
}

func (sw *scheduleWorker[TTx]) Work(ctx context.Context, job *river.Job[scheduleArgs]) error {
	return sw.w.queueDue(ctx, river.ClientFromContext[TTx](ctx).InsertMany)
}

// queueDue queues a poll of each feed due now with insert.
func (w *work) queueDue(ctx context.Context, insert func(context.Context, []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)) error {
	due, err := w.st.DueFeeds(ctx, time.Now(), maxDue)
	if err != nil || len(due) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(due))
	for i, f := range due {
		params[i] = river.InsertManyParams{Args: pollArgs{Feed: f.URL, Due: f.NextPoll}}
	}
	_, err = insert(ctx, params)
	return err
}

// pollArgs is one poll of a feed, for the time it was due.
type pollArgs struct {
	Feed string    `json:"feed"`
	Due  time.Time `json:"due"`
}

func (pollArgs) Kind() string { return "sitrep_poll" }

func (pollArgs) InsertOpts() river.InsertOpts {
	// Unique by feed and due time: one poll per feed per period, however
	// many times it is queued. A failed fetch of the feed is recorded and
	// the job succeeds (the feed's next due time backs off); only a
	// failure to record is retried.
	return river.InsertOpts{Queue: feedsQueue, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type pollWorker[TTx any] struct {
	river.WorkerDefaults[pollArgs]
	w   *work
	txs txer[TTx]
}

func (pw *pollWorker[TTx]) Work(ctx context.Context, job *river.Job[pollArgs]) error {
	w, a := pw.w, job.Args
	f, err := w.st.Feed(ctx, a.Feed)
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		return nil // removed since
	}
	if err != nil {
		return err
	}
	if !f.NextPoll.Equal(a.Due) {
		return nil // polled already
	}
	at := time.Now()
	res, perr := feed.Poll(ctx, w.fetcher, f.URL, source.Validators{ETag: f.ETag, LastModified: f.LastModified})
	if ctx.Err() != nil {
		return ctx.Err() // stopping: the poll is retried, not counted as the feed's failure
	}
	p := sqlstore.Poll{URL: f.URL, Due: a.Due, At: at, Next: feed.NextPoll(at, f.Every, 0)}
	if perr != nil {
		p.Err = perr.Error()
		var fe *feed.Error
		if errors.As(perr, &fe) {
			p.Err = fe.Err.Error() // the row names the feed
		}
		p.Next = feed.NextPoll(at, f.Every, f.Errors+1)
	} else {
		p.Title, p.ETag, p.LastModified = res.Title, res.ETag, res.LastModified
		for _, it := range res.Items {
			p.Items = append(p.Items, it.Key)
		}
	}

	tx, err := pw.txs.begin(ctx)
	if err != nil {
		return err
	}
	defer pw.txs.rollback(ctx, tx)
	fresh, counted, err := w.st.RecordPoll(ctx, pw.txs.exec(tx), p)
	if err != nil || !counted {
		return err
	}
	src := p.Title
	if src == "" {
		src = f.Title
	}
	if src == "" {
		if u, err := url.Parse(f.URL); err == nil {
			src = u.Host
		}
	}
	params := make([]river.InsertManyParams, 0, len(fresh))
	for _, i := range fresh {
		it := res.Items[i]
		if it.Published.IsZero() {
			it.Published = at // seen now, so published about now
		}
		params = append(params, river.InsertManyParams{Args: fetchArgs{URL: it.URL, Title: it.Title, Published: it.Published, Feed: f.URL, Source: src}})
	}
	if len(params) > 0 {
		if _, err := river.ClientFromContext[TTx](ctx).InsertManyTx(ctx, tx, params); err != nil {
			return err
		}
	}
	if err := pw.txs.commit(ctx, tx); err != nil {
		return err
	}
	switch {
	case perr != nil:
		w.log.Warn("feed failed", "feed", f.URL, "error", perr, "errors", f.Errors+1, "next", p.Next.Format(time.RFC3339))
	case res.NotModified:
		w.log.Info("feed not modified", "feed", f.URL)
	default:
		w.log.Info("feed polled", "feed", f.URL, "items", len(res.Items), "new", len(fresh))
	}
	return nil
}

// fetchArgs is one item's page to fetch, read and store.
type fetchArgs struct {
	// URL is the page's; it alone makes the job unique.
	URL string `json:"url" river:"unique"`
	// Title and Published are the item's, for a page without them.
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published"`
	// Feed is the feed that listed it; Source the outlet's name to use
	// when the page gives none.
	Feed   string `json:"feed"`
	Source string `json:"source"`
}

func (fetchArgs) Kind() string { return "sitrep_fetch" }

func (fetchArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: pagesQueue, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type fetchWorker struct {
	river.WorkerDefaults[fetchArgs]
	w *work
}

func (fw *fetchWorker) Work(ctx context.Context, job *river.Job[fetchArgs]) error {
	w, a := fw.w, job.Args
	arts, err := feed.ReadItem(ctx, w.fetcher, feed.Item{URL: a.URL, Title: a.Title, Published: a.Published}, a.Source)
	if len(arts) == 0 {
		if err == nil {
			err = errors.New("no article")
		}
		if permanent(err) {
			w.log.Warn("page refused", "url", a.URL, "error", err)
			return river.JobCancel(err)
		}
		return err
	}
	docs, failed := w.extract(ctx, a.URL, arts)
	if ctx.Err() != nil {
		return ctx.Err() // the job's own time, or a stop: River retries it
	}
	if len(docs) > 0 {
		res, err := w.batch.ingest(ctx, docs)
		if err != nil {
			return err
		}
		for _, r := range res {
			w.log.Info("article", "url", a.URL, "id", r.ArticleID, "status", r.Status, "events", r.Events)
		}
	}
	if failed != nil {
		// Not retried: extraction is a function of the text, so a page
		// that panicked or spent an article's time does so again. The
		// articles read beside it are stored (again, a duplicate).
		return river.JobCancel(failed)
	}
	return nil
}

// extract reads the articles of the page at url, each within w.budget;
// those it could not read are named in the log and left out, and the
// first of their errors returned.
func (w *work) extract(ctx context.Context, url string, arts []sitrep.Article) (docs []sitrep.Doc, failed error) {
	for _, a := range arts {
		actx, cancel := context.WithTimeout(ctx, w.budget)
		d, cut, err := w.x.DocContext(actx, a)
		cancel()
		if ctx.Err() != nil {
			return nil, nil
		}
		if err != nil {
			args := []any{"url", url, "error", err}
			if pe, ok := errors.AsType[*extract.PanicError](err); ok {
				args = append(args, "stack", string(pe.Stack))
			}
			w.log.Error("article not read", args...)
			if failed == nil {
				failed = err
			}
			continue
		}
		if note := extract.CutNote(cut); note != "" {
			w.log.Warn("article read in pieces", "url", url, "id", d.Article.ID, "why", note)
		}
		docs = append(docs, d)
	}
	return docs, failed
}

// permanent reports whether fetching a page again cannot help: the
// server said it is not there or not for us, or it is no page sitrep
// reads.
func permanent(err error) bool {
	var he *source.HTTPError
	if errors.As(err, &he) {
		return he.StatusCode >= 400 && he.StatusCode < 500 && he.StatusCode != http.StatusRequestTimeout && he.StatusCode != http.StatusTooManyRequests
	}
	for _, e := range []error{source.ErrPrivateAddress, source.ErrTooLarge, source.ErrBinary, source.ErrUnsupported, source.ErrNoText} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
