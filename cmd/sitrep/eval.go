package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/eval"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
)

func runEval(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "places" {
		return runEvalPlaces(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "general" {
		return runEvalGeneral(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "news" {
		return runEvalNews(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "acled" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			newFlags("eval", stderr).Usage()
			return nil
		}
		fmt.Fprintln(stderr, "usage: sitrep eval acled [--limit N] [--errors N] [--floors FILE] FILE.csv...")
		fmt.Fprintln(stderr, "       sitrep eval places [--floors FILE] [--errors FILE] FILE.xml|FILE.tsv...")
		fmt.Fprintln(stderr, "       sitrep eval general [--floors FILE] [--errors FILE] [DIR|FILE...]")
		fmt.Fprintln(stderr, "       sitrep eval news NEWS.jsonl CONTROL.tsv...")
		return errUsage
	}
	fs := newFlags("eval", stderr)
	limit := fs.Int("limit", 0, "score at most N cases per file (0: all)")
	errs := fs.Int("errors", 0, "print up to N missed cases per file to stderr, for study")
	metric := fs.String("metric", "sub_event_type_acc", "which metric --errors lists misses of")
	floors := fs.String("floors", "", "file of floors: fail when an overall or per-file figure falls below its floor")
	confusion := fs.Bool("confusion", false, "print to stderr how gold sub-event types were typed, most frequent misses first")
	markdown := fs.Bool("markdown", false, "print one Markdown table, a row per file and overall, instead of name: value lines")
	gaz := evalGazetteerFlag(fs)
	keep := fs.Bool("annotations", false, "score the notes with ACLED's coding remarks left in (\"Fatalities coded as 3\", \"[size=...]\"), for comparison; by default they are removed, as no news report carries them")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if !knownMetric(*metric) {
		fmt.Fprintf(stderr, "sitrep eval acled: --metric %q: not a metric --errors can list (want one of %s)\n", *metric, strings.Join(listedMetrics, ", "))
		return errUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		fmt.Fprintln(stderr, "sitrep eval acled: no FILE.csv given")
		return errUsage
	}
	x, err := extractorFor(*gaz)
	if err != nil {
		return err
	}
	var total, totalBase eval.Metrics
	var order []string
	confused := map[string]int{}
	results := map[string]eval.Metrics{}
	baselines := map[string]eval.Metrics{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		cases, bad, err := eval.ReadACLED(bufio.NewReaderSize(f, 1<<20), path)
		f.Close()
		if err != nil {
			return err
		}
		for _, b := range bad {
			fmt.Fprintln(stderr, "sitrep eval:", b)
		}
		if *limit > 0 && len(cases) > *limit {
			cases = cases[:*limit]
		}
		shown := 0
		m := eval.Score(x, cases, eval.Options{KeepAnnotations: *keep}, func(o eval.Outcome) {
			if *confusion {
				got := "(no event)"
				if o.Primary != nil {
					got = o.Primary.SubEventType
				}
				confused[o.Case.Rows[0].SubEventType+" -> "+got]++
			}
			if shown >= *errs || hit(o, *metric) {
				return
			}
			shown++
			printMiss(stderr, o)
		})
		b := eval.Baseline(x.Gazetteer(), cases)
		if !*markdown {
			if len(files) > 1 {
				fmt.Fprintf(stdout, "file: %s\n", path)
			}
			printMetrics(stdout, m, b)
			if len(files) > 1 {
				fmt.Fprintln(stdout)
			}
		}
		results[filepath.Base(path)] = m
		baselines[filepath.Base(path)] = b
		order = append(order, filepath.Base(path))
		total.Add(m)
		totalBase.Add(b)
	}
	results["overall"] = total
	baselines["overall"] = totalBase
	switch {
	case *markdown:
		printTable(stdout, order, results, baselines)
	case len(files) > 1:
		fmt.Fprintln(stdout, "file: overall")
		printMetrics(stdout, total, totalBase)
	}
	if *confusion {
		printConfusion(stderr, confused)
	}
	err = checkBaselines(results, baselines, stdout)
	if *floors != "" {
		if ferr := checkFloors(*floors, results, stdout); ferr != nil {
			return ferr
		}
	}
	return err
}

// baselineOf returns the figure of b named like f, and whether that
// figure has a trivial baseline at all (counts, rates of missing events
// and speeds do not).
// evalGazetteerFlag is the evaluations' --gazetteer: unlike the other
// commands' it does not default to $SITREP_GAZETTEER, since the figures
// EVALUATION.md and the floors hold are the embedded gazetteer's, and an
// extension in the environment would move them unasked.
func evalGazetteerFlag(fs *flag.FlagSet) *string {
	return fs.String("gazetteer", "", "score over this extension (sitrep gazetteer import) instead of the embedded gazetteer")
}

func baselineOf(b eval.Metrics, name string) (float64, bool) {
	if !strings.HasSuffix(name, "_acc") {
		return 0, false
	}
	for _, f := range b.Figures() {
		if f.Name == name {
			return f.Value, true
		}
	}
	return 0, false
}

func printMetrics(w io.Writer, m, base eval.Metrics) {
	for _, f := range m.Figures() {
		switch f.Name {
		case "cases":
			fmt.Fprintf(w, "%s: %d\n", f.Name, int(f.Value))
		case "notes_per_sec":
			fmt.Fprintf(w, "%s: %.0f\n", f.Name, f.Value)
		case "mb_per_sec":
			fmt.Fprintf(w, "%s: %.2f\n", f.Name, f.Value)
		default:
			if b, ok := baselineOf(base, f.Name); ok {
				fmt.Fprintf(w, "%s: %.3f (baseline %.3f: %s)\n", f.Name, f.Value, b, baselineWhat[f.Name])
				continue
			}
			fmt.Fprintf(w, "%s: %.3f\n", f.Name, f.Value)
		}
	}
}

// baselineWhat says what the trivial coder answers, per metric.
var baselineWhat = map[string]string{
	"event_type_acc":       "the file's most frequent type",
	"sub_event_type_acc":   "the file's most frequent sub-type",
	"location_25km_acc":    "the country's point",
	"admin1_acc":           "the file's most frequent area",
	"fatalities_exact_acc": "always 0",
	"actor1_side_acc":      "the file's most frequent side",
	"date_acc":             "the publication date",
}

// printTable writes the results as a Markdown table, a row per file in
// order and one for all of them; an accuracy's cell holds its baseline
// in brackets. Speeds are left out: they depend on the machine, and the
// table is for EVALUATION.md, which must read the same on every run.
func printTable(w io.Writer, order []string, results, baselines map[string]eval.Metrics) {
	var names []string
	for _, f := range results["overall"].Figures() {
		if !speedFigure(f.Name) {
			names = append(names, f.Name)
		}
	}
	fmt.Fprintf(w, "| file | %s |\n|---|%s\n", strings.Join(names, " | "), strings.Repeat("---:|", len(names)))
	for _, name := range append(order, "overall") {
		label := strings.TrimSuffix(name, ".csv")
		if name == "overall" {
			label = "**overall**"
		}
		fmt.Fprintf(w, "| %s |", label)
		for _, f := range results[name].Figures() {
			switch {
			case speedFigure(f.Name):
			case f.Name == "cases":
				fmt.Fprintf(w, " %.0f |", f.Value)
			default:
				if b, ok := baselineOf(baselines[name], f.Name); ok {
					fmt.Fprintf(w, " %.3f (%.3f) |", f.Value, b)
					continue
				}
				fmt.Fprintf(w, " %.3f |", f.Value)
			}
		}
		fmt.Fprintln(w)
	}
}

// speedFigure reports whether a figure is a speed, which the Markdown
// tables leave out.
func speedFigure(name string) bool {
	return strings.HasSuffix(name, "_per_sec")
}

// checkBaselines fails when a file's accuracy is below the trivial
// coder's on the same file: such a figure says the extractor does worse
// than answering the same thing every time.
func checkBaselines(results, baselines map[string]eval.Metrics, stdout io.Writer) error {
	var below []string
	for name, m := range results {
		for _, f := range m.Figures() {
			b, ok := baselineOf(baselines[name], f.Name)
			if !ok || eval.Round(f.Value) >= eval.Round(b) {
				continue
			}
			if b == 1 {
				// A file that holds one class (Battles only) is scored
				// perfectly by naming it; no reader of the text does
				// that, so only the floor guards the figure.
				fmt.Fprintf(stdout, "one class: %s %s = %.3f, baseline %.3f (%s) not gated\n", name, f.Name, f.Value, b, baselineWhat[f.Name])
				continue
			}
			below = append(below, fmt.Sprintf("%s %s = %.3f, baseline %.3f (%s)", name, f.Name, f.Value, b, baselineWhat[f.Name]))
		}
	}
	sort.Strings(below)
	for _, s := range below {
		fmt.Fprintln(stdout, "BELOW BASELINE:", s)
	}
	if len(below) > 0 {
		return fmt.Errorf("%d figure(s) below their trivial baseline", len(below))
	}
	return nil
}

// listedMetrics are the metrics whose misses --errors can list.
var listedMetrics = []string{"event_type_acc", "sub_event_type_acc", "location_25km_acc", "admin1_acc", "fatalities_exact_acc", "actor1_side_acc", "date_acc", "no_event_rate"}

func knownMetric(m string) bool {
	for _, k := range listedMetrics {
		if k == m {
			return true
		}
	}
	return false
}

func hit(o eval.Outcome, metric string) bool {
	switch metric {
	case "event_type_acc":
		return o.EventType
	case "location_25km_acc":
		return o.Location25
	case "admin1_acc":
		return o.Admin1
	case "fatalities_exact_acc":
		return o.Fatalities
	case "actor1_side_acc":
		return o.Actor1Side
	case "date_acc":
		return o.Date
	case "no_event_rate":
		return o.Primary != nil
	}
	return o.SubEventType
}

func printMiss(w io.Writer, o eval.Outcome) {
	r := o.Case.Rows[0]
	fmt.Fprintf(w, "--- line %d: gold %s, %s / %s, inter1 %d, %s (%s), %.4f,%.4f, fatalities %d\n", r.Line, r.Date.Format(sitrep.DateLayout), r.EventType, r.SubEventType, r.Inter1, r.Location, r.Admin1, r.Lat, r.Lon, r.Fatalities)
	fmt.Fprintf(w, "    %s\n", o.Case.Notes)
	if o.Primary == nil {
		fmt.Fprintf(w, "    no event (%d events)\n", len(o.Events))
		return
	}
	p := o.Primary
	a1 := "-"
	if p.Actor1 != nil {
		a1 = p.Actor1.Name + " (" + strconv.Itoa(p.Actor1.Inter) + ")"
	}
	loc := "-"
	if p.Location != nil {
		loc = fmt.Sprintf("%s (%s, %s) %.4f,%.4f %s", p.Location.Name, p.Location.Admin1, p.Location.CountryCode, p.Location.Lat, p.Location.Lon, p.Location.Precision)
	}
	fmt.Fprintf(w, "    got %s / %s [%s], actor1 %s, %s, fatalities %d, date %s\n", p.EventType, p.SubEventType, p.Trigger, a1, loc, o.PredictedFatalities, p.Date)
}

// checkFloors compares results with the floors file (eval.CheckFloors)
// and prints what falls below.
func checkFloors[M interface{ Figures() []eval.Figure }](path string, results map[string]M, stdout io.Writer) error {
	failed, err := eval.CheckFloors(path, results)
	if err != nil {
		return err
	}
	if len(failed) > 0 {
		for _, f := range failed {
			fmt.Fprintln(stdout, "BELOW FLOOR:", f)
		}
		return fmt.Errorf("%d figure(s) below their floor in %s", len(failed), path)
	}
	fmt.Fprintf(stdout, "floors: all figures at or above the floors in %s\n", path)
	return nil
}

func printConfusion(w io.Writer, c map[string]int) {
	type kv struct {
		k string
		n int
	}
	var list []kv
	for k, n := range c {
		gold, got, _ := strings.Cut(k, " -> ")
		if gold != got {
			list = append(list, kv{k, n})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n > list[j].n || list[i].n == list[j].n && list[i].k < list[j].k })
	fmt.Fprintln(w, "misses (gold -> got):")
	for _, e := range list {
		fmt.Fprintf(w, "%6d  %s\n", e.n, e.k)
	}
}

// runEvalPlaces scores the geoparser on geoparsing corpora: GeoVirus XML
// (.xml) and GeoCorpora TSV (.tsv).
func runEvalPlaces(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr)
	floors := fs.String("floors", "", "file of floors: fail when an overall or per-file figure falls below its floor")
	errFile := fs.String("errors", "", "write the MISSED, WRONG and EXTRA toponyms to FILE, for study")
	markdown := fs.Bool("markdown", false, "print one Markdown table, a column per file and overall, speed left out, instead of name: value lines")
	gaz := evalGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		fmt.Fprintln(stderr, "sitrep eval places: no FILE given (GeoVirus .xml or GeoCorpora .tsv)")
		return errUsage
	}
	type reader func(io.Reader, string) ([]*eval.PlaceDoc, []error, error)
	readers := make([]reader, len(files))
	for i, path := range files {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".xml":
			readers[i] = eval.ReadGeoVirus
		case ".tsv":
			readers[i] = eval.ReadGeoCorpora
		default:
			fmt.Fprintf(stderr, "sitrep eval places: %s: unknown format (want GeoVirus .xml or GeoCorpora .tsv)\n", path)
			return errUsage
		}
	}
	errs, closeErrs, err := errorsFile(*errFile)
	if err != nil {
		return err
	}
	defer closeErrs()
	g, err := gazetteer.Select(*gaz)
	if err != nil {
		return err
	}
	p := geoparse.New(g)
	var total eval.PlaceMetrics
	var order []string
	results := map[string]eval.PlaceMetrics{}
	for i, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		docs, bad, err := readers[i](bufio.NewReaderSize(f, 1<<20), path)
		f.Close()
		for _, b := range bad {
			fmt.Fprintln(stderr, "sitrep eval:", b)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(errs, "### %s\n", path)
		m := eval.ScorePlaces(p, docs, errs)
		if !*markdown {
			if len(files) > 1 {
				fmt.Fprintf(stdout, "file: %s\n", path)
			}
			printPlaceMetrics(stdout, m)
			if len(files) > 1 {
				fmt.Fprintln(stdout)
			}
		}
		results[filepath.Base(path)] = m
		order = append(order, filepath.Base(path))
		total.Add(m)
	}
	results["overall"] = total
	switch {
	case *markdown:
		printPlaceTable(stdout, append(order, "overall"), results)
	case len(files) > 1:
		fmt.Fprintln(stdout, "file: overall")
		printPlaceMetrics(stdout, total)
	}
	if *floors != "" {
		return checkFloors(*floors, results, stdout)
	}
	return nil
}

// printPlaceTable writes place metrics as a Markdown table: a row per
// figure, a column per file (speed left out, as in printTable).
func printPlaceTable(w io.Writer, cols []string, results map[string]eval.PlaceMetrics) {
	fmt.Fprintf(w, "| figure | %s |\n|---|%s\n", strings.Join(cols, " | "), strings.Repeat("---:|", len(cols)))
	for i, f := range results["overall"].Figures() {
		if speedFigure(f.Name) {
			continue
		}
		fmt.Fprintf(w, "| %s |", f.Name)
		for _, c := range cols {
			m := results[c]
			v := m.Figures()[i].Value
			switch f.Name {
			case "docs", "gold", "mentions", "found_with_id":
				fmt.Fprintf(w, " %.0f |", v)
			case "exact_id":
				if m.WithID == 0 {
					fmt.Fprint(w, " n/a |")
				} else {
					fmt.Fprintf(w, " %.3f |", v)
				}
			case "mean_error_km":
				fmt.Fprintf(w, " %.1f |", v)
			default:
				fmt.Fprintf(w, " %.3f |", v)
			}
		}
		fmt.Fprintln(w)
	}
}

func printPlaceMetrics(w io.Writer, m eval.PlaceMetrics) {
	for _, f := range m.Figures() {
		switch f.Name {
		case "docs", "gold", "mentions", "found_with_id", "docs_per_sec":
			fmt.Fprintf(w, "%s: %.0f\n", f.Name, f.Value)
		case "exact_id":
			if m.WithID == 0 {
				fmt.Fprintf(w, "%s: n/a (no gold GeoNames ids)\n", f.Name)
			} else {
				fmt.Fprintf(w, "%s: %.3f\n", f.Name, f.Value)
			}
		case "acc_161km":
			fmt.Fprintf(w, "%s: %.3f (of the gold toponyms found)\n", f.Name, f.Value)
		case "found_within_161km_of_gold":
			fmt.Fprintf(w, "%s: %.3f (of all gold toponyms)\n", f.Name, f.Value)
		case "mean_error_km":
			fmt.Fprintf(w, "%s: %.1f\n", f.Name, f.Value)
		default:
			fmt.Fprintf(w, "%s: %.3f\n", f.Name, f.Value)
		}
	}
}

// runEvalGeneral scores silence and detection on general news: AG News,
// BBC News and GLOCON, from ../shared/data/general or the paths named.
func runEvalGeneral(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr)
	floors := fs.String("floors", "", "file of floors: fail when a figure falls below its floor (name the results \"general\")")
	errFile := fs.String("errors", "", "write every item that counts against a figure, with its events, to FILE, for study")
	markdown := fs.Bool("markdown", false, "print a Markdown table, speed left out, instead of name: value lines")
	gaz := evalGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{filepath.Join("..", "shared", "data", "general")}
	}
	items, err := readGeneral(paths)
	if err != nil {
		return err
	}
	x, err := extractorFor(*gaz)
	if err != nil {
		return err
	}
	errs, closeErrs, err := errorsFile(*errFile)
	if err != nil {
		return err
	}
	defer closeErrs()
	m := eval.ScoreGeneral(x, items, func(o eval.GeneralOutcome) {
		if !o.Wrong {
			return
		}
		fmt.Fprintf(errs, "### %s %s %s: %s\n%s\n", o.Item.Set, o.Item.Category, o.Item.ID, o.What, strings.TrimSpace(o.Item.Text))
		for _, e := range o.Events {
			loc := "-"
			if e.Location != nil {
				loc = e.Location.Name + "/" + e.Location.CountryCode
			}
			a1 := "-"
			if e.Actor1 != nil {
				a1 = e.Actor1.Name
			}
			fmt.Fprintf(errs, "  -> %s [%s] %s, %s | %s\n", e.SubEventType, e.Trigger, a1, loc, e.Sentence)
		}
	})
	base := m.GeneralBaselines()
	if *markdown {
		fmt.Fprintln(stdout, "| figure | value | baseline |\n|---|---:|---:|")
	}
	var below []string
	for _, f := range m.Figures() {
		b, hasBase := base[f.Name]
		switch {
		case *markdown && speedFigure(f.Name):
		case *markdown:
			bs := ""
			if hasBase {
				bs = fmt.Sprintf("%.3f", b)
			}
			if f.Name == "items" || f.Name == "ag_world_items" {
				fmt.Fprintf(stdout, "| %s | %.0f | %s |\n", f.Name, f.Value, bs)
			} else {
				fmt.Fprintf(stdout, "| %s | %.3f | %s |\n", f.Name, f.Value, bs)
			}
		case f.Name == "items" || f.Name == "ag_world_items" || speedFigure(f.Name):
			fmt.Fprintf(stdout, "%s: %.0f\n", f.Name, f.Value)
		case hasBase:
			fmt.Fprintf(stdout, "%s: %.3f (baseline %.3f: an event in every item)\n", f.Name, f.Value, b)
		default:
			fmt.Fprintf(stdout, "%s: %.3f\n", f.Name, f.Value)
		}
		if hasBase && eval.Round(f.Value) < eval.Round(b) {
			below = append(below, fmt.Sprintf("%s = %.3f, baseline %.3f", f.Name, f.Value, b))
		}
	}
	for _, s := range below {
		fmt.Fprintln(stdout, "BELOW BASELINE:", s)
	}
	if *floors != "" {
		if err := checkFloors(*floors, map[string]eval.GeneralMetrics{"general": m}, stdout); err != nil {
			return err
		}
	}
	if len(below) > 0 {
		return fmt.Errorf("%d figure(s) below their trivial baseline", len(below))
	}
	return nil
}

