package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
	// IndexText adds articles to the full-text index after their rows are
	// written: its %s is a VALUES list of rows (id, title, text), columns
	// column1 to column3 of the list.
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
	// DB is the handle writes (and the worker's queue) go through.
	DB *sql.DB
	// Read, when set, is the handle queries go through: a pool of its
	// own, so a query never waits for a connection a writer holds, and on
	// SQLite connections that cannot write. Nil reads through DB.
	Read *sql.DB
	D    *Dialect
	// Name, when set, is the database as errors name it (an SQLite
	// file's path), so that "database or disk is full" says which.
	Name string

	// stmts caches prepared statements by query text: parsing a query
	// costs more than running it on SQLite, and ingest runs the same few
	// thousands of times.
	stmts sync.Map

	// maps is what the map and the statistics read, in memory.
	maps mapCache
	// incs are incidents recently read, summed up.
	incs incCache
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
	if s.Read != nil {
		s.Read.Close()
	}
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
	prep, err := s.prepare(docs)
	if err != nil {
		return nil, err
	}
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
	in := &ingest{s: s, tx: tx, ctx: ctx, places: map[string]bool{}, incidents: map[string]bool{}, claims: map[string][]storedClaim{}, rebuild: map[string]bool{}, now: time.Now().UTC().Format(time.RFC3339)}
	in.indexText = &batched{s.D.IndexText, `(?, ?, ?)`, ", "}
	results, err := in.docs(docs, prep)
	if err != nil {
		return nil, err
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

// prepared is what ingest writes of a document that does not depend on
// the record. It is made before the writers' lock is taken, so that
// other processes' ingests run meanwhile.
type prepared struct {
	sig    fuse.Signature
	text   []byte         // the article's text, compressed
	events []sitrep.Event // the document's, each with its article's reference
	data   [][]byte       // the events, encoded
}

// prepare checks docs (validURLs), gives each article its id, and makes
// what each will write.
func (s *Store) prepare(docs []sitrep.Doc) ([]prepared, error) {
	out := make([]prepared, len(docs))
	for i := range docs {
		d, p := &docs[i], &out[i]
		if err := validURLs(d); err != nil {
			return nil, err
		}
		a := &d.Article
		if a.ID == "" {
			a.ID = sitrep.ArticleID(a.Text)
		}
		p.sig = fuse.Sign(a.Text)
		var err error
		if p.text, err = encodeText(a.Text); err != nil {
			return nil, s.errf("ingest: article "+a.ID, err)
		}
		for _, e := range d.Events {
			e.Article = a.Ref()
			data, err := encode(&e)
			if err != nil {
				return nil, s.errf("ingest: article "+a.ID, err)
			}
			p.events, p.data = append(p.events, e), append(p.data, data)
		}
	}
	return out, nil
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
	// w are the writes not yet run (batch.go), indexText the dialect's
	// full-text statement as one of them; st the near-copies the batch
	// can meet (stories.go).
	w         writes
	indexText *batched
	st        stories
}

// docs stores the batch's articles and their events; fusion and control
// follow once all are written.
func (in *ingest) docs(docs []sitrep.Doc, prep []prepared) ([]sitrep.IngestResult, error) {
	ids := make([]string, len(docs))
	var keys []any
	seen := map[int64]bool{}
	for i := range docs {
		ids[i] = docs[i].Article.ID
		for _, k := range prep[i].sig.BandKeys() {
			// Once each: a stock phrase's band, shared by a batch's
			// articles, would be read again in each chunk of the list.
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	if err := in.loadStories(ids, keys); err != nil {
		return nil, in.s.errf("ingest: read stories", err)
	}
	results := make([]sitrep.IngestResult, 0, len(docs))
	for i := range docs {
		r, err := in.doc(&docs[i].Article, &prep[i])
		if err != nil {
			return nil, in.s.errf("ingest: article "+docs[i].Article.ID, err)
		}
		results = append(results, r)
	}
	return results, nil
}

func (in *ingest) exec(q string, args ...any) error {
	_, err := in.execN(q, args...)
	return err
}

// execN is exec that says how many rows it changed. It, query and
// queryRow run the buffered writes first.
func (in *ingest) execN(q string, args ...any) (int64, error) {
	if err := in.flush(); err != nil {
		return 0, err
	}
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
	if err := in.flush(); err != nil {
		return nil, err
	}
	st, err := in.s.stmt(in.ctx, q)
	if err != nil {
		return nil, err
	}
	return in.tx.StmtContext(in.ctx, st).QueryContext(in.ctx, args...)
}

func (in *ingest) queryRow(q string, args ...any) *sql.Row {
	if err := in.flush(); err != nil {
		// A Row cannot carry the error; the failed transaction gives it.
		return in.tx.QueryRowContext(in.ctx, in.s.D.Rebind(q), args...)
	}
	st, err := in.s.stmt(in.ctx, q)
	if err != nil {
		// A Row cannot carry the error; run it unprepared to get it.
		return in.tx.QueryRowContext(in.ctx, in.s.D.Rebind(q), args...)
	}
	return in.tx.StmtContext(in.ctx, st).QueryRowContext(in.ctx, args...)
}

func (in *ingest) doc(a *sitrep.Article, p *prepared) (sitrep.IngestResult, error) {
	sig := &p.sig
	res := sitrep.IngestResult{ArticleID: a.ID, Status: sitrep.StatusNew}
	if in.st.stored[a.ID] {
		res.Status = sitrep.StatusDuplicate
		return res, nil
	}
	keys := sig.BandKeys()
	dupOf, err := in.joinStory(a, sig, keys[:], &res)
	if err != nil {
		return res, err
	}
	events := p.events
	if dupOf != "" {
		events = nil
	}
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.Format(sitrep.DateLayout)
	}
	in.add(insertArticles, a.ID, a.URL, a.Title, a.Source, pub, p.text, len(a.Text), sig.Bytes(), nullString(dupOf), len(events), in.now)
	in.st.add(a.ID, sig, keys[:], dupOf, len(a.Text))
	in.count(cArticles, 1)
	if dupOf != "" {
		in.count(cNearDuplicates, 1)
	}
	for _, k := range keys {
		in.add(insertBands, k, a.ID)
	}
	in.add(in.indexText, a.ID, a.Title, a.Text)
	for i := range events {
		if err := in.insertEvent(&events[i], p.data[i]); err != nil {
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
	found := in.st.similar(sig, keys)
	if len(found) == 0 {
		return "", nil
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
		in.st.merge(c.id, canon.id)
		// c stood for its story (similar returns no copy) and is a
		// copy now; its own copies were copies already.
		in.count(cNearDuplicates, 1)
	}
	if canon.id == a.ID {
		return "", nil
	}
	res.Status, res.DupOf = sitrep.StatusNearDuplicate, canon.id
	return canon.id, nil
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

// insertEvent stores e, encoded as data.
func (in *ingest) insertEvent(e *sitrep.Event, data []byte) error {
	var lo, hi, class, cell any
	if l, h, ok := fuse.Interval(e); ok {
		lo, hi, class = int64(l), int64(h), fuse.SpanClass(l, h)
	}
	cc, prec := "", ""
	if l := e.Location; l != nil {
		cc, cell, prec = l.CountryCode, fuse.Cell(l.Lat, l.Lon), l.Precision
	}
	lat, lon, seatLat, seatLon := points(e.Location)
	m := fuse.MarkOf(e)
	if c, ok := fuse.ClaimOf(e); ok {
		// The row's own columns hold the id, type, certainty and date.
		c.EventID, c.SubEventType, c.Certainty, c.Date = "", "", "", ""
		js, err := json.Marshal(storedClaim{Claim: c, Spelling: e.Location.Text})
		if err != nil {
			return err
		}
		in.add(insertClaims, m.Place, e.ID, e.SubEventType, e.Certainty, e.Date, string(js))
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
	in.add(insertEvents, e.ID, e.Article.ID, incident, e.SubEventType, e.Certainty, e.Date, lo, hi, class, m.Place, cell, m.Name, prec, m.Side1, m.Side2, cc, lat, lon, seatLat, seatLon, actorKey(e.Actor1, e.Actor2), data)
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
	hoods, err := in.hoods()
	if err != nil {
		return err
	}
	for i := range in.added {
		e := &in.added[i]
		if !fuse.Fusable(e) {
			continue
		}
		h, m := hoods[hoodKey(e)], fuse.MarkOf(e)
		for k := range h.marks {
			if m.Linked(&h.marks[k]) {
				in.incidents[h.incidents[k]] = true
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
	touched := sortedKeys(in.incidents)
	old, err := in.incidentEvents(touched)
	if err != nil {
		return err
	}
	for _, id := range touched {
		for _, e := range old[id] {
			if _, ok := was[e.ID]; !ok {
				members = append(members, e.Event)
			}
			was[e.ID] = id
		}
	}
	if err := in.dropIncidents(touched); err != nil {
		return err
	}
	for _, comp := range fuse.Incidents(members) {
		inc := fuse.Summarize(members, comp)
		in.insertIncident(&inc)
		for _, i := range comp {
			if was[members[i].ID] != inc.ID {
				in.add(setIncident, members[i].ID, inc.ID)
			}
		}
	}
	return nil
}

// incidentEvents reads the events of the incidents ids, by incident.
func (in *ingest) incidentEvents(ids []string) (map[string][]withIncident, error) {
	out := map[string][]withIncident{}
	err := in.each(`SELECT data, incident_id FROM events WHERE incident_id IN (%s)`, anys(ids), func(r *sql.Rows) error {
		w, err := scanEvent(r)
		out[w.incident] = append(out[w.incident], w)
		return err
	})
	return out, err
}

// dropIncidents deletes the incidents ids. A removal is logged even if
// the incident is filed again: a reader of the log then finds it gone or
// changed.
func (in *ingest) dropIncidents(ids []string) error {
	var gone []string
	err := in.each(`DELETE FROM incidents WHERE id IN (%s) RETURNING id`, anys(ids), func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		gone = append(gone, id)
		return err
	})
	slices.Sort(gone)
	for _, id := range gone {
		in.change(sitrep.ChangeIncident, id)
	}
	in.count(cIncidents, -int64(len(gone)))
	return err
}

// A hood is the stored events that may be Linked to an event, with
// their incidents.
type hood struct {
	marks     []fuse.Mark
	incidents []string
}

// hoodKey is what decides an event's hood: reports of one happening in
// one batch ask the same question, and one answer serves them all.
func hoodKey(e *sitrep.Event) string {
	lo, hi, _ := fuse.Interval(e)
	return fmt.Sprint(fuse.Cells(e.Location.Lat, e.Location.Lon), fuse.NameKey(e.Location), lo, hi)
}

// hoodBatch is how many hoods one statement reads.
const hoodBatch = 32

// hoods reads the hood of every fusable event added, by hoodKey, after
// all are written (so they find each other), hoodBatch at a time.
func (in *ingest) hoods() (map[string]*hood, error) {
	out := map[string]*hood{}
	var asks []*sitrep.Event
	for i := range in.added {
		e := &in.added[i]
		if !fuse.Fusable(e) {
			continue
		}
		if k := hoodKey(e); out[k] == nil {
			out[k] = &hood{}
			asks = append(asks, e)
		}
	}
	for len(asks) > 0 {
		n := min(len(asks), hoodBatch)
		q, args := neighbourQuery(asks[:n])
		rows, err := in.query(q, args...)
		if err != nil {
			return nil, err
		}
		err = scanHoods(rows, func(k int, m fuse.Mark, inc string) {
			h := out[hoodKey(asks[k])]
			h.marks, h.incidents = append(h.marks, m), append(h.incidents, inc)
		})
		if err != nil {
			return nil, err
		}
		asks = asks[n:]
	}
	return out, nil
}

// neighbourQuery asks for the stored events that may be Linked to each
// of es, each row led by the index of its event in es: those in the cells
// around its place or of its place's name, with intervals that may
// overlap its own, one short index range per span class. Only fused
// events (those with an incident) can link. The ranges are rows of a
// VALUES list joined to the events, so that one plan, the index's,
// serves any number of them (CROSS JOIN: SQLite then keeps the list as
// the outer loop).
func neighbourQuery(es []*sitrep.Event) (string, []any) {
	const row = `(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))`
	const nameRow = `(CAST(? AS BIGINT), ?, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))`
	var byCell, byName []any
	for k, e := range es {
		lo, hi, _ := fuse.Interval(e)
		for _, c := range fuse.SpanClasses {
			days := []any{int64(c), int64(lo) - int64(c), int64(hi), int64(lo)}
			for _, cell := range fuse.Cells(e.Location.Lat, e.Location.Lon) {
				byCell = append(append(byCell, k, cell), days...)
			}
			byName = append(append(byName, k, fuse.NameKey(e.Location)), days...)
		}
	}
	list := func(row string, args []any) string {
		return strings.TrimSuffix(strings.Repeat(row+", ", len(args)/6), ", ")
	}
	const cols = `SELECT v.column1, e.id, e.article_id, e.incident_id, e.sub_event_type, e.day_lo, e.day_hi, e.place_key, e.name_key, e.precision, coalesce(e.seat_lat, e.lat), coalesce(e.seat_lon, e.lon), e.side1, e.side2 FROM (VALUES %s) AS v CROSS JOIN events e WHERE e.%s = v.column2 AND e.span_class = v.column3 AND e.day_lo BETWEEN v.column4 AND v.column5 AND e.day_hi >= v.column6 AND e.incident_id IS NOT NULL`
	q := fmt.Sprintf(cols, list(row, byCell), "cell") + " UNION ALL " + fmt.Sprintf(cols, list(nameRow, byName), "name_key")
	return q, append(byCell, byName...)
}

// scanHoods reads neighbourQuery's rows.
func scanHoods(rows *sql.Rows, found func(k int, m fuse.Mark, incident string)) error {
	defer rows.Close()
	for rows.Next() {
		m := fuse.Mark{Fusable: true}
		var k int
		var inc string
		var lo, hi int64
		if err := rows.Scan(&k, &m.ID, &m.Article, &inc, &m.SubEventType, &lo, &hi, &m.Place, &m.Name, &m.Precision, &m.Lat, &m.Lon, &m.Side1, &m.Side2); err != nil {
			return err
		}
		m.Lo, m.Hi = fuse.Day(lo), fuse.Day(hi)
		found(k, m, inc)
	}
	return rows.Err()
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
		w, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// scanEvent reads a row of (data, incident_id).
func scanEvent(rows *sql.Rows) (withIncident, error) {
	var data []byte
	var inc sql.NullString
	var w withIncident
	if err := rows.Scan(&data, &inc); err != nil {
		return w, err
	}
	w.incident = inc.String
	return w, readEvent(data, &w.Event)
}

// points returns a location's columns: lat, lon where a map draws it,
// and for a region or a country drawn at its own point, its seat, which
// radius filters measure from (nil otherwise: lat, lon is the seat).
func points(l *sitrep.Location) (lat, lon, seatLat, seatLon any) {
	if l == nil {
		return nil, nil, nil, nil
	}
	p := l.MapPoint()
	if l.Area == nil {
		return p.Lat, p.Lon, nil, nil
	}
	return p.Lat, p.Lon, l.Lat, l.Lon
}

// insertIncident files an incident by the fields filters need; its
// summary is rebuilt from its events when read.
func (in *ingest) insertIncident(inc *sitrep.Incident) {
	cc := ""
	if inc.Location != nil {
		cc = inc.Location.CountryCode
	}
	lat, lon, seatLat, seatLon := points(inc.Location)
	var fatalities any
	if inc.Fatalities != nil {
		fatalities = *inc.Fatalities
	}
	in.add(insertIncident, inc.ID, inc.SubEventType, inc.Date, cc, lat, lon, seatLat, seatLon, actorKey(inc.Actor1, inc.Actor2), fatalities, inc.Sources, len(inc.Reports))
	in.count(cIncidents, 1)
	in.change(sitrep.ChangeIncident, inc.ID)
}

// change logs what this call changed, for the live stream; the writers'
// lock makes the log's order the commit order.
func (in *ingest) change(kind, key string) {
	in.add(insertChanges, kind, key, in.now)
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
	places := sortedKeys(in.places)
	// A place counts while it has a span; a fold may give it its first
	// or, when it lost its claims, take its last.
	had, err := in.withControl(places)
	if err != nil {
		return err
	}
	kept, err := in.timelines(places)
	if err != nil {
		return err
	}
	folds := map[string]*folded{}
	var again []string
	for _, place := range places {
		f, err := in.foldKept(place, kept[place])
		if err != nil {
			return err
		}
		if f == nil {
			again = append(again, place)
		}
		folds[place] = f
	}
	all, err := in.placeClaims(again)
	if err != nil {
		return err
	}
	for _, place := range places {
		f := folds[place]
		if f == nil {
			if f, err = in.foldAll(place, all[place]); err != nil {
				return err
			}
		}
		if err := in.file(place, f); err != nil {
			return err
		}
	}
	has, err := in.withControl(places)
	if err != nil {
		return err
	}
	for _, place := range places {
		switch {
		case has[place] && !had[place]:
			in.count(cPlaces, 1)
		case had[place] && !has[place]:
			in.count(cPlaces, -1)
		}
	}
	return nil
}

// keptTimeline is a timelines row: a place's names and its fold's state.
type keptTimeline struct {
	names string
	data  []byte
}

// timelines reads the kept timelines of places.
func (in *ingest) timelines(places []string) (map[string]keptTimeline, error) {
	out := map[string]keptTimeline{}
	err := in.each(`SELECT place_key, names, data FROM timelines WHERE place_key IN (%s)`, anys(places), func(r *sql.Rows) error {
		var place string
		var t keptTimeline
		err := r.Scan(&place, &t.names, &t.data)
		out[place] = t
		return err
	})
	return out, err
}

// folded is a place's timeline brought up to date: its spans from first
// on, the span each claim is evidence of, the fold's new state, and the
// place's names and the spellings to add to them.
type folded struct {
	first     int
	spans     []sitrep.ControlSpan
	assigned  map[string]int
	next      *fuse.Timeline
	names     string
	spellings []string
}

// foldKept folds the claims this call added into the place's kept
// timeline. It returns nil when the place must be folded from all its
// claims: it has no timeline, lost claims, or got a claim about a day
// before the last one folded.
func (in *ingest) foldKept(place string, kept keptTimeline) (*folded, error) {
	added := in.claims[place]
	if in.rebuild[place] || kept.data == nil || len(added) == 0 {
		return nil, nil
	}
	tl := new(fuse.Timeline)
	if err := decode(kept.data, tl); err != nil {
		return nil, fmt.Errorf("timeline of %s: %w", place, err)
	}
	f := &folded{names: kept.names}
	claims := make([]fuse.Claim, len(added))
	for i, c := range added {
		claims[i] = c.Claim
		f.spellings = append(f.spellings, c.Spelling)
	}
	var ok bool
	if f.first, f.spans, f.assigned, f.next, ok = fuse.Fold(tl, added[0].loc, claims); !ok {
		return nil, nil
	}
	return f, nil
}

// foldAll folds a place's timeline from all its claims. A place left
// with none loses its timeline, and nil is returned.
func (in *ingest) foldAll(place string, all []storedClaim) (*folded, error) {
	if len(all) == 0 {
		if err := in.exec(`DELETE FROM control WHERE place_key = ?`, place); err != nil {
			return nil, err
		}
		if err := in.exec(`DELETE FROM timelines WHERE place_key = ?`, place); err != nil {
			return nil, err
		}
		in.change(sitrep.ChangeControl, place)
		return nil, nil
	}
	var loc *sitrep.Location
	if added := in.claims[place]; len(added) > 0 {
		loc = added[0].loc
	} else {
		es, err := in.events(`SELECT data, incident_id FROM events WHERE id = ?`, all[0].EventID)
		if err != nil || len(es) == 0 {
			return nil, fmt.Errorf("claim %s: its event: %v", all[0].EventID, err)
		}
		loc = es[0].Location
	}
	f := &folded{}
	claims := make([]fuse.Claim, len(all))
	for i, c := range all {
		claims[i] = c.Claim
		f.spellings = append(f.spellings, c.Spelling)
	}
	f.first, f.spans, f.assigned, f.next, _ = fuse.Fold(nil, loc, claims)
	return f, nil
}

// file writes a place's fold: the spans before f.first stand as they
// were; a new spelling of the place is filed on all of them. Each
// claim's span is written beside it: the spans carry no evidence, which
// is read back from the claims.
func (in *ingest) file(place string, f *folded) error {
	if f == nil {
		return nil
	}
	names := placeNames(f.names, append(f.spellings, f.next.Place.Name))
	in.add(cutControl, place, f.first)
	if names != f.names {
		in.add(renameControl, place, names)
	}
	for i, sp := range f.spans {
		data, err := encode(&sp)
		if err != nil {
			return err
		}
		in.add(insertControl, place, f.first+i, sp.Place.Name, names, sp.Place.CountryCode, sp.From, sp.To, data)
	}
	for _, id := range sortedKeys(f.assigned) {
		in.add(setClaimSpans, place, id, f.assigned[id])
	}
	data, err := encode(f.next)
	if err != nil {
		return err
	}
	in.add(saveTimelines, place, names, data)
	in.change(sitrep.ChangeControl, place)
	return nil
}

// placeClaims reads every claim made about places, by place.
func (in *ingest) placeClaims(places []string) (map[string][]storedClaim, error) {
	out := map[string][]storedClaim{}
	err := in.each(`SELECT place_key, event_id, sub_event_type, certainty, date, claim FROM claims WHERE place_key IN (%s)`, anys(places), func(r *sql.Rows) error {
		var place, js string
		var c storedClaim
		if err := r.Scan(&place, &c.EventID, &c.SubEventType, &c.Certainty, &c.Date, &js); err != nil {
			return err
		}
		id, sub, cert, date := c.EventID, c.SubEventType, c.Certainty, c.Date
		if err := json.Unmarshal([]byte(js), &c); err != nil {
			return fmt.Errorf("claim of %s: %w", id, err)
		}
		c.EventID, c.SubEventType, c.Certainty, c.Date = id, sub, cert, date
		out[place] = append(out[place], c)
		return nil
	})
	return out, err
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
