package gazetteer

import (
	"fmt"
	"strconv"
	"strings"
)

// Point reads a point given as "lat,lon" or as a place name; label names
// what was found. A name is the town of that name (the most populous one,
// by an exact match): "Homs" is the city, not the governorate whose
// middle lies 130 km east of it. It is an area only when the words say so
// ("Homs governorate") or no town bears the name. It is how the CLI's
// --near and the API's near= read what a person types.
func (g *Gazetteer) Point(s string) (lat, lon float64, label string, err error) {
	if a, b, ok := strings.Cut(s, ","); ok {
		la, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		lo, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 == nil && err2 == nil {
			// ParseFloat reads "NaN" and "Inf", and no comparison
			// with NaN is ever true: check for a point on the earth
			// here, in the one way that refuses them.
			if !(la >= -90 && la <= 90 && lo >= -180 && lo <= 180) {
				return 0, 0, "", fmt.Errorf("%q: not a point on the earth (lat from -90 to 90, lon from -180 to 180)", s)
			}
			return la, lo, s, nil
		}
	}
	best := g.pointPlace(s)
	if best == nil {
		return 0, 0, "", fmt.Errorf("%q: no such place in the gazetteer (give a name or lat,lon)", s)
	}
	name := Plain(best.Name)
	if best.Level != LevelTown {
		name += " (" + best.Level.String() + ")" // "Homs (region)": not the city
	}
	return best.Lat, best.Lon, fmt.Sprintf("%s, %s (%.4f, %.4f)", name, best.CountryCode, best.Lat, best.Lon), nil
}

// pointPlace returns the place a typed name means, nil when none.
func (g *Gazetteer) pointPlace(s string) *Place {
	cs := g.Lookup(s)
	// The words name an area ("Homs governorate") unless they are a
	// town's own name ("Mexico City", "Kuwait City").
	area := NamesArea(s) && !townNamed(cs)
	if area && !exact(cs) {
		cs = g.Lookup(AreaName(s)) // "Tartus province": keyed as "Tartus"
	}
	var best *Place
	for _, c := range cs {
		if c.Fuzzy {
			continue
		}
		p := c.Place
		switch town, bestTown := p.Level == LevelTown, best != nil && best.Level == LevelTown; {
		case best == nil:
			best = p
		case town != bestTown: // a town before an area, unless the words name an area
			if town != area {
				best = p
			}
		case p.Population > best.Population:
			best = p
		}
	}
	return best
}

func exact(cs []Candidate) bool {
	for _, c := range cs {
		if !c.Fuzzy {
			return true
		}
	}
	return false
}

// townNamed reports whether a candidate is a town by its own name.
func townNamed(cs []Candidate) bool {
	for _, c := range cs {
		if !c.Fuzzy && !c.Alt && c.Place.Level == LevelTown {
			return true
		}
	}
	return false
}
