package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/gazetteer"
)

// Dialect is what differs between the SQL databases sitrep runs on.
type Dialect struct {
	// Name prefixes errors ("sqlite", "postgres").
	Name string
	// Rebind turns a query written with ? placeholders into the database's.
	Rebind func(string) string
	// Lock, run first in every writing transaction, serialises writers
	// across processes when the database does not already ("" for none).
	Lock string
	// IndexText adds an article to the full-text index after its row is
	// written ("" when the database keeps the index itself).
	IndexText string
	// SearchJoin and SearchWhere select the articles matching a full-text
	// query (the words, as Search returns them, are the one argument).
	SearchJoin, SearchWhere string
	// Search turns the words of a user's query (letters and digits only)
	// into the argument of SearchWhere.
	Search func(words []string) string
}

// Store is a sitrep.Store over a database/sql handle.
type Store struct {
	DB *sql.DB
	D  *Dialect
}

var _ sitrep.Store = (*Store)(nil)

func (s *Store) errf(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sitrep.Error
	if errors.As(err, &se) {
		return err
	}
	return fmt.Errorf("%s: %s: %w", s.D.Name, op, err)
}

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

// Ingest implements sitrep.Store.
func (s *Store) Ingest(ctx context.Context, docs []sitrep.Doc) ([]sitrep.IngestResult, error) {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.errf("ingest", err)
	}
	defer tx.Rollback()
	if s.D.Lock != "" {
		if _, err := tx.ExecContext(ctx, s.D.Lock); err != nil {
			return nil, s.errf("ingest: lock", err)
		}
	}
	in := &ingest{s: s, tx: tx, ctx: ctx, places: map[string]bool{}, incidents: map[string]bool{}}
	results := make([]sitrep.IngestResult, 0, len(docs))
	for i := range docs {
		r, err := in.doc(&docs[i])
		if err != nil {
			return nil, s.errf("ingest: article "+docs[i].Article.ID, err)
		}
		results = append(results, r)
	}
	if err := in.refuse(); err != nil {
		return nil, s.errf("ingest: fuse", err)
	}
	if err := in.control(); err != nil {
		return nil, s.errf("ingest: control", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.errf("ingest: commit", err)
	}
	return results, nil
}

// ingest is one Ingest call's transaction and what it has touched.
type ingest struct {
	s   *Store
	tx  *sql.Tx
	ctx context.Context
	// added are the events stored by this call; incidents the incidents
	// whose events changed; places the places whose claims changed.
	added     []sitrep.Event
	incidents map[string]bool
	places    map[string]bool
}

func (in *ingest) exec(q string, args ...any) error {
	_, err := in.tx.ExecContext(in.ctx, in.s.D.Rebind(q), args...)
	return err
}

func (in *ingest) doc(d *sitrep.Doc) (sitrep.IngestResult, error) {
	a := &d.Article
	if a.ID == "" {
		a.ID = sitrep.ArticleID(a.Text)
	}
	res := sitrep.IngestResult{ArticleID: a.ID, Status: sitrep.StatusNew}
	var n int
	if err := in.tx.QueryRowContext(in.ctx, in.s.D.Rebind(`SELECT count(*) FROM articles WHERE id = ?`), a.ID).Scan(&n); err != nil {
		return res, err
	}
	if n > 0 {
		res.Status = sitrep.StatusDuplicate
		return res, nil
	}
	sig := fuse.Sign(a.Text)
	keys := sig.BandKeys()
	canon, err := in.nearest(&sig, keys[:])
	if err != nil {
		return res, err
	}
	dupOf := ""
	if canon.id != "" {
		if fuse.Canonical(a.ID, len(a.Text), canon.id, canon.length) {
			// The fuller copy stands for the story from now on.
			removed, err := in.dropEvents(canon.id)
			if err != nil {
				return res, err
			}
			res.Events -= removed
			if err := in.exec(`UPDATE articles SET dup_of = ?, events = 0 WHERE id = ? OR dup_of = ?`, a.ID, canon.id, canon.id); err != nil {
				return res, err
			}
		} else {
			dupOf = canon.id
			res.Status, res.DupOf = sitrep.StatusNearDuplicate, canon.id
		}
	}
	events := d.Events
	if dupOf != "" {
		events = nil
	}
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.Format(sitrep.DateLayout)
	}
	if err := in.exec(`INSERT INTO articles (id, url, title, source, published, text, length, signature, dup_of, events, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.URL, a.Title, a.Source, pub, a.Text, len(a.Text), sig.Bytes(), nullString(dupOf), len(events), time.Now().UTC().Format(time.RFC3339)); err != nil {
		return res, err
	}
	for _, k := range keys {
		if err := in.exec(`INSERT INTO article_bands (band_key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, k, a.ID); err != nil {
			return res, err
		}
	}
	if in.s.D.IndexText != "" {
		if err := in.exec(in.s.D.IndexText, a.ID); err != nil {
			return res, err
		}
	}
	for i := range events {
		e := events[i]
		e.Article = a.Ref()
		if err := in.insertEvent(&e); err != nil {
			return res, err
		}
		res.Events++
	}
	return res, nil
}

