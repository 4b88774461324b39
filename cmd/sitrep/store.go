package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

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

// resolvePoint reads --near: "lat,lon" or a place name, which the
// gazetteer resolves to its most populous match.
func resolvePoint(s string) (*sitrep.Point, string, error) {
	if lat, lon, ok := strings.Cut(s, ","); ok {
		la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
		lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
		if err1 == nil && err2 == nil {
			return &sitrep.Point{Lat: la, Lon: lo}, s, nil
		}
	}
	var best *gazetteer.Place
	for _, c := range gazetteer.Default().Lookup(s) {
		if c.Fuzzy {
			continue
		}
		if best == nil || c.Place.Population > best.Population {
			best = c.Place
		}
	}
	if best == nil {
		return nil, "", sitrep.Errorf(sitrep.EINVALID, "--near %q: no such place in the gazetteer (give a name or lat,lon)", s)
	}
	return &sitrep.Point{Lat: best.Lat, Lon: best.Lon}, fmt.Sprintf("%s, %s (%.4f, %.4f)", best.Name, best.CountryCode, best.Lat, best.Lon), nil
}
