package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/server"
)

func init() {
	commands = append(commands, command{"serve", "sitrep serve [--db DSN] [--addr 127.0.0.1:8080] [--read-token]",
		"serve the API, the live stream and the map page (writes need $SITREP_TOKEN)", runServe})
}

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	db := fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	readToken := fs.Bool("read-token", false, "reading needs $SITREP_TOKEN too")
	gaz := addGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := serverOptions(*readToken, *gaz, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, *db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, st, *addr, opt, stdout)
}

// serverOptions reads the token from the environment and loads the
// gazetteer at gaz ("": the embedded one) now, so that a wrong one stops
// the server before it answers.
func serverOptions(readToken bool, gaz string, stderr io.Writer) (server.Options, error) {
	opt := server.Options{Token: os.Getenv("SITREP_TOKEN"), ReadToken: readToken,
		Log: slog.New(slog.NewTextHandler(stderr, nil))}
	if readToken && opt.Token == "" {
		return opt, fmt.Errorf("--read-token: set SITREP_TOKEN")
	}
	if gaz != "" {
		g, err := gazetteer.Open(gaz)
		if err != nil {
			return opt, err
		}
		opt.Gazetteer = g
	}
	return opt, nil
}

// serve answers on addr until ctx ends, then lets requests in flight
// finish for up to 5 seconds.
func serve(ctx context.Context, st sitrep.Store, addr string, opt server.Options, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	h := server.New(st, opt)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute, // the live stream lifts it for itself
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "sitrep: serving http://%s/ (API at /api/, OpenAPI at /api/openapi.json); Ctrl-C stops\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	h.Close()
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
