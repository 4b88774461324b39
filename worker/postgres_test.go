package worker_test

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pgtest"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/storetest"
	"github.com/sitrep/sitrep/worker"
)

// TestMain lets the test binary stand in for "sitrep worker", so a test
// can run workers as processes of their own and kill them.
func TestMain(m *testing.M) {
	if dsn := os.Getenv("SITREP_TEST_WORKER_DSN"); dsn != "" {
		os.Exit(workerProcess(dsn))
	}
	os.Exit(m.Run())
}

// rescueAfter is how long the workers the tests start let a job run
// before it is taken for stuck.
const rescueAfter = 5 * time.Second

// workerProcess runs a worker on dsn until SIGTERM.
func workerProcess(dsn string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		log.Error("open", "error", err)
		return 1
	}
	defer st.Close()
	err = worker.Run(ctx, dsn, st, worker.Options{
		AllowPrivate: true,
		ID:           os.Getenv("SITREP_TEST_WORKER_ID"),
		Concurrency:  2,
		Tick:         100 * time.Millisecond,
		RescueAfter:  rescueAfter,
		Logger:       log,
	})
	if err != nil {
		log.Error("run", "error", err)
		return 1
	}
	return 0
}

// process is a worker running as a process of its own.
type process struct {
	id  string
	cmd *exec.Cmd
	log *syncBuffer
	// exited is closed when the process has exited, with err.
	exited chan struct{}
	err    error
}

func startProcess(t *testing.T, dsn, id string) *process {
	t.Helper()
	p := &process{id: id, log: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0], "-test.run=^$")
	p.cmd.Env = append(os.Environ(), "SITREP_TEST_WORKER_DSN="+dsn, "SITREP_TEST_WORKER_ID="+id)
	p.cmd.Stderr = p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			t.Logf("worker %s's log:\n%s", id, p.log)
		}
	})
	return p
}

// running fails the test if the worker has exited.
func (p *process) running(t *testing.T) bool {
	t.Helper()
	select {
	case <-p.exited:
		t.Fatalf("worker %s exited: %v\n%s", p.id, p.err, p.log)
	default:
	}
	return true
}

// stop asks the worker to stop and waits for it.
func (p *process) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		if p.err != nil {
			t.Errorf("worker %s: %v", p.id, p.err)
		}
	case <-time.After(30 * time.Second):
		t.Errorf("worker %s did not stop within 30 s of SIGTERM", p.id)
	}
}

func openPostgres(t *testing.T) (string, *sql.DB, sitrep.Store) {
	t.Helper()
	dsn := pgtest.NewDB(t)
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return dsn, db, st
}

