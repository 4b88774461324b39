package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/source"
)

// Paging bounds: a JSON page, and a file (GeoJSON, CSV, JSON lines).
const (
	defaultLimit = 100
	maxLimit     = 1000
	maxFileRows  = 100000
	// maxBody bounds a posted article.
	maxBody = 4 << 20
)

// params checks that a request names only known query parameters, each
// once, so a typo ("contry=") is an error rather than a silently wider
// answer.
func params(r *http.Request, known ...string) (url.Values, error) {
	q := r.URL.Query()
	for k, vs := range q {
		if k == "token" {
			continue
		}
		found := false
		for _, n := range known {
			found = found || n == k
		}
		if !found {
			// known may be a shared list (filterParams): sort a copy.
			return nil, sitrep.Errorf(sitrep.EINVALID, "unknown parameter %q (this endpoint takes %s)", k, strings.Join(slices.Sorted(slices.Values(known)), ", "))
		}
		if len(vs) > 1 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "parameter %q given %d times", k, len(vs))
		}
	}
	return q, nil
}

// filterParams are the parameters every list of events or incidents takes.
var filterParams = []string{"since", "until", "type", "country", "near", "km", "actor", "q", "bbox"}

func day(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(sitrep.DateLayout, v)
	if err != nil {
		return t, sitrep.Errorf(sitrep.EINVALID, "%s: %q is not a date (want YYYY-MM-DD)", name, v)
	}
	return t, nil
}

func number(q url.Values, name string, lo, hi float64) (float64, bool, error) {
	v := q.Get(name)
	if v == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || f < lo || f > hi {
		return 0, false, sitrep.Errorf(sitrep.EINVALID, "%s: %q is not a number from %g to %g", name, v, lo, hi)
	}
	return f, true, nil
}

// eventFilter reads the filter parameters, and paging: limit (default
// def, at most max) and offset.
func eventFilter(g *gazetteer.Gazetteer, q url.Values, def, max int) (sitrep.EventFilter, error) {
	f := sitrep.EventFilter{Type: q.Get("type"), Country: q.Get("country"), Actor: q.Get("actor"), Text: q.Get("q"), Certainty: q.Get("certainty"), Newest: q.Get("order") == "newest"}
	var err error
	if f.Since, err = day(q, "since"); err != nil {
		return f, err
	}
	if f.Until, err = day(q, "until"); err != nil {
		return f, err
	}
	if o := q.Get("order"); o != "" && o != "newest" && o != "oldest" {
		return f, sitrep.Errorf(sitrep.EINVALID, "order: %q: want newest or oldest", o)
	}
	if near := q.Get("near"); near != "" {
		lat, lon, _, err := g.Point(near)
		if err != nil {
			return f, sitrep.Errorf(sitrep.EINVALID, "near: %v", err)
		}
		f.Near, f.Km = &sitrep.Point{Lat: lat, Lon: lon}, 25
	}
	if km, ok, err := number(q, "km", 0, 20000); err != nil {
		return f, err
	} else if ok {
		f.Km = km
	}
	if b := q.Get("bbox"); b != "" {
		parts := strings.Split(b, ",")
		var v [4]float64
		finite := true
		for i := 0; i < len(parts) && i < 4 && err == nil; i++ {
			v[i], err = strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
			// ParseFloat reads "NaN" and "Inf", which no clamp below
			// can bring onto the map.
			finite = finite && !math.IsNaN(v[i]) && !math.IsInf(v[i], 0)
		}
		if len(parts) != 4 || err != nil || !finite {
			return f, sitrep.Errorf(sitrep.EINVALID, "bbox: %q: want west,south,east,north in degrees", b)
		}
		// A map zoomed out shows more than the world: clamp it.
		if v[2]-v[0] >= 360 {
			v[0], v[2] = -180, 180
		}
		v[0], v[2] = wrap(v[0]), wrap(v[2])
		v[1], v[3] = math.Max(v[1], -90), math.Min(v[3], 90)
		f.Box = &sitrep.Box{W: v[0], S: v[1], E: v[2], N: v[3]}
	}
	f.Limit = def
	if n, ok, err := number(q, "limit", 1, float64(max)); err != nil {
		return f, err
	} else if ok {
		f.Limit = int(n)
	}
	if n, ok, err := number(q, "offset", 0, math.MaxInt32); err != nil {
		return f, err
	} else if ok {
		f.Offset = int(n)
	}
	return f, f.Validate()
}

