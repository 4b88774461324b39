package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/storetest"
)

// TestDB returns the DSN of a new, empty database on the server that
// SITREP_TEST_POSTGRES names, dropped when the test ends; it skips the
// test when the variable is unset.
func testDB(t *testing.T) string {
	admin := os.Getenv("SITREP_TEST_POSTGRES")
	if admin == "" {
		t.Skip("SITREP_TEST_POSTGRES is not set: the PostgreSQL suite needs a server (.ci/run starts one)")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("sitrep_test_%d_%d", os.Getpid(), seq.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

var seq atomic.Int64

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		s, err := postgres.Open(ctx, testDB(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
