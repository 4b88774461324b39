package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
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
	// written; its arguments are the title, the text and the id.
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
	// Name, when set, is the database as errors name it (an SQLite
	// file's path), so that "database or disk is full" says which.
	Name string

	// stmts caches prepared statements by query text: parsing a query
	// costs more than running it on SQLite, and ingest runs the same few
	// thousands of times.
	stmts sync.Map

	// maps is what the map and the statistics read, in memory.
	maps mapCache
}

// stmt returns the prepared statement of q (written with ?).
func (s *Store) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.DB.PrepareContext(ctx, s.D.Rebind(q))
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
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
	if s.Name != "" {
		return fmt.Errorf("%s: %s: %w (database %s)", s.D.Name, op, err, s.Name)
	}
	return fmt.Errorf("%s: %s: %w", s.D.Name, op, err)
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
	return s.DB.Close()
}

// validURLs refuses a document whose article URL, or its events' copy of
// it, is not http or https (sitrep.ValidArticleURL): the record is where
// every reader finds its links, so none but web links enter it.
func validURLs(d *sitrep.Doc) error {
	if err := sitrep.ValidArticleURL(d.Article.URL); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "ingest: article %s: %v", d.Article.ID, err)
	}
	for i := range d.Events {
		if err := sitrep.ValidArticleURL(d.Events[i].Article.URL); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "ingest: article %s, event %s: %v", d.Article.ID, d.Events[i].ID, err)
		}
	}
	return nil
}

// Ingest implements sitrep.Store. A document whose URL is not http or
// https refuses the batch (EINVALID) before anything is written.
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
	for i := range docs {
		if err := validURLs(&docs[i]); err != nil {
			return nil, err
		}
	}
	in := &ingest{s: s, tx: tx, ctx: ctx, places: map[string]bool{}, incidents: map[string]bool{}, claims: map[string][]storedClaim{}, rebuild: map[string]bool{}, now: time.Now().UTC().Format(time.RFC3339)}
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
	if err := in.saveCounts(); err != nil {
		return nil, s.errf("ingest: counters", err)
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
	// claims are the claims this call added, by place; rebuild the places
	// that lost claims, whose timelines are folded again from scratch.
	claims  map[string][]storedClaim
	rebuild map[string]bool
	// now is when the call began (RFC 3339), as rows record it.
	now string
	// counted is what this call changed of each counter (counters.go).
	counted map[string]int64
}

func (in *ingest) exec(q string, args ...any) error {
	_, err := in.execN(q, args...)
	return err
}

