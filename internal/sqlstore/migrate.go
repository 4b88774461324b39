// Package sqlstore is the part of sitrep.Store that SQLite and PostgreSQL
// share: the same tables, the same queries and the same ingest, fusion and
// control logic over database/sql. Packages sqlite and postgres supply a
// Dialect (driver, migrations, full-text search, locking) and nothing else,
// so the two backends cannot drift apart.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migrate applies the numbered migrations (NNNN_name.sql) in dir of
// migrations that the database has not recorded in schema_migrations,
// each in its own transaction.
func Migrate(ctx context.Context, db *sql.DB, d *Dialect, migrations fs.FS) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("%s: migrate: %w", d.Name, err)
	}
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return fmt.Errorf("%s: migrate: %w", d.Name, err)
	}
	sort.Strings(names)
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("%s: migrate: %s: name does not start with a number", d.Name, name)
		}
		body, err := fs.ReadFile(migrations, name)
		if err != nil {
			return fmt.Errorf("%s: migrate: %w", d.Name, err)
		}
		if err := apply(ctx, db, d, v, string(body)); err != nil {
			return fmt.Errorf("%s: migrate: %s: %w", d.Name, name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, d *Dialect, version int, body string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if d.Lock != "" {
		// Two processes opening a new database at once must not both migrate.
		if _, err := tx.ExecContext(ctx, d.Lock); err != nil {
			return err
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, d.Rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, d.Rebind(`INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`), version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}
