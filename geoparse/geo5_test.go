package geoparse

import "testing"

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
