package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/gazetteer"
)

// reader is the handle queries go through (Store.Read, else DB).
func (s *Store) reader() *sql.DB {
	if s.Read != nil {
		return s.Read
	}
	return s.DB
}

// where builds a WHERE clause from conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// country adds a condition on the country named by code or name.
func (w *where) country(c string) error {
	if c == "" {
		return nil
	}
	cc, err := countryCode(c)
	if err != nil {
		return err
	}
	w.add("country_code = ?", cc)
	return nil
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likeEscape makes s match itself in a LIKE pattern escaped with '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// countryCode returns the ISO code of a country named by code or name.
func countryCode(s string) (string, error) {
	if c := gazetteer.CountryByCode(strings.ToUpper(s)); c != nil {
		return c.ISO2, nil
	}
	for _, c := range gazetteer.Countries() {
		if strings.EqualFold(c.Name, s) {
			return c.ISO2, nil
		}
		for _, a := range c.Aliases {
			if strings.EqualFold(a, s) {
				return c.ISO2, nil
			}
		}
	}
	return "", sitrep.Errorf(sitrep.EINVALID, "country %q: not a country name or ISO alpha-2 code", s)
}

// seatColumns are a row's seat, which radius filters measure from.
const seatColumns = "coalesce(seat_lat, lat), coalesce(seat_lon, lon)"

// eventWhere turns a filter into conditions over the columns events and
// incidents share. The radius filter is a bounding box here; callers keep
// only the rows within the circle.
func eventWhere(f *sitrep.EventFilter) (*where, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	w := &where{}
	if !f.Since.IsZero() {
		w.add("date >= ?", f.Since.Format(sitrep.DateLayout))
	}
	if !f.Until.IsZero() {
		w.add("date <= ? AND date <> ''", f.Until.Format(sitrep.DateLayout))
	}
	if f.Type != "" {
		subs := []any{f.Type}
		if _, ok := sitrep.Taxonomy[f.Type]; !ok {
			subs = subs[:0]
			for sub, t := range sitrep.Taxonomy {
				if t == f.Type {
					subs = append(subs, sub)
				}
			}
		}
		w.add("sub_event_type IN (?"+strings.Repeat(", ?", len(subs)-1)+")", subs...)
	}
	if err := w.country(f.Country); err != nil {
		return nil, err
	}
	if f.Actor != "" {
		w.add(`actors LIKE ? ESCAPE '\'`, "%"+likeEscape(strings.ToLower(f.Actor))+"%")
	}
	if f.Near != nil {
		// A radius measures from the seat (seat_lat, seat_lon, else lat,
		// lon): the box here holds either, so it holds the seat.
		dLat := f.Km / 111.0
		lo, hi := f.Near.Lat-dLat, f.Near.Lat+dLat
		w.add("(lat BETWEEN ? AND ? OR seat_lat BETWEEN ? AND ?)", lo, hi, lo, hi)
		if c := math.Cos(f.Near.Lat * math.Pi / 180); c > 0.01 {
			dLon := dLat / c
			if lo, hi := f.Near.Lon-dLon, f.Near.Lon+dLon; lo > -180 && hi < 180 {
				w.add("(lon BETWEEN ? AND ? OR seat_lon BETWEEN ? AND ?)", lo, hi, lo, hi)
			}
		}
	}
	if b := f.Box; b != nil {
		w.add("lat BETWEEN ? AND ?", b.S, b.N)
		switch {
		case b.W <= b.E:
			w.add("lon BETWEEN ? AND ?", b.W, b.E)
		default: // across the antimeridian
			w.add("(lon >= ? OR lon <= ?)", b.W, b.E)
		}
	}
	return w, nil
}

// filter is eventWhere for the events table or the incidents table, with
// the full-text condition, which needs the dialect: events whose article
// matches, or incidents with such an event.
func (s *Store) filter(f *sitrep.EventFilter, table string) (*where, error) {
	w, err := eventWhere(f)
	if err != nil || strings.TrimSpace(f.Text) == "" {
		return w, err
	}
	words := s.D.Search(searchWords(f.Text))
	if words == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "text %q has no words to search for", f.Text)
	}
	matching := "SELECT a.id FROM articles a" + s.D.SearchJoin + " WHERE " + s.D.SearchWhere
	if table == "events" {
		w.add("article_id IN ("+matching+")", words)
	} else {
		w.add("id IN (SELECT incident_id FROM events WHERE article_id IN ("+matching+"))", words)
	}
	return w, nil
}

