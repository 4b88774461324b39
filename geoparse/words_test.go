package geoparse

import "testing"

// A capitalised word the text also writes in lower case is a word.
func TestCommonWordsCapitalisedAreNotPlaces(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name:   "a word in lower case elsewhere is a word when capitalised",
			text:   "A tornado hit Salem overnight. Tornado damage closed the roads.",
			want:   []want{{text: "Salem", cc: "US"}},
			absent: []string{"Tornado"},
		},
		{
			name: "a hashtag or a handle in lower case is no lower-case word",
			text: "RT @bali_news: Bali measles warning for tourists #bali",
			want: []want{{text: "Bali", cc: "ID"}},
		},
		{
			name: "a country is its name whatever else the text writes",
			text: "Aid for Chad arrived; a chad is a scrap of paper.",
			want: []want{{text: "Chad", cc: "TD"}},
		},
	})
}
