package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/newsgen"
)

func TestFeedsAddListRemove(t *testing.T) {
	db := filepath.Join(t.TempDir(), "feeds.db")
	if code, _, errs := runCmd(t, "feeds", "list", "--db", db); code == 0 || !strings.Contains(errs, "no database at "+db) {
		t.Errorf("list before any add: exit %d, %q; want the missing database named", code, errs)
	}
	code, out, errs := runCmd(t, "feeds", "add", "--db", db, "--every", "1h", "https://a.example/rss.xml", "HTTPS://B.example/atom#x")
	if code != 0 || out != "https://a.example/rss.xml every 1h0m0s\nhttps://b.example/atom every 1h0m0s\n" {
		t.Errorf("add: exit %d, out %q, err %q", code, out, errs)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"feeds", "add", "--db", db, "ftp://c.example/feed"}, `sitrep feeds: feed URL "ftp://c.example/feed": scheme ftp: want http or https`},
		{[]string{"feeds", "add", "--db", db, "--every", "10s", "https://c.example/feed"}, "feed interval 10s: want 1m0s to 168h0m0s"},
		{[]string{"feeds", "remove", "--db", db, "https://c.example/feed"}, "sitrep feeds: no feed https://c.example/feed"},
		{[]string{"feeds", "--db", db}, "want add, list or remove"},
		{[]string{"feeds", "fetch", "--db", db}, `"fetch": want add, list or remove`},
	} {
		if code, _, errs := runCmd(t, tt.args...); code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want non-zero and %q", tt.args, code, errs, tt.want)
		}
	}
	if code, _, errs := runCmd(t, "feeds", "remove", "--db", db, "https://a.example/rss.xml"); code != 0 {
		t.Errorf("remove: exit %d, %s", code, errs)
	}
	code, out, _ = runCmd(t, "feeds", "list", "--db", db, "--format", "jsonl")
	var f struct {
		URL   string `json:"url"`
		Every string `json:"every"`
	}
	if err := json.Unmarshal([]byte(out), &f); code != 0 || err != nil || f.URL != "https://b.example/atom" || f.Every != "1h0m0s" {
		t.Errorf("list after remove: exit %d, %q; want b.example's feed alone, every 1h0m0s", code, out)
	}
}

// sitrep worker, as a process: it refuses a feed on loopback unless
// --allow-private, then with it polls the feed, stores its articles and
// stops cleanly on SIGTERM.
func TestWorkerCommand(t *testing.T) {
	arts := newsgen.Articles(3, 5, time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC))
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Local wire</title>`)
		for i := range arts {
			fmt.Fprintf(w, "<item><title>%s</title><link>/a/%d</link></item>", html.EscapeString(arts[i].Title), i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/a/{i}", func(w http.ResponseWriter, r *http.Request) {
		var i int
		fmt.Sscan(r.PathValue("i"), &i)
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>",
			html.EscapeString(arts[i].Title), strings.ReplaceAll(html.EscapeString(arts[i].Text), "\n\n", "</p><p>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "worker.db")
	if code, _, errs := runCmd(t, "feeds", "add", "--db", db, srv.URL+"/rss.xml"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}

	worker := func(args ...string) (stop func() string) {
		cmd := exec.Command(os.Args[0], append([]string{"worker", "--db", db, "--tick", "100ms"}, args...)...)
		cmd.Env = append(os.Environ(), "SITREP_TEST_AS_SITREP=1")
		var log bytes.Buffer
		cmd.Stderr = &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return func() string {
			cmd.Process.Signal(syscall.SIGTERM)
			if err := cmd.Wait(); err != nil {
				t.Errorf("sitrep worker %v: %v\n%s", args, err, &log)
			}
			return log.String()
		}
	}
	feedState := func() sitrep.Feed {
		_, out, _ := runCmd(t, "feeds", "list", "--db", db, "--format", "jsonl")
		var f sitrep.Feed
		json.Unmarshal([]byte(out), &f)
		return f
	}
	wait := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("gave up waiting for %s", what)
			}
		}
	}

	stop := worker()
	wait("the refused poll", func() bool { return feedState().Errors > 0 })
	stop()
	if f := feedState(); !strings.Contains(f.LastError, "refusing to fetch from a private, loopback, link-local or reserved address") || articles(db) != 0 {
		t.Errorf("without --allow-private: last error %q, %d articles; want loopback refused, none", f.LastError, articles(db))
	}

	// Removed and added again, the feed is due at once.
	runCmd(t, "feeds", "remove", "--db", db, srv.URL+"/rss.xml")
	runCmd(t, "feeds", "add", "--db", db, srv.URL+"/rss.xml")
	stop = worker("--allow-private")
	wait("3 articles", func() bool { return articles(db) == 3 })
	log := stop()
	if f := feedState(); f.Errors != 0 || f.Items != 3 || f.Title != "Local wire" {
		t.Errorf("with --allow-private: feed %+v; want 3 items, no error", f)
	}
	if !strings.Contains(log, `msg="worker stopped"`) {
		t.Errorf("the worker did not stop cleanly:\n%s", log)
	}
}