// wrap brings a longitude into -180..180, as a map panned round the
// world gives any.
func wrap(lon float64) float64 {
	if lon >= -180 && lon <= 180 {
		return lon
	}
	return math.Mod(math.Mod(lon+180, 360)+360, 360) - 180
}

// listFormat reads format= and the paging it implies: a JSON page is
// short, a file may hold up to maxFileRows.
func listFormat(q url.Values, formats ...string) (format string, def, max int, err error) {
	format = q.Get("format")
	if format == "" {
		format = "json"
	}
	for _, f := range formats {
		if f == format {
			if format == "json" {
				return format, defaultLimit, maxLimit, nil
			}
			return format, maxFileRows, maxFileRows, nil
		}
	}
	return "", 0, 0, sitrep.Errorf(sitrep.EINVALID, "format: %q: want one of %s", format, strings.Join(formats, ", "))
}

// onePage fetches the page f asks for and one row more, to tell where
// the next page starts (nil after the last one).
func onePage[T any](f sitrep.EventFilter, fetch func(sitrep.EventFilter) ([]T, error)) ([]T, *int, error) {
	limit := f.Limit
	f.Limit++
	rows, err := fetch(f)
	if err != nil {
		return nil, nil, err
	}
	if len(rows) <= limit {
		if rows == nil {
			rows = []T{}
		}
		return rows, nil, nil
	}
	next := f.Offset + limit
	return rows[:limit], &next, nil
}

func (s *Server) incidents(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, append(filterParams, "order", "limit", "offset", "format")...)
	if err != nil {
		return err
	}
	format, def, max, err := listFormat(q, "json", "geojson", "acled", "jsonl")
	if err != nil {
		return err
	}
	f, err := eventFilter(s.gaz, q, def, max)
	if err != nil {
		return err
	}
	if format != "json" {
		incs, err := s.st.Incidents(r.Context(), f)
		if err != nil {
			return err
		}
		evs := make([]sitrep.Event, len(incs))
		for i := range incs {
			evs[i] = incs[i].Event()
		}
		if format == "jsonl" {
			return writeRows(w, "incidents", "jsonl", func(out io.Writer) error {
				enc := json.NewEncoder(out)
				for i := range incs {
					if err := enc.Encode(&incs[i]); err != nil {
						return err
					}
				}
				return nil
			})
		}
		return writeEvents(w, "incidents", format, evs, export.Options{})
	}
	incs, next, err := onePage(f, func(f sitrep.EventFilter) ([]sitrep.Incident, error) { return s.st.Incidents(r.Context(), f) })
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"incidents": incs, "next_offset": next})
}

func (s *Server) incident(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	inc, err := s.st.Incident(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, inc)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, append(filterParams, "certainty", "kind", "incident", "order", "limit", "offset", "format", "all")...)
	if err != nil {
		return err
	}
	format, def, max, err := listFormat(q, "json", "geojson", "acled", "jsonl", "plover")
	if err != nil {
		return err
	}
	f, err := eventFilter(s.gaz, q, def, max)
	if err != nil {
		return err
	}
	f.Incident = q.Get("incident")
	if f.Kind = q.Get("kind"); f.Kind != "" {
		if err := f.Validate(); err != nil {
			return err
		}
	}
	if format != "json" {
		evs, err := s.st.Events(r.Context(), f)
		if err != nil {
			return err
		}
		// A file for another tool holds the record unless asked for all,
		// or for a certainty by name.
		all, err := boolParam(q, "all")
		if err != nil {
			return err
		}
		return writeEvents(w, "events", format, evs, export.Options{All: all || q.Get("certainty") != ""})
	}
	evs, next, err := onePage(f, func(f sitrep.EventFilter) ([]sitrep.Event, error) { return s.st.Events(r.Context(), f) })
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"events": evs, "next_offset": next})
}

