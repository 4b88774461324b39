package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pgtest"
	"github.com/sitrep/sitrep/postgres"
	"github.com/sitrep/sitrep/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		s, err := postgres.Open(ctx, pgtest.NewDB(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
