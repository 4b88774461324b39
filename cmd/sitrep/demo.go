package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/sqlite"
)

func init() {
	commands = append(commands, command{"demo", "sitrep demo [--addr 127.0.0.1:8080] [--keep DIR]",
		"load the bundled sample reports into a temporary database and serve the map", runDemo})
}

func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	keep := fs.String("keep", "", "keep the database in this directory instead of a temporary one")
	if err := parseFlags(fs, args); err != nil {
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
	x, err := extract.Default()
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
	opt, err := serverOptions(false, stderr)
	if err != nil {
		return err
	}
	return serve(ctx, st, *addr, opt, stdout)
}
