// Package worker runs sitrep's job queue: River (riverqueue/river), in
// the record's own database, SQLite or PostgreSQL, so that any number of
// workers share the work with no state of their own.
//
// Three kinds of job:
//
//   - schedule, a periodic job River runs on its elected leader only,
//     queues a poll of each feed that is due. A poll job's arguments are
//     the feed and the time it was due, unique by those, so a feed gets
//     one poll per due time however many workers, leaders and ticks see
//     it due.
//   - poll fetches and parses the feed (package feed) and, in one
//     transaction, records what it found (sitrep's feed tables: the new
//     validators, the next due time, the items not seen before) and
//     queues a fetch of each new item, unique by URL. A poll whose due
//     time has passed already (another worker's, or one retried after its
//     worker died) records nothing.
//   - fetch reads an item's page, extracts its events and ingests it.
//
// A worker that dies leaves its running jobs marked running; River's
// rescuer, on the leader, retries them once they have run longer than
// Options.RescueAfter.
package worker

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/source"
	_ "modernc.org/sqlite" // River's own connection to an SQLite record
)

// Options say how a worker runs. The zero value is a worker for public
// feeds with the defaults below.
type Options struct {
	// AllowPrivate lets feeds and pages on loopback, private and
	// link-local addresses be fetched (a feed on the same host, tests);
	// they are refused otherwise, redirects included.
	AllowPrivate bool
	// Concurrency is how many pages this worker fetches and reads at once
	// (0: 16); the articles read within batchWait of each other are stored
	// in one transaction. Polls run beside them, two at a time.
	Concurrency int
	// Tick is how often the leader looks for feeds due (0: 30 s). A feed
	// is polled at most once per its own interval whatever the tick.
	Tick time.Duration
	// RescueAfter is how long a job may run before it is taken for stuck,
	// its worker presumed dead, and retried (0: 10 min). Jobs time out
	// before that (at 5 min, or RescueAfter if shorter). River's rescuer
	// runs on the leader every 30 s, and a dead leader is replaced within
	// about 20 s, so a dead worker's job is retried within RescueAfter
	// plus a minute.
	RescueAfter time.Duration
	// ArticleTimeout is how long one article's extraction may take (0:
	// extract.DefaultTimeout). A page whose article spends it, or panics
	// the extractor, is given up for good: the same text would do the
	// same again.
	ArticleTimeout time.Duration
	// Gazetteer finds the places of the articles read (nil: the embedded
	// one; an extension adds villages, see gazetteer/geonames).
	Gazetteer *gazetteer.Gazetteer
	// ID names this worker in River's tables (empty: River's default, the
	// host name and the start time).
	ID string
	// Logger is told of every poll and every article stored (nil:
	// nothing is logged). River's own messages are passed on from level
	// Warn up.
	Logger *slog.Logger
}

// The queues: polls have their own, so that a backlog of pages never
// delays looking at the feeds.
const (
	feedsQueue = "feeds"
	pagesQueue = river.QueueDefault
)

// Run runs a worker on the record at dsn (an SQLite file or a
// postgres:// DSN), which st, opened on the same dsn, stores into. It
// migrates River's tables if need be, then works until ctx is done, and
// then stops fetching jobs and gives the running ones 10 s to finish
// (those that do not are retried later). It returns nil after a stop
// that ctx asked for.
func Run(ctx context.Context, dsn string, st sitrep.Store, opt Options) error {
	s, ok := st.(*sqlstore.Store)
	if !ok {
		return sitrep.Errorf(sitrep.EINVALID, "worker: the store is a %T, not an SQLite or PostgreSQL one", st)
	}
	x, err := extract.WithGazetteer(opt.Gazetteer)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	w := &work{
		st:      s,
		x:       x,
		fetcher: &source.Fetcher{AllowPrivate: opt.AllowPrivate},
		log:     opt.Logger,
		budget:  opt.ArticleTimeout,
	}
	if w.budget <= 0 {
		w.budget = extract.DefaultTimeout
	}
	if w.log == nil {
		w.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	w.batch = newBatcher(s, batchWait, 64)
	bctx, stopBatches := context.WithCancel(context.Background())
	defer stopBatches()
	go w.batch.run(bctx)
	if postgres.IsDSN(dsn) {
		return runPostgres(ctx, dsn, w, opt)
	}
	return runSQLite(ctx, dsn, w, opt)
}

// runSQLite gives River a connection of its own to the record's file:
// River wants one connection (it does many small things at once, which
// SQLite would refuse with SQLITE_BUSY), the store keeps its own, and
// the busy timeout and immediate transactions make the two queue for
// the write lock rather than fail.
func runSQLite(ctx context.Context, path string, w *work, opt Options) error {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("worker: open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	driver := riversqlite.New(db)
	migrate := func(ctx context.Context) error {
		tx, err := db.BeginTx(ctx, nil) // immediate: one migrator at a time
		if err != nil {
			return err
		}
		defer tx.Rollback()
		m, err := rivermigrate.New(driver, nil)
		if err != nil {
			return err
		}
		if _, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, nil); err != nil {
			return err
		}
		return tx.Commit()
	}
	txs := txer[*sql.Tx]{
		begin:    func(ctx context.Context) (*sql.Tx, error) { return db.BeginTx(ctx, nil) },
		commit:   func(_ context.Context, tx *sql.Tx) error { return tx.Commit() },
		rollback: func(_ context.Context, tx *sql.Tx) error { return tx.Rollback() },
		exec:     func(tx *sql.Tx) sqlstore.Execer { return tx },
	}
	// SQLite cannot tell River of new jobs, so producers poll for them.
	return run(ctx, driver, migrate, txs, w, opt, 250*time.Millisecond)
}

// riverLock is the advisory lock that keeps two workers starting at once
// from migrating River's tables together.
const (
	riverLock   = `SELECT pg_advisory_lock(7412)`
	riverUnlock = `SELECT pg_advisory_unlock(7412)`
)

func runPostgres(ctx context.Context, dsn string, w *work, opt Options) error {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "worker: %v", err)
	}
	// River holds a connection to listen and one per producer, beside the
	// jobs' own transactions.
	if need := int32(concurrency(opt) + 6); cfg.MaxConns < need {
		cfg.MaxConns = need
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	defer pool.Close()
	driver := riverpgxv5.New(pool)
	migrate := func(ctx context.Context) error {
		// River's migrations cannot run in one transaction (one adds an
		// enum value the next uses), so the lock is a session's.
		conn, err := pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, riverLock); err != nil {
			return err
		}
		defer conn.Exec(context.WithoutCancel(ctx), riverUnlock)
		m, err := rivermigrate.New(driver, nil)
		if err != nil {
			return err
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}
	txs := txer[pgx.Tx]{
		begin:    func(ctx context.Context) (pgx.Tx, error) { return pool.Begin(ctx) },
		commit:   func(ctx context.Context, tx pgx.Tx) error { return tx.Commit(ctx) },
		rollback: func(ctx context.Context, tx pgx.Tx) error { return tx.Rollback(ctx) },
		exec:     func(tx pgx.Tx) sqlstore.Execer { return pgxExecer{tx} },
	}
	// PostgreSQL tells River of new jobs; polling is the fallback.
	return run(ctx, driver, migrate, txs, w, opt, 0)
}

