package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/pgtest"
)

// servedProcess is "sitrep serve" running as a process of its own.
type servedProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	exited chan struct{}
}

const faultToken = "fault-test-token"

// startServe runs "sitrep serve --db db" on a free loopback port and
// waits until it says where it listens.
func startServe(t *testing.T, db string) *servedProcess {
	t.Helper()
	p := &servedProcess{stderr: &bytes.Buffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0], "serve", "--db", db, "--addr", "127.0.0.1:0")
	p.cmd.Env = append(os.Environ(), "SITREP_TEST_AS_SITREP=1", "SITREP_TOKEN="+faultToken)
	p.cmd.Stderr = p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "sitrep: serving "); ok {
				urls <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
			}
		}
		io.Copy(io.Discard, out)
	}()
	go func() { p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { p.cmd.Process.Kill(); <-p.exited })
	select {
	case p.url = <-urls:
	case <-p.exited:
		t.Fatalf("sitrep serve exited before listening: %s", p.stderr)
	case <-time.After(20 * time.Second):
		t.Fatalf("sitrep serve did not listen within 20 s")
	}
	return p
}

// stop ends the server with SIGTERM, as an operator would.
func (p *servedProcess) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		t.Fatalf("sitrep serve did not stop within 15 s of SIGTERM")
	}
}

// postBatch posts articles as JSONL and says whether the server stored
// them (201, or 200 when all were already stored).
func postBatch(client *http.Client, url string, body []byte) error {
	req, err := http.NewRequest("POST", url+"/api/articles", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+faultToken)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	return nil
}

// Killing sitrep serve (SIGKILL) while clients post articles, starting it
// again on the same database and posting again every article whose post
// got no 200/201 leaves the record a clean ingest of the same articles
// leaves: nothing acknowledged is lost, nothing is stored twice or half.
func TestServeSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: ingests the corpus twice per database")
	}
	const n, per = 320, 4 // articles, articles per post
	corpus := writeCorpus(t, n)
	lines := bytes.SplitAfter(bytes.TrimSpace(mustRead(t, corpus)), []byte("\n"))
	if len(lines) != n {
		t.Fatalf("corpus has %d lines, want %d", len(lines), n)
	}
	var batches [][]byte
	for i := 0; i < n; i += per {
		batches = append(batches, bytes.Join(lines[i:i+per], nil))
	}

	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		clean, crashed := filepath.Join(dir, "clean.db"), filepath.Join(dir, "crashed.db")
		// serve opens only an existing file; ingest of nothing creates it.
		if code, _, errs := runCmd(t, "ingest", "--db", crashed, writeEmpty(t)); code != 0 {
			t.Fatalf("create %s: exit %d: %s", crashed, code, errs)
		}
		serveKillRepost(t, corpus, clean, crashed, batches)
	})
	t.Run("postgres", func(t *testing.T) {
		serveKillRepost(t, corpus, pgtest.NewDB(t), pgtest.NewDB(t), batches)
	})
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeEmpty(t *testing.T) string {
	return write(t, "empty.jsonl", "")
}

func serveKillRepost(t *testing.T, corpus, clean, crashed string, batches [][]byte) {
	start := time.Now()
	if code, _, errs := runCmd(t, "ingest", "--db", clean, corpus); code != 0 {
		t.Fatalf("clean run: exit %d: %s", code, errs)
	}
	want := record(t, clean)
	t.Logf("clean run: %v", time.Since(start).Round(time.Millisecond))

	srv := startServe(t, crashed)
	client := &http.Client{Timeout: 30 * time.Second}
	const posters = 8
	// Kill once a third of the posts are acknowledged, with the other
	// posters' requests in flight.
	killAt := int64(len(batches) / 3)
	var acked atomic.Int64
	kill := make(chan struct{})
	var killOnce sync.Once
	failed := make([]error, len(batches))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < posters; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if failed[i] = postBatch(client, srv.url, batches[i]); failed[i] == nil {
					if acked.Add(1) == killAt {
						killOnce.Do(func() { close(kill) })
					}
				}
			}
		}()
	}
	killed := make(chan struct{})
	go func() {
		select {
		case <-kill:
		case <-srv.exited:
		}
		srv.cmd.Process.Signal(syscall.SIGKILL)
		<-srv.exited
		close(killed)
	}()
	for i := range batches {
		select {
		case next <- i:
			continue
		case <-killed:
		}
		// The server is gone: the posts not yet sent fail as a client's
		// would, unsent.
		for ; i < len(batches); i++ {
			failed[i] = fmt.Errorf("not sent: the server was killed")
		}
		break
	}
	close(next)
	wg.Wait()
	select {
	case <-killed:
	case <-time.After(30 * time.Second):
		t.Fatalf("the server was not killed: %d of %d posts acknowledged", acked.Load(), len(batches))
	}
	var redo []int
	inFlight := 0
	for i, err := range failed {
		if err != nil {
			redo = append(redo, i)
			// Refused: sent after the kill; not sent: never tried.
			if msg := err.Error(); !strings.HasPrefix(msg, "not sent") && !strings.Contains(msg, "connection refused") {
				inFlight++
			}
		}
	}
	stored := articleTotal(t, crashed)
	t.Logf("killed with %d of %d posts acknowledged, %d in flight, %d articles stored", acked.Load(), len(batches), inFlight, stored)
	if inFlight == 0 {
		t.Fatalf("no post was in flight when the server was killed: nothing tested")
	}
	if per := bytes.Count(batches[0], []byte("\n")); stored < int(acked.Load())*per {
		t.Errorf("%d articles stored after the kill, fewer than the %d acknowledged", stored, int(acked.Load())*per)
	}

	srv = startServe(t, crashed)
	for _, i := range redo {
		if err := postBatch(client, srv.url, batches[i]); err != nil {
			t.Fatalf("posting batch %d again after the restart: %v\n%s", i, err, srv.stderr)
		}
	}
	srv.stop(t)
	if got := record(t, crashed); got != want {
		t.Errorf("after a kill and the posts again, the record differs from a clean run's (%d vs %d bytes)", len(got), len(want))
	}
	t.Logf("total %v", time.Since(start).Round(time.Millisecond))
}

// articleTotal is the number of articles stored in db.
func articleTotal(t *testing.T, db string) int {
	t.Helper()
	st, err := openStore(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Articles
}
