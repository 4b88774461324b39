// Command firstrender loads sitrep's page from a running server in
// headless Chromium, each time in a fresh tab, and prints from the
// browser's own timing when the document was ready (DOMContentLoaded)
// and when the map, the chart and the list were drawn (the page's
// sitrep-ready mark), with the slowest requests of the last load:
//
//	firstrender -url http://127.0.0.1:8080 -n 10
//
// With -profile K it also samples the page's JavaScript during each load
// (the DevTools CPU profiler, every 100 µs, from navigation until the page
// is drawn) and prints the K functions that ran longest in all loads
// together, by their own time and with what they called, and the time by
// script: what holds the page's one thread before its first render.
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
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
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
	flag.IntVar(&topK, "profile", 0, "print the K functions of the page's JavaScript that ran longest (0: no profile)")
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
	if topK > 0 {
		printProfile(n)
	}
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
	if topK > 0 {
		if err := startProfile(tctx); err != nil {
			return t, err
		}
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(page)); err != nil {
		return t, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.body.dataset.ready === '1'`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		return t, err
	}
	if topK > 0 {
		if err := stopProfile(tctx); err != nil {
			return t, err
		}
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

// topK is how many functions -profile prints; self, total and byScript
// gather the samples of every load, in µs.
var (
	topK     int
	self     = map[string]int64{}
	total    = map[string]int64{}
	byScript = map[string]int64{}
)

func startProfile(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{})
	return err
}

// stopProfile adds each sample's interval to the function on top of the
// stack (self), to every function on the stack (total) and to the top's
// script.
func stopProfile(ctx context.Context) error {
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil || res.Profile == nil {
		return err
	}
	p := res.Profile
	nodes := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, n := range p.Nodes {
		nodes[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	for i, id := range p.Samples {
		if nodes[id] == nil || i+1 >= len(p.TimeDeltas) {
			continue
		}
		d := p.TimeDeltas[i+1]
		name, script := frameName(nodes[id])
		self[name] += d
		byScript[script] += d
		seen := map[string]bool{}
		for n := nodes[id]; n != nil; n = nodes[parent[n.ID]] {
			if name, _ := frameName(n); !seen[name] {
				seen[name] = true
				total[name] += d
			}
		}
	}
	return nil
}

// frameName names a profile node's function by its name, script and line,
// and its script by the file's name or, for the browser's own work, as
// (program), (idle), (garbage collector).
func frameName(n *profiler.ProfileNode) (name, script string) {
	f := n.CallFrame
	if f == nil {
		return "(unknown)", "(unknown)"
	}
	name = f.FunctionName
	if name == "" {
		name = "(anonymous)"
	}
	script = f.URL
	if i := strings.LastIndexByte(script, '/'); i >= 0 {
		script = script[i+1:]
	}
	if script == "" {
		return name, "(" + strings.Trim(f.FunctionName, "()") + ")"
	}
	return fmt.Sprintf("%s %s:%d", name, script, f.LineNumber+1), script
}

func printProfile(n int) {
	top := func(m map[string]int64, k int, title string) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
		fmt.Println(title)
		for _, key := range keys[:min(k, len(keys))] {
			fmt.Printf("  %7.1f ms  %s\n", float64(m[key])/1000/float64(n), key)
		}
	}
	top(byScript, 12, "time by script, per load (idle, program: the browser's own work):")
	top(self, topK, "functions by their own time, per load:")
	delete(total, "(root)")
	top(total, topK, "functions with what they called, per load:")
}
