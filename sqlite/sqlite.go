// Package sqlite is sitrep's embedded store: one SQLite file (pure Go,
// modernc.org/sqlite), migrated on open. The tables, queries and ingest
// logic are shared with package postgres in internal/sqlstore; this
// package holds the driver, the migrations and SQLite's full-text search
// (FTS5).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"strings"

	"github.com/sitrep/sitrep/internal/sqlstore"
	_ "modernc.org/sqlite" // the driver
)

//go:embed migrations/*.sql
var migrations embed.FS

var dialect = &sqlstore.Dialect{
	Name:        "sqlite",
	Rebind:      func(q string) string { return q },
	IndexText:   `INSERT INTO articles_fts (rowid, title, text) SELECT a.rowid, v.column2, v.column3 FROM (VALUES %s) AS v JOIN articles a ON a.id = v.column1`,
	SearchJoin:  ` JOIN articles_fts f ON f.rowid = a.rowid`,
	SearchWhere: `articles_fts MATCH ?`,
	Search:      ftsQuery,
}

// ftsQuery turns words into an FTS5 query matching all of them: each word
// is quoted, so no word is read as FTS5 syntax (OR, NEAR, a column name).
func ftsQuery(words []string) string {
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = `"` + w + `"`
	}
	return strings.Join(terms, " ")
}

// testPragmas are set on every connection after Open's own; only tests
// set them (full_test.go fills the disk with max_page_count(N)).
var testPragmas []string

// Open opens (creating it if need be) the SQLite database at path and
// applies any migration it lacks. Queries go through a pool of their own,
// read-only connections: in WAL mode a reader never waits for the
// writer, and no query can take the write lock or a writer's connection.
func Open(ctx context.Context, path string) (*sqlstore.Store, error) {
	// WAL lets readers run beside the one writer; a writing transaction
	// takes the write lock when it begins (immediate), so two writers
	// queue instead of failing mid-way; NORMAL sync is safe in WAL mode
	// (a crash loses at most the last commits, never consistency). The WAL
	// is copied back into the file (a checkpoint, with two fsyncs) once it
	// holds walPages pages, not SQLite's 1,000: a batch of 256 synthetic
	// articles writes some 11,000 pages (random index inserts), so the
	// default checkpointed after every batch, and a page two batches dirty
	// was copied twice (BENCHMARKS.md, "Ingest at 350,000 events").
	db, err := open(ctx, path, "immediate", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", fmt.Sprintf("wal_autocheckpoint(%d)", walPages))
	if err != nil {
		return nil, err
	}
	sub, _ := fs.Sub(migrations, "migrations")
	if err := sqlstore.Migrate(ctx, db, dialect, sub); err != nil {
		db.Close()
		return nil, fmt.Errorf("%w (database %s)", err, path)
	}
	read, err := open(ctx, path, "deferred", "query_only(1)")
	if err != nil {
		db.Close()
		return nil, err
	}
	return &sqlstore.Store{DB: db, Read: read, D: dialect, Name: path}, nil
}

// walPages is the writer's wal_autocheckpoint: 64 MB of 4 kB pages.
const walPages = 16000

// open opens a pool of connections to path with the pragmas every
// connection has and those given.
func open(ctx context.Context, path, txlock string, pragmas ...string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("_txlock", txlock)
	common := []string{"busy_timeout(10000)", "cache_size(-65536)", "temp_store(MEMORY)", "mmap_size(1073741824)"}
	for _, p := range append(append(common, pragmas...), testPragmas...) {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// Keep connections open between requests: database/sql keeps two
	// idle by default, so a server answering many requests at once would
	// open and close a connection (reading the schema each time) per
	// request. Open connections are not capped: a writer holding one may
	// need another (to prepare a statement) while others wait for the
	// write lock, and a query may read from two at once.
	db.SetMaxIdleConns(max(8, 4*runtime.GOMAXPROCS(0)))
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}
