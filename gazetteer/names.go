package gazetteer

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/gazetteer/internal/norm"
)

// affixesTxt is the builder's list of the generic words admin area names
// carry ("Homs Governorate", "Province du Yatenga"). The generator keys
// areas under their names without them; the runtime reads the same file to
// tell a name that says it is an area, and to write an area as ACLED does.
//
//go:embed internal/build/affixes.txt
var affixesTxt string

type affix struct {
	prefix bool
	words  string
}

var affixes = func() []affix {
	var as []affix
	for _, line := range strings.Split(affixesTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		kind, words, _ := strings.Cut(line, " ")
		as = append(as, affix{prefix: kind == "prefix", words: words})
	}
	return as
}()

// AreaName returns an admin area's name without the generic words it
// carries, as ACLED and news write it: "Northern Province" -> "Northern",
// "Dhaka Division" -> "Dhaka", "Province du Yatenga" -> "Yatenga". A name
// that is nothing but such words ("Capital Region" is one word short of
// that) or carries none is returned as it is.
func AreaName(name string) string {
	s := name
	for changed := true; changed; {
		changed = false
		for _, a := range affixes {
			if rest, ok := cutAffix(s, a); ok {
				s, changed = rest, true
				break
			}
		}
	}
	if s == "" {
		return name
	}
	return s
}

// cutAffix removes affix a from s when it stands as whole words, leaving
// something else; matching ignores case.
func cutAffix(s string, a affix) (string, bool) {
	n := len(a.words)
	if len(s) <= n {
		return "", false
	}
	var rest string
	if a.prefix {
		if !strings.EqualFold(s[:n], a.words) {
			return "", false
		}
		if rest = s[n:]; !strings.HasSuffix(a.words, "'") && rest[0] != ' ' && rest[0] != '-' {
			return "", false
		}
	} else {
		if !strings.EqualFold(s[len(s)-n:], a.words) {
			return "", false
		}
		if rest = s[:len(s)-n]; rest[len(rest)-1] != ' ' && rest[len(rest)-1] != '-' {
			return "", false
		}
	}
	rest = strings.Trim(rest, " -")
	return rest, rest != ""
}

// NamesArea reports whether a name says it is an admin area: it carries
// one of the generic words ("Homs governorate", "Province of Kandahar").
func NamesArea(name string) bool {
	return AreaName(strings.TrimSpace(name)) != strings.TrimSpace(name)
}

// Plain returns a place name as English news and ACLED write it: GeoNames'
// diacritics and its marks for the Arabic ayn and hamza dropped, case
// kept ("Ḩamāh" -> "Hamah", "Ma‘arrat an Nu‘mān" -> "Maarrat an Numan").
// It is how sitrep shows and exports a place; the GeoNames id names the
// place exactly.
func Plain(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf || name[i] == '`' {
			return string(norm.AppendPlain(make([]byte, 0, len(name)), name))
		}
	}
	return name
}
