// Package gazetteer is sitrep's index of the world's places: GeoNames
// cities500 with alternate names, admin1 and admin2 areas, and countries,
// reduced by a go generate step to a compact file embedded in the binary.
//
// A name is looked up by its key (see Key): case, diacritics, apostrophes,
// Arabic articles, doubled letters and the usual endings are folded away,
// so that "Talbisseh", "Talbiseh" and "Tallbisah" meet. When the key finds
// nothing, a loose key that also strips articles written into the word
// ("Deir Ezzor") is tried, then the skeleton (consonants only, Fuzzy
// candidates within a few edits). Lookup returns every place a name may
// denote; choosing among them is the job of package geoparse, which reads
// the text around the name.
//
// Loading is cheap by design: the places are fixed-size records built into
// Place values only when first asked for, and only the hash tables over
// the keys are built at start (see internal/format).
//
// Open reads an extension in the embedded file's place: the same data with
// the villages of GeoNames' dumps added (see package geonames, which
// writes it for sitrep gazetteer import).
//
// Place data (c) GeoNames (https://www.geonames.org), CC BY 4.0; the
// first-level areas' GeoNames ids and points from Natural Earth (public
// domain).
package gazetteer