// searchWords splits a user's query into the letters-and-digits words
// Dialect.Search takes.
func searchWords(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// order is the ORDER BY of events and incidents.
func order(f *sitrep.EventFilter) string {
	if f.Newest {
		return " ORDER BY date DESC, id DESC"
	}
	return " ORDER BY date, id"
}

// page applies limit and offset after the radius filter, which SQL cannot.
func page[T any](rows []T, f *sitrep.EventFilter) []T {
	if f.Offset >= len(rows) {
		return nil
	}
	rows = rows[f.Offset:]
	if f.Limit > 0 && f.Limit < len(rows) {
		rows = rows[:f.Limit]
	}
	return rows
}

func limitClause(f *sitrep.EventFilter) string {
	if f.Near != nil || f.Kind != "" || f.Limit == 0 && f.Offset == 0 {
		return ""
	}
	s := ""
	if f.Limit > 0 {
		s = " LIMIT " + strconv.Itoa(f.Limit)
	} else {
		s = " LIMIT " + strconv.Itoa(math.MaxInt32)
	}
	if f.Offset > 0 {
		s += " OFFSET " + strconv.Itoa(f.Offset)
	}
	return s
}

func within(f *sitrep.EventFilter, l *sitrep.Location) bool {
	return f.Near == nil || l != nil && gazetteer.Distance(f.Near.Lat, f.Near.Lon, l.Lat, l.Lon) <= f.Km
}

// Events implements sitrep.Store.
func (s *Store) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, error) {
	w, err := s.filter(&f, "events")
	if err != nil {
		return nil, err
	}
	if f.Certainty != "" {
		w.add("certainty = ?", f.Certainty)
	}
	if f.Incident != "" {
		w.add("incident_id = ?", f.Incident)
	}
	if f.Kind != "" && f.Kind != "event" {
		// Kind is not a column, but every kind is typed Strategic
		// developments / Other (sitrep.Event.Kind): only those rows are
		// read and decoded (index events_other), not the whole record.
		w.add("sub_event_type = 'Other'") // a literal: the partial index events_other applies
	}
	var out []sitrep.Event
	err = s.each(ctx, "SELECT data FROM events"+w.String()+order(&f)+limitClause(&f), w.args, func(data []byte) error {
		var e sitrep.Event
		if err := decodeEvent(data, &e); err != nil {
			return err
		}
		if within(&f, e.Location) && ofKind(&f, &e) {
			out = append(out, e)
		}
		if f.Limit > 0 && len(out) >= f.Offset+f.Limit {
			return errEnough // the rows come in order: the page is full
		}
		return nil
	})
	if err != nil && err != errEnough {
		return nil, s.errf("events", err)
	}
	if f.Near != nil || f.Kind != "" {
		out = page(out, &f)
	}
	return out, nil
}

// errEnough stops a read whose page is full.
var errEnough = errors.New("enough rows")

// ofKind reports whether e is of the kind f asks for ("event": none).
// Kind is not a column: it is read from the event, and the page cut after.
func ofKind(f *sitrep.EventFilter, e *sitrep.Event) bool {
	return f.Kind == "" || f.Kind == e.Kind || f.Kind == "event" && e.Kind == ""
}

// Incidents implements sitrep.Store.
func (s *Store) Incidents(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Incident, error) {
	q, args, err := s.incidentQuery(&f)
	if err != nil {
		return nil, err
	}
	// An incident row holds what filters need; the incident itself is
	// summed up from its events when read (fuse.Summarize is
	// deterministic, so it is the incident that was filed).
	type row struct {
		id       string
		lat, lon sql.NullFloat64
	}
	var rows []row
	dbRows, err := s.reader().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.errf("incidents", err)
	}
	for dbRows.Next() {
		var r row
		dest := []any{&r.id, &r.lat, &r.lon}
		if f.Near == nil {
			dest = dest[:1]
		}
		if err := dbRows.Scan(dest...); err != nil {
			dbRows.Close()
			return nil, s.errf("incidents", err)
		}
		if f.Near == nil || r.lat.Valid && gazetteer.Distance(f.Near.Lat, f.Near.Lon, r.lat.Float64, r.lon.Float64) <= f.Km {
			rows = append(rows, r)
		}
	}
	dbRows.Close()
	if err := dbRows.Err(); err != nil {
		return nil, s.errf("incidents", err)
	}
	if f.Near != nil {
		rows = page(rows, &f)
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	out, err := s.summed(ctx, ids)
	return out, s.errf("incidents", err)
}

// incidentQuery is the query for the ids of the incidents f selects, in
// its order (with their seats for a radius filter, which is applied to
// its rows). It asks only for columns the indexes that serve it hold
// (incidents_view, incidents_country), so it reads no table row.
func (s *Store) incidentQuery(f *sitrep.EventFilter) (string, []any, error) {
	w, err := s.filter(f, "incidents")
	if err != nil {
		return "", nil, err
	}
	if f.Incident != "" {
		w.add("id = ?", f.Incident)
	}
	cols := "id"
	if f.Near != nil {
		cols = "id, " + seatColumns
	}
	q := "SELECT " + cols + " FROM incidents" + w.String() + order(f) + limitClause(f)
	return s.D.Rebind(q), w.args, nil
}