// stored is a near-duplicate candidate.
type stored struct {
	id     string
	length int
}

// nearest returns the canonical article of the stored story most similar
// to sig, if any is similar enough.
func (in *ingest) nearest(sig *fuse.Signature, keys []int64) (stored, error) {
	q := `SELECT a.id, a.length, a.signature, a.dup_of FROM articles a WHERE a.id IN (SELECT article_id FROM article_bands WHERE band_key IN (?` + strings.Repeat(", ?", len(keys)-1) + `))`
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := in.tx.QueryContext(in.ctx, in.s.D.Rebind(q), args...)
	if err != nil {
		return stored{}, err
	}
	defer rows.Close()
	var bestSim float64
	var bestID, bestCanon string
	for rows.Next() {
		var id string
		var length int
		var sb []byte
		var dup sql.NullString
		if err := rows.Scan(&id, &length, &sb, &dup); err != nil {
			return stored{}, err
		}
		other, ok := fuse.ParseSignature(sb)
		if !ok {
			continue
		}
		sim := fuse.Similarity(sig, &other)
		if sim < fuse.NearLimit || sim < bestSim || sim == bestSim && id > bestID {
			continue
		}
		bestSim, bestID, bestCanon = sim, id, id
		if dup.Valid {
			bestCanon = dup.String
		}
	}
	if err := rows.Err(); err != nil || bestID == "" {
		return stored{}, err
	}
	c := stored{id: bestCanon}
	err = in.tx.QueryRowContext(in.ctx, in.s.D.Rebind(`SELECT length FROM articles WHERE id = ?`), bestCanon).Scan(&c.length)
	return c, err
}

// dropEvents deletes an article's events, noting what they touched.
func (in *ingest) dropEvents(articleID string) (int, error) {
	rows, err := in.tx.QueryContext(in.ctx, in.s.D.Rebind(`SELECT incident_id, place_key, claim FROM events WHERE article_id = ?`), articleID)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var inc sql.NullString
		var place string
		var claim int
		if err := rows.Scan(&inc, &place, &claim); err != nil {
			rows.Close()
			return 0, err
		}
		if inc.Valid {
			in.incidents[inc.String] = true
		}
		if claim != 0 {
			in.places[place] = true
		}
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, in.exec(`DELETE FROM events WHERE article_id = ?`, articleID)
}

