package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/extract"
)

// filterFlags are the event filters events, incidents and export share.
type filterFlags struct {
	db, since, until, typ, country, near, actor, certainty, kind, gazetteer *string
	km                                                                      *float64
	limit, offset                                                           *int
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	return &filterFlags{
		db:        fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN"),
		since:     fs.String("since", "", "first day (YYYY-MM-DD)"),
		until:     fs.String("until", "", "last day (YYYY-MM-DD)"),
		typ:       fs.String("type", "", "ACLED event type or sub-event type"),
		country:   fs.String("country", "", "country name or ISO alpha-2 code"),
		near:      fs.String("near", "", "place name or lat,lon; with --km"),
		gazetteer: addGazetteerFlag(fs),
		km:        fs.Float64("km", 0, "radius around --near in kilometres (default 25 with --near)"),
		actor:     fs.String("actor", "", "actor name or side (substring, any case)"),
		certainty: fs.String("certainty", "", "only events of this certainty: reported, hypothetical, negated, projected, claimed"),
		kind:      fs.String("kind", "", "only events of this kind: event (ACLED's types), toll (figures over a period, projections), control, displacement"),
		limit:     fs.Int("limit", 0, "at most this many rows (0: all)"),
		offset:    fs.Int("offset", 0, "skip this many rows"),
	}
}

func (ff *filterFlags) filter() (sitrep.EventFilter, error) {
	f := sitrep.EventFilter{Type: *ff.typ, Country: *ff.country, Actor: *ff.actor, Certainty: *ff.certainty, Kind: *ff.kind, Limit: *ff.limit, Offset: *ff.offset, Km: *ff.km}
	if err := parseDay("--since", *ff.since, &f.Since); err != nil {
		return f, err
	}
	if err := parseDay("--until", *ff.until, &f.Until); err != nil {
		return f, err
	}
	if *ff.near != "" {
		p, _, err := resolvePoint(*ff.gazetteer, *ff.near)
		if err != nil {
			return f, err
		}
		f.Near = p
		if f.Km == 0 {
			f.Km = 25
		}
	}
	if err := f.Validate(); err != nil {
		return f, err
	}
	return f, nil
}

func runEvents(args []string, stdout, stderr io.Writer) error {
	return listEvents("events", args, stdout, stderr)
}

func runExport(args []string, stdout, stderr io.Writer) error {
	return listEvents("export", args, stdout, stderr)
}

// listEvents is events (a table by default) and export (a file format,
// all events unless filtered).
func listEvents(name string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags(name, stderr)
	ff := addFilterFlags(fs)
	def, formats := "table", "table, jsonl, csv, acled, geojson or plover"
	if name == "export" {
		def, formats = "", "acled, geojson, plover or jsonl (required)"
	}
	format := fs.String("format", def, "output format: "+formats)
	out := fs.String("out", "", "write to this file instead of standard output")
	all := fs.Bool("all", false, "acled, geojson, plover: write every event, the hypothetical, negated, projected and claimed ones, statements of control and tolls too (marked in ACLED's tags); by default only events reported as fact")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (filters are flags)", fs.Arg(0))
	}
	if *format == "" || name == "export" && (*format == "table" || *format == "csv") {
		return fmt.Errorf("--format: want %s", formats)
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := openStore(ctx, *ff.db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	evs, err := st.Events(ctx, f)
	if err != nil {
		return err
	}
	return writeOut(*out, stdout, func(w io.Writer) error { return writeEvents(w, *format, evs, export.Options{All: *all}) })
}

// writeOut runs write on stdout or on the file path, which it replaces
// only when write succeeds.
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sitrep-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func writeEvents(w io.Writer, format string, evs []sitrep.Event, opt export.Options) error {
	switch format {
	case "table":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tTYPE\tPLACE\tACTOR1\tACTOR2\tDEAD\tCERTAINTY\tID")
		for i := range evs {
			e := &evs[i]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Date, e.SubEventType, placeName(e.Location), actorName(e.Actor1), actorName(e.Actor2), count(e.Fatalities), e.Certainty, e.ID)
		}
		return tw.Flush()
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "date", "event_type", "sub_event_type", "actor1", "actor2", "location", "country_code", "latitude", "longitude", "fatalities", "certainty", "sentence", "article_id", "url"})
		for i := range evs {
			e := &evs[i]
			var lat, lon, cc string
			if l := e.Location; l != nil {
				lat, lon, cc = strconv.FormatFloat(l.Lat, 'f', 5, 64), strconv.FormatFloat(l.Lon, 'f', 5, 64), l.CountryCode
			}
			cw.Write([]string{csvText(e.ID), e.Date, csvText(e.EventType), csvText(e.SubEventType), csvText(actorName(e.Actor1)), csvText(actorName(e.Actor2)), csvText(placeName(e.Location)), csvText(cc), lat, lon, count(e.Fatalities), csvText(e.Certainty), csvText(e.Sentence), csvText(e.Article.ID), csvText(e.Article.URL)})
		}
		cw.Flush()
		return cw.Error()
	}
	return export.WriteAll(w, format, evs, opt)
}

// csvText quotes text a spreadsheet would run as a formula
// (export.CSVText); the "-" of a missing value is no formula and stays.
func csvText(s string) string {
	if s == "-" {
		return s
	}
	return export.CSVText(s)
}

func placeName(l *sitrep.Location) string {
	if l == nil {
		return "-"
	}
	return l.Name + ", " + l.CountryCode
}

func actorName(a *sitrep.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Name
}

func count(n *int) string {
	if n == nil {
		return "-"
	}
	return strconv.Itoa(*n)
}

