package geoparse

import "testing"

// People named by a surname the gazetteer also holds as a town.
func TestPeopleAreNotPlaces(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name:   "a surname after a given name is a person, there and later",
			text:   "Gloria Welch chairs the board. The report Welch wrote was read aloud in Fresno.",
			want:   []want{{text: "Fresno", cc: "US"}},
			absent: []string{"Welch"},
		},
		{
			name:   "a surname after a title inside a run of capitals is a person",
			text:   "Fisheries Minister Barker toured the harbour in Fresno. Barker and Welch met fishermen.",
			absent: []string{"Barker"},
		},
		{
			name:   "a name after a title of two words inside a run is a person",
			text:   "The U.N. Secretary General Alan Dunn arrived. Officials had invited Dunn to see the camps.",
			absent: []string{"Dunn"},
		},
		{
			name:   "a city's name after a title and a given name is a surname",
			text:   "Trade Minister Jim Sutton said exports to England would resume. Sutton met growers.",
			absent: []string{"Sutton"},
		},
		{
			name:   "a name with an age in commas is a person",
			text:   "Deputies in Fresno arrested Welch, 45, on Friday; Welch was held overnight.",
			want:   []want{{text: "Fresno", cc: "US"}},
			absent: []string{"Welch"},
		},
		{
			name: "a town with a year in commas is still the town",
			text: "Flood waters rose in Fresno, 2017, and again in Fresno, 2023.",
			want: []want{{text: "Fresno", cc: "US"}},
		},
		{
			name: "a title names three words at most: the rest of a headline may be places",
			text: "Senator Warren Sends Aid To Russia And Ukraine",
			want: []want{{text: "Russia", cc: "RU"}, {text: "Ukraine", cc: "UA"}},
		},
		{
			name:   "a name before a verb of speech is a person",
			text:   "The road will reopen next week, Dunn told the meeting in Fresno.",
			want:   []want{{text: "Fresno", cc: "US"}},
			absent: []string{"Dunn"},
		},
		{
			name:   "a name after a verb of speech at the end of a clause is a person",
			text:   "\"We will not close the clinic,\" said Steele. Later Steele left.",
			absent: []string{"Steele"},
		},
		{
			name:   "a name before a possessive kinship noun is a person",
			text:   "Harden's mother told reporters in Fresno that Harden had been ill for a week.",
			absent: []string{"Harden"},
		},
		{
			name:   "a surname after a middle initial is a person",
			text:   "Records were kept by Thomas R. Lennox at the depot in Fresno. Lennox was thorough.",
			absent: []string{"Lennox"},
		},
		{
			name:   "a provincial city that says something is a person",
			text:   "The council met on Monday, and Palma said the budget would pass.",
			absent: []string{"Palma"},
		},
		{
			name: "a place that says something is still the place",
			text: "Beijing said the talks would resume, and the US says it will help.",
			want: []want{{text: "Beijing", cc: "CN"}, {text: "US", cc: "US"}},
		},
		{
			name: "a place of several words that says something is still the place",
			text: "He lived near Fort Hood; Fort Hood said the soldier was not named.",
			want: []want{{text: "Fort Hood", cc: "US"}},
		},
		{
			name: "police in a town say what they say from the town",
			text: "Police in Dunn said the road was closed.",
			want: []want{{text: "Dunn", cc: "US"}},
		},
		{
			name: "a place whose name holds a given name is the place",
			text: "Tourists flew to Alice Springs; the rally in San Carlos de Bariloche drew crowds, and Nelson Mandela Bay was calm.",
			want: []want{{text: "Alice Springs", cc: "AU"}, {text: "San Carlos de Bariloche", cc: "AR"}},
		},
		{
			name: "a title word before a name and a place noun is no title",
			text: "Troops pulled back from Belgorod. It was the last major Belgorod region village they held.",
			want: []want{{text: "Belgorod", cc: "RU"}},
		},
		{
			name: "a title before 'of' and a place is someone's of the place",
			text: "The Governor of Belgorod region spoke on Monday after shelling hit Belgorod.",
			want: []want{{text: "Belgorod", cc: "RU"}},
		},
	})
}