// execN is exec that says how many rows it changed.
func (in *ingest) execN(q string, args ...any) (int64, error) {
	st, err := in.s.stmt(in.ctx, q)
	if err != nil {
		return 0, err
	}
	res, err := in.tx.StmtContext(in.ctx, st).ExecContext(in.ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (in *ingest) query(q string, args ...any) (*sql.Rows, error) {
	st, err := in.s.stmt(in.ctx, q)
	if err != nil {
		return nil, err
	}
	return in.tx.StmtContext(in.ctx, st).QueryContext(in.ctx, args...)
}

func (in *ingest) queryRow(q string, args ...any) *sql.Row {
	st, err := in.s.stmt(in.ctx, q)
	if err != nil {
		// A Row cannot carry the error; run it unprepared to get it.
		return in.tx.QueryRowContext(in.ctx, in.s.D.Rebind(q), args...)
	}
	return in.tx.StmtContext(in.ctx, st).QueryRowContext(in.ctx, args...)
}

func (in *ingest) doc(d *sitrep.Doc) (sitrep.IngestResult, error) {
	a := &d.Article
	if a.ID == "" {
		a.ID = sitrep.ArticleID(a.Text)
	}
	res := sitrep.IngestResult{ArticleID: a.ID, Status: sitrep.StatusNew}
	var n int
	if err := in.queryRow(`SELECT count(*) FROM articles WHERE id = ?`, a.ID).Scan(&n); err != nil {
		return res, err
	}
	if n > 0 {
		res.Status = sitrep.StatusDuplicate
		return res, nil
	}
	sig := fuse.Sign(a.Text)
	keys := sig.BandKeys()
	dupOf, err := in.joinStory(a, &sig, keys[:], &res)
	if err != nil {
		return res, err
	}
	events := d.Events
	if dupOf != "" {
		events = nil
	}
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.Format(sitrep.DateLayout)
	}
	text, err := encodeText(a.Text)
	if err != nil {
		return res, err
	}
	if err := in.exec(`INSERT INTO articles (id, url, title, source, published, text, length, signature, dup_of, events, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.URL, a.Title, a.Source, pub, text, len(a.Text), sig.Bytes(), nullString(dupOf), len(events), in.now); err != nil {
		return res, err
	}
	in.count(cArticles, 1)
	if dupOf != "" {
		in.count(cNearDuplicates, 1)
	}
	bandArgs := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		bandArgs = append(bandArgs, k, a.ID)
	}
	if err := in.exec(`INSERT INTO article_bands (band_key, article_id) VALUES (?, ?)`+strings.Repeat(`, (?, ?)`, len(keys)-1)+` ON CONFLICT DO NOTHING`, bandArgs...); err != nil {
		return res, err
	}
	if err := in.exec(in.s.D.IndexText, a.Title, a.Text, a.ID); err != nil {
		return res, err
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

// stored is the article that stands for a story.
type stored struct {
	id     string
	length int
}

// joinStory makes a and every stored story it is similar to a copy of
// one story, and returns the article that now stands for it ("" when a
// does). A story is a connected component of the similarity relation, as
// an incident is of fuse.Linked: similarity is not transitive, and a copy
// that joins two stories found apart makes them one. So the stories do
// not depend on the order articles arrive in, and the fullest copy of
// each (fuse.Canonical) stands for it; the others lose their events.
func (in *ingest) joinStory(a *sitrep.Article, sig *fuse.Signature, keys []int64, res *sitrep.IngestResult) (string, error) {
	found, err := in.similarStories(sig, keys)
	if err != nil || len(found) == 0 {
		return "", err
	}
	canon := stored{id: a.ID, length: len(a.Text)}
	for _, c := range found {
		if !fuse.Canonical(canon.id, canon.length, c.id, c.length) {
			canon = c
		}
	}
	for _, c := range found {
		if c.id == canon.id {
			continue
		}
		removed, err := in.dropEvents(c.id)
		if err != nil {
			return "", err
		}
		res.Events -= removed
		res.Replaced = append(res.Replaced, c.id)
		if err := in.exec(`UPDATE articles SET dup_of = ?, events = 0 WHERE id = ? OR dup_of = ?`, canon.id, c.id, c.id); err != nil {
			return "", err
		}
		// c stood for its story (similarStories returns no copy) and is a
		// copy now; its own copies were copies already.
		in.count(cNearDuplicates, 1)
	}
	if canon.id == a.ID {
		return "", nil
	}
	res.Status, res.DupOf = sitrep.StatusNearDuplicate, canon.id
	return canon.id, nil
}

// similarStories returns the articles standing for the stored stories
// with a copy similar to sig, in id order. Every stored article that
// shares a band is compared, not only those sharing the most: a cut
// would make whether two copies meet depend on which came first. Stock
// phrases make some bands common: over 20,000 synthetic articles that is
// 24 signatures read per article, up to 900 (BENCHMARKS.md), as many as
// the band rows the lookup reads anyway.
func (in *ingest) similarStories(sig *fuse.Signature, keys []int64) ([]stored, error) {
	q := `SELECT a.id, a.signature, a.dup_of FROM articles a JOIN (SELECT DISTINCT article_id FROM article_bands WHERE band_key IN (?` + strings.Repeat(", ?", len(keys)-1) + `)) c ON c.article_id = a.id`
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := in.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	canons := map[string]bool{}
	for rows.Next() {
		var id string
		var sb sql.RawBytes // read in place: most candidates are not copies
		var dup sql.NullString
		if err := rows.Scan(&id, &sb, &dup); err != nil {
			return nil, err
		}
		canon := id
		if dup.Valid {
			canon = dup.String
		}
		if canons[canon] {
			continue // its story is found already
		}
		if other, ok := fuse.ParseSignature(sb); ok && fuse.Similar(sig, &other) {
			canons[canon] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return in.lengths(slices.Sorted(maps.Keys(canons)))
}

// lengths returns the stored articles ids name, with their lengths.
func (in *ingest) lengths(ids []string) ([]stored, error) {
	out := make([]stored, len(ids))
	for i, id := range ids {
		out[i].id = id
		if err := in.queryRow(`SELECT length FROM articles WHERE id = ?`, id).Scan(&out[i].length); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// dropEvents deletes an article's events, noting what they touched.
func (in *ingest) dropEvents(articleID string) (int, error) {
	rows, err := in.query(`SELECT e.incident_id, e.place_key, c.event_id IS NOT NULL FROM events e LEFT JOIN claims c ON c.place_key = e.place_key AND c.event_id = e.id WHERE e.article_id = ?`, articleID)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var inc sql.NullString
		var place string
		var claim bool
		if err := rows.Scan(&inc, &place, &claim); err != nil {
			rows.Close()
			return 0, err
		}
		if inc.Valid {
			in.incidents[inc.String] = true
		}
		if claim {
			in.places[place] = true
			in.rebuild[place] = true
		}
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	// Events this call added for the article are gone too.
	kept := in.added[:0]
	for _, e := range in.added {
		if e.Article.ID != articleID {
			kept = append(kept, e)
		}
	}
	in.added = kept
	if err := in.exec(`DELETE FROM claims WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)`, articleID); err != nil {
		return 0, err
	}
	gone, err := in.execN(`DELETE FROM events WHERE article_id = ?`, articleID)
	in.count(cEvents, -gone)
	return n, err
}

func (in *ingest) insertEvent(e *sitrep.Event) error {
	data, err := encode(e)
	if err != nil {
		return err
	}
	var lo, hi, class, cell, lat, lon any
	if l, h, ok := fuse.Interval(e); ok {
		lo, hi, class = int64(l), int64(h), fuse.SpanClass(l, h)
	}
	cc, prec := "", ""
	if l := e.Location; l != nil {
		lat, lon, cc, cell, prec = l.Lat, l.Lon, l.CountryCode, fuse.Cell(l.Lat, l.Lon), l.Precision
	}
	m := fuse.MarkOf(e)
	if c, ok := fuse.ClaimOf(e); ok {
		// The row's own columns hold the id, type, certainty and date.
		c.EventID, c.SubEventType, c.Certainty, c.Date = "", "", "", ""
		js, err := json.Marshal(storedClaim{Claim: c, Spelling: e.Location.Text})
		if err != nil {
			return err
		}
		if err := in.exec(`INSERT INTO claims (place_key, event_id, sub_event_type, certainty, date, claim) VALUES (?, ?, ?, ?, ?, ?)`,
			m.Place, e.ID, e.SubEventType, e.Certainty, e.Date, string(js)); err != nil {
			return err
		}
		c.EventID, c.SubEventType, c.Certainty, c.Date = e.ID, e.SubEventType, e.Certainty, e.Date
		in.claims[m.Place] = append(in.claims[m.Place], storedClaim{Claim: c, Spelling: e.Location.Text, loc: e.Location})
		in.places[m.Place] = true
	}
	// A fusable event starts as an incident of its own; refuse settles
	// it before the transaction ends. Writing the id now keeps the row's
	// size when refuse rewrites it, so the row is updated in place.
	var incident any
	if m.Fusable {
		incident = e.ID
	}
	if err := in.exec(`INSERT INTO events (id, article_id, incident_id, sub_event_type, certainty, date, day_lo, day_hi, span_class, place_key, cell, name_key, precision, side1, side2, country_code, lat, lon, actors, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.Article.ID, incident, e.SubEventType, e.Certainty, e.Date, lo, hi, class, m.Place, cell, m.Name, prec, m.Side1, m.Side2, cc, lat, lon, actorKey(e.Actor1, e.Actor2), data); err != nil {
		return err
	}
	in.count(cEvents, 1)
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
	// Reports of one happening in one batch ask the same question: all
	// events are written before the first is asked, so one answer serves.
	type hood struct {
		marks     []fuse.Mark
		incidents []string
	}
	asked := map[string]hood{}
	for i := range in.added {
		e := &in.added[i]
		if !fuse.Fusable(e) {
			continue
		}
		lo, hi, _ := fuse.Interval(e)
		key := fmt.Sprint(fuse.Cell(e.Location.Lat, e.Location.Lon), fuse.NameKey(e.Location), lo, hi)
		h, ok := asked[key]
		if !ok {
			var err error
			if h.marks, h.incidents, err = in.neighbours(e); err != nil {
				return err
			}
			asked[key] = h
		}
		marks, incidents := h.marks, h.incidents
		m := fuse.MarkOf(e)
		for k := range marks {
			if m.Linked(&marks[k]) {
				in.incidents[incidents[k]] = true
			}
		}
	}
	if len(in.incidents) == 0 && len(in.added) == 0 {
		return nil
	}
	// An added event's incident is its own id until now; its neighbours
	// may be added events too.
	was := map[string]string{} // event id -> its incident before
	var members []sitrep.Event
	for _, e := range in.added {
		if fuse.Fusable(&e) {
			members = append(members, e)
			was[e.ID] = e.ID
		}
	}
	for _, id := range sortedKeys(in.incidents) {
		es, err := in.events(`SELECT data, incident_id FROM events WHERE incident_id = ?`, id)
		if err != nil {
			return err
		}
		for _, e := range es {
			if _, ok := was[e.ID]; !ok {
				members = append(members, e.Event)
			}
			was[e.ID] = id
		}
		// A removal is logged even if the incident is filed again below:
		// a reader of the log then finds it gone or changed.
		if n, err := in.execN(`DELETE FROM incidents WHERE id = ?`, id); err != nil {
			return err
		} else if n > 0 {
			in.count(cIncidents, -n)
			if err := in.change(sitrep.ChangeIncident, id); err != nil {
				return err
			}
		}
	}
	for _, comp := range fuse.Incidents(members) {
		inc := fuse.Summarize(members, comp)
		if err := in.insertIncident(&inc); err != nil {
			return err
		}
		for _, i := range comp {
			if was[members[i].ID] == inc.ID {
				continue
			}
			if err := in.exec(`UPDATE events SET incident_id = ? WHERE id = ?`, inc.ID, members[i].ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// neighbours returns the marks of the stored events that may be Linked
// to e, with their incidents: those in the cells around its place or of
// its place's name, with intervals that may overlap its own, one short
// index range per span class. Only fused events (those with an incident)
// can link.
func (in *ingest) neighbours(e *sitrep.Event) ([]fuse.Mark, []string, error) {
	lo, hi, _ := fuse.Interval(e)
	cells := fuse.Cells(e.Location.Lat, e.Location.Lon)
	var q strings.Builder
	var args []any
	for _, c := range fuse.SpanClasses {
		for _, by := range []string{"cell", "name"} {
			if q.Len() > 0 {
				q.WriteString(" UNION ALL ")
			}
			q.WriteString(`SELECT id, article_id, incident_id, sub_event_type, day_lo, day_hi, place_key, name_key, precision, lat, lon, side1, side2 FROM events WHERE `)
			if by == "cell" {
				q.WriteString(`cell IN (?` + strings.Repeat(", ?", len(cells)-1) + `)`)
				for _, cell := range cells {
					args = append(args, cell)
				}
			} else {
				q.WriteString(`name_key = ?`)
				args = append(args, fuse.NameKey(e.Location))
			}
			q.WriteString(` AND span_class = ? AND day_lo BETWEEN ? AND ? AND day_hi >= ? AND incident_id IS NOT NULL`)
			args = append(args, c, int64(lo)-int64(c), int64(hi), int64(lo))
		}
	}
	rows, err := in.query(q.String(), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var marks []fuse.Mark
	var incidents []string
	for rows.Next() {
		m := fuse.Mark{Fusable: true}
		var inc string
		var lo, hi int64
		if err := rows.Scan(&m.ID, &m.Article, &inc, &m.SubEventType, &lo, &hi, &m.Place, &m.Name, &m.Precision, &m.Lat, &m.Lon, &m.Side1, &m.Side2); err != nil {
			return nil, nil, err
		}
		m.Lo, m.Hi = fuse.Day(lo), fuse.Day(hi)
		marks = append(marks, m)
		incidents = append(incidents, inc)
	}
	return marks, incidents, rows.Err()
}

type withIncident struct {
	sitrep.Event
	incident string
}

func (in *ingest) events(q string, args ...any) ([]withIncident, error) {
	rows, err := in.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []withIncident
	for rows.Next() {
		var data []byte
		var inc sql.NullString
		if err := rows.Scan(&data, &inc); err != nil {
			return nil, err
		}
		var w withIncident
		if err := decode(data, &w.Event); err != nil {
			return nil, err
		}
		w.incident = inc.String
		out = append(out, w)
	}
	return out, rows.Err()
}

// insertIncident files an incident by the fields filters need; its
// summary is rebuilt from its events when read.
func (in *ingest) insertIncident(inc *sitrep.Incident) error {
	var lat, lon any
	cc := ""
	if inc.Location != nil {
		lat, lon, cc = inc.Location.Lat, inc.Location.Lon, inc.Location.CountryCode
	}
	var fatalities any
	if inc.Fatalities != nil {
		fatalities = *inc.Fatalities
	}
	if err := in.exec(`INSERT INTO incidents (id, sub_event_type, date, country_code, lat, lon, actors, fatalities, sources, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		inc.ID, inc.SubEventType, inc.Date, cc, lat, lon, actorKey(inc.Actor1, inc.Actor2), fatalities, inc.Sources, len(inc.Reports)); err != nil {
		return err
	}
	in.count(cIncidents, 1)
	return in.change(sitrep.ChangeIncident, inc.ID)
}

// change logs what this call changed, for the live stream; the writers'
// lock makes the log's order the commit order.
func (in *ingest) change(kind, key string) error {
	return in.exec(`INSERT INTO changes (kind, key, at) VALUES (?, ?, ?)`, kind, key, in.now)
}

// storedClaim is an event's claim as the claims table keeps it, with the
// words that named the place, which the place filter searches.
type storedClaim struct {
	fuse.Claim
	Spelling string           `json:"text,omitempty"`
	loc      *sitrep.Location // the event's place, for a new timeline
}

// control folds the claims this call added into the timelines of their
// places. A place's timeline is kept as the fold left it (fuse.Timeline),
// so the new claims are folded in without its history; a place that lost
// claims, or got a claim about a day before the last one folded, is
// folded again from all its claims. Each claim's span is written beside
// it: the spans carry no evidence, which is read back from the claims.
func (in *ingest) control() error {
	for _, place := range sortedKeys(in.places) {
		// A place counts while it has a span; a fold may give it its
		// first or, when it lost its claims, take its last.
		had, err := in.hasControl(place)
		if err != nil {
			return err
		}
		if err := in.fold(place); err != nil {
			return err
		}
		has, err := in.hasControl(place)
		if err != nil {
			return err
		}
		switch {
		case has && !had:
			in.count(cPlaces, 1)
		case had && !has:
			in.count(cPlaces, -1)
		}
	}
	return nil
}

// fold brings one place's timeline up to date with its claims.
func (in *ingest) fold(place string) error {
	var tl *fuse.Timeline
	names := ""
	if !in.rebuild[place] {
		var data []byte
		err := in.queryRow(`SELECT names, data FROM timelines WHERE place_key = ?`, place).Scan(&names, &data)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			tl = new(fuse.Timeline)
			if err := decode(data, tl); err != nil {
				return fmt.Errorf("timeline of %s: %w", place, err)
			}
		}
	}
	added := in.claims[place]
	claims := make([]fuse.Claim, len(added))
	spellings := []string{}
	for i, c := range added {
		claims[i] = c.Claim
		spellings = append(spellings, c.Spelling)
	}
	var loc *sitrep.Location
	if len(added) > 0 {
		loc = added[0].loc
	}
	var spans []sitrep.ControlSpan
	var assigned map[string]int
	var next *fuse.Timeline
	first, ok := 0, false
	if tl != nil {
		first, spans, assigned, next, ok = fuse.Fold(tl, loc, claims)
	}
	if !ok {
		all, err := in.placeClaims(place)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			if err := in.exec(`DELETE FROM control WHERE place_key = ?`, place); err != nil {
				return err
			}
			if err := in.exec(`DELETE FROM timelines WHERE place_key = ?`, place); err != nil {
				return err
			}
			if err := in.change(sitrep.ChangeControl, place); err != nil {
				return err
			}
			return nil
		}
		if loc == nil {
			es, err := in.events(`SELECT data, incident_id FROM events WHERE id = ?`, all[0].EventID)
			if err != nil || len(es) == 0 {
				return fmt.Errorf("claim %s: its event: %v", all[0].EventID, err)
			}
			loc = es[0].Location
		}
		claims = claims[:0]
		names, spellings = "", spellings[:0]
		for _, c := range all {
			claims = append(claims, c.Claim)
			spellings = append(spellings, c.Spelling)
		}
		first, spans, assigned, next, _ = fuse.Fold(nil, loc, claims)
	}
	newNames := placeNames(names, append(spellings, next.Place.Name))
	// The spans before first stand as they were; a new spelling of
	// the place is filed on all of them.
	if err := in.exec(`DELETE FROM control WHERE place_key = ? AND seq >= ?`, place, first); err != nil {
		return err
	}
	if newNames != names {
		if err := in.exec(`UPDATE control SET name = ? WHERE place_key = ?`, newNames, place); err != nil {
			return err
		}
		names = newNames
	}
	for i, sp := range spans {
		seq := first + i
		data, err := encode(&sp)
		if err != nil {
			return err
		}
		if err := in.exec(`INSERT INTO control (place_key, seq, place, name, country_code, date_from, date_to, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			place, seq, sp.Place.Name, names, sp.Place.CountryCode, sp.From, sp.To, data); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(assigned) {
		if err := in.exec(`UPDATE claims SET seq = ? WHERE place_key = ? AND event_id = ?`, assigned[id], place, id); err != nil {
			return err
		}
	}
	data, err := encode(next)
	if err != nil {
		return err
	}
	if err := in.exec(`INSERT INTO timelines (place_key, names, data) VALUES (?, ?, ?) ON CONFLICT (place_key) DO UPDATE SET names = excluded.names, data = excluded.data`, place, names, data); err != nil {
		return err
	}
	if err := in.change(sitrep.ChangeControl, place); err != nil {
		return err
	}
	return nil
}

// placeClaims reads every claim made about a place.
func (in *ingest) placeClaims(place string) ([]storedClaim, error) {
	rows, err := in.query(`SELECT event_id, sub_event_type, certainty, date, claim FROM claims WHERE place_key = ?`, place)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedClaim
	for rows.Next() {
		var id, sub, cert, date, js string
		if err := rows.Scan(&id, &sub, &cert, &date, &js); err != nil {
			return nil, err
		}
		var c storedClaim
		if err := json.Unmarshal([]byte(js), &c); err != nil {
			return nil, fmt.Errorf("claim of %s: %w", id, err)
		}
		c.EventID, c.SubEventType, c.Certainty, c.Date = id, sub, cert, date
		out = append(out, c)
	}
	return out, rows.Err()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// placeNames is what the place filter searches: the names a place goes by
// (the gazetteer's and the reports' spellings), as gazetteer keys, between
// bars; old is the list so far, which the spellings add to.
func placeNames(old string, spellings []string) string {
	seen := map[string]bool{}
	var names []string
	for _, k := range strings.Split(strings.Trim(old, "|"), "|") {
		if k != "" && !seen[k] {
			seen[k] = true
			names = append(names, k)
		}
	}
	for _, n := range spellings {
		if k := gazetteer.Key(n); k != "" && !seen[k] {
			seen[k] = true
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return "|" + strings.Join(names, "|") + "|"
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
