package eval

import "testing"

func TestSameSide(t *testing.T) {
	for _, tt := range []struct {
		name, holder string
		want         bool
	}{
		{"Military Forces of Ukraine", "Ukrainian forces", true},
		{"Wagner Group", "Russian forces (Wagner)", true},
		{"Military Forces of Russia", "Russian forces (Wagner)", true},
		{"Military Forces of Ukraine", "Russian forces", false},
		{"RSF: Rapid Support Forces", "RSF", true},
		{"Military Forces of Sudan", "RSF", false},
		{"Opposition Rebels (Syria)", "HTS-led rebels", true},
		{"Opposition Rebels (Mali)", "Malian army (with Wagner)", false},
		{"M23: March 23 Movement", "M23 (AFC)", true},
		{"Military Forces of the Democratic Republic of Congo", "M23 (AFC)", false},
	} {
		if got := sameSide(tt.name, tt.holder); got != tt.want {
			t.Errorf("sameSide(%q, %q) = %v, want %v", tt.name, tt.holder, got, tt.want)
		}
	}
}
