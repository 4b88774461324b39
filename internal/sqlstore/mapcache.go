package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// mapCache holds, in memory, what the map and the statistics read of each
// incident (its incidents_view columns), so Clusters and Tally over the
// whole record cost a pass over a slice instead of a read of every row.
// It is a cache of the database, never a source: before each use it
// applies the change log from where it stands (any process's ingests), and
// it is loaded afresh when the log has moved too far. Filters it cannot
// apply (actor, text) go to SQL.
type mapCache struct {
	mu     sync.RWMutex
	loaded bool
	seq    int64 // the change log position applied
	rows   []mapRow
	at     map[string]int // incident id -> index in rows

	// answers are whole answers computed from the rows at position
	// answersAt, kept until the cache moves: every reader of the page
	// asks the same first questions (the whole record's clusters and
	// tally), which cost a pass over every row each.
	answersMu sync.Mutex
	answersAt int64
	answers   map[string]any
}

// maxAnswers bounds the answers kept at one position.
const maxAnswers = 64

// mapRow is one incident as the map sees it.
type mapRow struct {
	id       string
	day      int32 // days since 1970; noDay when undated
	cc       string
	lat, lon float64 // where the map draws it
	located  bool
	// area says the incident is known only by a region or a country,
	// drawn at the area's point; seatLat and seatLon are then its seat,
	// which a radius measures from.
	area             bool
	seatLat, seatLon float64
	sub              string
	fatalities       int
	reports          int
}

const noDay = math.MinInt32

// subTypes maps each sub-event type to itself.
var subTypes = func() map[string]string {
	m := map[string]string{}
	for sub := range sitrep.Taxonomy {
		m[sub] = sub
	}
	return m
}()

// maxReplay is how many changes are applied one by one; past it the cache
// is loaded again, which is cheaper.
const maxReplay = 20000

const mapColumns = `SELECT id, date, country_code, lat, lon, seat_lat, seat_lon, sub_event_type, coalesce(fatalities, 0), reports FROM incidents`

// cached says whether the cache can answer f: every filter but actor and
// text (and the events-only ones, which incident queries ignore).
func cached(f *sitrep.EventFilter) bool {
	return f.Actor == "" && strings.TrimSpace(f.Text) == ""
}

