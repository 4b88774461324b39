package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sitrep/sitrep"
)

// heartbeat is how often an idle stream sends a comment, so proxies and
// the client see the connection alive.
const heartbeat = 15 * time.Second

// stream sends, as Server-Sent Events, each incident ingests write
// ("incident", the incident as /api/incidents/{id} gives it) and each
// place whose control changes ("control", its latest span). Each event's
// id is the store's change seq: a client that reconnects with
// Last-Event-ID misses nothing. The stream follows the store's change log,
// so it sees what any process ingests.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	ctx := r.Context()
	cursor, err := s.st.LastChange(ctx)
	if err != nil {
		return err
	}
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n < 0 {
			return sitrep.Errorf(sitrep.EINVALID, "Last-Event-ID: %q is not a change number", id)
		}
		cursor = min(n, cursor)
	}
	rc := http.NewResponseController(w)
	// A stream outlives any write timeout the server has.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 3000\n: sitrep stream from change %d\n\n", cursor)
	if err := rc.Flush(); err != nil {
		return nil
	}
	s.metrics.streams.Add(1)
	defer s.metrics.streams.Add(-1)

	poll := time.NewTicker(s.opt.Poll)
	defer poll.Stop()
	idle := time.Now()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.done:
			return nil
		case <-poll.C:
		}
		sent, err := s.sendChanges(w, r, &cursor)
		if err != nil {
			s.opt.Log.Warn("stream: reading changes", "err", err)
		}
		if !sent && time.Since(idle) < heartbeat {
			continue
		}
		if !sent {
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		idle = time.Now()
		if err := rc.Flush(); err != nil {
			return nil // the client went away
		}
	}
}

// sendChanges writes the events for the changes after *cursor, advancing
// it, and says whether it wrote any. An incident or place changed several
// times is sent once, as it stands now.
func (s *Server) sendChanges(w http.ResponseWriter, r *http.Request, cursor *int64) (bool, error) {
	ctx := r.Context()
	changes, err := s.st.Changes(ctx, *cursor, 500)
	if err != nil || len(changes) == 0 {
		return false, err
	}
	last := map[sitrep.Change]int64{}
	for _, c := range changes {
		last[sitrep.Change{Kind: c.Kind, Key: c.Key}] = c.Seq
	}
	sent := false
	for _, c := range changes {
		if last[sitrep.Change{Kind: c.Kind, Key: c.Key}] != c.Seq {
			continue
		}
		var data any
		switch c.Kind {
		case sitrep.ChangeIncident:
			inc, err := s.st.Incident(ctx, c.Key)
			if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
				continue // merged into another incident since
			}
			if err != nil {
				return sent, err
			}
			data = inc
		case sitrep.ChangeControl:
			spans, err := s.st.Control(ctx, sitrep.ControlFilter{Key: c.Key})
			if err != nil {
				return sent, err
			}
			if len(spans) == 0 {
				continue
			}
			data = spans[len(spans)-1]
		default:
			continue
		}
		b, err := json.Marshal(data)
		if err != nil {
			return sent, err
		}
		fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", c.Seq, c.Kind, b)
		sent = true
	}
	*cursor = changes[len(changes)-1].Seq
	return sent, nil
}
