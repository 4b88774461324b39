package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// An ingest writes a batch's rows a statement per table rather than a
// statement per row: on PostgreSQL every statement is a round trip, and
// thirty of them per article held ingest to 245 articles/s on loopback
// (BENCHMARKS.md, issue 18). Writes whose answers ingest does not read
// wait in a buffer; reads that need rows written earlier in the batch
// run the buffer first, and the batch's reads are made for all its
// articles at once (the duplicate check, the near-copy candidates, the
// neighbours of new events, the incidents and timelines they touch).

// A batched statement runs once for many rows: row, repeated and joined
// by sep, takes the place of %s in query.
type batched struct{ query, row, sep string }

// maxParams bounds the parameters of one statement: SQLite allows 32,766,
// PostgreSQL 65,535.
const maxParams = 10000

var (
	insertArticles = &batched{`INSERT INTO articles (id, url, title, source, published, text, length, signature, dup_of, events, ingested) VALUES %s`, `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ", "}
	insertBands    = &batched{`INSERT INTO article_bands (band_key, article_id) VALUES %s ON CONFLICT DO NOTHING`, `(?, ?)`, ", "}
	insertClaims   = &batched{`INSERT INTO claims (place_key, event_id, sub_event_type, certainty, date, claim) VALUES %s`, `(?, ?, ?, ?, ?, ?)`, ", "}
	insertEvents   = &batched{`INSERT INTO events (id, article_id, incident_id, sub_event_type, certainty, date, day_lo, day_hi, span_class, place_key, cell, name_key, precision, side1, side2, country_code, lat, lon, seat_lat, seat_lon, actors, data) VALUES %s`, `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ", "}
	insertIncident = &batched{`INSERT INTO incidents (id, sub_event_type, date, country_code, lat, lon, seat_lat, seat_lon, actors, fatalities, sources, reports) VALUES %s`, `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ", "}
	setIncident    = &batched{`UPDATE events SET incident_id = v.column2 FROM (VALUES %s) AS v WHERE events.id = v.column1`, `(?, ?)`, ", "}
	insertChanges  = &batched{`INSERT INTO changes (kind, key, at) VALUES %s`, `(?, ?, ?)`, ", "}
	cutControl     = &batched{`DELETE FROM control WHERE %s`, `(place_key = ? AND seq >= ?)`, " OR "}
	renameControl  = &batched{`UPDATE control SET name = v.column2 FROM (VALUES %s) AS v WHERE control.place_key = v.column1`, `(?, ?)`, ", "}
	insertControl  = &batched{`INSERT INTO control (place_key, seq, place, name, country_code, date_from, date_to, data) VALUES %s`, `(?, ?, ?, ?, ?, ?, ?, ?)`, ", "}
	setClaimSpans  = &batched{`UPDATE claims SET seq = v.column3 FROM (VALUES %s) AS v WHERE claims.place_key = v.column1 AND claims.event_id = v.column2`, `(?, ?, CAST(? AS INTEGER))`, ", "}
	saveTimelines  = &batched{`INSERT INTO timelines (place_key, names, data) VALUES %s ON CONFLICT (place_key) DO UPDATE SET names = excluded.names, data = excluded.data`, `(?, ?, ?)`, ", "}
)

// writes are the rows of batched statements not yet run. Statements run
// in the order of their first use, each with all its rows: a batched
// statement reads no row that a statement first used after it writes
// (an index entry after its article, an incident's events after they
// are stored, a place's spans cut before new ones are filed).
type writes struct {
	order []*batched
	args  map[*batched][]any
}

// add buffers one row of b.
func (in *ingest) add(b *batched, args ...any) {
	if in.w.args == nil {
		in.w.args = map[*batched][]any{}
	}
	if _, ok := in.w.args[b]; !ok {
		in.w.order = append(in.w.order, b)
	}
	in.w.args[b] = append(in.w.args[b], args...)
}

// flush runs the buffered writes.
func (in *ingest) flush() error {
	for _, b := range in.w.order {
		args := in.w.args[b]
		n := strings.Count(b.row, "?")
		for len(args) > 0 {
			k := min(len(args), maxParams/n*n)
			q := fmt.Sprintf(b.query, strings.TrimSuffix(strings.Repeat(b.row+b.sep, k/n), b.sep))
			if _, err := in.tx.ExecContext(in.ctx, in.s.D.Rebind(q), args[:k]...); err != nil {
				return err
			}
			args = args[k:]
		}
	}
	in.w.order = in.w.order[:0]
	clear(in.w.args)
	return nil
}

// each runs q, whose %s is a list of placeholders, for keys, a chunk at a
// time, and calls scan for each row. Buffered writes run first.
func (in *ingest) each(q string, keys []any, scan func(*sql.Rows) error) error {
	if err := in.flush(); err != nil {
		return err
	}
	return inChunks(in.ctx, in.tx, in.s.D, q, keys, scan)
}

// querier runs a query: a transaction or a pool.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// inChunks runs q, whose %s stands for a list of placeholders, over keys a
// thousand at a time (a statement takes only so many arguments), calling
// scan for every row.
func inChunks(ctx context.Context, db querier, d *Dialect, q string, keys []any, scan func(*sql.Rows) error) error {
	for len(keys) > 0 {
		k := min(len(keys), 1000)
		text := strings.Replace(q, "%s", "?"+strings.Repeat(", ?", k-1), 1)
		rows, err := db.QueryContext(ctx, d.Rebind(text), keys[:k]...)
		if err != nil {
			return err
		}
		if err := eachRow(rows, scan); err != nil {
			return err
		}
		keys = keys[k:]
	}
	return nil
}

// eachRow calls scan for every row of rows, then closes them.
func eachRow(rows *sql.Rows, scan func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// anys returns ss as arguments.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