// readGeneral reads the general news files among paths (a directory
// stands for the files in it): AG News (ag_news*.csv), BBC News
// (bbc*.csv), GLOCON (*.jsonl).
func readGeneral(paths []string) ([]eval.GeneralItem, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("sitrep eval general: %w (the general news set is ../shared/data/general)", err)
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		for _, pat := range []string{"ag_news*.csv", "bbc*.csv", "*.jsonl"} {
			m, _ := filepath.Glob(filepath.Join(p, pat))
			files = append(files, m...)
		}
	}
	var items []eval.GeneralItem
	for _, path := range files {
		base := strings.ToLower(filepath.Base(path))
		var read func(io.Reader, string) ([]eval.GeneralItem, error)
		switch {
		case strings.HasPrefix(base, "ag_news") && strings.HasSuffix(base, ".csv"):
			read = eval.ReadAGNews
		case strings.HasPrefix(base, "bbc") && strings.HasSuffix(base, ".csv"):
			read = eval.ReadBBC
		case strings.HasSuffix(base, ".jsonl"):
			read = eval.ReadGLOCON
		default:
			return nil, fmt.Errorf("sitrep eval general: %s: not a general news file (ag_news*.csv, bbc*.csv, *.jsonl)", path)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		its, err := read(bufio.NewReaderSize(f, 1<<20), path)
		f.Close()
		if err != nil {
			return nil, err
		}
		items = append(items, its...)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("sitrep eval general: %s: %w", strings.Join(paths, ", "), eval.ErrNoGeneral)
	}
	return items, nil
}

