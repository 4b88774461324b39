// Command firstrender loads sitrep's page from a running server in
// headless Chromium, each time in a fresh tab, and prints from the
// browser's own timing when the document was ready (DOMContentLoaded)
// and when the map, the chart and the list were drawn (the page's
// sitrep-ready mark), with the slowest requests of the last load:
//
//	firstrender -url http://127.0.0.1:8080 -n 10
//
// scripts/first-render serves a store and runs it (BENCHMARKS.md).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"time"

	"github.com/chromedp/chromedp"
)

// timing is what the page reports of one load, in ms from navigation.
type timing struct {
	DOMContentLoaded, Ready float64
	Marks                   []struct {
		Name  string
		Start float64
	}
	Resources []struct {
		Name          string
		Start, End    float64
		TransferSize  float64
		DecodedLength float64
	}
}

const measure = `(() => {
	const n = performance.getEntriesByType('navigation')[0];
	const r = performance.getEntriesByName('sitrep-ready')[0];
	return {DOMContentLoaded: n.domContentLoadedEventEnd, Ready: r ? r.startTime : -1,
		Marks: performance.getEntriesByType('mark').map(m => ({Name: m.name, Start: m.startTime})),
		Resources: performance.getEntriesByType('resource').map(e => ({Name: e.name, Start: e.startTime, End: e.responseEnd, TransferSize: e.transferSize, DecodedLength: e.decodedBodySize}))};
})()`

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server")
	n := flag.Int("n", 10, "loads")
	page := flag.String("page", "/", "the page's path and query (/?control=0: without the control layer)")
	flag.Parse()
	if err := run(*base+*page, *n); err != nil {
		fmt.Fprintln(os.Stderr, "firstrender:", err)
		os.Exit(1)
	}
}

func run(page string, n int) error {
	bin := os.Getenv("SITREP_CHROME")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if bin == "" {
			bin, _ = exec.LookPath(name)
		}
	}
	if bin == "" {
		return fmt.Errorf("no Chromium (apt-get install chromium, or set SITREP_CHROME)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.WindowSize(1440, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	var dcl, ready []float64
	var last timing
	for i := 0; i < n; i++ {
		t, err := load(bctx, page)
		if err != nil {
			return err
		}
		fmt.Printf("load %2d: DOMContentLoaded %6.0f ms, drawn %6.0f ms\n", i+1, t.DOMContentLoaded, t.Ready)
		dcl, ready, last = append(dcl, t.DOMContentLoaded), append(ready, t.Ready), t
	}
	fmt.Printf("median of %d: DOMContentLoaded %.0f ms, drawn %.0f ms\n", n, median(dcl), median(ready))
	slowest(last)
	return nil
}

// load opens the page in a new tab (the browser's cache is shared, so
// after the first load the page's files are revalidated, as on a
// person's second visit) and waits until it says it is drawn.
func load(bctx context.Context, page string) (timing, error) {
	var t timing
	tctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tctx, cancel2 := context.WithTimeout(tctx, 60*time.Second)
	defer cancel2()
	if err := chromedp.Do(tctx, chromedp.Navigate(page)); err != nil {
		return t, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.body.dataset.ready === '1'`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		return t, err
	}
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[[]byte](measure))
	if err != nil {
		return t, err
	}
	return t, json.Unmarshal(raw, &t)
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// slowest prints the requests of a load that ended last.
func slowest(t timing) {
	rs := t.Resources
	sort.Slice(rs, func(i, j int) bool { return rs[i].End > rs[j].End })
	fmt.Println("last load's marks:")
	for _, m := range t.Marks {
		fmt.Printf("  %6.0f ms %s\n", m.Start, m.Name)
	}
	if len(rs) == 0 {
		fmt.Println("last load's requests: none reported by the browser")
		return
	}
	fmt.Println("last load's latest requests (start, end, bytes on the wire, decoded):")
	for _, r := range rs[:min(8, len(rs))] {
		fmt.Printf("  %6.0f %6.0f ms %9.0f %9.0f  %s\n", r.Start, r.End, r.TransferSize, r.DecodedLength, r.Name)
	}
}
