// Package pgtest gives tests and benchmarks a fresh PostgreSQL database on
// the server SITREP_TEST_POSTGRES names (scripts/with-postgres starts one).
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the driver
)

var seq atomic.Int64

// NewDB returns the DSN of a new, empty database, dropped when tb ends; it
// skips tb when SITREP_TEST_POSTGRES is unset.
func NewDB(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv("SITREP_TEST_POSTGRES")
	if admin == "" {
		tb.Skip("SITREP_TEST_POSTGRES is not set: PostgreSQL tests need a server (make test and .ci/run start one)")
	}
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatalf("SITREP_TEST_POSTGRES: %v", err)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("sitrep_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, seq.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		if db, err := sql.Open("pgx", admin); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u.Path = "/" + name
	return u.String()
}
