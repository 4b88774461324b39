package geoparse

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
)

// A qualifier picks the namesake in the area it names, and a name the
// gazetteer lacks stays in that area rather than becoming a town that is
// spelt like it elsewhere.
func TestQualifiedNamesStayInTheirArea(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "an unknown town, then its state, falls back to the state",
			text: "A barn burned down in Lanexa, Virginia, on Monday night.",
			want: []want{
				{text: "Lanexa", admin1: "Virginia", level: gazetteer.LevelRegion, fallback: true, qualBy: "Virginia"},
			},
		},
		{
			name: "a state's abbreviation after a town is the state",
			text: "Officers in Paris, Mo., closed the bridge; the storm moved on to Dover, Del.",
			want: []want{
				{text: "Paris", admin1: "Missouri", qualBy: "Mo"},
				{text: "Mo", admin1: "Missouri", level: gazetteer.LevelRegion, isQual: true},
				{text: "Dover", admin1: "Delaware"},
			},
		},
		{
			name: "a postal code after a town is the state, with or without the comma",
			text: "Storms flattened barns near Moore, OK on Friday, and a crew from Kingsport TN drove out to help.",
			want: []want{
				{text: "Moore", admin1: "Oklahoma"},
				{text: "OK", admin1: "Oklahoma", level: gazetteer.LevelRegion, isQual: true},
				{text: "Kingsport", admin1: "Tennessee"},
				{text: "TN", admin1: "Tennessee", level: gazetteer.LevelRegion},
			},
		},
		{
			name:   "a postal code after a hashtag or a shouted name is a word",
			text:   "Pictures of #Egypt IN 1890 AD. STORM WARNING FOR DOVER ME TONIGHT.",
			absent: []string{"IN", "ME"},
		},
		{
			name: "a city's abbreviation in capitals is the city",
			text: "Marchers filled streets in NYC on Friday and in L.A. a day later.",
			want: []want{
				{text: "NYC", place: "New York City", admin1: "New York"},
				{text: "L.A.", place: "Los Angeles", admin1: "California"},
			},
		},
		{
			name: "a state's abbreviation in capitals is the state",
			text: "Race meetings in NSW were called off while vets tested the stables.",
			want: []want{{text: "NSW", place: "New South Wales", level: gazetteer.LevelRegion}},
		},
		{
			name:   "an organisation's own abbreviation is no city, nor is a district commissioner",
			text:   "Members of the National Youth Club (NYC) met outside the DC office in Kisumu.",
			want:   []want{{text: "Kisumu", cc: "KE"}},
			absent: []string{"NYC", "DC"},
		},
		{
			name: "a name in capitals before a news agency in brackets is the dateline's city",
			text: "Talks stall: WASHINGTON (Reuters) - Officials said on Monday that the vote would wait.",
			want: []want{{text: "WASHINGTON", place: "Washington", admin1: "District of Columbia"}},
		},
		{
			name: "a name that is usually a person's is the area the words call it",
			text: "Flu cases hit a ten-year high in Washington state this week.",
			want: []want{{text: "Washington", place: "Washington", level: gazetteer.LevelRegion}},
		},
		{
			name:   "an abbreviation alone is no state",
			text:   "Mo said the bill would pass.",
			absent: []string{"Mo"},
		},
		{
			name: "a town known only elsewhere, then a province, falls back to the province",
			text: "The trucker must appear before a Bradford, Ontario judge in June.",
			want: []want{{text: "Bradford", cc: "CA", admin1: "Ontario", fallback: true, qualBy: "Ontario"}},
		},
		{
			name: "states in a list are states, not a town and its state",
			text: "Outbreaks hit farms in Kansas, Oklahoma, Pennsylvania and Ohio.",
			want: []want{
				{text: "Oklahoma", admin1: "Oklahoma", level: gazetteer.LevelRegion},
				{text: "Pennsylvania", admin1: "Pennsylvania", level: gazetteer.LevelRegion},
			},
		},
		{
			name: "located in qualifies as in does",
			text: "Geese died on a pond in Crawford County located in Pennsylvania.",
			want: []want{{text: "Crawford County", admin1: "Pennsylvania", qualBy: "Pennsylvania"}},
		},
		{
			name: "a namesake in the state the text names",
			text: "Water mains broke in Paris, Missouri, after the freeze.",
			want: []want{{text: "Paris", cc: "US", admin1: "Missouri", qualBy: "Missouri"}},
		},
	})
}

// Every mention of a name qualified once is the qualified place.
func TestOneSenseFollowsTheQualifiedMention(t *testing.T) {
	ms := testParser().Parse("Hail fell on Paris, Missouri, on Sunday. Paris officials counted the damage, and Paris schools closed.")
	n := 0
	for _, m := range ms {
		if m.Text != "Paris" {
			continue
		}
		n++
		if m.Place == nil || m.Place.Admin1 != "Missouri" {
			t.Errorf("Paris at %d = %s, want Paris, Missouri", m.Start, describe([]Mention{m}))
		}
	}
	if n != 3 {
		t.Errorf("%d mentions of Paris, want 3: %s", n, describe(ms))
	}
}

// A name the gazetteer lacks as written, in a province the text names, is
// the town of that province it names in another transliteration; one
// like no town there still falls back to the province.
func TestARespeltTownInItsProvince(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "th for dh",
			text: "Gunmen shot a guard in Thiban village in the rural east of Deir ez-Zor province.",
			want: []want{{text: "Thiban", place: "Dhībān", cc: "SY", level: gazetteer.LevelTown, qualBy: "Deir ez-Zor"}},
		},
		{
			name: "ei for i",
			text: "A mortar fell on Heish town in Idlib province.",
			want: []want{{text: "Heish", place: "Ḩīsh", cc: "SY", level: gazetteer.LevelTown, qualBy: "Idlib"}},
		},
		{
			name: "o for u, and a town that names its province stands for it",
			text: "Fighting was reported in Sosa in Deir ez-Zor.",
			want: []want{{text: "Sosa", place: "As Sūsah", cc: "SY", level: gazetteer.LevelTown}},
		},
		{
			name: "a short name one letter from a town is not that town",
			text: "A farmer was shot in Kurin village in Idlib province.",
			want: []want{{text: "Kurin", admin1: "Idlib", level: gazetteer.LevelRegion, fallback: true, qualBy: "Idlib"}},
		},
	})
}

// A town the gazetteer lacks as written in the text's country, with
// nothing around it that places it, is the town of that country it names
// in another spelling, not a namesake abroad that sounds like it.
func TestARespeltTownInTheTextsCountry(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name:  "the country the text is about",
			text:  "Kurdish-led SDF fighters raided the village of Thiban at night, Syrian monitors said.",
			hints: []string{"SY"},
			want:  []want{{text: "Thiban", place: "Dhībān", cc: "SY", level: gazetteer.LevelTown}},
		},
	})
}
