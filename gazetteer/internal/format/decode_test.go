package format

import (
	"reflect"
	"strings"
	"testing"
)

// TestDecodeReadsBackWhatEncodeWrote: a tool that extends a data file
// must get back every field of every place and every posting.
func TestDecodeReadsBackWhatEncodeWrote(t *testing.T) {
	places := []Place{
		{Level: 3, Feature: "PCLI", GeonameID: 7, Name: "Nowhereland", Lat: 1.5, Lon: -2.25, SeatLat: 1.6, SeatLon: -2.2, Population: 900, Country: "ZZ", Admin1Ref: -1, Admin2Ref: -1},
		{Level: 2, Feature: "ADM1", Name: "Upper Province", Lat: 1.4, Lon: -2.1, SeatLat: 1.4, SeatLon: -2.1, Country: "ZZ", Admin1: "04", Admin1Ref: 1, Admin2Ref: -1},
		{Level: 0, Feature: "PPL", GeonameID: 123456789, Name: "Quillabamba Nueva", Lat: -0.00001, Lon: 179.99999, SeatLat: -0.00001, SeatLon: 179.99999, Population: 12, Country: "ZZ", Admin1: "04", Admin2: "x7", Admin1Ref: 1, Admin2Ref: -1},
	}
	keys := []Entry{
		{Key: "nowhereland", Postings: []Posting{{Place: 0, Kind: KindName}}},
		{Key: "quilabamb", Postings: []Posting{{Place: 1, Kind: KindLoose}, {Place: 2, Kind: KindAlt}}},
	}
	starts := []string{"quilabamb", "uper"}
	skel := func(k string) string { return strings.ToUpper(k) }
	d, err := Decode(Encode(places, keys, starts, skel, 3, 9, 8), 9)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Places, places) {
		t.Errorf("places = %+v\nwant %+v", d.Places, places)
	}
	if !reflect.DeepEqual(d.Keys, keys) {
		t.Errorf("keys = %+v, want %+v", d.Keys, keys)
	}
	if !reflect.DeepEqual(d.Starts, starts) {
		t.Errorf("starts = %q, want %q", d.Starts, starts)
	}
	if _, err := Decode(Encode(places, keys, starts, skel, 3, 9, 8), 10); err == nil {
		t.Errorf("a file keyed by other rules must be refused")
	}
}
