package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/sqlstore"
	"github.com/sitrep/sitrep/server"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/worker"
)

func init() {
	commands = append(commands, command{"demo", "sitrep demo [--live] [--addr 127.0.0.1:8080] [--keep DIR]",
		"load the bundled sample reports (or, with --live, follow public news feeds) into a temporary database and serve the map", runDemo})
}

func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	keep := fs.String("keep", "", "keep the database in this directory instead of a temporary one")
	live := fs.Bool("live", false, "instead of the samples, poll the default public feeds (sitrep feeds add --defaults) with a worker in this process")
	gaz := addGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := serverOptions(false, *gaz, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "sitrep-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--keep: %w", err)
	}
	path := filepath.Join(dir, "demo.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	if *live {
		return demoLive(ctx, st, path, *addr, opt, stdout)
	}
	x, err := extract.WithGazetteer(opt.Gazetteer)
	if err != nil {
		return err
	}
	if _, err := demo.Load(ctx, st, x); err != nil {
		return fmt.Errorf("loading the sample corpus: %w", err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sitrep demo: %d sample articles, %d events, %d incidents, %d places with a control timeline (%s to %s), in %s\n",
		stats.Articles, stats.Events, stats.Incidents, stats.Places, stats.First, stats.Last, path)
	return serve(ctx, st, *addr, opt, stdout)
}

// demoLive follows the default public feeds: a worker in this process
// polls them into the database the server reads, and the page shows each
// incident as it is stored.
func demoLive(ctx context.Context, st *sqlstore.Store, path, addr string, opt server.Options, stdout io.Writer) error {
	for _, u := range worker.DefaultFeeds {
		if _, err := st.AddFeed(ctx, u, 0); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "sitrep demo --live: polling %d public feeds (sitrep feeds list --db %s) into %s\n", len(worker.DefaultFeeds), path, path)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	werr := make(chan error, 1)
	go func() {
		werr <- worker.Run(ctx, path, st, worker.Options{Logger: opt.Log, Gazetteer: opt.Gazetteer})
	}()
	err := serve(ctx, st, addr, opt, stdout)
	cancel()
	if e := <-werr; err == nil && e != nil && !errors.Is(e, context.Canceled) {
		err = e
	}
	return err
}
