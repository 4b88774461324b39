package geoparse

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
)

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
			name:   "a common word capitalised in a title is no village of that name",
			text:   "Tornado warning issued for Kansas tonight. Y'all stay safe and keep your Kindle charged.",
			want:   []want{{text: "Kansas", cc: "US"}},
			absent: []string{"Tornado", "Y'all", "Kindle"},
		},
		{
			name:   "a lower-case hashtag of a state or a big city is the place, one of a common word is not",
			text:   "Wildfire smoke over the bay again today #california #reading #mobile",
			want:   []want{{text: "california", cc: "US", level: gazetteer.LevelRegion}},
			absent: []string{"reading", "mobile"},
		},
		{
			name:   "a short word that only sounds like a place's other name is no place",
			text:   "In Fujian, a woman surnamed Lin also has the virus.",
			want:   []want{{text: "Fujian", cc: "CN"}},
			absent: []string{"Lin"},
		},
		{
			name:   "a sentence's first word, a verb and a place noun are no place name",
			text:   "Flooding closed roads in Ely overnight; Ayr was spared.",
			want:   []want{{text: "Ely", cc: "GB"}, {text: "Ayr", cc: "GB"}},
			absent: []string{"Flooding"},
		},
		{
			name: "a hashtag or a handle in lower case is no lower-case word",
			text: "RT @bali_news: Bali measles warning for tourists #bali",
			want: []want{{text: "Bali", cc: "ID"}},
		},
		{
			name: "a state or a country in lower case after a preposition of place is the place",
			text: "so much rain in kerala this week, and my cousin flew home from nepal",
			want: []want{{text: "kerala", cc: "IN", level: gazetteer.LevelRegion}, {text: "nepal", cc: "NP", level: gazetteer.LevelCountry}},
		},
		{
			name:   "a common word or a compass word in lower case after a preposition is a word",
			text:   "we stayed in reading the news at home, then drove in northwest winds",
			absent: []string{"reading", "home", "northwest"},
		},
		{
			name: "a state's or a country's name run together with other words in a hashtag is the place",
			text: "School nurses report more flu cases than last winter #NevadaTonight",
			want: []want{{text: "Nevada", cc: "US", level: gazetteer.LevelRegion}},
		},
		{
			name: "a country's name after digits inside a hashtag is the country",
			text: "Volunteers packed food parcels all weekend #Aid4Nepal",
			want: []want{{text: "Nepal", cc: "NP", level: gazetteer.LevelCountry}},
		},
		{
			name: "a country's name at the end of a hashtag is the country",
			text: "Landslides cut the mountain roads again #PrayersForPeru",
			want: []want{{text: "Peru", cc: "PE", level: gazetteer.LevelCountry}},
		},
		{
			name: "a country is its name whatever else the text writes",
			text: "Aid for Chad arrived; a chad is a scrap of paper.",
			want: []want{{text: "Chad", cc: "TD"}},
		},
	})
}

// A user's handle names an account, whatever words make it.
func TestHandlesAreNoPlaces(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name:   "the words of a handle are no place",
			text:   "RT @Laurie_Whitley: schools shut in Monrovia today @Buffalo_Desk",
			want:   []want{{text: "Monrovia", cc: "LR"}},
			absent: []string{"Laurie", "Whitley", "Buffalo"},
		},
	})
}

// "St." and its kin open a name: their full stop ends no sentence.
func TestAbbreviatedSaintsOpenNames(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "St. and Mt. with their full stop are part of the name",
			text: "Crowds in St. Louis and Mt. Vernon cheered the parade.",
			want: []want{{text: "St. Louis", admin1: "Missouri"}, {text: "Mt. Vernon", cc: "US"}},
		},
		{
			name:   "a saint's name before a building names the building",
			text:   "She was taken to St. Joseph's Hospital in Denver, then to St. Clair prison.",
			want:   []want{{text: "Denver", admin1: "Colorado"}},
			absent: []string{"St. Joseph", "St. Clair", "Joseph", "Clair"},
		},
	})
}

// Transliterations the keys do not bring together meet by a word table.
func TestTransliterationsOfAWord(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "Ein is Ayn",
			text: "Drones struck a convoy in Ein Issa, north of Raqqa, on Tuesday.",
			want: []want{{text: "Ein Issa", place: "‘Ayn ‘Īsá", cc: "SY"}},
		},
	})
}

// A name before the capitalised name of one of its public bodies (its
// government, police, sheriff, offices) is the place the body
// serves: "the Ferguson PD", not a name of several words the gazetteer
// lacks.
func TestANameBeforeItsPublicBodyIsThePlace(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "a town before its police, named by the initials",
			text: "Officers of the Ferguson PD closed two streets near the vigil on Sunday.",
			want: []want{{text: "Ferguson", cc: "US"}},
		},
		{
			name: "a province before its government",
			text: "The Punjab Government turned down the offer of tents and food.",
			want: []want{{text: "Punjab", level: gazetteer.LevelRegion}},
		},
		{
			name: "a town before its police, past a word of the force's name",
			text: "Two officers of the Ferguson Metro Police were hurt by flying bottles.",
			want: []want{{text: "Ferguson", cc: "US"}},
		},
		{
			name: "a city before its health office",
			text: "This month the Surigao City Health Office is giving free shots to children.",
			want: []want{{text: "Surigao City", cc: "PH"}},
		},
	})
}

// A name that, with a noun of what happened there, names an event is
// the place, whatever words of the event's name stand before it, and a
// noun of an event is no surname.
func TestANameInAnEventsNameIsThePlace(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "an adjective of the event's name before the place",
			text: "Survivors of the Great Alaska Earthquake of 1964 still tell of the wave.",
			want: []want{{text: "Alaska", cc: "US", level: gazetteer.LevelRegion}},
		},
		{
			name: "a compass word of the event's name before the place",
			text: "Engineers Study South Napa Earthquake Damage To Old Brick Buildings",
			want: []want{{text: "Napa", cc: "US"}},
		},
		{
			name: "a given name before a noun of an event is the town",
			text: "Late update: Ferguson Protest Leaders Ask Marchers To Stay Calm Tonight",
			want: []want{{text: "Ferguson", cc: "US"}},
		},
	})
}
