package geoparse

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
)

// Headlines capitalise their function words; a capitalised preposition,
// or an article opening a clause after a colon, is no part of the name
// beside it.
func TestTitleCaseFunctionWordsAreNoNames(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "a place after a capitalised preposition of place",
			text: "Crowds Gather Again In Ferguson, Missouri After Night Of Clashes",
			want: []want{{text: "Ferguson", cc: "US", admin1: "Missouri", level: gazetteer.LevelTown}},
		},
		{
			name: "a country after an article that opens a clause",
			text: "Flu season report: The US has seen fewer cases this winter than last.",
			want: []want{{text: "US", place: "United States", level: gazetteer.LevelCountry}},
		},
		{
			name: "an abbreviation's full stop also ends the sentence",
			text: "Two more herds were culled in the U.S. The farm lies near a river.",
			want: []want{{text: "U.S.", place: "United States", level: gazetteer.LevelCountry}},
		},
		{
			name: "a country whose demonym is its name is the country",
			text: "Fishing boats from Thailand, Myanmar and Vietnam sheltered in port.",
			want: []want{{text: "Myanmar", place: "Myanmar", level: gazetteer.LevelCountry}},
		},
		{
			name: "a name before a capitalised noun of what happened there is the place",
			text: "Crews cleared debris after the Napa Earthquake, and the Modesto Floods followed a week later.",
			want: []want{
				{text: "Napa", cc: "US", admin1: "California"},
				{text: "Modesto", cc: "US", admin1: "California"},
			},
		},
		{
			name: "a state among the capitalised nouns of a title-case headline",
			text: "Mumps Outbreak Leaves Oregon Schools Checking Hundreds Of Pupils",
			want: []want{{text: "Oregon", place: "Oregon", level: gazetteer.LevelRegion}},
		},
		{
			name: "a country's short name in a title-case headline",
			text: "Why The US Keeps Losing Its Vaccine Lead",
			want: []want{{text: "US", place: "United States", level: gazetteer.LevelCountry}},
		},
		{
			name:   "a compass word before a continent makes no country of it in a headline",
			text:   "Storm Season Reaches North America Early This Spring",
			absent: []string{"America"},
		},
		{
			name:   "a body named for its state is no place outside a headline",
			text:   "Volunteers of the Oregon Trail Riders Association arrived with supplies on Tuesday.",
			absent: []string{"Oregon"},
		},
		{
			name:   "an article before a common word still makes a title",
			text:   "Tonight the cinema shows The Rainbow and other films.",
			absent: []string{"Rainbow"},
		},
	})
}