// view brings the cache up to the change log and calls fn with its rows.
// Readers share the cache (fn runs under a read lock, so requests scan it
// at once); bringing it up takes it alone, and only when the log moved.
func (s *Store) view(ctx context.Context, fn func(rows []mapRow)) error {
	c := &s.maps
	last, err := s.LastChange(ctx)
	if err != nil {
		return err
	}
	c.mu.RLock()
	if c.loaded && c.seq == last {
		defer c.mu.RUnlock()
		fn(c.rows)
		return nil
	}
	c.mu.RUnlock()
	if err := s.catchUp(ctx); err != nil {
		return err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	fn(c.rows)
	return nil
}

// catchUp brings the cache up to the change log, alone: it reads where
// the log stands again under the lock, as another request may have
// brought the cache further meanwhile.
func (s *Store) catchUp(ctx context.Context) error {
	c := &s.maps
	c.mu.Lock()
	defer c.mu.Unlock()
	last, err := s.LastChange(ctx)
	if err != nil {
		return err
	}
	if !c.loaded || last < c.seq || last-c.seq > maxReplay {
		return s.loadMap(ctx, last)
	}
	if last > c.seq {
		return s.replayMap(ctx, last)
	}
	return nil
}

// answer returns what compute makes of the cache's rows, remembered
// under key until the cache moves. Callers only read what it returns.
func (s *Store) answer(ctx context.Context, key string, compute func(rows []mapRow) any) (any, error) {
	var v any
	err := s.view(ctx, func(rows []mapRow) {
		c := &s.maps // under view's read lock: c.seq stays
		if a, ok := c.recall(key); ok {
			v = a
			return
		}
		v = compute(rows)
		c.remember(key, v)
	})
	return v, err
}

func (c *mapCache) recall(key string) (any, bool) {
	c.answersMu.Lock()
	defer c.answersMu.Unlock()
	if c.answersAt != c.seq {
		return nil, false
	}
	a, ok := c.answers[key]
	return a, ok
}

func (c *mapCache) remember(key string, v any) {
	c.answersMu.Lock()
	defer c.answersMu.Unlock()
	if c.answers == nil || c.answersAt != c.seq || len(c.answers) >= maxAnswers {
		c.answers, c.answersAt = map[string]any{}, c.seq
	}
	c.answers[key] = v
}

func scanMapRow(rows *sql.Rows) (mapRow, error) {
	var r mapRow
	var date string
	var lat, lon, seatLat, seatLon sql.NullFloat64
	if err := rows.Scan(&r.id, &date, &r.cc, &lat, &lon, &seatLat, &seatLon, &r.sub, &r.fatalities, &r.reports); err != nil {
		return r, err
	}
	r.seatLat, r.seatLon, r.area = lat.Float64, lon.Float64, seatLat.Valid && seatLon.Valid
	if r.area {
		r.seatLat, r.seatLon = seatLat.Float64, seatLon.Float64
	}
	r.day = noDay
	if t, err := time.Parse(sitrep.DateLayout, date); err == nil {
		r.day = int32(t.Unix() / 86400)
	}
	r.lat, r.lon, r.located = lat.Float64, lon.Float64, lat.Valid && lon.Valid
	if sub, ok := subTypes[r.sub]; ok {
		r.sub = sub // one string per type, not one per row
	}
	return r, nil
}

// loadMap reads every incident. The rows read may be newer than last (an
// ingest may commit meanwhile); replaying those changes again later is
// harmless.
func (s *Store) loadMap(ctx context.Context, last int64) error {
	c := &s.maps
	rows, err := s.reader().QueryContext(ctx, mapColumns)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.rows, c.at = c.rows[:0], map[string]int{}
	for rows.Next() {
		r, err := scanMapRow(rows)
		if err != nil {
			return err
		}
		c.at[r.id] = len(c.rows)
		c.rows = append(c.rows, r)
	}
	if err := rows.Err(); err != nil {
		c.loaded = false
		return err
	}
	c.loaded, c.seq = true, last
	return nil
}

// replayMap applies the changes after the cache's position up to last:
// each incident named is read again, or dropped when it is gone.
func (s *Store) replayMap(ctx context.Context, last int64) error {
	c := &s.maps
	changes, err := s.Changes(ctx, c.seq, int(last-c.seq))
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, ch := range changes {
		if ch.Kind == sitrep.ChangeIncident {
			ids[ch.Key] = true
		}
	}
	keys := sortedKeys(ids)
	found := map[string]bool{}
	err = s.queryIn(ctx, mapColumns+" WHERE id IN (%s)", keys, func(rows *sql.Rows) error {
		r, err := scanMapRow(rows)
		if err != nil {
			return err
		}
		found[r.id] = true
		if i, ok := c.at[r.id]; ok {
			c.rows[i] = r
		} else {
			c.at[r.id] = len(c.rows)
			c.rows = append(c.rows, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range keys {
		if found[id] {
			continue
		}
		i, ok := c.at[id]
		if !ok {
			continue
		}
		// Gone (merged into another incident): the last row takes its
		// place.
		end := len(c.rows) - 1
		c.rows[i] = c.rows[end]
		c.at[c.rows[i].id] = i
		c.rows = c.rows[:end]
		delete(c.at, id)
	}
	if len(changes) > 0 {
		c.seq = changes[len(changes)-1].Seq
	}
	return nil
}

// mapFilter is an EventFilter as the cache applies it, the same
// conditions eventWhere writes in SQL.
type mapFilter struct {
	since, until int32
	subs         map[string]bool
	cc           string
	near         *sitrep.Point
	km           float64
	box          *sitrep.Box
}

func newMapFilter(f *sitrep.EventFilter) (*mapFilter, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	m := &mapFilter{since: math.MinInt32, until: math.MaxInt32, near: f.Near, km: f.Km, box: f.Box}
	if !f.Since.IsZero() {
		m.since = int32(f.Since.Unix() / 86400)
	}
	if !f.Until.IsZero() {
		m.until = int32(f.Until.Unix() / 86400)
	}
	if f.Type != "" {
		m.subs = map[string]bool{}
		if _, ok := sitrep.Taxonomy[f.Type]; ok {
			m.subs[f.Type] = true
		} else {
			for sub, t := range sitrep.Taxonomy {
				if t == f.Type {
					m.subs[sub] = true
				}
			}
		}
	}
	if f.Country != "" {
		cc, err := countryCode(f.Country)
		if err != nil {
			return nil, err
		}
		m.cc = cc
	}
	return m, nil
}

// key names the filter in the cache's answers.
func (m *mapFilter) key() string {
	subs := sortedKeys(m.subs)
	k := fmt.Sprintf("%d %d %q %q", m.since, m.until, subs, m.cc)
	if m.near != nil {
		k += fmt.Sprintf(" near %g %g %g", m.near.Lat, m.near.Lon, m.km)
	}
	if b := m.box; b != nil {
		k += fmt.Sprintf(" box %g %g %g %g", b.S, b.W, b.N, b.E)
	}
	return k
}

// match says whether the filter keeps r; dated says the filter needs a
// date even without bounds (a tally counts days).
func (m *mapFilter) match(r *mapRow, dated bool) bool {
	if r.day == noDay && (dated || m.since != math.MinInt32 || m.until != math.MaxInt32) {
		return false
	}
	if r.day != noDay && (r.day < m.since || r.day > m.until) {
		return false
	}
	if m.subs != nil && !m.subs[r.sub] || m.cc != "" && r.cc != m.cc {
		return false
	}
	if m.near != nil && (!r.located || gazetteer.Distance(m.near.Lat, m.near.Lon, r.seatLat, r.seatLon) > m.km) {
		return false
	}
	if b := m.box; b != nil {
		if !r.located || r.lat < b.S || r.lat > b.N {
			return false
		}
		if b.W <= b.E && (r.lon < b.W || r.lon > b.E) || b.W > b.E && r.lon < b.W && r.lon > b.E {
			return false
		}
	}
	return true
}