// runEvalNews measures changes of control on real news: for each true
// change of the control files, the earliest change the extractor reports
// within 12 km, and the changes it reports before the true day.
func runEvalNews(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr)
	verbose := fs.Bool("v", false, "print each early change with its sentence")
	gaz := evalGazetteerFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		fmt.Fprintln(stderr, "usage: sitrep eval news [-v] NEWS.jsonl CONTROL.tsv... (news: {id, url, published, text} per line; control: as ../shared/data/news/control_dev.tsv)")
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	arts, err := eval.ReadNews(bufio.NewReader(f), fs.Arg(0))
	f.Close()
	if err != nil {
		return err
	}
	var rows []eval.ControlRow
	for _, path := range fs.Args()[1:] {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		rs, err := eval.ReadControl(f, path)
		f.Close()
		if err != nil {
			return err
		}
		rows = append(rows, rs...)
	}
	x, err := extractorFor(*gaz)
	if err != nil {
		return err
	}
	found, earlyRows, early, gainers := 0, 0, 0, 0
	for _, o := range eval.ScoreControl(x, arts, rows) {
		r := o.Row
		status := "MISSED"
		got := "-"
		if o.First != nil {
			got = fmt.Sprintf("%s (%+d d, %s, %s)", o.First.Date, o.Days, o.First.SubEventType, o.First.Location.Name)
			status = "EARLY"
			if o.Found {
				status = "FOUND"
			} else if o.Days > r.Tolerance {
				status = "LATE"
			}
		}
		if o.Found {
			found++
			if o.GainerRight {
				gainers++
			}
		}
		if len(o.Early) > 0 {
			earlyRows++
			early += len(o.Early)
		}
		fmt.Fprintf(stdout, "%-6s %s %s (tolerance %d d): first change %s; %d early\n", status, r.Place, r.Date.Format(sitrep.DateLayout), r.Tolerance, got, len(o.Early))
		if *verbose && o.First != nil {
			fmt.Fprintf(stdout, "       to %s: gainer %q, right %v\n", r.To, o.Gainer, o.GainerRight)
		}
		if *verbose {
			for _, e := range o.Early {
				fmt.Fprintf(stdout, "       early %s %s [%s] %s: %s\n", e.Date, e.SubEventType, e.Trigger, e.Article.ID, strings.Join(strings.Fields(e.Sentence), " "))
			}
		}
	}
	n := len(rows)
	share := 0.0
	if n > 0 {
		share = float64(found) / float64(n)
	}
	fmt.Fprintf(stdout, "articles: %d\nchanges: %d\nfound_within_tolerance: %d (%.3f)\nfound_with_right_gainer: %d\nchanges_recorded_early: %d\nearly_reports: %d\n", len(arts), n, found, share, gainers, earlyRows, early)
	return nil
}

// errorsFile opens the file --errors names for study (io.Discard when
// none), and returns how to flush and close it.
func errorsFile(path string) (io.Writer, func(), error) {
	if path == "" {
		return io.Discard, func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	w := bufio.NewWriter(f)
	return w, func() { w.Flush(); f.Close() }, nil
}