// summed returns the incidents of ids, in their order, from the incident
// cache or summed up from their events.
func (s *Store) summed(ctx context.Context, ids []string) ([]sitrep.Incident, error) {
	seq, err := s.syncIncidents(ctx)
	if err != nil {
		return nil, err
	}
	cached, missing := s.incs.get(ids)
	members, err := s.incidentEvents(ctx, missing)
	if err != nil {
		return nil, err
	}
	out := make([]sitrep.Incident, 0, len(ids))
	var fresh []sitrep.Incident
	for _, id := range ids {
		if inc, ok := cached[id]; ok {
			out = append(out, inc)
		} else if es := members[id]; len(es) > 0 {
			inc := fuse.SummarizeAll(es)
			out = append(out, inc)
			fresh = append(fresh, inc)
		}
	}
	s.incs.put(fresh, seq)
	return out, nil
}

// incidentEvents reads the events of the given incidents.
func (s *Store) incidentEvents(ctx context.Context, ids []string) (map[string][]sitrep.Event, error) {
	byInc := map[string][]sitrep.Event{}
	err := s.eventsIn(ctx, "incident_id", ids, func(inc string, e *sitrep.Event) { byInc[inc] = append(byInc[inc], *e) })
	return byInc, err
}

// eventsIn reads the events whose column col holds one of keys, handing
// each to fn with its key.
func (s *Store) eventsIn(ctx context.Context, col string, keys []string, fn func(key string, e *sitrep.Event)) error {
	return s.queryIn(ctx, "SELECT "+col+", data FROM events WHERE "+col+" IN (%s)", keys, func(rows *sql.Rows) error {
		var key string
		var data []byte
		e := new(sitrep.Event)
		if err := rows.Scan(&key, &data); err != nil {
			return err
		}
		if err := decodeEvent(data, e); err != nil {
			return err
		}
		fn(key, e)
		return nil
	})
}

// queryIn runs q, in which "IN (%s)" stands for a list of values, over
// keys on the read pool (inChunks), calling each for every row.
func (s *Store) queryIn(ctx context.Context, q string, keys []string, each func(*sql.Rows) error) error {
	return inChunks(ctx, s.reader(), s.D, q, anys(keys), each)
}

func (s *Store) each(ctx context.Context, q string, args []any, fn func([]byte) error) error {
	rows, err := s.reader().QueryContext(ctx, s.D.Rebind(q), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return err
		}
		if err := fn(data); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Control implements sitrep.Store.
func (s *Store) Control(ctx context.Context, f sitrep.ControlFilter) ([]sitrep.ControlSpan, error) {
	w := &where{}
	if !f.AsOf.IsZero() {
		d := f.AsOf.Format(sitrep.DateLayout)
		w.add("date_from <= ? AND (date_to = '' OR date_to > ?)", d, d)
	}
	if err := w.country(f.Country); err != nil {
		return nil, err
	}
	if f.Key != "" {
		w.add("place_key = ?", f.Key)
	}
	if f.Place != "" {
		if id, err := strconv.Atoi(f.Place); err == nil {
			w.add("place_key = ?", "g"+strconv.Itoa(id))
		} else {
			k := gazetteer.Key(f.Place)
			if k == "" {
				return nil, sitrep.Errorf(sitrep.EINVALID, "place %q has no letters to look up", f.Place)
			}
			w.add(`name LIKE ? ESCAPE '\'`, "%|"+likeEscape(k)+"|%")
		}
	}
	// The latest span is the one with the highest seq (the fold numbers
	// a place's spans in order), and only its claims are its evidence.
	claimsOf := "seq >= 0"
	if f.Latest {
		w.add("seq = (SELECT max(l.seq) FROM control l WHERE l.place_key = control.place_key)")
		claimsOf = "seq = (SELECT max(l.seq) FROM control l WHERE l.place_key = claims.place_key)"
	}
	q := "SELECT place_key, seq, data FROM control" + w.String() + " ORDER BY country_code, place, place_key, seq"
	type key struct {
		place string
		seq   int
	}
	var out []sitrep.ControlSpan
	at := map[key]int{}
	var places []string
	rows, err := s.reader().QueryContext(ctx, s.D.Rebind(q), w.args...)
	if err != nil {
		return nil, s.errf("control", err)
	}
	for rows.Next() {
		var k key
		var data []byte
		var sp sitrep.ControlSpan
		if err := rows.Scan(&k.place, &k.seq, &data); err == nil {
			err = decode(data, &sp)
		}
		if err != nil {
			rows.Close()
			return nil, s.errf("control", err)
		}
		if len(places) == 0 || places[len(places)-1] != k.place {
			places = append(places, k.place)
		}
		at[k] = len(out)
		out = append(out, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.errf("control", err)
	}
	if f.Brief {
		return out, nil
	}
	// The evidence: the claims each span rests on, with their sentences.
	err = s.queryIn(ctx, "SELECT place_key, seq, event_id, sub_event_type, certainty, date, claim FROM claims WHERE "+claimsOf+" AND place_key IN (%s) ORDER BY date, event_id", places, func(rows *sql.Rows) error {
		var k key
		var c storedClaim
		var js string
		if err := rows.Scan(&k.place, &k.seq, &c.EventID, &c.SubEventType, &c.Certainty, &c.Date, &js); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(js), &c); err != nil {
			return err
		}
		if i, ok := at[k]; ok {
			out[i].Evidence = append(out[i].Evidence, fuse.EvidenceOf(&c.Claim))
		}
		return nil
	})
	if err != nil {
		return nil, s.errf("control", err)
	}
	if err := s.attachEvidence(ctx, out); err != nil {
		return nil, s.errf("control", err)
	}
	return out, nil
}

// attachEvidence adds to the spans' evidence the sentence and article of
// each event, which claims do not keep.
func (s *Store) attachEvidence(ctx context.Context, spans []sitrep.ControlSpan) error {
	var ids []string
	for i := range spans {
		for _, ev := range spans[i].Evidence {
			ids = append(ids, ev.EventID)
		}
	}
	events := map[string]*sitrep.Event{}
	err := s.eventsIn(ctx, "id", ids, func(_ string, e *sitrep.Event) { events[e.ID] = e })
	if err != nil {
		return err
	}
	for i := range spans {
		for k := range spans[i].Evidence {
			ev := &spans[i].Evidence[k]
			if e := events[ev.EventID]; e != nil {
				ev.Sentence, ev.Span, ev.Article = e.Sentence, e.Span, e.Article
			}
		}
	}
	return nil
}

// Article implements sitrep.Store.
func (s *Store) Article(ctx context.Context, id string) (*sitrep.StoredArticle, error) {
	as, err := s.articles(ctx, " WHERE a.id = ?", []any{id}, "")
	if err != nil {
		return nil, s.errf("article", err)
	}
	if len(as) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "no article %q", id)
	}
	return &as[0], nil
}