// fileTypes are the media types of the file formats.
var fileTypes = map[string]string{
	"geojson": "application/geo+json",
	"acled":   "text/csv; charset=utf-8",
	"jsonl":   "application/x-ndjson",
	"plover":  "application/x-ndjson",
}

var fileExts = map[string]string{"geojson": "geojson", "acled": "csv", "jsonl": "jsonl", "plover": "jsonl"}

// writeRows sends a file: its type, a download name, and the body.
func writeRows(w http.ResponseWriter, what, format string, body func(io.Writer) error) error {
	w.Header().Set("Content-Type", fileTypes[format])
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="sitrep-%s.%s"`, what, fileExts[format]))
	return body(w)
}

func writeEvents(w http.ResponseWriter, what, format string, evs []sitrep.Event, opt export.Options) error {
	return writeRows(w, what, format, func(out io.Writer) error { return export.WriteAll(out, format, evs, opt) })
}

// boolParam reads a parameter that is true, false or absent (false).
func boolParam(q url.Values, name string) (bool, error) {
	switch q.Get(name) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, sitrep.Errorf(sitrep.EINVALID, "%s: %q: want true or false", name, q.Get(name))
}

// cellPixels is how wide, in screen pixels, a map cluster's cell is.
const cellPixels = 48

func (s *Server) clusters(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, append(filterParams, "zoom")...)
	if err != nil {
		return err
	}
	zoom, ok, err := number(q, "zoom", 0, 24)
	if err != nil {
		return err
	}
	if !ok {
		return sitrep.Errorf(sitrep.EINVALID, "zoom: missing (the map's zoom level, 0 to 24)")
	}
	f, err := eventFilter(s.gaz, q, 0, 0)
	if err != nil {
		return err
	}
	f.Limit = 0
	// At zoom z the world is 256 * 2^z pixels wide.
	cell := 360 / (256 * math.Pow(2, math.Floor(zoom))) * cellPixels
	cs, err := s.st.Clusters(r.Context(), f, cell)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"clusters": cs, "cell": cell})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, filterParams...)
	if err != nil {
		return err
	}
	f, err := eventFilter(s.gaz, q, 0, 0)
	if err != nil {
		return err
	}
	f.Limit = 0
	t, err := s.st.Tally(r.Context(), f)
	if err != nil {
		return err
	}
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"days": t.Days, "countries": t.Countries,
		"range":  map[string]string{"from": st.First, "to": st.Last},
		"totals": st,
	})
}

func (s *Server) control(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, "as_of", "country", "place", "brief")
	if err != nil {
		return err
	}
	f := sitrep.ControlFilter{Country: q.Get("country"), Place: q.Get("place")}
	switch q.Get("brief") {
	case "", "false":
	case "true":
		f.Brief = true
	default:
		return sitrep.Errorf(sitrep.EINVALID, "brief: %q: want true or false", q.Get("brief"))
	}
	if f.AsOf, err = day(q, "as_of"); err != nil {
		return err
	}
	spans, err := s.st.Control(r.Context(), f)
	if err != nil {
		return err
	}
	if spans == nil {
		spans = []sitrep.ControlSpan{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"spans": spans})
}

// place is one place's history: who held it when, with the evidence, and
// the incidents within km of it (default 10), newest first.
func (s *Server) place(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, "km", "limit", "offset")
	if err != nil {
		return err
	}
	name := r.PathValue("place")
	spans, err := s.st.Control(r.Context(), sitrep.ControlFilter{Place: name})
	if err != nil {
		return err
	}
	var at *sitrep.Point
	label := name
	if len(spans) > 0 {
		l := spans[0].Place
		at, label = &sitrep.Point{Lat: l.Lat, Lon: l.Lon}, l.Name
	} else if lat, lon, found, err := s.gaz.Point(name); err == nil {
		at, label = &sitrep.Point{Lat: lat, Lon: lon}, found
	} else {
		return sitrep.Errorf(sitrep.ENOTFOUND, "place %v", err)
	}
	q.Set("near", fmt.Sprintf("%g,%g", at.Lat, at.Lon))
	if q.Get("km") == "" {
		q.Set("km", "10")
	}
	q.Set("order", "newest")
	f, err := eventFilter(s.gaz, q, defaultLimit, maxLimit)
	if err != nil {
		return err
	}
	incs, err := s.st.Incidents(r.Context(), f)
	if err != nil {
		return err
	}
	if spans == nil {
		spans = []sitrep.ControlSpan{}
	}
	if incs == nil {
		incs = []sitrep.Incident{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"place": label, "lat": at.Lat, "lon": at.Lon, "km": f.Km,
		"control": spans, "incidents": incs,
	})
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, "q", "since", "until", "limit", "offset")
	if err != nil {
		return err
	}
	f := sitrep.ArticleFilter{Query: q.Get("q"), Limit: defaultLimit}
	if f.Since, err = day(q, "since"); err != nil {
		return err
	}
	if f.Until, err = day(q, "until"); err != nil {
		return err
	}
	if n, ok, err := number(q, "limit", 1, maxLimit); err != nil {
		return err
	} else if ok {
		f.Limit = int(n)
	}
	if n, ok, err := number(q, "offset", 0, math.MaxInt32); err != nil {
		return err
	} else if ok {
		f.Offset = int(n)
	}
	as, err := s.st.Articles(r.Context(), f)
	if err != nil {
		return err
	}
	// A list names the articles; the text is one request away.
	for i := range as {
		as[i].Text = ""
	}
	if as == nil {
		as = []sitrep.StoredArticle{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"articles": as})
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	a, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// postArticle stores articles sent in the body: one JSON object per line
// (as `sitrep ingest` reads JSONL), an HTML page or plain text, by
// Content-Type; published=, source= and url= supply what the body lacks.
func (s *Server) postArticle(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, "published", "source", "url")
	if err != nil {
		return err
	}
	arts, release, err := s.readArticles(w, r, q)
	if err != nil {
		return err
	}
	defer release()
	x, err := s.extractor()
	if err != nil {
		return err
	}
	out := make([]postResult, len(arts))
	var docs []sitrep.Doc
	var stored []int // the index in out of each of docs
	for i, a := range arts {
		d, cut, err := s.extractArticle(r.Context(), x, a)
		if err != nil {
			if r.Context().Err() != nil {
				return err // the client is gone
			}
			s.opt.Log.Error("article not read", "err", err)
			out[i] = postResult{IngestResult: sitrep.IngestResult{ArticleID: d.Article.ID, Status: statusFailed}, Error: err.Error()}
			continue
		}
		out[i].Warning = extract.CutNote(cut)
		docs = append(docs, d)
		stored = append(stored, i)
	}
	status := http.StatusOK
	if len(docs) > 0 {
		res, err := s.st.Ingest(r.Context(), docs)
		if err != nil {
			return err
		}
		s.metrics.ingested(res)
		for k, r := range res {
			out[stored[k]].IngestResult = r
			if r.Status == sitrep.StatusNew {
				status = http.StatusCreated
			}
		}
	}
	return writeJSON(w, status, map[string]any{"results": out})
}

// statusFailed is the status of a posted article that could not be read:
// the extractor panicked on it or spent its time (postResult.Error says
// which). Nothing of it is stored.
const statusFailed = "failed"

// postResult is what became of one posted article.
type postResult struct {
	sitrep.IngestResult
	Error   string `json:"error,omitempty"`   // why it failed
	Warning string `json:"warning,omitempty"` // sentences read in pieces (extract.CutNote)
}

// extractArticle extracts a within the server's time for one article.
func (s *Server) extractArticle(ctx context.Context, x *extract.Extractor, a sitrep.Article) (sitrep.Doc, int, error) {
	budget := s.opt.ArticleTimeout
	if budget <= 0 {
		budget = extract.DefaultTimeout / 2
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	return x.DocContext(ctx, a)
}

// readArticles reads the articles of a request's body, in the format its
// Content-Type names, with the published, source and url of the query.
// The body's bytes count against the text budget until release.
func (s *Server) readArticles(w http.ResponseWriter, r *http.Request, q url.Values) (arts []sitrep.Article, release func(), err error) {
	opt := source.Options{Source: q.Get("source"), URL: q.Get("url"), MaxBytes: maxBody}
	if opt.Published, err = day(q, "published"); err != nil {
		return nil, nil, err
	}
	if opt.Format, opt.ContentType, err = bodyFormat(r.Header.Get("Content-Type")); err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return nil, nil, err
	}
	n := int64(max(len(body), 1))
	s.metrics.waiting.Add(1)
	err = s.text.Acquire(r.Context(), n)
	s.metrics.waiting.Add(-1)
	if err != nil {
		return nil, nil, err
	}
	release = func() { s.text.Release(n) }
	arts, err = source.Read(bytes.NewReader(body), "request body", opt)
	if err == nil && len(arts) == 0 {
		err = sitrep.Errorf(sitrep.EINVALID, "request body: no article in it")
	} else if err != nil {
		err = sitrep.Errorf(sitrep.EINVALID, "%v", err)
	}
	if err != nil {
		release()
		return nil, nil, err
	}
	return arts, release, nil
}

// bodyFormat is the source format of a posted body, by its Content-Type.
func bodyFormat(ct string) (source.Format, string, error) {
	mt, _, err := mime.ParseMediaType(ct)
	switch {
	case ct == "":
		return "", "", sitrep.Errorf(sitrep.EINVALID, "Content-Type: missing (application/json, text/html or text/plain)")
	case err != nil:
		return "", "", sitrep.Errorf(sitrep.EINVALID, "Content-Type: %q: %v", ct, err)
	case mt == "application/json" || mt == "application/x-ndjson":
		return source.JSONL, "", nil
	case mt == "text/html" || mt == "application/xhtml+xml":
		return source.HTML, ct, nil
	case mt == "text/plain":
		return source.Text, ct, nil
	}
	return "", "", sitrep.Errorf(sitrep.EINVALID, "Content-Type: %q: want application/json, text/html or text/plain", mt)
}

// postPlaces answers every place name in the posted text, resolved as
// sitrep places does; nothing is stored.
func (s *Server) postPlaces(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, "published", "source", "url", "format")
	if err != nil {
		return err
	}
	format := q.Get("format")
	switch format {
	case "", "json", "jsonl", "geojson":
	default:
		return sitrep.Errorf(sitrep.EINVALID, "format: %q: want json, jsonl or geojson", format)
	}
	arts, release, err := s.readArticles(w, r, q)
	if err != nil {
		return err
	}
	defer release()
	x, err := s.extractor()
	if err != nil {
		return err
	}
	// The answer is written a mention at a time, so its size costs no
	// memory: only one article's mentions are held at once.
	var pw export.PlaceWriter
	if format == "" || format == "json" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		pw = newPlacesObject(w)
	} else {
		w.Header().Set("Content-Type", map[string]string{"jsonl": "application/x-ndjson", "geojson": "application/geo+json"}[format])
		if pw, err = export.NewPlaceWriter(w, format); err != nil {
			return err
		}
	}
	for i := range arts {
		ms := export.PlaceMentions(arts[i].ID, x.Places(&arts[i]))
		for j := range ms {
			if err := pw.Write(&ms[j]); err != nil {
				return err
			}
		}
	}
	return pw.Close()
}

// placesObject writes place mentions as {"places": [...]}, one at a time.
type placesObject struct {
	w   io.Writer
	enc *json.Encoder
	n   int
	err error
}

func newPlacesObject(w io.Writer) *placesObject {
	_, err := io.WriteString(w, `{"places":[`)
	return &placesObject{w: w, enc: json.NewEncoder(w), err: err}
}

func (p *placesObject) Write(m *export.PlaceMention) error {
	if p.err == nil && p.n > 0 {
		_, p.err = io.WriteString(p.w, ",")
	}
	if p.err == nil {
		p.err = p.enc.Encode(m)
	}
	p.n++
	return p.err
}

func (p *placesObject) Close() error {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, "]}\n")
	}
	return p.err
}

func (s *Server) taxonomy(w http.ResponseWriter, r *http.Request) error {
	types := map[string][]string{}
	for sub, t := range sitrep.Taxonomy {
		types[t] = append(types[t], sub)
	}
	for _, subs := range types {
		sort.Strings(subs)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"event_types": types})
}
