package geoparse

import (
	"testing"

	"github.com/sitrep/sitrep/gazetteer"
)

// Words next to a name that are no part of it: the body a title is of,
// a day of the week in a headline's style.
func TestTitlesAndDaysBesideNames(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "the body a title is of names no person",
			text: "Deputy Head of the Kherson Oblast Council Ivan Petrenko said on Monday that troops shelled the city of Kherson.",
			want: []want{{text: "Kherson", cc: "UA"}},
		},
		{
			name: "the office a title is of names no person, its holder named after it",
			text: "The Governor of the Odesa Region Oleh Kiper said drones hit a port near Odesa.",
			want: []want{{text: "Odesa", cc: "UA"}},
		},
		{
			name: "a weekday after a name is no part of the name",
			text: "Officials began moving families out of the region of Kherson Wednesday as fighting neared.",
			want: []want{{text: "Kherson", cc: "UA"}},
		},
		{
			name: "a month after a name is no part of the name",
			text: "Families left the region of Kherson March 3 as the front moved.",
			want: []want{{text: "Kherson", cc: "UA"}},
		},
	})
}

// A force named by its country, beside the home government's forces
// named by none, fought there from abroad: its country is no evidence
// against the place.
func TestForcesFromAbroad(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name:  "government forces and foreign ground forces took a town",
			text:  "Government forces backed by Russian ground forces retook the city of Tadmor from the militants.",
			hints: []string{"RU"},
			want:  []want{{text: "Tadmor", cc: "SY"}},
		},
		{
			name:  "regime forces and a list of foreign gunmen",
			text:  "Regime forces, aided by Iraqi and Afghan gunmen, pushed west of Tadmor.",
			hints: []string{"IQ", "AF"},
			want:  []want{{text: "Tadmor", cc: "SY"}},
		},
		{
			name:   "the home regime named by its country speaks for it, a foreign air force not",
			text:   "Syrian regime forces, backed by Russian warplanes, shelled Rihan before dawn.",
			hints:  []string{"SY", "RU"},
			absent: []string{"Rihan"},
		},
		{
			name:   "home forces named by their country still speak for it",
			text:   "Syrian regime forces shelled Rihan before dawn.",
			absent: []string{"Rihan"},
		},
	})
}

func TestForcesOfEitherCountry(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "jets of one country or another are no foreign force",
			text: "Regime forces fought rebels in Arbin while Syrian or Russian jets struck the town.",
			want: []want{{text: "Arbin", cc: "SY"}},
		},
		{
			name:  "an army named by its country may be the foreign one",
			text:  "The Russian army said it took Marinka after Ukrainian forces pulled back from the ruins of the town.",
			hints: []string{"RU", "UA"},
			want:  []want{{text: "Marinka", cc: "UA"}},
		},
	})
}

func TestArmyNamedByItsCountry(t *testing.T) {
	checkResolution(t, []resolutionCase{{
		name:  "a country's army beside regime forces is no foreign force",
		text:  "Regime forces shelled Arbin, and ten soldiers of the Syrian army were killed in the town.",
		hints: []string{"SY"},
		want:  []want{{text: "Arbin", cc: "SY"}},
	}})
}

func TestLowerCaseCountries(t *testing.T) {
	checkResolution(t, []resolutionCase{
		{
			name: "a country's name in lower case is the country, wherever it stands",
			text: "so many quakes lately, stay safe japan and keep praying for nepal",
			want: []want{
				{text: "japan", place: "Japan", level: gazetteer.LevelCountry},
				{text: "nepal", place: "Nepal", level: gazetteer.LevelCountry},
			},
		},
		{
			name:   "a country's name that is a common word in lower case stays a word",
			text:   "we ate turkey off the good china at grandma's",
			absent: []string{"turkey", "china"},
		},
	})
}

func TestLowerCaseTagAfterPreposition(t *testing.T) {
	checkResolution(t, []resolutionCase{{
		name:   "a lower-case hashtag after a preposition of place is a place the gazetteer holds",
		text:   "Crowds gathered again tonight in #ferguson and Missouri police waited. #reading",
		want:   []want{{text: "ferguson", cc: "US", admin1: "Missouri"}},
		absent: []string{"reading"},
	}})
}
