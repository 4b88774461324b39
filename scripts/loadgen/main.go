// Command loadgen measures sitrep's service under load, on loopback:
//
//	loadgen news -n 50000 -seed 1 > news.jsonl       synthetic reports (internal/newsgen) as JSON lines
//	loadgen feed -addr 127.0.0.1:9100 -per-poll 20   an RSS feed that lists new synthetic reports at each poll, and their pages
//	loadgen hit -url http://127.0.0.1:8080 -rate 200 -duration 30s [-steps 100,200,400]
//	loadgen places -n 32 -size 4194304                 posts that many texts of that size to /api/places at once
//	loadgen streams -n 16 -from 0 | -back 5000         opens that many live streams resuming from a change
//
// hit sends filtered API queries at a fixed rate (open loop: a slow answer
// does not slow the sender, so latency is not hidden) and prints, per kind
// of query and in all, the answers per second, p50, p99 and max latency
// and the errors. With -steps it runs each rate in turn, to find where
// the server saturates.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/internal/newsgen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadgen news|feed|hit|places|streams [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "news":
		err = news(os.Args[2:])
	case "feed":
		err = feed(os.Args[2:])
	case "hit":
		err = hit(os.Args[2:])
	case "places":
		err = places(os.Args[2:])
	case "streams":
		err = streams(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q: want news, feed, hit, places or streams", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

var start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func news(args []string) error {
	fs := flag.NewFlagSet("news", flag.ExitOnError)
	n := fs.Int("n", 10000, "articles")
	seed := fs.Uint64("seed", 1, "random seed")
	fs.Parse(args)
	enc := json.NewEncoder(os.Stdout)
	for _, a := range newsgen.Articles(*n, *seed, start) {
		rec := map[string]string{"title": a.Title, "text": a.Text, "source": a.Source, "published": a.Published.Format("2006-01-02")}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

// feed serves /feed.xml, listing per-poll new articles at each request,
// and /a/N, article N's page.
func feed(args []string) error {
	fs := flag.NewFlagSet("feed", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:9100", "address to listen on")
	perPoll := fs.Int("per-poll", 20, "new items at each poll")
	seed := fs.Uint64("seed", 99, "random seed (other than the store's, so the reports are new)")
	fs.Parse(args)
	arts := newsgen.Articles(200000, *seed, start.AddDate(0, 6, 0))
	var mu sync.Mutex
	next := 0
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		lo := next
		next = min(next+*perPoll, len(arts))
		hi := next
		mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>loadgen</title><link>http://`+r.Host+`/</link><description>synthetic</description>`)
		for i := lo; i < hi; i++ {
			// The seed is in the address, so a feed run with another seed
			// lists items a worker has not seen.
			fmt.Fprintf(w, "<item><title>%s</title><link>http://%s/a/%d?s=%d</link><guid>a%d-%d</guid><pubDate>%s</pubDate></item>",
				html.EscapeString(arts[i].Title), r.Host, i, *seed, *seed, i, arts[i].Published.Format(time.RFC1123Z))
		}
		fmt.Fprint(w, "</channel></rss>")
	})
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/a/"))
		if err != nil || i < 0 || i >= len(arts) {
			http.NotFound(w, r)
			return
		}
		a := arts[i]
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title><meta property="article:published_time" content="%s"></head><body><article><h1>%s</h1>`,
			html.EscapeString(a.Title), a.Published.Format("2006-01-02"), html.EscapeString(a.Title))
		for _, p := range strings.Split(a.Text, "\n") {
			fmt.Fprintf(w, "<p>%s</p>", html.EscapeString(p))
		}
		fmt.Fprint(w, "</article></body></html>")
	})
	fmt.Fprintf(os.Stderr, "loadgen: feed at http://%s/feed.xml (%d new items per poll)\n", *addr, *perPoll)
	return http.ListenAndServe(*addr, mux)
}

// query is one kind of request hit sends.
type query struct {
	name string
	path func(r *rand.Rand) string
}

// towns are places the synthetic reports name, for near= and place
// queries.
var towns = sync.OnceValue(func() []*gazetteer.Place {
	g := gazetteer.Default()
	want := map[string]bool{"SY": true, "UA": true, "BF": true, "ML": true, "NG": true, "SO": true, "SD": true, "AF": true, "YE": true, "CD": true, "IQ": true}
	var out []*gazetteer.Place
	for i := 0; i < g.Len(); i++ {
		if p := g.Place(i); p.Level == gazetteer.LevelTown && p.Population >= 20000 && want[p.CountryCode] {
			out = append(out, p)
		}
	}
	return out
})

func day(r *rand.Rand, span int) (string, string) {
	d := start.AddDate(0, 0, r.IntN(540))
	return d.Format("2006-01-02"), d.AddDate(0, 0, span).Format("2006-01-02")
}

var queries = []query{
	// The filtered query of the target: 30 days within 25 km of a town.
	{"incidents near, 30 days", func(r *rand.Rand) string {
		p := towns()[r.IntN(len(towns()))]
		since, until := day(r, 30)
		return fmt.Sprintf("/api/incidents?near=%.4f,%.4f&km=25&since=%s&until=%s&order=newest&limit=50", p.Lat, p.Lon, since, until)
	}},
	{"incidents by country and type", func(r *rand.Rand) string {
		p := towns()[r.IntN(len(towns()))]
		since, until := day(r, 30)
		return fmt.Sprintf("/api/incidents?country=%s&type=Battles&since=%s&until=%s&order=newest&limit=50", p.CountryCode, since, until)
	}},
	{"map clusters, 30 days", func(r *rand.Rand) string {
		since, until := day(r, 30)
		return fmt.Sprintf("/api/clusters?zoom=%d&since=%s&until=%s", 2+r.IntN(5), since, until)
	}},
	{"control as of a day (brief)", func(r *rand.Rand) string {
		d, _ := day(r, 0)
		return "/api/control?brief=true&as_of=" + d + "&country=" + towns()[r.IntN(len(towns()))].CountryCode
	}},
}

func hit(args []string) error {
	fs := flag.NewFlagSet("hit", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server")
	rate := fs.Int("rate", 200, "requests per second")
	steps := fs.String("steps", "", "comma-separated rates to run in turn (overrides -rate)")
	dur := fs.Duration("duration", 30*time.Second, "how long each rate runs")
	only := fs.String("only", "", "send only the queries whose name contains this")
	fs.Parse(args)
	qs := queries
	if *only != "" {
		qs = nil
		for _, q := range queries {
			if strings.Contains(q.name, *only) {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return fmt.Errorf("-only %q matches no query", *only)
		}
	}
	rates := []int{*rate}
	if *steps != "" {
		rates = rates[:0]
		for _, s := range strings.Split(*steps, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				return fmt.Errorf("-steps: %q is not a rate", s)
			}
			rates = append(rates, n)
		}
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024, MaxConnsPerHost: 1024}}
	for _, rt := range rates {
		run(client, *base, qs, rt, *dur)
	}
	return nil
}

type sample struct {
	kind int
	d    time.Duration
	err  bool
}

// run sends rate requests a second for dur and prints what came back.
func run(client *http.Client, base string, qs []query, rate int, dur time.Duration) {
	r := rand.New(rand.NewPCG(uint64(rate), 7))
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	results := make(chan sample, 4096)
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	begin := time.Now()
	sent := 0
	go func() {
		// The sender closes results once its last request is answered.
		defer func() { wg.Wait(); close(results) }()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			k := sent % len(qs)
			url := base + qs[k].path(r)
			sent++
			wg.Add(1)
			go func() {
				defer wg.Done()
				t0 := time.Now()
				resp, err := client.Get(url)
				bad := err != nil
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					bad = err != nil || resp.StatusCode != 200
				}
				results <- sample{k, time.Since(t0), bad}
			}()
		}
	}()
	per := make([][]time.Duration, len(qs))
	errs := make([]int, len(qs))
	var all []time.Duration
	for s := range results {
		per[s.kind] = append(per[s.kind], s.d)
		all = append(all, s.d)
		if s.err {
			errs[s.kind]++
		}
	}
	elapsed := time.Since(begin).Seconds()
	fmt.Printf("rate %d/s for %s: %d answers (%.0f/s)\n", rate, dur, len(all), float64(len(all))/elapsed)
	totalErr := 0
	for k, q := range qs {
		fmt.Printf("  %-32s %s errors %d\n", q.name, summary(per[k]), errs[k])
		totalErr += errs[k]
	}
	fmt.Printf("  %-32s %s errors %d\n", "all", summary(all), totalErr)
}

func summary(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no answers"
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	q := func(p float64) string {
		return fmt.Sprintf("%.1f", float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds())/1000)
	}
	return fmt.Sprintf("n %6d  p50 %6s ms  p99 %6s ms  max %6s ms ", len(ds), q(0.5), q(0.99), q(1))
}
