// Package postgres is sitrep's store for many processes: PostgreSQL
// through pgx, migrated on open. The tables, queries and ingest logic are
// shared with package sqlite in internal/sqlstore; this package holds the
// driver, the migrations, PostgreSQL's full-text search (tsvector) and the
// lock that makes concurrent ingests fuse as one would.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"runtime"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/sitrep/sitrep/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ingestLock is the advisory lock every writing transaction takes: fusion
// reads the incidents near a new event and rewrites them, so two ingests
// touching one place must not interleave. Extraction, the slow part, runs
// before it, outside the lock.
const ingestLock = `SELECT pg_advisory_xact_lock(7411)`

var dialect = &sqlstore.Dialect{
	Name:        "postgres",
	Rebind:      rebind,
	Lock:        ingestLock,
	IndexText:   `UPDATE articles SET tsv = to_tsvector('simple', v.column2 || ' ' || left(v.column3, 200000)) FROM (VALUES %s) AS v WHERE articles.id = v.column1`,
	SearchWhere: `a.tsv @@ plainto_tsquery('simple', ?)`,
	Search:      func(words []string) string { return strings.Join(words, " ") },
}

// rebind numbers ? placeholders as $1, $2...; no query sitrep writes has a
// ? inside a string literal.
func rebind(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// IsDSN reports whether s names a PostgreSQL database.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the PostgreSQL database dsn and applies any migration
// it lacks. Queries go through a pool of their own, of read-only
// sessions, so a burst of queries never holds the connections an ingest
// needs, nor an ingest the queries'.
func Open(ctx context.Context, dsn string) (*sqlstore.Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	// Ingest's multi-row statements differ in their number of rows from
	// batch to batch; each would stay prepared on the server, by
	// default, up to 512 per connection. Only the statements the store
	// prepares itself stay prepared; the others are described, and the
	// description cached here, not on the server.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	db := stdlib.OpenDB(*cfg)
	// Keep connections open between requests: database/sql keeps two
	// idle by default. Open connections are not capped: a writer holding
	// one may need another (to prepare a statement) while others wait for
	// the writers' lock.
	db.SetMaxIdleConns(max(4, 2*runtime.GOMAXPROCS(0)))
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	if err := sqlstore.Migrate(ctx, db, dialect, sub); err != nil {
		db.Close()
		return nil, err
	}
	read, err := openRead(ctx, dsn)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &sqlstore.Store{DB: db, Read: read, D: dialect}, nil
}

// openRead opens the queries' pool: sessions that refuse to write.
func openRead(ctx context.Context, dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe // as the writer's, for the same reason
	db := stdlib.OpenDB(*cfg)
	db.SetMaxIdleConns(max(4, 2*runtime.GOMAXPROCS(0)))
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	return db, nil
}
