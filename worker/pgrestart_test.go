package worker_test

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/storetest"
	"github.com/sitrep/sitrep/worker"
)

// ownPostgres is a throwaway PostgreSQL server of the test's own, started
// from Debian's binaries as scripts/with-postgres starts one, so that the
// test can stop it and start it again.
type ownPostgres struct {
	bin, dir string
	port     int
	as       []string // runuser -u postgres --, when root
}

// startOwnPostgres starts a server, skipping t when PostgreSQL is not
// installed.
func startOwnPostgres(t *testing.T) *ownPostgres {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Skip("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb; apt-get install postgresql): this test runs its own server")
	}
	sort.Slice(bins, func(i, j int) bool { return version(bins[i]) < version(bins[j]) })
	p := &ownPostgres{bin: filepath.Dir(bins[len(bins)-1])}
	dir, err := os.MkdirTemp("", "sitrep-pgrestart")
	if err != nil {
		t.Fatal(err)
	}
	p.dir = dir
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root and there is no postgres user to run PostgreSQL as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		if err := os.Chown(dir, uid, -1); err != nil {
			t.Fatal(err)
		}
		p.as = []string{"runuser", "-u", "postgres", "--"}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	p.run(t, "initdb", "-D", p.dir+"/data", "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
	p.start(t)
	t.Cleanup(func() { p.pgctl("-m", "immediate", "stop") })
	return p
}

// version orders /usr/lib/postgresql/N/bin/initdb by N.
func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

func (p *ownPostgres) command(name string, args ...string) *exec.Cmd {
	argv := append(append(append([]string{}, p.as...), filepath.Join(p.bin, name)), args...)
	return exec.Command(argv[0], argv[1:]...)
}

func (p *ownPostgres) run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := p.command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func (p *ownPostgres) pgctl(args ...string) ([]byte, error) {
	return p.command("pg_ctl", append([]string{"-D", p.dir + "/data", "-l", p.dir + "/log"}, args...)...).CombinedOutput()
}

// start starts the server on its data directory and waits until it takes
// connections (pg_ctl -w).
func (p *ownPostgres) start(t *testing.T) {
	t.Helper()
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c max_connections=100", p.port, p.dir)
	if out, err := p.pgctl("-w", "-t", "30", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(p.dir + "/log")
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// stop stops the server as a crash would: at once, without waiting for
// its clients (pg_ctl -m immediate), to be recovered from the WAL on
// start.
func (p *ownPostgres) stop(t *testing.T) {
	t.Helper()
	if out, err := p.pgctl("-w", "-t", "30", "-m", "immediate", "stop"); err != nil {
		t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}

// newDB creates a database on the server and returns its DSN.
func (p *ownPostgres) newDB(t *testing.T, name string) string {
	t.Helper()
	admin := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.port)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return strings.Replace(admin, "/postgres?", "/"+name+"?", 1)
}

// PostgreSQL stopped under a running worker and started again on the
// same data: the worker carries on (or, if it exits, is started again as
// a supervisor would), and the record ends as a clean run's, every
// article once.
func TestWorkerSurvivesPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: stops and starts a PostgreSQL server")
	}
	begin := time.Now()
	pg := startOwnPostgres(t)
	s := newSite(t, 2, 6)
	n := len(s.pages())

	// A clean run, in this process.
	cleanDSN := pg.newDB(t, "clean")
	clean, err := postgres.Open(context.Background(), cleanDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer clean.Close()
	addFeeds(t, clean, s)
	_, stopClean := runWorker(t, cleanDSN, clean, worker.Options{AllowPrivate: true, Tick: 100 * time.Millisecond})
	waitFor(t, 30*time.Second, "the clean run", func() bool { return articleCount(t, clean) == n })
	stopClean()
	t.Logf("own PostgreSQL and the clean run: %v", time.Since(begin).Round(time.Millisecond))
	want := storetest.Dump(t, clean)
	clean.Close()

	s.mu.Lock()
	s.hits = map[string]int{}
	// Slow pages, so that the stop comes part-way: after 3 articles the
	// other 9 take at least 9 x 250 ms / 2 fetching at once.
	s.delay = 250 * time.Millisecond
	s.mu.Unlock()
	dsn := pg.newDB(t, "faulted")
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	addFeeds(t, st, s)
	st.Close()

	start := time.Now()
	a := startProcess(t, dsn, "A")
	// The worker has stored some articles and not all.
	count := func() int {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			return -1
		}
		defer st.Close()
		return articleCount(t, st)
	}
	waitFor(t, 30*time.Second, "the worker's first articles", func() bool { return a.running(t) && count() >= 3 })
	pg.stop(t)
	stopped := time.Now()
	t.Logf("PostgreSQL stopped %v after the worker started", stopped.Sub(start).Round(time.Millisecond))
	time.Sleep(2 * time.Second) // the outage
	pg.start(t)
	t.Logf("PostgreSQL started again after %v", time.Since(stopped).Round(time.Millisecond))

	st, err = postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := articleCount(t, st)
	if at == 0 || at >= n {
		t.Fatalf("the outage did not come part-way (%d of %d articles stored): nothing tested", at, n)
	}
	workers := []*process{a}
	waitFor(t, 60*time.Second, "every article, after the outage", func() bool {
		w := workers[len(workers)-1]
		select {
		case <-w.exited:
			// A supervisor starts the worker again.
			t.Logf("worker %s exited after the outage (%v); starting another", w.id, w.err)
			workers = append(workers, startProcess(t, dsn, fmt.Sprintf("A%d", len(workers)+1)))
		default:
		}
		return articleCount(t, st) >= n
	})
	t.Logf("every article stored %v after PostgreSQL stopped, by %d worker process(es)", time.Since(stopped).Round(time.Millisecond), len(workers))
	time.Sleep(300 * time.Millisecond) // more ticks: nothing more may happen
	last := workers[len(workers)-1]
	last.stop(t)
	t.Logf("worker A logged %d warnings and errors", strings.Count(grepLog(a.log.String()), "\n")+1)

	// The jobs the outage cost a second attempt (a page fetched again;
	// storing it again changes nothing).
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT kind || ' ' || coalesce(args->>'url', '') || ': attempt ' || attempt || ', ' || state || ', first error: ' || coalesce(errors[1]->>'error', '') FROM river_job WHERE kind <> 'sitrep_schedule' AND (attempt > 1 OR state <> 'completed') ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var j string
		rows.Scan(&j)
		t.Logf("job %s", strings.TrimPrefix(j, "sitrep_"))
	}
	rows.Close()
	for _, p := range s.pages() {
		if c := s.count(p); c > 1 {
			t.Logf("page %s fetched %d times", p, c)
		}
	}
	checkRecord(t, st, s)
	if got := storetest.Dump(t, st); got != want {
		t.Errorf("the record after the outage differs from a clean run's (%d bytes, want %d)", len(got), len(want))
	}
}

// grepLog keeps a log's warnings and errors.
func grepLog(log string) string {
	var keep []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "level=WARN") || strings.Contains(l, "level=ERROR") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
