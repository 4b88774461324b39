// Command firstrender loads sitrep's page from a running server in
// headless Chromium, each time in a fresh tab, and prints from the
// browser's own timing when the document was ready (DOMContentLoaded)
// and when the map, the chart and the list were drawn (the page's
// sitrep-ready mark), with the slowest requests of the last load:
//
//	firstrender -url http://127.0.0.1:8080 -n 10
//
// Each load also reports the CPU time the page's renderer took on its main
// thread (from /proc on Linux: the sum over the browser's renderer
// processes, from navigation until the page is drawn): on a machine
// shared with other work, where the wall clock waits for other programs,
// the work the page itself does.
//
// With -profile K it also samples the page's JavaScript during each load
// (the DevTools CPU profiler, every 100 µs, from navigation until the page
// is drawn) and prints the K functions that ran longest in all loads
// together, by their own time and with what they called, and the time by
// script: what holds the page's one thread before its first render.
//
// With -screenshot FILE it saves a PNG of the last load once the page is
// drawn and its control layer too (to compare two builds by eye: the
// Chromium command line's --screenshot takes its picture at a moment of
// its own, which the page's live stream keeps from settling).
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
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// timing is what the page reports of one load, in ms from navigation,
// with the CPU time of its renderer's main thread.
type timing struct {
	DOMContentLoaded, Ready float64
	MainCPU                 float64 `json:"-"`
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
	flag.StringVar(&shot, "screenshot", "", "save a PNG of the last load, drawn, to this file")
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
	var dcl, ready, cpu []float64
	var last timing
	for i := 0; i < n; i++ {
		t, err := load(bctx, page)
		if err != nil {
			return err
		}
		fmt.Printf("load %2d: DOMContentLoaded %6.0f ms, drawn %6.0f ms, main thread CPU %4.0f ms\n", i+1, t.DOMContentLoaded, t.Ready, t.MainCPU)
		dcl, ready, cpu, last = append(dcl, t.DOMContentLoaded), append(ready, t.Ready), append(cpu, t.MainCPU), t
	}
	fmt.Printf("median of %d: DOMContentLoaded %.0f ms, drawn %.0f ms, main thread CPU %.0f ms\n", n, median(dcl), median(ready), median(cpu))
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
	var browser int
	if p := chromedp.FromContext(bctx).Browser.Process(); p != nil {
		browser = p.Pid
	}
	before := rendererCPU(browser)
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
	after := rendererCPU(browser)
	if topK > 0 {
		if err := stopProfile(tctx); err != nil {
			return t, err
		}
	}
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[[]byte](measure))
	if err != nil {
		return t, err
	}
	if shot != "" {
		if err := screenshot(tctx); err != nil {
			return t, err
		}
	}
	err = json.Unmarshal(raw, &t)
	for id, ns := range after {
		t.MainCPU += float64(ns-before[id]) / 1e6
	}
	return t, err
}

// rendererCPU returns the time on CPU, in ns, of the main thread of each
// of the browser's renderer processes, by process; nothing off Linux.
func rendererCPU(browser int) map[string]int64 {
	out := map[string]int64{}
	if browser == 0 {
		return out
	}
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, proc := range procs {
		cmd, err := os.ReadFile(proc + "/cmdline")
		if err != nil || !strings.Contains(string(cmd), "--type=renderer") || !descends(proc, browser) {
			continue
		}
		sched, err := os.ReadFile(proc + "/task/" + strings.TrimPrefix(proc, "/proc/") + "/schedstat")
		if f := strings.Fields(string(sched)); err == nil && len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			out[proc] = ns
		}
	}
	return out
}

// descends says the process at /proc/PID is the browser or one of its
// descendants.
func descends(proc string, browser int) bool {
	for i := 0; i < 8; i++ {
		pid, _ := strconv.Atoi(strings.TrimPrefix(proc, "/proc/"))
		if pid == browser {
			return true
		}
		stat, err := os.ReadFile(proc + "/stat")
		if err != nil {
			return false
		}
		// pid (comm) state ppid ...: the command may hold spaces.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 2 || f[1] == "0" || f[1] == "1" {
			return false
		}
		proc = "/proc/" + f[1]
	}
	return false
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

// shot is the file -screenshot writes.
var shot string

// screenshot waits for the control layer (drawn after the first render,
// when it is shown) and saves the page as it looks.
func screenshot(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('control-toggle').checked || document.getElementById('map').dataset.controlDate !== undefined && document.getElementById('map').dataset.controlDate !== ''`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond) // the canvases' next frame
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	return os.WriteFile(shot, png, 0o644)
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