func runIncidents(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("incidents", stderr)
	ff := addFilterFlags(fs)
	format := fs.String("format", "table", "output format: table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *ff.certainty != "" {
		return fmt.Errorf("--certainty: incidents are reported happenings only")
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	return listOf(stdout, *ff.db, *format, func(ctx context.Context, st sitrep.Store) ([]sitrep.Incident, error) {
		return st.Incidents(ctx, f)
	}, func(tw *tabwriter.Writer, incs []sitrep.Incident) {
		fmt.Fprintln(tw, "DATE\tTYPE\tPLACE\tACTOR1\tACTOR2\tDEAD\tRANGE\tSOURCES\tID")
		for i := range incs {
			in := &incs[i]
			rng := "-"
			if in.FatalitiesMin != nil {
				rng = fmt.Sprintf("%d-%d", *in.FatalitiesMin, *in.FatalitiesMax)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", in.Date, in.SubEventType, placeName(in.Location), actorName(in.Actor1), actorName(in.Actor2), count(in.Fatalities), rng, in.Sources, in.ID)
		}
	})
}

func runControl(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("control", stderr)
	db := fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN")
	asOf := fs.String("as-of", "", "the day (YYYY-MM-DD) to list holders on (default: every span)")
	country := fs.String("country", "", "country name or ISO alpha-2 code")
	place := fs.String("place", "", "one place's history: its name, as the gazetteer or the reports spell it, or GeoNames id")
	format := fs.String("format", "table", "output format: table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f := sitrep.ControlFilter{Country: *country, Place: *place}
	if err := parseDay("--as-of", *asOf, &f.AsOf); err != nil {
		return err
	}
	return listOf(stdout, *db, *format, func(ctx context.Context, st sitrep.Store) ([]sitrep.ControlSpan, error) {
		spans, err := st.Control(ctx, f)
		if err == nil && *place != "" && len(spans) == 0 {
			err = sitrep.Errorf(sitrep.ENOTFOUND, "no control reports for %q", *place)
		}
		return spans, err
	}, func(tw *tabwriter.Writer, spans []sitrep.ControlSpan) {
		fmt.Fprintln(tw, "PLACE\tHOLDER\tSIDE\tFROM\tTO\tSTATUS\tSOURCES")
		for i := range spans {
			s := &spans[i]
			from, to := s.From, s.To
			if from == "" {
				from = "(before)"
			}
			if to == "" {
				to = "(now)"
			}
			holder := s.Holder
			if holder == "" {
				holder = "-"
			}
			status := s.Status
			if s.Contender != "" {
				status += " by " + s.Contender
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", placeName(&s.Place), holder, s.Side, from, to, status, len(s.Evidence))
			if *place != "" {
				for _, ev := range s.Evidence {
					fmt.Fprintf(tw, "\t  %s [%s, %s] %q\n", ev.Date, ev.Certainty, ev.Article.Source, ev.Sentence)
				}
			}
		}
	})
}

// writeJSONL writes one JSON object per line.
func writeJSONL[T any](w io.Writer, rows []T) error {
	enc := json.NewEncoder(w)
	for i := range rows {
		if err := enc.Encode(&rows[i]); err != nil {
			return err
		}
	}
	return nil
}

func runArticles(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("articles", stderr)
	db := fs.String("db", defaultDB(), "database: an SQLite file, or a postgres:// DSN")
	query := fs.String("query", "", "words that must all occur in the title or text (full-text search)")
	since := fs.String("since", "", "first publication day (YYYY-MM-DD)")
	until := fs.String("until", "", "last publication day (YYYY-MM-DD)")
	limit := fs.Int("limit", 20, "at most this many articles")
	offset := fs.Int("offset", 0, "skip this many articles")
	format := fs.String("format", "table", "output format: table, or jsonl (with the text)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f := sitrep.ArticleFilter{Query: *query, Limit: *limit, Offset: *offset}
	if err := parseDay("--since", *since, &f.Since); err != nil {
		return err
	}
	if err := parseDay("--until", *until, &f.Until); err != nil {
		return err
	}
	return listOf(stdout, *db, *format, func(ctx context.Context, st sitrep.Store) ([]sitrep.StoredArticle, error) {
		return st.Articles(ctx, f)
	}, func(tw *tabwriter.Writer, as []sitrep.StoredArticle) {
		fmt.Fprintln(tw, "PUBLISHED\tSOURCE\tTITLE\tEVENTS\tCOPY OF\tID")
		for i := range as {
			a := &as[i]
			pub := "-"
			if !a.Published.IsZero() {
				pub = a.Published.Format(sitrep.DateLayout)
			}
			title := a.Title
			if len(title) > 60 {
				title = title[:57] + "..."
			}
			dup := a.DupOf
			if dup == "" {
				dup = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", pub, a.Source, title, a.Events, dup, a.ID)
		}
	})
}

// listOf runs a query command's common part: open the store, fetch the
// rows, write them as JSON lines or as a table.
func listOf[T any](stdout io.Writer, db, format string, fetch func(context.Context, sitrep.Store) ([]T, error), table func(*tabwriter.Writer, []T)) error {
	if format != "table" && format != "jsonl" {
		return fmt.Errorf("--format %q: want table or jsonl", format)
	}
	ctx := context.Background()
	st, err := openStore(ctx, db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := fetch(ctx, st)
	if err != nil {
		return err
	}
	return writeOut("", stdout, func(w io.Writer) error {
		if format == "jsonl" {
			return writeJSONL(w, rows)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		table(tw, rows)
		return tw.Flush()
	})
}

// parseDay reads a date flag into t, leaving t alone when v is empty.
func parseDay(name, v string, t *time.Time) error {
	if v == "" {
		return nil
	}
	d, err := extract.ParseDate(v)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	*t = d
	return nil
}
