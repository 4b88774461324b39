package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/server"
	"github.com/sitrep/sitrep/sqlite"
)

// chrome returns the path of a Chromium or Chrome binary: $SITREP_CHROME,
// else the first of the usual names found on $PATH; "" when there is none.
func chrome() string {
	if p := os.Getenv("SITREP_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// hostile strings an article may carry: the page must show them as text.
const (
	hostileScript = `<script>window.__pwned=1</script>`
	hostileImg    = `<img src=x onerror="window.__pwned=1">`
)

// TestBrowser loads the page in headless Chromium over the bundled sample
// corpus and checks what a reader sees: the map's markers are the
// clusters the API gives for the view, the timeline is drawn, an incident
// chosen from the list shows its reports' sentences, the control layer
// follows the time slider, a new incident arrives live, and text from
// articles is shown as text, never run.
// demoPage serves the demo corpus with opt and starts a headless
// Chromium for it (skipping t without one); the store, the server's
// address and the browser's context are closed when t ends.
func demoPage(t *testing.T, opt server.Options, w, h int, timeout time.Duration) (st sitrep.Store, base string, bin string, ctx context.Context) {
	return demoPageVia(t, opt, nil, w, h, timeout)
}

// demoPageVia is demoPage with the server's handler wrapped by wrap
// (nil: as it is).
func demoPageVia(t *testing.T, opt server.Options, wrap func(http.Handler) http.Handler, w, h int, timeout time.Duration) (st sitrep.Store, base string, bin string, ctx context.Context) {
	bin = chrome()
	if bin == "" {
		t.Skip("no Chromium found (apt-get install chromium, or set SITREP_CHROME): the web page is not tested")
	}
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(t.Context(), st, x); err != nil {
		t.Fatal(err)
	}
	if opt.Poll == 0 {
		opt.Poll = 100 * time.Millisecond
	}
	srv := server.New(st, opt)
	var handler http.Handler = srv
	if wrap != nil {
		handler = wrap(srv)
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	t.Cleanup(srv.Close) // ends the page's live stream first, so ts.Close does not wait for it
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.WindowSize(w, h))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	tctx, cancel := context.WithTimeout(bctx, timeout)
	t.Cleanup(cancel)
	return st, ts.URL, bin, tctx
}

func TestBrowser(t *testing.T) {
	st, base, bin, tctx := demoPage(t, server.Options{}, 1440, 900, 40*time.Second)

	// Start the browser.
	if err := chromedp.Do(tctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	// Collect the page's uncaught exceptions and console errors.
	exceptions := make(chan string, 16)
	go func() {
		for ev, err := range chromedp.Events(tctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			select {
			case exceptions <- msg:
			default:
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(tctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type != runtime.ConsoleAPICalledTypeError {
				continue
			}
			var args []string
			for _, a := range ev.Args {
				if a.Description != "" {
					args = append(args, a.Description)
				} else {
					args = append(args, string(a.Value))
				}
			}
			select {
			case exceptions <- "console.error: " + strings.Join(args, " "):
			default:
			}
		}
	}()
	b := &browser{t: t, ctx: tctx, base: base}

	// Load the page and wait until its first data is drawn.
	start := time.Now()
	b.do(chromedp.Navigate(base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
	t.Logf("page ready in %v (wall clock, from navigation)", time.Since(start).Round(time.Millisecond))
	var timing struct{ DOMContentLoaded, Load, Ready float64 }
	b.eval(`(() => {
		const n = performance.getEntriesByType('navigation')[0];
		const r = performance.getEntriesByName('sitrep-ready')[0];
		return {DOMContentLoaded: n.domContentLoadedEventEnd, Load: n.loadEventEnd, Ready: r ? r.startTime : -1};
	})()`, &timing)
	var requests []struct {
		Name       string
		Start, End float64
	}
	b.eval(`performance.getEntriesByType('resource').filter(r => r.name.includes('/api/')).map(r => ({Name: r.name, Start: r.startTime, End: r.responseEnd}))`, &requests)
	for _, r := range requests {
		t.Logf("  %4.0f-%4.0f ms %s", r.Start, r.End, strings.TrimPrefix(r.Name, base))
	}
	t.Logf("navigation timing: DOMContentLoaded %.0f ms, load %.0f ms, map, chart and list drawn %.0f ms (sample corpus)", timing.DOMContentLoaded, timing.Load, timing.Ready)

	t.Run("markers are the API's clusters for the view", func(t *testing.T) {
		b := b.sub(t)
		var page struct {
			Query   string
			Markers int
			Counts  []int
		}
		b.eval(`(() => {
			const m = [...document.querySelectorAll('#map path.incident-marker')];
			return {Query: document.getElementById('map').dataset.query || '', Markers: m.length, Counts: m.map(p => +p.dataset.count)};
		})()`, &page)
		if page.Query == "" {
			t.Fatal("the map has not asked for clusters")
		}
		var api struct{ Clusters []sitrep.Cluster }
		b.get("/api/clusters?"+page.Query, &api)
		if len(api.Clusters) == 0 {
			t.Fatalf("/api/clusters?%s: no clusters in the view the page chose", page.Query)
		}
		if page.Markers != len(api.Clusters) {
			t.Errorf("the map draws %d markers, /api/clusters?%s gives %d clusters", page.Markers, page.Query, len(api.Clusters))
		}
		pageSum, apiSum := 0, 0
		for _, n := range page.Counts {
			pageSum += n
		}
		for _, c := range api.Clusters {
			apiSum += c.Count
		}
		if pageSum != apiSum {
			t.Errorf("the markers stand for %d incidents, the clusters for %d", pageSum, apiSum)
		}
	})

	t.Run("tolls are listed beside incidents, not counted in them", func(t *testing.T) {
		b := b.sub(t)
		b.poll(`document.getElementById('toll-list').dataset.loaded !== undefined`)
		var page []string
		b.eval(`[...document.querySelectorAll('#toll-list .toll-item')].map(e => e.textContent)`, &page)
		var api struct{ Events []sitrep.Event }
		b.get("/api/events?kind=toll&certainty=reported&order=newest&limit=20", &api)
		if len(api.Events) == 0 {
			t.Fatal("the sample corpus gives no toll (the seed's dead since the offensive began)")
		}
		if len(page) != len(api.Events) {
			t.Fatalf("the page lists %d tolls, /api/events?kind=toll gives %d", len(page), len(api.Events))
		}
		found := false
		for _, s := range page {
			found = found || strings.Contains(s, "800 deaths") && strings.Contains(strings.ToLower(s), "since the offensive began")
		}
		if !found {
			t.Errorf("no toll of 800 deaths since the offensive began among %q", page)
		}
	})

	t.Run("timeline is drawn", func(t *testing.T) {
		b := b.sub(t)
		var chart struct {
			Width, Height, Series, Inked, Incidents int
		}
		b.eval(`(() => {
			const c = document.querySelector('#chart canvas');
			if (!c) return {};
			const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			let inked = 0;
			for (let i = 3; i < px.length; i += 4) if (px[i] > 0) inked++;
			return {Width: c.width, Height: c.height, Inked: inked,
				Series: document.querySelectorAll('#chart .u-legend .u-series').length,
				Incidents: +document.getElementById('chart').dataset.incidents};
		})()`, &chart)
		if chart.Width == 0 || chart.Height == 0 {
			t.Fatalf("chart canvas is %dx%d", chart.Width, chart.Height)
		}
		if chart.Series < 3 {
			t.Errorf("chart has %d series in its legend, want the day, incidents and deaths", chart.Series)
		}
		if chart.Inked < 500 {
			t.Errorf("chart canvas has %d drawn pixels: it looks empty", chart.Inked)
		}
		var stats struct{ Days []sitrep.DayCount }
		b.get("/api/stats", &stats)
		want := 0
		for _, d := range stats.Days {
			want += d.Incidents
		}
		if want == 0 || chart.Incidents != want {
			t.Errorf("chart plots %d incidents, /api/stats counts %d", chart.Incidents, want)
		}
	})

	t.Run("an incident chosen from the list shows its sources", func(t *testing.T) {
		b := b.sub(t)
		id := multibyteIncident(t, b)
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#incident-list .incident-item[data-id=%q]`, id))))
		b.poll(fmt.Sprintf(`document.getElementById('detail').dataset.loaded === %q &&
			[...document.querySelectorAll('#detail .report-snippet')].every(p => p.dataset.state)`, id))
		var inc sitrep.Incident
		b.get("/api/incidents/"+url.PathEscape(id), &inc)
		var shown []string
		b.eval(`[...document.querySelectorAll('#detail .report-snippet mark')].map(m => m.textContent)`, &shown)
		if len(shown) != len(inc.Reports) {
			t.Fatalf("detail of %s shows %d sentences, the incident has %d reports", id, len(shown), len(inc.Reports))
		}
		for i, r := range inc.Reports {
			if shown[i] != r.Sentence {
				t.Errorf("report %d: the page marks %q, the API's sentence is %q", i, shown[i], r.Sentence)
			}
		}
		var selected string
		b.eval(`location.search`, &selected)
		if !strings.Contains(selected, "sel="+id) {
			t.Errorf("the URL %q does not keep the selected incident %s", selected, id)
		}
	})

	t.Run("time slider changes who holds a place", func(t *testing.T) {
		b := b.sub(t)
		var stats struct{ Range struct{ From, To string } }
		b.get("/api/stats", &stats)
		place, d1, d2 := changedHands(t, b, stats.Range.From, stats.Range.To)
		holders := make([]string, 2)
		for i, d := range []string{d1, d2} {
			days := int(mustDay(t, d).Sub(mustDay(t, stats.Range.From)).Hours() / 24)
			b.eval(fmt.Sprintf(`(() => {
				const s = document.getElementById('slider');
				s.value = '%d';
				s.dispatchEvent(new Event('input', {bubbles: true}));
				return true;
			})()`, days), nil)
			b.poll(fmt.Sprintf(`document.getElementById('map').dataset.controlDate === %q`, d))
			var shown struct{ Side, Holder string }
			b.eval(fmt.Sprintf(`(() => {
				const e = [...document.querySelectorAll('#map .ctl')].find(e => %s);
				return e ? {Side: e.dataset.side, Holder: e.dataset.holder} : {Side: '(not shown)'};
			})()`, place.match), &shown)
			want := b.holderOn(place, d)
			if shown.Side != want.Side || shown.Holder != want.Holder {
				t.Errorf("%s on %s: the page shows %s/%q, /api/control says %s/%q", place.name, d, shown.Side, shown.Holder, want.Side, want.Holder)
			}
			holders[i] = shown.Side + "/" + shown.Holder
		}
		if holders[0] == holders[1] {
			t.Errorf("%s: the page shows %s on both %s and %s", place.name, holders[0], d1, d2)
		}
		t.Logf("%s: %s on %s, %s on %s", place.name, holders[0], d1, holders[1], d2)
	})

	t.Run("the list follows the slider and the map's view", func(t *testing.T) {
		listFollows(b.sub(t))
	})

	t.Run("a group's count reads over the control marks", func(t *testing.T) {
		countsOnTop(b.sub(t))
	})

	t.Run("filters and the URL keep the view", func(t *testing.T) {
		b := b.sub(t)
		b.eval(`(() => {
			const s = document.getElementById('f-type');
			s.value = 'Battles';
			s.dispatchEvent(new Event('change', {bubbles: true}));
			return true;
		})()`, nil)
		b.poll(`document.getElementById('incident-list').dataset.query === 'type=Battles' &&
			document.getElementById('map').dataset.query.includes('type=Battles')`)
		var types []string
		b.eval(`[...document.querySelectorAll('#incident-list .incident-item')].map(e => e.dataset.type)`, &types)
		var request string
		b.eval(`document.getElementById('incident-list').dataset.request`, &request)
		var api struct{ Incidents []sitrep.Incident }
		b.get("/api/incidents?"+request+"&order=newest&limit=50", &api)
		if len(types) == 0 || len(types) != len(api.Incidents) {
			t.Errorf("the list shows %d battles, /api/incidents?%s %d", len(types), request, len(api.Incidents))
		}
		for _, ty := range types {
			if ty != sitrep.Battles {
				t.Errorf("the list filtered to battles shows a %q", ty)
				break
			}
		}

		// Reloading the page's URL restores the filters, the map's view,
		// the slider and the open incident.
		var before struct{ Href, Query, Date, Detail string }
		state := `(() => ({Href: location.href, Query: document.getElementById('map').dataset.query,
			Date: document.getElementById('slider-date').textContent,
			Detail: document.getElementById('detail').dataset.loaded || ''}))()`
		b.eval(state, &before)
		b.do(chromedp.Navigate(before.Href))
		b.poll(`document.body.dataset.ready === '1' && document.getElementById('detail').dataset.loaded !== ''`)
		var after struct{ Href, Query, Date, Detail string }
		b.eval(state, &after)
		if after != before {
			t.Errorf("reloading the page changed its state:\nbefore %+v\nafter  %+v", before, after)
		}
		var typ string
		b.eval(`document.getElementById('f-type').value`, &typ)
		if typ != sitrep.Battles {
			t.Errorf("after a reload the type filter is %q, want %q", typ, sitrep.Battles)
		}

		b.do(chromedp.Click(chromedp.ID("f-reset")))
		b.poll(`document.getElementById('incident-list').dataset.query === ''`)
	})

	// A screenshot of the page as it stands: an incident open, the slider
	// moved.
	shot, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := os.Getenv("SITREP_SCREENSHOT")
	if path == "" {
		path = filepath.Join(t.TempDir(), "page.png")
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)

	t.Run("hostile article text is shown, not run", func(t *testing.T) {
		b := b.sub(t)
		id := ingestHostile(t, st)
		// The page hears of it on the live stream and lists it.
		b.poll(`!document.getElementById('live-count').hidden`)
		b.poll(fmt.Sprintf(`!!document.querySelector('#incident-list .incident-item[data-id=%q]')`, id))
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#incident-list .incident-item[data-id=%q]`, id))))
		b.poll(fmt.Sprintf(`document.getElementById('detail').dataset.loaded === %q &&
			[...document.querySelectorAll('#detail .report-snippet')].every(p => p.dataset.state)`, id))
		// Give an injected image time to fail and fire its handler.
		b.do(chromedp.Sleep(300 * time.Millisecond))
		var got struct {
			Pwned                     bool
			Images, Scripts           int
			Title, Mark, Place, Actor string
			Snippet                   string
		}
		b.eval(`(() => ({
			Pwned: window.__pwned !== undefined,
			Images: document.querySelectorAll('img').length,
			Scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
			Title: document.querySelector('#detail .report-title').textContent,
			Mark: document.querySelector('#detail .report-snippet mark').textContent,
			Snippet: document.querySelector('#detail .report-snippet').textContent,
			Place: document.getElementById('detail-place').textContent,
			Actor: document.getElementById('detail-actors').textContent,
		}))()`, &got)
		if got.Pwned {
			t.Error("window.__pwned is set: text from an article ran as script")
		}
		if got.Images != 0 || got.Scripts != 0 {
			t.Errorf("the page holds %d img and %d script elements made from article text", got.Images, got.Scripts)
		}
		for _, c := range []struct{ what, shown, want string }{
			{"title", got.Title, "Town taken " + hostileScript},
			{"sentence", got.Mark, hostileSentence},
			{"place", got.Place, hostileImg + "Town"},
			{"actor", got.Actor, hostileScript + " Brigade"},
			{"snippet", got.Snippet, "Ünïcödé → " + hostileImg},
		} {
			if !strings.Contains(c.shown, c.want) {
				t.Errorf("%s shows %q, want it to contain %q literally", c.what, c.shown, c.want)
			}
		}
	})

	for {
		select {
		case msg := <-exceptions:
			t.Errorf("the page reported an error: %s", msg)
			continue
		default:
		}
		break
	}
}

// hostileSentence is the sentence of the hostile article's event.
const hostileSentence = "Fighters of the " + hostileScript + " Brigade seized " + hostileImg + "Town on Saturday, killing 3."

// ingestHostile stores an article whose title, text, place and actor carry
// markup, with one event, and returns the incident's id.
func ingestHostile(t *testing.T, st sitrep.Store) string {
	t.Helper()
	text := "Ünïcödé → " + hostileImg + " first paragraph, with bytes of several lengths (ज़, 🛰).\n\n" + hostileSentence + "\n\nMore to follow " + hostileScript
	a := sitrep.Article{
		// A javascript: URL no longer enters the record (below); an
		// http one may still try to leave its attribute.
		URL:       `https://example.org/x"onmouseover="window.__pwned=1`,
		Title:     "Town taken " + hostileScript,
		Published: time.Date(2024, 12, 8, 0, 0, 0, 0, time.UTC),
		Source:    "Hostile " + hostileImg,
		Text:      text,
	}
	a.ID = sitrep.ArticleID(a.Text)
	start := strings.Index(text, hostileSentence)
	span := [2]int{start, start + len(hostileSentence)}
	loc := &sitrep.Location{Name: hostileImg + "Town", Lat: 34.21, Lon: 37.62, Admin1: "Homs", Country: "Syria", CountryCode: "SY", Precision: sitrep.PrecisionTown}
	three := 3
	ev := sitrep.Event{
		EventType: sitrep.Battles, SubEventType: "Non-state actor overtakes territory", Plover: "ASSAULT",
		Date: "2024-12-07", DatePrecision: "day",
		Actor1:     &sitrep.Actor{Name: hostileScript + " Brigade", Side: "rebel", Inter: 2},
		Actor2:     &sitrep.Actor{Name: "Military Forces of Syria", Side: "government", Inter: 1},
		Location:   loc,
		Fatalities: &three, Certainty: sitrep.Reported,
		Sentence: hostileSentence, Span: span, Article: a.Ref(),
	}
	ev.ID = sitrep.EventID(a.ID, span, ev.SubEventType, ev.Certainty, loc)
	script := a
	script.URL = "javascript:window.__pwned=1"
	if _, err := st.Ingest(t.Context(), []sitrep.Doc{{Article: script}}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Fatalf("an article with a javascript: URL: Ingest = %v, want EINVALID", err)
	}
	res, err := st.Ingest(t.Context(), []sitrep.Doc{{Article: a, Events: []sitrep.Event{ev}}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != sitrep.StatusNew || res[0].Events != 1 {
		t.Fatalf("ingest of the hostile article: %+v", res[0])
	}
	incs, err := st.Incidents(t.Context(), sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		for _, r := range inc.Reports {
			if r.Article.ID == a.ID {
				return inc.ID
			}
		}
	}
	t.Fatal("the hostile event made no incident")
	return ""
}

// multibyteIncident returns an incident of the list's first page one of
// whose reports has characters of several bytes before its sentence, so
// that the page must count the span in bytes to mark the right words.
func multibyteIncident(t *testing.T, b *browser) string {
	t.Helper()
	var list struct{ Incidents []sitrep.Incident }
	b.get("/api/incidents?order=newest&limit=50", &list)
	for _, inc := range list.Incidents {
		for _, r := range inc.Reports {
			var a sitrep.StoredArticle
			b.get("/api/articles/"+url.PathEscape(r.Article.ID), &a)
			if r.Span[0] <= len(a.Text) && len([]rune(a.Text[:r.Span[0]])) < r.Span[0] {
				return inc.ID
			}
		}
	}
	t.Fatal("no incident on the list's first page has a report after a character of several bytes")
	return ""
}

// place names a place of the control layer and how the page marks it.
type place struct {
	name      string
	geonameid int
	match     string // a JavaScript test of a .ctl element e
}

// changedHands finds, from the API, a place whose holder on one day of
// from..to differs from its holder on a later one, and those days.
func changedHands(t *testing.T, b *browser, from, to string) (place, string, string) {
	t.Helper()
	var all struct{ Spans []sitrep.ControlSpan }
	b.get("/api/control", &all)
	type key struct {
		id   int
		name string
	}
	byPlace := map[key][]sitrep.ControlSpan{}
	var order []key
	for _, s := range all.Spans {
		k := key{s.Place.GeonameID, s.Place.Name}
		if _, ok := byPlace[k]; !ok {
			order = append(order, k)
		}
		byPlace[k] = append(byPlace[k], s)
	}
	// clip returns the first day of s within from..to, "" when none.
	clip := func(s sitrep.ControlSpan) string {
		d := s.From
		if d < from {
			d = from
		}
		if d > to || (s.To != "" && d >= s.To) {
			return ""
		}
		return d
	}
	for _, k := range order {
		spans := byPlace[k]
		for i := 0; i < len(spans); i++ {
			for j := i + 1; j < len(spans); j++ {
				a, c := spans[i], spans[j]
				if a.Side == c.Side && a.Holder == c.Holder {
					continue
				}
				d1, d2 := clip(a), clip(c)
				if d1 == "" || d2 == "" {
					continue
				}
				p := place{name: k.name, geonameid: k.id}
				if k.id != 0 {
					p.match = fmt.Sprintf("e.dataset.geonameid === '%d'", k.id)
				} else {
					js, _ := json.Marshal(k.name)
					p.match = "e.dataset.name === " + string(js)
				}
				return p, d1, d2
			}
		}
	}
	t.Fatalf("no place in /api/control changes hands between %s and %s (%d spans)", from, to, len(all.Spans))
	return place{}, "", ""
}

// browser runs a test's steps in the page, failing the test on an error.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *browser) sub(t *testing.T) *browser { return &browser{t: t, ctx: b.ctx, base: b.base} }

func (b *browser) do(a chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, a); err != nil {
		b.t.Fatal(err)
	}
}

// eval runs a JavaScript expression and decodes its value into v (nil:
// ignore it).
func (b *browser) eval(js string, v any) {
	b.t.Helper()
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](js))
	if err != nil {
		b.t.Fatalf("%s: %v", firstLine(js), err)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			b.t.Fatalf("%s: %v (got %s)", firstLine(js), err, raw)
		}
	}
}

// poll waits until a JavaScript expression is true, up to 10 seconds.
func (b *browser) poll(js string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		b.t.Fatalf("waiting for %s: %v", firstLine(js), err)
	}
}

// get decodes the JSON answer of an API path into v.
func (b *browser) get(path string, v any) {
	b.t.Helper()
	res, err := http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		b.t.Fatalf("GET %s: %v", path, err)
	}
}

// holderOn returns the side and holder /api/control gives p on day d.
func (b *browser) holderOn(p place, d string) struct{ Side, Holder string } {
	b.t.Helper()
	var res struct{ Spans []sitrep.ControlSpan }
	b.get("/api/control?as_of="+d, &res)
	for _, s := range res.Spans {
		if s.Place.GeonameID == p.geonameid && s.Place.Name == p.name {
			return struct{ Side, Holder string }{s.Side, s.Holder}
		}
	}
	return struct{ Side, Holder string }{Side: "(not shown)"}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(sitrep.DateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

// BenchmarkPageLoad loads the page in a fresh headless Chromium tab over
// the store SITREP_BENCH_DB names (see BENCHMARKS.md for building one of
// 100,000 incidents) and reports, from the browser's own timing, when the
// document was ready and when the map, chart and list were drawn.
func BenchmarkPageLoad(b *testing.B) {
	bin, path := chrome(), os.Getenv("SITREP_BENCH_DB")
	if bin == "" || path == "" {
		b.Skip("needs Chromium and SITREP_BENCH_DB (an SQLite store)")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := server.New(st, server.Options{})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.WindowSize(1440, 900))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		b.Fatal(err)
	}
	var dcl, ready float64
	for b.Loop() {
		// A new tab each time; its cache is the browser's, so after the
		// first load the page's files are revalidated (304), as on a
		// person's second visit.
		tctx, cancel := chromedp.NewContext(bctx)
		var timing struct{ DOMContentLoaded, Ready float64 }
		err := chromedp.Do(tctx, chromedp.Navigate(ts.URL+"/"))
		if err == nil {
			_, err = chromedp.Run(tctx, chromedp.Poll[bool](`document.body.dataset.ready === '1'`, chromedp.WithPollingTimeout(30*time.Second)))
		}
		var raw []byte
		if err == nil {
			raw, err = chromedp.Run(tctx, chromedp.Evaluate[[]byte](`(() => {
				const n = performance.getEntriesByType('navigation')[0];
				const r = performance.getEntriesByName('sitrep-ready')[0];
				return {DOMContentLoaded: n.domContentLoadedEventEnd, Ready: r ? r.startTime : -1};
			})()`))
		}
		if err == nil {
			err = json.Unmarshal(raw, &timing)
		}
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		dcl += timing.DOMContentLoaded
		ready += timing.Ready
	}
	b.ReportMetric(dcl/float64(b.N), "ms-dom")
	b.ReportMetric(ready/float64(b.N), "ms-drawn")
}

// TestBrowserReadToken: with reads behind the token, the page opened as
// /#token=... still draws (its calls and its live stream carry the
// token), and the token leaves the address bar.
func TestBrowserReadToken(t *testing.T) {
	_, base, _, tctx := demoPage(t, server.Options{Token: "s3cret", ReadToken: true}, 1280, 800, 30*time.Second)
	b := &browser{t: t, ctx: tctx, base: base}
	b.do(chromedp.Navigate(base + "/#token=s3cret"))
	b.poll(`document.body.dataset.ready === '1'`)
	b.poll(`document.querySelectorAll('#map path.incident-marker').length > 0`)
	// The live stream opened: it carried the token.
	b.poll(`document.getElementById('live').className === 'live-on'`)
	var state struct {
		Hash  string
		Items int
	}
	b.eval(`({Hash: location.hash, Items: document.querySelectorAll('#incident-list > li').length})`, &state)
	if state.Hash != "" {
		t.Errorf("the token stayed in the address: %q", state.Hash)
	}
	if state.Items == 0 {
		t.Errorf("the incident list is empty with the token")
	}
	// Without it, the API refuses.
	res, err := http.Get(base + "/api/incidents")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a read without the token: %d, want 401", res.StatusCode)
	}
}

// TestBrowserStreamRefused: a page whose live stream the server refuses
// (as many streams open as it keeps) says it is offline, then opens a
// new one by itself once there is room.
func TestBrowserStreamRefused(t *testing.T) {
	_, base, _, tctx := demoPage(t, server.Options{MaxStreams: 1}, 1280, 800, 90*time.Second)
	ctx, cancel := context.WithCancel(t.Context())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/stream", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("the stream that takes the only place: %v %v", res, err)
	}
	b := &browser{t: t, ctx: tctx, base: base}
	b.do(chromedp.Navigate(base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
	b.poll(`document.getElementById('live-status').textContent === 'offline'`)
	cancel()
	res.Body.Close()
	// The page waits 15 to 30 s before it tries again.
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.getElementById('live').className === 'live-on'`, chromedp.WithPollingTimeout(45*time.Second))); err != nil {
		t.Fatalf("the page did not open a stream again once there was room: %v", err)
	}
}

// listed returns the ids and dates the incident list shows and the
// request it shows them for, once that request satisfies cond (a
// JavaScript test of r, the request's query string).
func (b *browser) listed(cond string) (request string, ids, dates []string) {
	b.t.Helper()
	b.poll(`(() => { const r = document.getElementById('incident-list').dataset.request; return r !== undefined && (` + cond + `); })()`)
	var l struct {
		Request    string
		IDs, Dates []string
	}
	b.eval(`(() => {
		const items = [...document.querySelectorAll('#incident-list .incident-item')];
		return {Request: document.getElementById('incident-list').dataset.request,
			IDs: items.map(e => e.dataset.id),
			Dates: items.map(e => e.querySelector('.ii-meta').textContent.split(' · ')[0])};
	})()`, &l)
	return l.Request, l.IDs, l.Dates
}

// sameAsAPI checks that the list shows what /api/incidents gives for its
// request, in that order.
func (b *browser) sameAsAPI(request string, ids []string) {
	b.t.Helper()
	var api struct{ Incidents []sitrep.Incident }
	b.get("/api/incidents?"+request+"&order=newest&limit=50", &api)
	var want []string
	for _, inc := range api.Incidents {
		want = append(want, inc.ID)
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		b.t.Errorf("for %s the list shows %q, /api/incidents gives %q", request, ids, want)
	}
}

// listFollows moves the slider back to a day in the middle of the record,
// then zooms the map in, and checks each time that the list shows the
// incidents of that day and view, as the API gives them; it leaves the
// page as loaded afresh.
func listFollows(b *browser) {
	t := b.t
	var stats struct{ Range struct{ From, To string } }
	b.get("/api/stats", &stats)
	// Start from the whole record: the slider at its end.
	b.do(chromedp.Navigate(b.base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
	_, all, _ := b.listed(`!r.includes('until=')`)
	var inc struct{ Incidents []sitrep.Incident }
	b.get("/api/incidents?order=newest&limit=100", &inc)
	if len(inc.Incidents) < 10 {
		t.Fatalf("the sample record has %d incidents, too few to cut in time", len(inc.Incidents))
	}
	day := inc.Incidents[len(inc.Incidents)/2].Date
	days := int(mustDay(t, day).Sub(mustDay(t, stats.Range.From)).Hours() / 24)
	asked := `performance.getEntriesByType('resource').filter(r => r.name.includes('/api/incidents?')).length`
	var before, after int
	b.eval(asked, &before)
	// Drag the slider back over ten days, a step each 30 ms: the list
	// asks once the slider rests, not at each step.
	for i := 10; i >= 0; i-- {
		b.eval(fmt.Sprintf(`(() => {
			const s = document.getElementById('slider');
			s.value = '%d';
			s.dispatchEvent(new Event('input', {bubbles: true}));
			return true;
		})()`, days+i), nil)
		b.do(chromedp.Sleep(30 * time.Millisecond))
	}
	request, ids, dates := b.listed(fmt.Sprintf(`r.includes('until=%s')`, day))
	b.do(chromedp.Sleep(300 * time.Millisecond))
	b.eval(asked, &after)
	// Twice at most: a machine under load may pause the drag for longer
	// than the page waits.
	if n := after - before; n < 1 || n > 2 {
		t.Errorf("dragging the slider over ten days asked for the list %d times, want once", n)
	}
	for _, d := range dates {
		if d > day {
			t.Errorf("with the slider on %s the list shows an incident of %s", day, d)
		}
	}
	if strings.Join(ids, " ") == strings.Join(all, " ") {
		t.Errorf("moving the slider to %s left the list as it was (%d incidents)", day, len(ids))
	}
	b.sameAsAPI(request, ids)

	// Zoom in on the middle of the view, as a reader does.
	for range 3 {
		b.do(chromedp.Click(chromedp.CSS(`.leaflet-control-zoom-in`)))
		b.do(chromedp.Sleep(350 * time.Millisecond))
	}
	zoomed, zids, _ := b.listed(fmt.Sprintf(`r !== %q && r.includes('bbox=') && r.includes('until=%s')`, request, day))
	if strings.Join(zids, " ") == strings.Join(ids, " ") {
		t.Errorf("zooming in left the list as it was (%d incidents): %s", len(ids), zoomed)
	}
	b.sameAsAPI(zoomed, zids)
	t.Logf("slider on %s: %d incidents of %d listed; zoomed in: %d", day, len(ids), len(all), len(zids))

	b.do(chromedp.Navigate(b.base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
}

// countsOnTop checks, over western Syria zoomed in to its towns, that the
// count of each group of incidents is drawn above the control marks, on a
// background of its own, so it reads over a mark's colours and white rim,
// and that no town's name shown runs under a count; it leaves the page as
// loaded afresh.
func countsOnTop(b *browser) {
	t := b.t
	b.do(chromedp.Navigate(b.base + "/?map=35.2,37.5,7"))
	b.poll(`document.body.dataset.ready === '1'`)
	b.poll(`document.querySelectorAll('#map .cluster-count').length > 0 && document.querySelectorAll('#map .ctl-box').length > 0`)
	var got []struct {
		Count, Top, Background string
	}
	b.eval(`(() => {
		// Let the labels be hit, to ask what is drawn on top.
		const hit = [document.querySelector('.leaflet-labels-pane'), ...document.querySelectorAll('#map .cluster-label')];
		for (const e of hit) e.style.pointerEvents = 'auto';
		const out = [...document.querySelectorAll('#map .cluster-count')].map(e => {
			const r = e.getBoundingClientRect();
			const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			return {Count: e.textContent, Top: top === e ? 'count' : top ? top.className.baseVal ?? top.className : 'nothing',
				Background: getComputedStyle(e).backgroundColor};
		});
		for (const e of hit) e.style.pointerEvents = '';
		document.querySelector('.leaflet-labels-pane').style.pointerEvents = 'none';
		return out;
	})()`, &got)
	for _, c := range got {
		if c.Top != "count" {
			t.Errorf("the count %s is under %q", c.Count, c.Top)
		}
		if c.Background == "" || c.Background == "transparent" || strings.HasPrefix(c.Background, "rgba(") {
			t.Errorf("the count %s has background %s: a control mark under it shows through", c.Count, c.Background)
		}
	}
	var z struct{ Labels, Control int }
	b.eval(`({Labels: +getComputedStyle(document.querySelector('.leaflet-labels-pane')).zIndex,
		Control: +getComputedStyle(document.querySelector('.leaflet-control-pane')).zIndex})`, &z)
	if z.Labels <= z.Control {
		t.Errorf("the counts' pane is at z-index %d, the control marks' at %d", z.Labels, z.Control)
	}
	var under []string
	b.eval(`(() => {
		const counts = [...document.querySelectorAll('#map .cluster-count')].map(e => e.getBoundingClientRect());
		return [...document.querySelectorAll('#map .ctl-name')].filter(n => getComputedStyle(n).visibility !== 'hidden').filter(n => {
			const r = n.getBoundingClientRect();
			return counts.some(c => r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top);
		}).map(n => n.textContent);
	})()`, &under)
	if len(under) > 0 {
		t.Errorf("the names %q are shown under a group's count", under)
	}
	b.do(chromedp.Navigate(b.base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
}

// TestBrowserFirstRenderHasLand: the page says it is drawn only once
// the map's land is, even when the atlas comes after everything else,
// and the land drawn from the atlas's own land object is the outline of
// its countries merged, in both atlases.
func TestBrowserFirstRenderHasLand(t *testing.T) {
	slowAtlas := delayed(func(r *http.Request) bool { return strings.Contains(r.URL.Path, "world-atlas") }, 400*time.Millisecond)
	_, base, _, tctx := demoPageVia(t, server.Options{}, slowAtlas, 1280, 800, 40*time.Second)
	b := &browser{t: t, ctx: tctx, base: base}
	b.do(chromedp.Navigate(base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
	var page struct {
		Countries string
		Inked     int
	}
	b.eval(`(() => {
		const c = document.querySelector('#map .leaflet-countries-pane canvas');
		let inked = 0;
		if (c) {
			const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			for (let i = 3; i < px.length; i += 4) if (px[i] > 0) inked++;
		}
		return {Countries: document.getElementById('map').dataset.countries || '', Inked: inked};
	})()`, &page)
	if page.Countries != "110m" || page.Inked < 10000 {
		t.Errorf("when the page says it is drawn, the map's land is %q with %d pixels drawn, want the 1:110m land drawn", page.Countries, page.Inked)
	}
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[[]bool](`Promise.all(['110m', '50m'].map(async s => {
		const topo = await (await fetch('vendor/world-atlas/countries-' + s + '.json')).json();
		const merged = topojson.merge(topo, topo.objects.countries.geometries);
		const land = topojson.feature(topo, topo.objects.land).features.map(f => f.geometry);
		return land.length === 1 && JSON.stringify(land[0].coordinates) === JSON.stringify(merged.coordinates);
	}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if same := raw; len(same) != 2 || !same[0] || !same[1] {
		t.Errorf("the atlases' land objects are their countries merged: %v, want [true true]", raw)
	}
}

// TestBrowserDrawsOnce: the first render draws the map's countries and
// the chart once each, even when the clusters the map is fitted to come
// after the atlas.
func TestBrowserDrawsOnce(t *testing.T) {
	slowClusters := delayed(func(r *http.Request) bool { return r.URL.Path == "/api/clusters" }, 300*time.Millisecond)
	_, base, _, tctx := demoPageVia(t, server.Options{}, slowClusters, 1280, 800, 40*time.Second)
	b := &browser{t: t, ctx: tctx, base: base}
	b.do(chromedp.Navigate(base + "/"))
	b.poll(`document.body.dataset.ready === '1'`)
	time.Sleep(500 * time.Millisecond) // a draw the first render set off comes in its next frames
	var draws struct{ Land, Chart string }
	b.eval(`({Land: document.getElementById('map').dataset.landDraws || '', Chart: document.getElementById('chart').dataset.draws || ''})`, &draws)
	if draws.Land != "1" || draws.Chart != "1" {
		t.Errorf("the first render drew the countries %q times and the chart %q times, want once each", draws.Land, draws.Chart)
	}
}

// TestBrowserAreas: an incident known only by its country is drawn at
// the country's own point, dashed, and its detail says it happened
// somewhere in the country, not at the capital where ACLED codes it.
func TestBrowserAreas(t *testing.T) {
	st, base, _, tctx := demoPage(t, server.Options{}, 1280, 800, 40*time.Second)
	incs, err := st.Incidents(t.Context(), sitrep.EventFilter{Country: "SY"})
	if err != nil {
		t.Fatal(err)
	}
	var in *sitrep.Incident
	for i := range incs {
		if l := incs[i].Location; l.Precision == sitrep.PrecisionCountry && l.Area != nil {
			in = &incs[i]
		}
	}
	if in == nil {
		t.Fatal("the demo has no incident known only as in Syria")
	}
	b := &browser{t: t, ctx: tctx, base: base}
	b.do(chromedp.Navigate(fmt.Sprintf("%s/?map=%g,%g,6&sel=%s", base, in.Location.Area.Lat, in.Location.Area.Lon, in.ID)))
	b.poll(`document.body.dataset.ready === '1'`)
	b.poll(fmt.Sprintf(`document.getElementById('detail').dataset.loaded === %q`, in.ID))
	var page struct {
		Query, Place string
		Areas        [][2]float64
		Ring         [2]float64
	}
	b.eval(`(() => {
		const map = document.getElementById('map');
		const at = e => { const r = e.getBoundingClientRect(), m = map.getBoundingClientRect(); return [r.x + r.width / 2 - m.x, r.y + r.height / 2 - m.y]; };
		return {
			Query: map.dataset.query || '',
			Place: document.getElementById('detail-place').textContent,
			Areas: [...document.querySelectorAll('#map path.incident-marker.area')].map(at),
			Ring: at(document.querySelector('#map path.selection-ring')),
		};
	})()`, &page)
	if want := "somewhere in Syria"; !strings.Contains(page.Place, want) {
		t.Errorf("the detail's place is %q, want it to say %q", page.Place, want)
	}
	var api struct{ Clusters []sitrep.Cluster }
	b.get("/api/clusters?"+page.Query, &api)
	n := 0
	for _, c := range api.Clusters {
		if c.Area {
			n++
		}
	}
	if n == 0 || len(page.Areas) != n {
		t.Fatalf("the map draws %d dashed area markers, /api/clusters?%s gives %d area clusters", len(page.Areas), page.Query, n)
	}
	// The map is centred on Syria's point: the selection ring and an
	// area marker are there, not at Damascus, about 230 px away at zoom 6.
	var mid [2]float64
	b.eval(`(() => { const r = document.getElementById('map').getBoundingClientRect(); return [r.width / 2, r.height / 2]; })()`, &mid)
	near := func(p [2]float64) bool { return math.Abs(p[0]-mid[0]) < 20 && math.Abs(p[1]-mid[1]) < 20 }
	if !near(page.Ring) {
		t.Errorf("the selection ring is at %v, want at Syria's point %v", page.Ring, mid)
	}
	found := false
	for _, p := range page.Areas {
		found = found || near(p)
	}
	if !found {
		t.Errorf("no area marker at Syria's point %v: %v", mid, page.Areas)
	}
}

// delayed wraps a handler so that the requests match picks are answered d
// late: a slow part of the page's data.
func delayed(match func(*http.Request) bool, d time.Duration) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if match(r) {
				time.Sleep(d)
			}
			h.ServeHTTP(w, r)
		})
	}
}