// txer is how a poll begins, commits and runs the store's statements in
// a transaction of River's driver.
type txer[TTx any] struct {
	begin    func(context.Context) (TTx, error)
	commit   func(context.Context, TTx) error
	rollback func(context.Context, TTx) error
	exec     func(TTx) sqlstore.Execer
}

// pgxExecer runs the store's statements in a pgx transaction.
type pgxExecer struct{ tx pgx.Tx }

func (e pgxExecer) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	tag, err := e.tx.Exec(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return rowsAffected(tag.RowsAffected()), nil
}

type rowsAffected int64

func (n rowsAffected) LastInsertId() (int64, error) { return 0, errors.New("no insert id") }
func (n rowsAffected) RowsAffected() (int64, error) { return int64(n), nil }

func concurrency(opt Options) int {
	if opt.Concurrency > 0 {
		return opt.Concurrency
	}
	return 16
}

// batchWait is how long a fetched article waits for others to be stored
// with it in one transaction.
const batchWait = 250 * time.Millisecond

func run[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], migrate func(context.Context) error, txs txer[TTx], w *work, opt Options, fetchPoll time.Duration) error {
	if err := migrate(ctx); err != nil {
		return fmt.Errorf("worker: migrate River's tables: %w", err)
	}
	tick := opt.Tick
	if tick <= 0 {
		tick = 30 * time.Second
	}
	rescue := opt.RescueAfter
	if rescue <= 0 {
		rescue = 10 * time.Minute
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &scheduleWorker[TTx]{w: w})
	river.AddWorker(workers, &pollWorker[TTx]{w: w, txs: txs})
	river.AddWorker(workers, &fetchWorker{w: w})
	client, err := river.NewClient(driver, &river.Config{
		ID:     opt.ID,
		Logger: slog.New(minLevel{w.log.Handler(), slog.LevelWarn}),
		Queues: map[string]river.QueueConfig{
			feedsQueue: {MaxWorkers: 2},
			pagesQueue: {MaxWorkers: concurrency(opt)},
		},
		FetchPollInterval:    fetchPoll,
		JobTimeout:           min(5*time.Minute, rescue),
		RescueStuckJobsAfter: rescue,
		SoftStopTimeout:      10 * time.Second,
		Workers:              workers,
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(tick),
			func() (river.JobArgs, *river.InsertOpts) { return scheduleArgs{}, nil },
			&river.PeriodicJobOpts{ID: "sitrep_schedule", RunOnStart: true})},
	})
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	// River stops hard when the context given to Start is done; a worker
	// asked to stop first stops taking jobs and lets the running ones end.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("worker: start: %w", err)
	}
	w.log.Info("worker started", "id", client.ID(), "concurrency", concurrency(opt), "pid", os.Getpid())
	// The leader's schedule comes only after River's maintenance services
	// have started one by one (seconds); feeds due now need not wait.
	// Polls are unique per due time, so a worker that is not the leader
	// may queue them too.
	if err := w.queueDue(ctx, client.InsertMany); err != nil {
		w.log.Warn("queueing the feeds due", "error", err)
	}
	select {
	case <-ctx.Done():
	case <-client.Stopped():
		return errors.New("worker: River stopped by itself")
	}
	stop, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := client.Stop(stop); err != nil {
		return fmt.Errorf("worker: stop: %w", err)
	}
	w.log.Info("worker stopped", "id", client.ID())
	return nil
}

// minLevel passes on records of level min and above.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