func (in *ingest) insertEvent(e *sitrep.Event) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	var lo, hi any
	if l, h, ok := fuse.Interval(e); ok {
		lo, hi = int64(l), int64(h)
	}
	var lat, lon any
	cc, country := "", ""
	if e.Location != nil {
		lat, lon, cc, country = e.Location.Lat, e.Location.Lon, e.Location.CountryCode, e.Location.Country
	}
	claim := 0
	if fuse.IsClaim(e) {
		claim = 1
		in.places[fuse.PlaceKey(e.Location)] = true
	}
	if err := in.exec(`INSERT INTO events (id, article_id, event_type, sub_event_type, certainty, date, day_lo, day_hi, place_key, country_code, country, lat, lon, actors, claim, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.Article.ID, e.EventType, e.SubEventType, e.Certainty, e.Date, lo, hi, fuse.PlaceKey(e.Location), cc, country, lat, lon, actorKey(e.Actor1, e.Actor2), claim, string(data)); err != nil {
		return err
	}
	in.added = append(in.added, *e)
	return nil
}

// actorKey is what the actor filter searches: names and sides, lower case.
func actorKey(as ...*sitrep.Actor) string {
	var b strings.Builder
	for _, a := range as {
		if a != nil {
			b.WriteString(strings.ToLower(a.Name))
			b.WriteByte('|')
			b.WriteString(a.Side)
			b.WriteByte('|')
		}
	}
	return b.String()
}

// refuse rebuilds the incidents this call touched: those holding an event
// linked to a new one and those that lost events. The connected components
// of their events and the new ones are exactly the incidents a rebuild of
// the whole store would give there, since no other event links to them.
func (in *ingest) refuse() error {
	for i := range in.added {
		e := &in.added[i]
		if !fuse.Fusable(e) {
			continue
		}
		lo, hi, _ := fuse.Interval(e)
		dLat := fuse.SameTownKm / 111.0
		dLon := dLat / math.Max(0.05, math.Cos(e.Location.Lat*math.Pi/180))
		cands, err := in.events(`SELECT data, incident_id FROM events WHERE certainty = 'reported' AND day_lo <= ? AND day_hi >= ? AND incident_id IS NOT NULL AND (place_key = ? OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))`,
			int64(hi), int64(lo), fuse.PlaceKey(e.Location), e.Location.Lat-dLat, e.Location.Lat+dLat, e.Location.Lon-dLon, e.Location.Lon+dLon)
		if err != nil {
			return err
		}
		for _, c := range cands {
			if fuse.Linked(e, &c.Event) {
				in.incidents[c.incident] = true
			}
		}
	}
	if len(in.incidents) == 0 && len(in.added) == 0 {
		return nil
	}
	ids := keys(in.incidents)
	var members []sitrep.Event
	for _, id := range ids {
		es, err := in.events(`SELECT data, incident_id FROM events WHERE incident_id = ?`, id)
		if err != nil {
			return err
		}
		for _, e := range es {
			members = append(members, e.Event)
		}
		if err := in.exec(`DELETE FROM incidents WHERE id = ?`, id); err != nil {
			return err
		}
	}
	members = append(members, in.added...)
	for _, comp := range fuse.Incidents(members) {
		inc := fuse.Summarize(members, comp)
		if err := in.insertIncident(&inc); err != nil {
			return err
		}
		for _, i := range comp {
			if err := in.exec(`UPDATE events SET incident_id = ? WHERE id = ?`, inc.ID, members[i].ID); err != nil {
				return err
			}
		}
	}
	return nil
}

type withIncident struct {
	sitrep.Event
	incident string
}

func (in *ingest) events(q string, args ...any) ([]withIncident, error) {
	rows, err := in.tx.QueryContext(in.ctx, in.s.D.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []withIncident
	for rows.Next() {
		var data string
		var inc sql.NullString
		if err := rows.Scan(&data, &inc); err != nil {
			return nil, err
		}
		var w withIncident
		if err := json.Unmarshal([]byte(data), &w.Event); err != nil {
			return nil, err
		}
		w.incident = inc.String
		out = append(out, w)
	}
	return out, rows.Err()
}

func (in *ingest) insertIncident(inc *sitrep.Incident) error {
	data, err := json.Marshal(inc)
	if err != nil {
		return err
	}
	var lat, lon any
	cc, country := "", ""
	if inc.Location != nil {
		lat, lon, cc, country = inc.Location.Lat, inc.Location.Lon, inc.Location.CountryCode, inc.Location.Country
	}
	return in.exec(`INSERT INTO incidents (id, event_type, sub_event_type, date, country_code, country, lat, lon, actors, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		inc.ID, inc.EventType, inc.SubEventType, inc.Date, cc, country, lat, lon, actorKey(inc.Actor1, inc.Actor2), string(data))
}

// control rebuilds the timeline of every place whose claims changed.
func (in *ingest) control() error {
	for _, place := range keys(in.places) {
		es, err := in.events(`SELECT data, incident_id FROM events WHERE place_key = ? AND claim = 1`, place)
		if err != nil {
			return err
		}
		events := make([]sitrep.Event, len(es))
		for i := range es {
			events[i] = es[i].Event
		}
		if err := in.exec(`DELETE FROM control WHERE place_key = ?`, place); err != nil {
			return err
		}
		names := placeNames(events)
		for seq, sp := range fuse.Control(events) {
			data, err := json.Marshal(&sp)
			if err != nil {
				return err
			}
			if err := in.exec(`INSERT INTO control (place_key, seq, place, name, country_code, country, date_from, date_to, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				place, seq, sp.Place.Name, names, sp.Place.CountryCode, sp.Place.Country, sp.From, sp.To, string(data)); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeNames is what the place filter searches: the gazetteer's name and
// every spelling the reports used, as gazetteer keys, between bars.
func placeNames(events []sitrep.Event) string {
	seen := map[string]bool{}
	var names []string
	for i := range events {
		if l := events[i].Location; l != nil {
			for _, n := range []string{l.Name, l.Text} {
				if k := gazetteer.Key(n); k != "" && !seen[k] {
					seen[k] = true
					names = append(names, k)
				}
			}
		}
	}
	sort.Strings(names)
	return "|" + strings.Join(names, "|") + "|"
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
