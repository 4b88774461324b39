package main

import (
	"context"
	"os"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/sqlite"
)

// defaultDB is --db's default: $SITREP_DB, else sitrep.db here.
func defaultDB() string {
	if v := os.Getenv("SITREP_DB"); v != "" {
		return v
	}
	return "sitrep.db"
}

// openStore opens the store dsn names: PostgreSQL for a postgres:// DSN,
// else an SQLite file, which only ingest creates: a query of a database
// that is not there is a mistake (a typo, the wrong directory), not an
// empty record.
func openStore(ctx context.Context, dsn string, create bool) (sitrep.Store, error) {
	if postgres.IsDSN(dsn) {
		return postgres.Open(ctx, dsn)
	}
	if !create {
		if _, err := os.Stat(dsn); err != nil {
			return nil, sitrep.Errorf(sitrep.ENOTFOUND, "no database at %s (sitrep ingest creates one; --db or $SITREP_DB names another)", dsn)
		}
	}
	return sqlite.Open(ctx, dsn)
}

// resolvePoint reads --near: "lat,lon" or a place name, in the gazetteer
// at gaz ("": the embedded one).
func resolvePoint(gaz, s string) (*sitrep.Point, string, error) {
	g, err := gazetteer.Select(gaz)
	if err != nil {
		return nil, "", err
	}
	lat, lon, label, err := g.Point(s)
	if err != nil {
		return nil, "", sitrep.Errorf(sitrep.EINVALID, "--near %v", err)
	}
	return &sitrep.Point{Lat: lat, Lon: lon}, label, nil
}
