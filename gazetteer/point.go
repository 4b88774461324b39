package gazetteer

import (
	"fmt"
	"strconv"
	"strings"
)

// Point reads a point given as "lat,lon" or as a place name, which
// resolves to its most populous exact match; label names what was found.
// It is how the CLI's --near and the API's near= read what a person types.
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
	var best *Place
	for _, c := range g.Lookup(s) {
		if !c.Fuzzy && (best == nil || c.Place.Population > best.Population) {
			best = c.Place
		}
	}
	if best == nil {
		return 0, 0, "", fmt.Errorf("%q: no such place in the gazetteer (give a name or lat,lon)", s)
	}
	return best.Lat, best.Lon, fmt.Sprintf("%s, %s (%.4f, %.4f)", best.Name, best.CountryCode, best.Lat, best.Lon), nil
}
