package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/newsgen"
)

// TestMain lets the test binary stand in for sitrep, so a test can run it
// as a process of its own and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_AS_SITREP") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// writeCorpus writes n synthetic articles as JSONL.
func writeCorpus(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, a := range newsgen.Articles(n, 7, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
		enc.Encode(map[string]string{"title": a.Title, "published": a.Published.Format(sitrep.DateLayout), "source": a.Source, "text": a.Text})
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// record is what the CLI shows of a database (an SQLite file or a
// postgres:// DSN): every event, incident and control span, and the
// counts.
func record(t *testing.T, db string) string {
	t.Helper()
	out := ""
	for _, args := range [][]string{{"events", "--format", "jsonl"}, {"incidents", "--format", "jsonl"}, {"control", "--format", "jsonl"}} {
		code, o, errs := runCmd(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("sitrep %v: exit %d: %s", args, code, errs)
		}
		out += o
	}
	s, err := openStore(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(st)
	return out + string(b)
}

// articles counts the articles in db, read-only so that it never waits
// for the writer it watches.
func articles(db string) int {
	h, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		return 0
	}
	defer h.Close()
	var n int
	h.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	return n
}

// Killing sitrep ingest part-way and running it again gives the database
// a clean run gives: nothing lost, duplicated or half-written.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: ingests the corpus twice")
	}
	const n = 2000
	corpus := writeCorpus(t, n)
	dir := t.TempDir()
	clean, crashed := filepath.Join(dir, "clean.db"), filepath.Join(dir, "crashed.db")
	if code, _, errs := runCmd(t, "ingest", "--db", clean, corpus); code != 0 {
		t.Fatalf("clean run: exit %d: %s", code, errs)
	}

	cmd := exec.Command(os.Args[0], "ingest", "--db", crashed, "--batch", "16", corpus)
	cmd.Env = append(os.Environ(), "SITREP_TEST_AS_SITREP=1", "GOMAXPROCS=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	var at int
	for time.Now().Before(deadline) {
		if at = articles(crashed); at >= 64 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	left := articles(crashed)
	t.Logf("killed with %d of %d articles stored", left, n)
	if left == 0 || left >= n {
		t.Fatalf("the kill did not land part-way (%d of %d articles stored): nothing tested", left, n)
	}
	code, _, errs := runCmd(t, "ingest", "--db", crashed, corpus)
	if code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, errs)
	}
	if a, b := record(t, clean), record(t, crashed); a != b {
		t.Errorf("after a kill and a rerun the record differs from a clean run's (%d vs %d bytes)", len(b), len(a))
	}
}