// Articles implements sitrep.Store.
func (s *Store) Articles(ctx context.Context, f sitrep.ArticleFilter) ([]sitrep.StoredArticle, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "limit and offset must not be negative")
	}
	w := &where{}
	join := ""
	if q := strings.TrimSpace(f.Query); q != "" {
		words := s.D.Search(searchWords(q))
		if words == "" {
			return nil, sitrep.Errorf(sitrep.EINVALID, "query %q has no words to search for", f.Query)
		}
		join = s.D.SearchJoin
		w.add(s.D.SearchWhere, words)
	}
	if !f.Since.IsZero() {
		w.add("a.published >= ?", f.Since.Format(sitrep.DateLayout))
	}
	if !f.Until.IsZero() {
		w.add("a.published <= ? AND a.published <> ''", f.Until.Format(sitrep.DateLayout))
	}
	limit := f.Limit
	if limit == 0 {
		limit = 100
	}
	tail := fmt.Sprintf(" ORDER BY a.published DESC, a.id LIMIT %d OFFSET %d", limit, f.Offset)
	as, err := s.articles(ctx, w.String(), w.args, join+"|"+tail)
	if err != nil {
		return nil, s.errf("articles", err)
	}
	return as, nil
}

// articles runs a query over articles; extra is "JOIN|ORDER...".
func (s *Store) articles(ctx context.Context, where string, args []any, extra string) ([]sitrep.StoredArticle, error) {
	join, tail, _ := strings.Cut(extra, "|")
	q := "SELECT a.id, a.url, a.title, a.source, a.published, a.text, a.dup_of, a.events, a.ingested FROM articles a" + join + where + tail
	rows, err := s.reader().QueryContext(ctx, s.D.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoredArticle
	for rows.Next() {
		var a sitrep.StoredArticle
		var pub, ingested string
		var dup sql.NullString
		var text []byte
		if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Source, &pub, &text, &dup, &a.Events, &ingested); err != nil {
			return nil, err
		}
		var err error
		if a.Text, err = decodeText(text); err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
		if sitrep.ValidArticleURL(a.URL) != nil {
			a.URL = "" // stored before Ingest refused it
		}
		a.DupOf = dup.String
		if pub != "" {
			a.Published, _ = time.Parse(sitrep.DateLayout, pub)
		}
		a.Ingested, _ = time.Parse(time.RFC3339, ingested)
		out = append(out, a)
	}
	return out, rows.Err()
}
