package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/gazetteer"
)

// Incident implements sitrep.Store.
func (s *Store) Incident(ctx context.Context, id string) (*sitrep.Incident, error) {
	incs, err := s.Incidents(ctx, sitrep.EventFilter{Incident: id})
	if err != nil {
		return nil, err
	}
	if len(incs) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "no incident %q", id)
	}
	return &incs[0], nil
}

// Clusters implements sitrep.Store. The incidents come from the map
// cache, or for the filters it cannot apply from the incidents_view index
// and the table, and are grouped here: grouping in SQL sorts them first,
// which costs more than the grouping.
func (s *Store) Clusters(ctx context.Context, f sitrep.EventFilter, cell float64) ([]sitrep.Cluster, error) {
	if cell <= 0 || cell > 360 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "cluster cell %g: want degrees above 0 and at most 360", cell)
	}
	g := &grid{cell: cell, cells: map[gridKey]*gridCell{}}
	if cached(&f) {
		m, err := newMapFilter(&f)
		if err != nil {
			return nil, err
		}
		v, err := s.answer(ctx, fmt.Sprintf("clusters %g %s", cell, m.key()), func(rows []mapRow) any {
			for i := range rows {
				if r := &rows[i]; r.located && m.match(r, false) {
					g.add(r.lat, r.lon, r.area, r.sub, r.fatalities, r.id)
				}
			}
			return g.clusters()
		})
		if err != nil {
			return nil, s.errf("clusters", err)
		}
		return v.([]sitrep.Cluster), nil
	}
	w, err := s.filter(&f, "incidents")
	if err != nil {
		return nil, err
	}
	w.add("lat IS NOT NULL")
	rows, err := s.reader().QueryContext(ctx, s.D.Rebind(`SELECT lat, lon, seat_lat IS NOT NULL, `+seatColumns+`, sub_event_type, coalesce(fatalities, 0), id FROM incidents`+w.String()), w.args...)
	if err != nil {
		return nil, s.errf("clusters", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lat, lon, seatLat, seatLon float64
		var area bool
		var dead int
		var sub, id string
		if err := rows.Scan(&lat, &lon, &area, &seatLat, &seatLon, &sub, &dead, &id); err != nil {
			return nil, s.errf("clusters", err)
		}
		if f.Near == nil || gazetteer.Distance(f.Near.Lat, f.Near.Lon, seatLat, seatLon) <= f.Km {
			g.add(lat, lon, area, sub, dead, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf("clusters", err)
	}
	return g.clusters(), nil
}

// grid groups incidents into cells of cell degrees; those known only by
// an area are grouped apart, so a cluster is either at towns or in areas.
type grid struct {
	cell  float64
	cells map[gridKey]*gridCell
}

type gridKey struct {
	lat, lon int
	area     bool
}

type gridCell struct {
	sitrep.Cluster
	lat, lon float64
	types    map[string]int
}

func (g *grid) add(lat, lon float64, area bool, sub string, dead int, id string) {
	k := gridKey{int(math.Floor((lat + 90) / g.cell)), int(math.Floor((lon + 180) / g.cell)), area}
	a := g.cells[k]
	if a == nil {
		a = &gridCell{types: map[string]int{}}
		a.Area = area
		g.cells[k] = a
	}
	a.Count++
	a.Fatalities += dead
	a.lat += lat
	a.lon += lon
	a.types[sitrep.Taxonomy[sub]]++
	if a.ID == "" || id < a.ID {
		a.ID = id
	}
}

// clusters are the cells, the fullest first: each at its incidents' mean
// position, with its most frequent type, and its incident's id when it
// has one incident.
func (g *grid) clusters() []sitrep.Cluster {
	out := make([]sitrep.Cluster, 0, len(g.cells))
	for _, a := range g.cells {
		c := a.Cluster
		c.Lat, c.Lon = a.lat/float64(c.Count), a.lon/float64(c.Count)
		for t, n := range a.types {
			if n > a.types[c.EventType] || n == a.types[c.EventType] && t < c.EventType {
				c.EventType = t
			}
		}
		if c.Count > 1 {
			c.ID = ""
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].Lat != out[j].Lat || out[i].Lon != out[j].Lon {
			return out[i].Lat < out[j].Lat || out[i].Lat == out[j].Lat && out[i].Lon < out[j].Lon
		}
		return !out[i].Area && out[j].Area
	})
	return out
}

// Tally implements sitrep.Store, from the map cache, or for the filters
// it cannot apply with SQL grouping by day and country (in the order of
// the incidents_view index; a radius filter reads rows one by one, as the
// circle is not SQL).
func (s *Store) Tally(ctx context.Context, f sitrep.EventFilter) (*sitrep.Tally, error) {
	t := &tally{days: map[string]*sitrep.DayCount{}, countries: map[string]*sitrep.CountryCount{}}
	if cached(&f) {
		m, err := newMapFilter(&f)
		if err != nil {
			return nil, err
		}
		v, err := s.answer(ctx, "tally "+m.key(), func(rows []mapRow) any {
			t.fromMap(rows, m)
			return t.result()
		})
		if err != nil {
			return nil, s.errf("tally", err)
		}
		return v.(*sitrep.Tally), nil
	}
	w, err := s.filter(&f, "incidents")
	if err != nil {
		return nil, err
	}
	w.add("date <> ''")
	q := "SELECT date, country_code, count(*), sum(coalesce(fatalities, 0)), sum(reports), 0, 0 FROM incidents" + w.String() + " GROUP BY date, country_code"
	if f.Near != nil {
		q = "SELECT date, country_code, 1, coalesce(fatalities, 0), reports, " + seatColumns + " FROM incidents" + w.String()
	}
	rows, err := s.reader().QueryContext(ctx, s.D.Rebind(q), w.args...)
	if err != nil {
		return nil, s.errf("tally", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d, cc string
		var n, dead, reports int
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&d, &cc, &n, &dead, &reports, &lat, &lon); err != nil {
			return nil, s.errf("tally", err)
		}
		if f.Near == nil || lat.Valid && gazetteer.Distance(f.Near.Lat, f.Near.Lon, lat.Float64, lon.Float64) <= f.Km {
			t.add(d, cc, n, dead, reports)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf("tally", err)
	}
	return t.result(), nil
}

// tally adds up incidents by day and by country.
type tally struct {
	days      map[string]*sitrep.DayCount
	countries map[string]*sitrep.CountryCount
}

// fromMap adds up the map cache's rows that m keeps.
func (t *tally) fromMap(rows []mapRow, m *mapFilter) {
	names := map[int32]string{}
	for i := range rows {
		r := &rows[i]
		if !m.match(r, true) {
			continue
		}
		d, ok := names[r.day]
		if !ok {
			d = time.Unix(int64(r.day)*86400, 0).UTC().Format(sitrep.DateLayout)
			names[r.day] = d
		}
		t.add(d, r.cc, 1, r.fatalities, r.reports)
	}
}

func (t *tally) add(day, cc string, n, dead, reports int) {
	dc := t.days[day]
	if dc == nil {
		dc = &sitrep.DayCount{Date: day}
		t.days[day] = dc
	}
	dc.Incidents += n
	dc.Events += reports
	dc.Fatalities += dead
	c := t.countries[cc]
	if c == nil {
		c = &sitrep.CountryCount{CountryCode: cc}
		if gc := gazetteer.CountryByCode(cc); gc != nil {
			c.Country = gc.Name
		}
		t.countries[cc] = c
	}
	c.Incidents += n
	c.Fatalities += dead
}

func (t *tally) result() *sitrep.Tally {
	out := &sitrep.Tally{Days: []sitrep.DayCount{}, Countries: []sitrep.CountryCount{}}
	for _, d := range sortedKeys(t.days) {
		out.Days = append(out.Days, *t.days[d])
	}
	for _, c := range t.countries {
		out.Countries = append(out.Countries, *c)
	}
	sort.Slice(out.Countries, func(i, j int) bool {
		a, b := out.Countries[i], out.Countries[j]
		return a.Incidents > b.Incidents || a.Incidents == b.Incidents && a.CountryCode < b.CountryCode
	})
	return out
}

// Changes implements sitrep.Store.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]sitrep.Change, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.reader().QueryContext(ctx, s.D.Rebind(`SELECT seq, kind, key FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`), after, limit)
	if err != nil {
		return nil, s.errf("changes", err)
	}
	defer rows.Close()
	var out []sitrep.Change
	for rows.Next() {
		var c sitrep.Change
		if err := rows.Scan(&c.Seq, &c.Kind, &c.Key); err != nil {
			return nil, s.errf("changes", err)
		}
		out = append(out, c)
	}
	return out, s.errf("changes", rows.Err())
}

// LastChange implements sitrep.Store.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	err := s.reader().QueryRowContext(ctx, `SELECT max(seq) FROM changes`).Scan(&seq)
	return seq.Int64, s.errf("changes", err)
}
