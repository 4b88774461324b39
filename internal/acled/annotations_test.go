package acled

import "testing"

// The notes below are written for the tests, in the shape of ACLED's
// coding remarks; they are not ACLED data.
func TestStripAnnotations(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a remark sentence goes", "On 4 June 2019, rebels raided a depot in Tessit. Fatalities coded as 4.", "On 4 June 2019, rebels raided a depot in Tessit."},
		{"a size tag goes", "On 4 June 2019, nurses rallied in Kumasi. [size=about 40]", "On 4 June 2019, nurses rallied in Kumasi."},
		{"an unclosed size tag goes", "On 4 June 2019, nurses rallied in Kumasi. [size=no report", "On 4 June 2019, nurses rallied in Kumasi."},
		{"a coded-as parenthesis goes", "On 4 June 2019, police beat a trader in Bole village (coded as Tamale, Northern).", "On 4 June 2019, police beat a trader in Bole village."},
		{"a separately-coded parenthesis goes", "Students marched after a killing (coded separately) in Accra.", "Students marched after a killing in Accra."},
		{"a trailing remark clause goes", "Gunfire near Awdal killed men from both camps, their toll coded as 10 and shared out over the two villages.", "Gunfire near Awdal killed men from both camps."},
		{"an inner remark clause goes, the sentence stays", "Several gunmen, coded as 10, died in the raid on Awdal.", "Several gunmen died in the raid on Awdal."},
		{"a toll shared among events goes", "Militias clashed in Jowhar and Balad. Fatalities are split across 2 events.", "Militias clashed in Jowhar and Balad."},
		{"a town called Split stays", "Dockers protested in Split over unpaid wages.", "Dockers protested in Split over unpaid wages."},
		{"a group that split stays", "The movement split into two wings last year.", "The movement split into two wings last year."},
	}
	for _, tt := range tests {
		if got := StripAnnotations(tt.in); got != tt.want {
			t.Errorf("%s: StripAnnotations(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
