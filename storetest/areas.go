package storetest

import (
	"fmt"
	"testing"

	"github.com/sitrep/sitrep"
)

// Syria as an event known only by the country is located: coded at
// Damascus, its seat, and drawn at the country's own point.
var (
	syria    = &sitrep.Location{Name: "Syria", GeonameID: 163843, Lat: 33.5102, Lon: 36.29128, Country: "Syria", CountryCode: "SY", Precision: "country", Area: &sitrep.Point{Lat: 35, Lon: 38}}
	damascus = &sitrep.Location{Name: "Damascus", GeonameID: 170654, Lat: 33.5102, Lon: 36.29128, Admin1: "Dimashq", Country: "Syria", CountryCode: "SY", Precision: "town"}
)

func areaDocs() []sitrep.Doc {
	return []sitrep.Doc{
		doc("c", "2024-12-06", "Fighting across Syria has killed 800.", ev{id: "c1", sub: "Armed clash", date: "2024-12-06", loc: syria, a1: rebels, a2: army, dead: 800}),
		doc("d", "2024-12-06", "A car bomb exploded in Damascus.", ev{id: "d1", sub: "Remote explosive/landmine/IED", date: "2024-12-06", loc: damascus, dead: 3}),
	}
}

// testAreas: an incident known only by its country is drawn in the
// country (clusters, boxes, its location's Area), apart from the town
// at its seat, and a radius still measures from the seat.
func testAreas(t *testing.T, open Opener) {
	s := newStore(t, open)
	ingest(t, s, areaDocs()...)
	inc, err := s.Incident(ctx, "c1")
	if err != nil || inc.Location == nil || inc.Location.Area == nil || *inc.Location.Area != *syria.Area || inc.Location.Lat != syria.Lat {
		t.Fatalf("Syria's incident location %+v, %v; want its seat and its own point kept", inc.Location, err)
	}
	for _, c := range []struct {
		name string
		f    sitrep.EventFilter
		want string
	}{
		{"box around Damascus", sitrep.EventFilter{Box: &sitrep.Box{W: 36, S: 33, E: 37, N: 34}}, "d1"},
		{"box around Syria's point", sitrep.EventFilter{Box: &sitrep.Box{W: 37.5, S: 34.5, E: 38.5, N: 35.5}}, "c1"},
		{"near Damascus: from the seat", sitrep.EventFilter{Near: &sitrep.Point{Lat: damascus.Lat, Lon: damascus.Lon}, Km: 10}, "c1 d1"},
		{"near Syria's point", sitrep.EventFilter{Near: &sitrep.Point{Lat: 35, Lon: 38}, Km: 10}, ""},
	} {
		if got := incidentIDs(t, s, c.f); got != c.want {
			t.Errorf("%s: incidents %q, want %q", c.name, got, c.want)
		}
	}
	evs, err := s.Events(ctx, sitrep.EventFilter{Box: &sitrep.Box{W: 37.5, S: 34.5, E: 38.5, N: 35.5}})
	if err != nil || len(evs) != 1 || evs[0].ID != "c1" {
		t.Errorf("events in a box around Syria's point: %d, %v; want c1", len(evs), err)
	}
	// Both ways the store clusters: its map cache, and SQL for an actor.
	if got := clustersOf(t, s, sitrep.EventFilter{}); got != "town 33.51,36.29 d1; area 35.00,38.00 c1" {
		t.Errorf("clusters: %s; want Damascus' bomb at a town, Syria's fighting in the country", got)
	}
	if got := clustersOf(t, s, sitrep.EventFilter{Actor: "Hayat"}); got != "area 35.00,38.00 c1" {
		t.Errorf("clusters of an actor (SQL): %s; want Syria's fighting in the country", got)
	}
	if got := clustersOf(t, s, sitrep.EventFilter{Actor: "Hayat", Near: &sitrep.Point{Lat: damascus.Lat, Lon: damascus.Lon}, Km: 10}); got != "area 35.00,38.00 c1" {
		t.Errorf("clusters of an actor near Damascus (SQL): %s; want Syria's fighting, measured from its seat", got)
	}
	for _, f := range []sitrep.EventFilter{{}, {Actor: "Hayat"}} {
		f.Near, f.Km = &sitrep.Point{Lat: damascus.Lat, Lon: damascus.Lon}, 10
		tl, err := s.Tally(ctx, f)
		if err != nil || len(tl.Countries) != 1 || tl.Countries[0].Fatalities < 800 {
			t.Errorf("tally near Damascus (%q): %+v, %v; want Syria's 800 dead, measured from its seat", f.Actor, tl, err)
		}
	}
}

// clustersOf lists a one-degree grid's clusters: at a town or in an
// area, where, and the incident.
func clustersOf(t *testing.T, s sitrep.Store, f sitrep.EventFilter) string {
	t.Helper()
	cs, err := s.Clusters(ctx, f, 1)
	if err != nil {
		t.Fatal(err)
	}
	out := ""
	for i, c := range cs {
		kind := "town"
		if c.Area {
			kind = "area"
		}
		if i > 0 {
			out += "; "
		}
		out += fmt.Sprintf("%s %.2f,%.2f %s", kind, c.Lat, c.Lon, c.ID)
	}
	return out
}

// testAreasStoredBefore: a record written before areas were kept has a
// country's event at its seat and no Area; it is read, drawn and
// measured at the seat, as it was.
func testAreasStoredBefore(t *testing.T, open Opener) {
	s := newStore(t, open)
	old := *syria
	old.Area = nil
	ingest(t, s, doc("c", "2024-12-06", "Fighting across Syria has killed 800.", ev{id: "c1", sub: "Armed clash", date: "2024-12-06", loc: &old, a1: rebels, a2: army, dead: 800}))
	inc, err := s.Incident(ctx, "c1")
	if err != nil || inc.Location.Area != nil || inc.Location.MapPoint() != (sitrep.Point{Lat: old.Lat, Lon: old.Lon}) {
		t.Fatalf("an old country's incident: %+v, %v; want it at its seat", inc.Location, err)
	}
	box := sitrep.EventFilter{Box: &sitrep.Box{W: 36, S: 33, E: 37, N: 34}}
	near := sitrep.EventFilter{Near: &sitrep.Point{Lat: damascus.Lat, Lon: damascus.Lon}, Km: 10}
	if a, b := incidentIDs(t, s, box), incidentIDs(t, s, near); a != "c1" || b != "c1" {
		t.Errorf("an old country's incident in a box around its seat: %q, near it: %q; want c1 both", a, b)
	}
	if got := clustersOf(t, s, sitrep.EventFilter{}); got != "town 33.51,36.29 c1" {
		t.Errorf("an old country's cluster: %s; want at its seat, as before", got)
	}
}
