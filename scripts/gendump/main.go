// Command gendump writes a made-up GeoNames dump of a chosen size, in
// geonames.org's format (a zip of one tab-separated table), and a matching
// alternateNamesV2 zip, for measuring sitrep gazetteer import where the
// real dumps cannot be downloaded. The mix of feature classes and of
// alternate names follows allCountries' (about 37% populated places, 3%
// admin areas; a quarter of the rows with alternate names); the names are
// random syllables. Not shipped.
//
//	go run ./scripts/gendump -rows 12000000 -countries 250 -out /tmp/all
package main

import (
	"archive/zip"
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
)

func main() {
	rows := flag.Int("rows", 100000, "rows of the dump")
	countries := flag.Int("countries", 1, "countries (the first is CD)")
	out := flag.String("out", ".", "directory to write dump.zip and alternateNamesV2.zip in")
	flag.Parse()
	if err := run(*rows, *countries, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gendump:", err)
		os.Exit(1)
	}
}

var classes = []struct {
	class, code string
	share       float64
}{
	{"P", "PPL", 0.34}, {"P", "PPLX", 0.02}, {"P", "PPLA3", 0.01}, {"A", "ADM2", 0.01}, {"A", "ADM3", 0.02},
	{"H", "STM", 0.18}, {"T", "HLL", 0.18}, {"S", "SCH", 0.19}, {"L", "AREA", 0.04}, {"S", "CMPRF", 0.001},
}

func pick(r *rand.Rand) (string, string) {
	x := r.Float64()
	for _, c := range classes {
		if x < c.share {
			return c.class, c.code
		}
		x -= c.share
	}
	return "V", "FRST"
}

var syll = strings.Fields("ka ki ku ma mi mu na ni nyu ba bi bu ta to ri ro la le sha go ya wa ze do mba nge")

func name(r *rand.Rand) string {
	var b strings.Builder
	for range 2 + r.IntN(3) {
		b.WriteString(syll[r.IntN(len(syll))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func run(rows, countries int, dir string) error {
	r := rand.New(rand.NewPCG(1, 2))
	// GeoNames' country codes are ISO's, as the embedded data's are.
	codes := []string{"CD"}
	for _, c := range gazetteer.Countries() {
		if len(codes) < countries && c.ISO2 != "CD" {
			codes = append(codes, c.ISO2)
		}
	}
	dump, err := create(filepath.Join(dir, "dump.zip"), "dump.txt")
	if err != nil {
		return err
	}
	alts, err := create(filepath.Join(dir, "alternateNamesV2.zip"), "alternateNamesV2.txt")
	if err != nil {
		return err
	}
	altID := 1
	for i := range rows {
		id := 90000000 + i
		class, code := pick(r)
		n := name(r)
		var an []string
		if r.IntN(4) == 0 {
			for range 1 + r.IntN(3) {
				an = append(an, name(r))
			}
		}
		cc := codes[r.IntN(len(codes))]
		fmt.Fprintf(dump.w, "%d\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%s\t\t%02d\t%d\t\t\t%d\t\t%d\tAfrica/Lubumbashi\t2024-01-01\n",
			id, n, n, strings.Join(an, ","), r.Float64()*10-5, r.Float64()*10+20, class, code, cc, 1+r.IntN(20), r.IntN(300), r.IntN(3)*r.IntN(2000), r.IntN(2000))
		for _, a := range an {
			lang := []string{"", "en", "fr", "sw", "link", "post"}[r.IntN(6)]
			fmt.Fprintf(alts.w, "%d\t%d\t%s\t%s\t\t\t\t\t\t\n", altID, id, lang, a)
			altID++
		}
	}
	return errorsJoin(dump.close(), alts.close())
}

type zipFile struct {
	f *os.File
	z *zip.Writer
	w *bufio.Writer
}

func create(path, entry string) (*zipFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	z := zip.NewWriter(f)
	if w, err := z.Create("readme.txt"); err == nil {
		fmt.Fprintln(w, "made-up places")
	}
	w, err := z.Create(entry)
	if err != nil {
		return nil, err
	}
	return &zipFile{f: f, z: z, w: bufio.NewWriterSize(w, 1<<20)}, nil
}

func (z *zipFile) close() error {
	return errorsJoin(z.w.Flush(), z.z.Close(), z.f.Close())
}

func errorsJoin(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
