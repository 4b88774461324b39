package sqlstore

import (
	"database/sql"
	"maps"
	"slices"

	"github.com/sitrep/sitrep/fuse"
)

// stories is what a batch knows of the articles its near-copy lookups
// can meet: every stored article sharing a MinHash band with one of the
// batch's (read once, for the whole batch) and the batch's own articles
// as they are stored. The batch keeps it up to date as stories merge, so
// each article meets exactly the copies a lookup in the database would.
type stories struct {
	stored map[string]bool            // ids stored, before or in this batch
	bands  map[int64][]string         // band key -> articles in it
	sigs   map[string]*fuse.Signature // article -> its signature
	dupOf  map[string]string          // article -> the one standing for its story ("" itself)
	length map[string]int             // article standing for a story -> its length
}

// loadStories reads what the batch's articles can meet: which of ids are
// stored, and the stored articles sharing one of keys.
func (in *ingest) loadStories(ids []string, keys []any) error {
	in.st = stories{stored: map[string]bool{}, bands: map[int64][]string{}, sigs: map[string]*fuse.Signature{}, dupOf: map[string]string{}, length: map[string]int{}}
	err := in.each(`SELECT id FROM articles WHERE id IN (%s)`, anys(ids), func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		in.st.stored[id] = true
		return err
	})
	if err != nil {
		return err
	}
	// The band rows first, from the index alone; then each article they
	// name once, however many of the batch's bands it shares (a stored
	// article sharing a band with the batch shares 1.3 on average).
	var more []any
	err = in.each(`SELECT band_key, article_id FROM article_bands WHERE band_key IN (%s)`, keys, func(r *sql.Rows) error {
		var key int64
		var id string
		if err := r.Scan(&key, &id); err != nil {
			return err
		}
		in.st.bands[key] = append(in.st.bands[key], id)
		if _, ok := in.st.dupOf[id]; !ok {
			in.st.dupOf[id] = ""
			more = append(more, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return in.each(`SELECT a.id, a.signature, a.dup_of, coalesce(d.length, a.length) FROM articles a LEFT JOIN articles d ON d.id = a.dup_of WHERE a.id IN (%s)`, more, func(r *sql.Rows) error {
		var id string
		var sb []byte
		var dup sql.NullString
		var n int
		if err := r.Scan(&id, &sb, &dup, &n); err != nil {
			return err
		}
		if sig, ok := fuse.ParseSignature(sb); ok {
			in.st.sigs[id] = &sig
		}
		in.st.dupOf[id] = dup.String
		in.st.length[in.st.canon(id)] = n
		return nil
	})
}

// canon is the article standing for id's story.
func (st *stories) canon(id string) string {
	if d := st.dupOf[id]; d != "" {
		return d
	}
	return id
}

// add notes an article the batch stored.
func (st *stories) add(id string, sig *fuse.Signature, keys []int64, dupOf string, length int) {
	st.stored[id] = true
	st.sigs[id] = sig
	st.dupOf[id] = dupOf
	if dupOf == "" {
		st.length[id] = length
	}
	for _, k := range keys {
		st.bands[k] = append(st.bands[k], id)
	}
}

// merge makes the story of c a copy of canon's: the database's
// UPDATE articles SET dup_of = canon WHERE id = c OR dup_of = c.
func (st *stories) merge(c, canon string) {
	for id, d := range st.dupOf {
		if id == c || d == c {
			st.dupOf[id] = canon
		}
	}
}

// similar returns the articles standing for the stories with a copy
// similar to sig, in id order. Every article that shares a band is
// compared, not only those sharing the most: a cut would make whether two
// copies meet depend on which came first. Stock phrases make some bands
// common: over 20,000 synthetic articles that is 24 signatures compared
// per article, up to 900 (BENCHMARKS.md).
func (st *stories) similar(sig *fuse.Signature, keys []int64) []stored {
	canons, seen := map[string]bool{}, map[string]bool{}
	for _, k := range keys {
		for _, id := range st.bands[k] {
			canon := st.canon(id)
			if seen[id] || canons[canon] {
				continue
			}
			seen[id] = true
			if other := st.sigs[id]; other != nil && fuse.Similar(sig, other) {
				canons[canon] = true
			}
		}
	}
	ids := slices.Sorted(maps.Keys(canons))
	out := make([]stored, len(ids))
	for i, id := range ids {
		out[i] = stored{id: id, length: st.length[id]}
	}
	return out
}
