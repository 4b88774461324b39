package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
