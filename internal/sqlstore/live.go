package sqlstore

import (
	"context"
	"database/sql"
	"math"
	"sort"

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

// Clusters implements sitrep.Store. The rows come from the incidents_view
// index alone and are grouped here: grouping in SQL sorts them first,
// which costs more than the grouping; a radius filter is applied to the
// incidents, as the circle is not SQL.
func (s *Store) Clusters(ctx context.Context, f sitrep.EventFilter, cell float64) ([]sitrep.Cluster, error) {
	if cell <= 0 || cell > 360 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "cluster cell %g: want degrees above 0 and at most 360", cell)
	}
	w, err := s.filter(&f, "incidents")
	if err != nil {
		return nil, err
	}
	w.add("lat IS NOT NULL")
	rows, err := s.DB.QueryContext(ctx, s.D.Rebind(`SELECT lat, lon, sub_event_type, coalesce(fatalities, 0), id FROM incidents`+w.String()), w.args...)
	if err != nil {
		return nil, s.errf("clusters", err)
	}
	defer rows.Close()
	type acc struct {
		sitrep.Cluster
		lat, lon float64
		types    map[string]int
	}
	cells := map[[2]int]*acc{}
	// A map of the whole record reads every incident: the text columns
	// are read in place, and the id copied only when it is the cell's
	// smallest so far.
	var sub, id sql.RawBytes
	for rows.Next() {
		var lat, lon float64
		var dead int
		if err := rows.Scan(&lat, &lon, &sub, &dead, &id); err != nil {
			return nil, s.errf("clusters", err)
		}
		if f.Near != nil && gazetteer.Distance(f.Near.Lat, f.Near.Lon, lat, lon) > f.Km {
			continue
		}
		k := [2]int{int(math.Floor((lat + 90) / cell)), int(math.Floor((lon + 180) / cell))}
		a := cells[k]
		if a == nil {
			a = &acc{types: map[string]int{}}
			cells[k] = a
		}
		a.Count++
		a.Fatalities += dead
		a.lat += lat
		a.lon += lon
		a.types[sitrep.Taxonomy[string(sub)]]++
		if a.ID == "" || string(id) < a.ID {
			a.ID = string(id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf("clusters", err)
	}
	out := make([]sitrep.Cluster, 0, len(cells))
	for _, a := range cells {
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
		return out[i].Lat < out[j].Lat || out[i].Lat == out[j].Lat && out[i].Lon < out[j].Lon
	})
	return out, nil
}

// Tally implements sitrep.Store. Incidents are grouped by day and country
// in the database, in the order of the incidents_view index; with a
// radius filter they are read one by one, as the circle is not SQL.
func (s *Store) Tally(ctx context.Context, f sitrep.EventFilter) (*sitrep.Tally, error) {
	w, err := s.filter(&f, "incidents")
	if err != nil {
		return nil, err
	}
	w.add("date <> ''")
	q := "SELECT date, country_code, count(*), sum(coalesce(fatalities, 0)), sum(reports), 0, 0 FROM incidents" + w.String() + " GROUP BY date, country_code"
	if f.Near != nil {
		q = "SELECT date, country_code, 1, coalesce(fatalities, 0), reports, lat, lon FROM incidents" + w.String()
	}
	rows, err := s.DB.QueryContext(ctx, s.D.Rebind(q), w.args...)
	if err != nil {
		return nil, s.errf("tally", err)
	}
	defer rows.Close()
	days := map[string]*sitrep.DayCount{}
	countries := map[string]*sitrep.CountryCount{}
	for rows.Next() {
		var d, cc string
		var n, dead, reports int
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&d, &cc, &n, &dead, &reports, &lat, &lon); err != nil {
			return nil, s.errf("tally", err)
		}
		if f.Near != nil && (!lat.Valid || gazetteer.Distance(f.Near.Lat, f.Near.Lon, lat.Float64, lon.Float64) > f.Km) {
			continue
		}
		dc := days[d]
		if dc == nil {
			dc = &sitrep.DayCount{Date: d}
			days[d] = dc
		}
		dc.Incidents += n
		dc.Events += reports
		dc.Fatalities += dead
		c := countries[cc]
		if c == nil {
			c = &sitrep.CountryCount{CountryCode: cc}
			if gc := gazetteer.CountryByCode(cc); gc != nil {
				c.Country = gc.Name
			}
			countries[cc] = c
		}
		c.Incidents += n
		c.Fatalities += dead
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf("tally", err)
	}
	t := &sitrep.Tally{Days: []sitrep.DayCount{}, Countries: []sitrep.CountryCount{}}
	for _, d := range sortedKeys(days) {
		t.Days = append(t.Days, *days[d])
	}
	for _, c := range countries {
		t.Countries = append(t.Countries, *c)
	}
	sort.Slice(t.Countries, func(i, j int) bool {
		a, b := t.Countries[i], t.Countries[j]
		return a.Incidents > b.Incidents || a.Incidents == b.Incidents && a.CountryCode < b.CountryCode
	})
	return t, nil
}

// Changes implements sitrep.Store.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]sitrep.Change, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.DB.QueryContext(ctx, s.D.Rebind(`SELECT seq, kind, key FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`), after, limit)
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
	err := s.DB.QueryRowContext(ctx, `SELECT max(seq) FROM changes`).Scan(&seq)
	return seq.Int64, s.errf("changes", err)
}