func addFeeds(t *testing.T, st sitrep.Store, s *site) {
	t.Helper()
	for f := 0; f < s.feeds; f++ {
		if _, err := st.(sitrep.FeedStore).AddFeed(context.Background(), s.feedURL(f), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
}

// jobsBy counts the jobs of kind each worker ran last, in state.
func jobsBy(t *testing.T, db *sql.DB, kind string) map[string]int {
	t.Helper()
	rows, err := db.Query(`SELECT attempted_by[array_length(attempted_by, 1)], count(*) FROM river_job WHERE kind = $1 AND state = 'completed' GROUP BY 1`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	by := map[string]int{}
	for rows.Next() {
		var who string
		var n int
		if err := rows.Scan(&who, &n); err != nil {
			t.Fatal(err)
		}
		by[who] = n
	}
	return by
}

// Two workers on one PostgreSQL share the work: each feed is polled
// once, each page fetched once, each article stored once.
func TestTwoWorkersOnePostgres(t *testing.T) {
	dsn, db, st := openPostgres(t)
	s := newSite(t, 3, 8)
	s.delay = 100 * time.Millisecond // so that neither worker can do it all alone
	addFeeds(t, st, s)

	start := time.Now()
	a, b := startProcess(t, dsn, "A"), startProcess(t, dsn, "B")
	n := len(s.pages())
	waitFor(t, 60*time.Second, "every article", func() bool {
		return a.running(t) && b.running(t) && articleCount(t, st) == n
	})
	t.Logf("%d articles stored by two workers in %v", n, time.Since(start).Round(time.Millisecond))
	time.Sleep(500 * time.Millisecond) // more ticks: nothing more may happen
	a.stop(t)
	b.stop(t)

	for f := 0; f < s.feeds; f++ {
		if c := s.count(strings.TrimPrefix(s.feedURL(f), s.URL)); c != 1 {
			t.Errorf("feed %d fetched %d times, want once", f, c)
		}
	}
	for _, p := range s.pages() {
		if c := s.count(p); c != 1 {
			t.Errorf("page %s fetched %d times, want once", p, c)
		}
	}
	checkRecord(t, st, s)
	polls, fetches := jobsBy(t, db, "sitrep_poll"), jobsBy(t, db, "sitrep_fetch")
	t.Logf("polls run by %v, fetches by %v", polls, fetches)
	if polls["A"]+polls["B"] != s.feeds {
		t.Errorf("%v poll jobs completed, want %d (one per feed)", polls, s.feeds)
	}
	if fetches["A"] == 0 || fetches["B"] == 0 || fetches["A"]+fetches["B"] != n {
		t.Errorf("fetch jobs completed by %v: want %d in all, some by each worker", fetches, n)
	}
}

// A worker killed (SIGKILL) in the middle of a job leaves it running;
// the other worker, once it leads, rescues it and runs it again, and the
// record ends as a clean run's: no article lost, none twice.
func TestKilledWorkersJobIsRetried(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: waits for River to see the killed leader gone (10-20 s)")
	}
	s := newSite(t, 2, 6)
	n := len(s.pages())

	// A clean run, in this process.
	cleanDSN, _, clean := openPostgres(t)
	addFeeds(t, clean, s)
	_, stopClean := runWorker(t, cleanDSN, clean, worker.Options{AllowPrivate: true, Tick: 100 * time.Millisecond})
	waitFor(t, 30*time.Second, "the clean run", func() bool { return articleCount(t, clean) == n })
	stopClean()
	want := storetest.Dump(t, clean)

	s.mu.Lock()
	s.hits = map[string]int{}
	s.delay = 50 * time.Millisecond
	s.mu.Unlock()
	blockedPage := s.pagePath(0, 0)
	blocked, release := s.blockFirst(blockedPage)
	dsn, db, st := openPostgres(t)
	addFeeds(t, st, s)

	start := time.Now()
	a := startProcess(t, dsn, "A")
	select {
	case <-blocked:
	case <-a.exited:
		t.Fatalf("worker A exited: %v\n%s", a.err, a.log)
	case <-time.After(30 * time.Second):
		t.Fatal("worker A never fetched the page it is to be killed on")
	}
	// B starts while A is stuck on the page, and A is killed as soon as B
	// runs, well within the job's timeout (rescueAfter): the job must
	// still be A's, running, when A dies.
	b := startProcess(t, dsn, "B")
	waitFor(t, 10*time.Second, "worker B to start", func() bool {
		return a.running(t) && b.running(t) && strings.Contains(b.log.String(), "worker started")
	})
	var leader string
	db.QueryRow(`SELECT leader_id FROM river_leader`).Scan(&leader)
	if leader != "A" {
		t.Fatalf("the leader is %q, not A, which started alone", leader)
	}
	a.cmd.Process.Signal(syscall.SIGKILL)
	<-a.exited
	killed := time.Now()
	close(release)
	// The jobs A was running when it died.
	var orphans []string
	rows, err := db.Query(`SELECT args->>'url' FROM river_job WHERE kind = 'sitrep_fetch' AND state = 'running' AND attempted_by[array_length(attempted_by, 1)] = 'A'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u string
		rows.Scan(&u)
		orphans = append(orphans, strings.TrimPrefix(u, s.URL))
	}
	rows.Close()
	var polled int
	db.QueryRow(`SELECT count(*) FROM feeds WHERE last_poll <> ''`).Scan(&polled)
	if polled != s.feeds {
		t.Fatalf("A was killed before polling every feed (%d of %d): the feed counts below would not hold", polled, s.feeds)
	}
	t.Logf("killed A %v after start, with %d of %d articles stored; A was running %v", killed.Sub(start).Round(time.Millisecond), articleCount(t, st), n, orphans)
	if !contains(orphans, blockedPage) {
		t.Fatalf("A was not running the blocked page's job when killed (running %v)", orphans)
	}

	waitFor(t, 90*time.Second, "every article, after the kill", func() bool { return b.running(t) && articleCount(t, st) == n })
	t.Logf("B stored the rest %v after the kill", time.Since(killed).Round(time.Millisecond))
	time.Sleep(300 * time.Millisecond)
	b.stop(t)

	var attempts int
	var errs string
	db.QueryRow(`SELECT attempt, errors::text FROM river_job WHERE args->>'url' = $1`, s.URL+blockedPage).Scan(&attempts, &errs)
	if attempts != 2 || !strings.Contains(errs, "Stuck job rescued") {
		t.Errorf("the blocked page's job: attempt %d, errors %s; want a second attempt after River's rescuer", attempts, errs)
	}
	for f := 0; f < s.feeds; f++ {
		if c := s.count(strings.TrimPrefix(s.feedURL(f), s.URL)); c != 1 {
			t.Errorf("feed %d fetched %d times, want once", f, c)
		}
	}
	for _, p := range s.pages() {
		c := s.count(p)
		switch {
		case p == blockedPage && c != 2:
			t.Errorf("the blocked page fetched %d times, want twice (by A, killed, then by B)", c)
		case p != blockedPage && contains(orphans, p) && c != 1 && c != 2:
			t.Errorf("page %s, which A was working on, fetched %d times, want once or twice", p, c)
		case !contains(orphans, p) && c != 1:
			t.Errorf("page %s fetched %d times, want once", p, c)
		}
	}
	checkRecord(t, st, s)
	if got := storetest.Dump(t, st); got != want {
		t.Errorf("the record after a kill differs from a clean run's (%d bytes, want %d)", len(got), len(want))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
