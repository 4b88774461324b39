package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/worker"
)

func init() {
	commands = append(commands, command{"feeds", "sitrep feeds add|list|remove [--db DSN] [--every 15m] [--defaults] [--format table|jsonl] [URL...]",
		"the RSS, Atom and JSON feeds the workers poll: add, list or remove them", runFeeds})
}

func runFeeds(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("feeds", stderr)
	db := fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN")
	every := fs.Duration("every", 0, "add: poll the feeds this often, from 1m to 168h (default 15m; a feed already there keeps its interval unless this is given)")
	defaults := fs.Bool("defaults", false, fmt.Sprintf("add: the %d default feeds of conflict news as well (UN News, ReliefWeb, Al Jazeera, BBC, Crisis Group...)", len(worker.DefaultFeeds)))
	format := fs.String("format", "table", "list: table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return sitrep.Errorf(sitrep.EINVALID, "want add, list or remove (sitrep feeds --help)")
	}
	sub := fs.Arg(0)
	if err := parseFlags(fs, fs.Args()[1:]); err != nil { // flags after the subcommand
		return err
	}
	urls := fs.Args()
	ctx := context.Background()
	switch sub {
	case "list":
		if len(urls) > 0 {
			return sitrep.Errorf(sitrep.EINVALID, "list takes no URL")
		}
		return listOf(stdout, *db, *format, func(ctx context.Context, st sitrep.Store) ([]sitrep.Feed, error) {
			fst, err := feedStore(st)
			if err != nil {
				return nil, err
			}
			return fst.Feeds(ctx)
		}, writeFeeds)
	case "add":
		if *defaults {
			urls = append(urls, worker.DefaultFeeds...)
		}
		if len(urls) == 0 {
			return sitrep.Errorf(sitrep.EINVALID, "add: no URL (or --defaults)")
		}
		return eachFeed(ctx, *db, true, urls, func(fst sitrep.FeedStore, u string) error {
			f, err := fst.AddFeed(ctx, u, *every)
			if err == nil {
				fmt.Fprintf(stdout, "%s every %v\n", f.URL, f.Every)
			}
			return err
		})
	case "remove":
		if len(urls) == 0 {
			return sitrep.Errorf(sitrep.EINVALID, "remove: no URL")
		}
		return eachFeed(ctx, *db, false, urls, func(fst sitrep.FeedStore, u string) error {
			return fst.RemoveFeed(ctx, u)
		})
	}
	return sitrep.Errorf(sitrep.EINVALID, "%q: want add, list or remove", sub)
}

// eachFeed opens the feeds of the store db names (creating an SQLite
// file when create) and calls fn for each URL, stopping at the first
// error.
func eachFeed(ctx context.Context, db string, create bool, urls []string, fn func(sitrep.FeedStore, string) error) error {
	st, err := openStore(ctx, db, create)
	if err != nil {
		return err
	}
	defer st.Close()
	fst, err := feedStore(st)
	if err != nil {
		return err
	}
	for _, u := range urls {
		if err := fn(fst, u); err != nil {
			return err
		}
	}
	return nil
}

func feedStore(st sitrep.Store) (sitrep.FeedStore, error) {
	fst, ok := st.(sitrep.FeedStore)
	if !ok {
		return nil, sitrep.Errorf(sitrep.EINVALID, "this store keeps no feeds")
	}
	return fst, nil
}

func writeFeeds(tw *tabwriter.Writer, feeds []sitrep.Feed) {
	fmt.Fprintln(tw, "URL\tEVERY\tLAST POLL\tNEXT POLL\tITEMS\tERRORS\tTITLE OR LAST ERROR")
	when := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Local().Format("2006-01-02 15:04")
	}
	for _, f := range feeds {
		note := f.Title
		if f.Errors > 0 {
			note = f.LastError
		}
		fmt.Fprintf(tw, "%s\t%v\t%s\t%s\t%d\t%d\t%s\n", f.URL, f.Every, when(f.LastPoll), when(f.NextPoll), f.Items, f.Errors, note)
	}
}
