package extract

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/fault"
	"github.com/sitrep/sitrep/text"
)

func TestALongSentenceIsReadInPieces(t *testing.T) {
	x := extractor(t)
	s := longSentence(200_000) // about 35,000 tokens, no full stop
	evs, cut, err := x.ExtractContext(context.Background(), &sitrep.Article{ID: "long", Text: s, Published: day("2024-12-06")})
	if err != nil {
		t.Fatal(err)
	}
	if cut != 1 {
		t.Errorf("cut = %d, want 1", cut)
	}
	if len(evs) == 0 {
		t.Fatal("no event from the pieces of a sentence that reports attacks")
	}
	for _, e := range evs {
		if n := len(text.Tokenize(e.Sentence)); n > MaxSentenceTokens {
			t.Fatalf("event quotes a sentence of %d tokens, want at most %d", n, MaxSentenceTokens)
		}
		if s[e.Span[0]:e.Span[1]] != e.Sentence {
			t.Fatalf("span %v does not hold the event's sentence", e.Span)
		}
	}
	if note := CutNote(cut); !strings.Contains(note, "1 sentences longer than") {
		t.Errorf("CutNote(1) = %q", note)
	}
	_, cut, _ = x.ExtractContext(context.Background(), &sitrep.Article{ID: "short", Text: "Rebels shelled Homs on Friday.", Published: day("2024-12-06")})
	if cut != 0 || CutNote(cut) != "" {
		t.Errorf("an ordinary sentence: cut = %d, note %q; want none", cut, CutNote(cut))
	}
}

func TestExtractionGivesUpWhenItsContextIsDone(t *testing.T) {
	x := extractor(t)
	a := &sitrep.Article{ID: "late", URL: "https://example.org/late", Text: "Rebels shelled Homs on Friday. Two were killed.", Published: day("2024-12-06")}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	evs, _, err := x.ExtractContext(ctx, a)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "late (https://example.org/late)") {
		t.Fatalf("error %v: want context.Canceled, naming the article", err)
	}
	if evs != nil {
		t.Errorf("events %v from an extraction given up", evs)
	}
	if evs, _, err := x.ExtractContext(context.Background(), a); err != nil || len(evs) == 0 {
		t.Errorf("the same article, in time: %d events, %v", len(evs), err)
	}
}

func TestAPanicIsTheArticlesError(t *testing.T) {
	x := extractor(t)
	fault.Extract = func(s string) {
		if strings.Contains(s, "Kaboom") {
			panic("injected")
		}
	}
	defer func() { fault.Extract = nil }()
	good := &sitrep.Article{ID: "good", Text: "Rebels shelled Homs on Friday, killing two civilians.", Published: day("2024-12-06")}
	want, _, err := x.ExtractContext(context.Background(), good)
	if err != nil || len(want) == 0 {
		t.Fatalf("before: %d events, %v", len(want), err)
	}
	bad := &sitrep.Article{ID: "bad", Text: "Kaboom in Aleppo.", Published: day("2024-12-06")}
	evs, _, err := x.ExtractContext(context.Background(), bad)
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Article != "bad" || pe.Value != "injected" || len(pe.Stack) == 0 || evs != nil {
		t.Fatalf("ExtractContext(panicking article) = %v, %v; want a PanicError naming it", evs, err)
	}
	got, _, err := x.ExtractContext(context.Background(), good)
	if err != nil || len(got) != len(want) || got[0].Sentence != want[0].Sentence {
		t.Errorf("after the panic: %d events, %v; want %d as before", len(got), err, len(want))
	}
}
