package sqlstore

import (
	"context"
	"sync"

	"github.com/sitrep/sitrep"
)

// incCache keeps incidents as Incidents summed them up, by id, so a page
// asked for again (the newest incidents in a view, which every reader of
// the page asks for) costs its id query, not a read, decompression and
// decoding of each of its events: that was most of a list's cost, and
// under an ingest the server had no core to spare for it. Like the map
// cache it is a cache of the database, never a source: before each use it
// drops every incident the change log names since its position (an
// incident is logged whenever an ingest rewrites it), and it is emptied
// when the log has moved too far. The incidents it hands out share their
// slices: callers read them only.
type incCache struct {
	mu     sync.Mutex
	synced bool
	seq    int64 // the change log position applied
	m      map[string]sitrep.Incident
}

const (
	// maxCachedIncidents bounds the cache (a few kB each); past it an
	// arbitrary incident makes room.
	maxCachedIncidents = 16384
	// maxCachedPage is the most incidents one read may add: a bulk read
	// (an export of everything) would only push the pages out.
	maxCachedPage = 1000
)

// syncIncidents brings the incident cache up to the change log and
// returns its position: incidents read from now on are at least as new,
// and may be kept if the cache is still there when they are put.
func (s *Store) syncIncidents(ctx context.Context) (int64, error) {
	last, err := s.LastChange(ctx)
	if err != nil {
		return 0, err
	}
	c := &s.incs
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.synced && last <= c.seq:
		// Up to date, or brought further by a newer reader meanwhile.
		return c.seq, nil
	case !c.synced || last-c.seq > maxReplay:
		c.m = map[string]sitrep.Incident{}
	default:
		changes, err := s.Changes(ctx, c.seq, int(last-c.seq))
		if err != nil {
			return 0, err
		}
		for _, ch := range changes {
			if ch.Kind == sitrep.ChangeIncident {
				delete(c.m, ch.Key)
			}
		}
	}
	c.seq, c.synced = last, true
	return last, nil
}

// get returns the cached incidents of ids and the ids it lacks.
func (c *incCache) get(ids []string) (map[string]sitrep.Incident, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	found := make(map[string]sitrep.Incident, len(ids))
	var missing []string
	for _, id := range ids {
		if inc, ok := c.m[id]; ok {
			found[id] = inc
		} else {
			missing = append(missing, id)
		}
	}
	return found, missing
}

// put keeps incidents read after the cache stood at seq, unless it has
// moved since: a change applied meanwhile may be one they predate.
func (c *incCache) put(incs []sitrep.Incident, seq int64) {
	if len(incs) > maxCachedPage {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.synced || c.seq != seq {
		return
	}
	for _, inc := range incs {
		for len(c.m) >= maxCachedIncidents {
			for id := range c.m {
				delete(c.m, id)
				break
			}
		}
		c.m[inc.ID] = inc
	}
}
