package server

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/export"
)

// TestPostPlaces: POST /api/places answers the place mentions of the text
// it is sent, in three formats, stores nothing, and is a read: open when
// the server has no read token, closed without it when it has.
func TestPostPlaces(t *testing.T) {
	st := testStore(t, false)
	ts := newTestServer(t, st, Options{Token: "s3cret"})
	text := "Shelling hit Rastan, in Homs province, on Monday. <script>window.__pwned=1</script> Aid reached Ḩamāh."

	code, body := postTo(t, ts, "/api/places", "", "text/plain; charset=utf-8", text)
	if code != 200 {
		t.Fatalf("POST /api/places: %d %s", code, body)
	}
	var got struct{ Places []export.PlaceMention }
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	resolved := 0
	byName := map[string]export.PlaceMention{}
	for _, m := range got.Places {
		if text[m.Span[0]:m.Span[1]] != m.Mention {
			t.Errorf("span %v of %q is %q in the text", m.Span, m.Mention, text[m.Span[0]:m.Span[1]])
		}
		if m.Place != nil {
			resolved++
		}
		byName[m.Mention] = m
	}
	rastan := byName["Rastan"]
	if rastan.Place == nil || rastan.CountryCode != "SY" || rastan.Admin1 != "Homs" || rastan.Precision != "town" {
		t.Errorf("Rastan, in Homs province: %+v", rastan.Place)
	}
	if h := byName["Ḩamāh"]; h.Place == nil || h.CountryCode != "SY" {
		t.Errorf("Ḩamāh (after multi-byte letters): %+v", h.Place)
	}
	if stats, _ := st.Stats(context.Background()); stats.Articles != 0 {
		t.Errorf("POST /api/places stored %d articles", stats.Articles)
	}

	code, body = postTo(t, ts, "/api/places?format=geojson", "", "text/plain", text)
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct{ Coordinates [2]float64 }
			Props    export.PlaceMention `json:"properties"`
		}
	}
	if err := json.Unmarshal([]byte(body), &fc); code != 200 || err != nil || fc.Type != "FeatureCollection" {
		t.Fatalf("geojson: %d %v %.300s", code, err, body)
	}
	if len(fc.Features) != resolved {
		t.Errorf("geojson has %d features, want the %d resolved mentions", len(fc.Features), resolved)
	}
	for _, f := range fc.Features {
		if f.Geometry.Coordinates != [2]float64{f.Props.Lon, f.Props.Lat} {
			t.Errorf("%s: coordinates %v, want [lon lat] of %v,%v", f.Props.Mention, f.Geometry.Coordinates, f.Props.Lat, f.Props.Lon)
		}
	}

	code, body = postTo(t, ts, "/api/places?format=jsonl", "", "text/plain", text)
	if lines := strings.Split(strings.TrimSpace(body), "\n"); code != 200 || len(lines) != len(got.Places) {
		t.Errorf("jsonl: %d, %d lines for %d mentions", code, len(lines), len(got.Places))
	}

	for _, c := range []struct {
		path, ct, body, want string
		code                 int
	}{
		{"/api/places?format=xml", "text/plain", text, "format", 400},
		{"/api/places?lang=en", "text/plain", text, "lang", 400},
		{"/api/places", "image/png", "\x89PNG", "Content-Type", 400},
		{"/api/places", "text/plain", strings.Repeat("Homs ", maxBody/5+1), "", 413},
	} {
		if code, body := postTo(t, ts, c.path, "", c.ct, c.body); code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("POST %s (%s): %d %.200s; want %d naming %q", c.path, c.ct, code, body, c.code, c.want)
		}
	}

	ro := newTestServer(t, st, Options{Token: "s3cret", ReadToken: true})
	if code, _ := postTo(t, ro, "/api/places", "", "text/plain", text); code != 401 {
		t.Errorf("read token set, none sent: %d, want 401", code)
	}
	if code, _ := postTo(t, ro, "/api/places", "s3cret", "text/plain", text); code != 200 {
		t.Errorf("read token sent: %d, want 200", code)
	}
}
