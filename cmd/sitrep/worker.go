package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/worker"
)

func init() {
	commands = append(commands, command{"worker", "sitrep worker [--db DSN] [--allow-private] [--concurrency N] [--tick 30s] [--rescue-after 10m] [--id NAME]",
		"poll the feeds, fetch each new item's page, extract its events and store them; many workers may run at once", runWorker})
}

func runWorker(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("worker", stderr)
	db := fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN")
	allowPrivate := fs.Bool("allow-private", false, "fetch feeds and pages on loopback and private addresses too")
	concurrency := fs.Int("concurrency", 16, "pages fetched and read at once (those read together are stored in one transaction)")
	tick := fs.Duration("tick", 30*time.Second, "how often to look for feeds due")
	rescue := fs.Duration("rescue-after", 10*time.Minute, "retry a job running this long: its worker is taken for dead")
	timeout := addTimeoutFlag(fs)
	id := fs.String("id", "", "this worker's name in the job table (default: host and start time)")
	gaz := addGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *concurrency < 1 || *tick <= 0 || *rescue <= 0 {
		return fmt.Errorf("--concurrency, --tick and --rescue-after must be positive")
	}
	var g *gazetteer.Gazetteer
	if *gaz != "" {
		var err error
		if g, err = gazetteer.Open(*gaz); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, *db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if fst, err := feedStore(st); err == nil {
		if feeds, err := fst.Feeds(ctx); err == nil && len(feeds) == 0 {
			log.Warn("no feeds to poll yet (sitrep feeds add URL)")
		}
	}
	return worker.Run(ctx, *db, st, worker.Options{
		AllowPrivate:   *allowPrivate,
		Concurrency:    *concurrency,
		Tick:           *tick,
		RescueAfter:    *rescue,
		ArticleTimeout: *timeout,
		ID:             *id,
		Gazetteer:      g,
		Logger:         log,
	})
}
