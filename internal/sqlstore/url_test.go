package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/sqlstore"
)

// TestIngestRefusesScriptURLs: an article whose URL is not http or https
// does not enter the record, and one already there (stored before the
// check) is answered without it.
func TestIngestRefusesScriptURLs(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		day := time.Date(2024, 12, 8, 0, 0, 0, 0, time.UTC)
		a := sitrep.Article{ID: "a1", URL: "javascript:alert(1)", Published: day, Text: "Rebels shelled the town on Sunday."}
		ev := sitrep.Event{ID: "e1", Article: a.Ref(), SubEventType: "Shelling/artillery/missile attack", Date: "2024-12-08"}
		for name, d := range map[string]sitrep.Doc{
			"article": {Article: a},
			"event":   {Article: sitrep.Article{ID: "a1", Published: day, Text: a.Text}, Events: []sitrep.Event{ev}},
		} {
			if _, err := s.Ingest(ctx, []sitrep.Doc{d}); sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Errorf("%s with a javascript: URL: Ingest = %v, want EINVALID", name, err)
			}
		}
		if st, _ := s.Stats(ctx); st.Articles != 0 {
			t.Fatalf("refused ingests stored %d articles", st.Articles)
		}
		a.URL = "https://example.org/a1"
		if _, err := s.Ingest(ctx, []sitrep.Doc{{Article: a}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.ExecContext(ctx, s.D.Rebind("UPDATE articles SET url = ? WHERE id = ?"), "javascript:alert(1)", "a1"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Article(ctx, "a1")
		if err != nil || got.URL != "" {
			t.Errorf("an article stored with a javascript: URL reads back with %q (%v)", got.URL, err)
		}
		list, err := s.Articles(ctx, sitrep.ArticleFilter{})
		if err != nil || len(list) != 1 || list[0].URL != "" {
			t.Errorf("Articles: %+v, %v; want the article without its URL", list, err)
		}
	})
}
