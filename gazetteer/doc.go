// Package gazetteer is sitrep's index of the world's places: GeoNames
// cities500 with alternate names, admin1 and admin2 areas, and countries,
// reduced by a go generate step to a compact file embedded in the binary.
//
// Place data (c) GeoNames (https://www.geonames.org), CC BY 4.0.
package gazetteer
