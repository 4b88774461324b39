package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sitrep/sitrep"
)

// heartbeat is how often an idle stream sends a comment, so proxies and
// the client see the connection alive.
const heartbeat = 15 * time.Second

// streamBatch is how many changes a stream reads at once, inside a
// slot; a stream behind by more reads the next batch at once.
const streamBatch = 100

// Refusals of the stream: too many open (503), or a resume from further
// back than it replays (410, as Kubernetes answers a watch from a
// resourceVersion it no longer keeps).
var (
	errBusy = errors.New("too many live streams")
	errGone = errors.New("too far behind")
)

// stream sends, as Server-Sent Events, each incident ingests write
// ("incident", the incident as /api/incidents/{id} gives it) and each
// place whose control changes ("control", its latest span). Each event's
// id is the store's change seq: a client that reconnects with
// Last-Event-ID misses nothing, if it is at most MaxReplay changes
// behind. The stream follows the store's change log, so it sees what any
// process ingests.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	if n := s.metrics.streams.Add(1); n > int64(s.opt.MaxStreams) {
		s.metrics.streams.Add(-1)
		w.Header().Set("Retry-After", "30")
		return fmt.Errorf("%w: %d are open, as many as this server keeps; retry later", errBusy, s.opt.MaxStreams)
	}
	defer s.metrics.streams.Add(-1)
	ctx := r.Context()
	cursor, err := s.resumeAt(r)
	if err != nil {
		return err
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 3000\n: sitrep stream from change %d\n\n", cursor)
	poll := time.NewTicker(s.opt.Poll)
	defer poll.Stop()
	idle, full := time.Now(), false
	for {
		// A stream outlives the server's write timeout, but a client
		// that stops reading is let go: a deadline for each write.
		_ = rc.SetWriteDeadline(time.Now().Add(2 * heartbeat))
		if err := rc.Flush(); err != nil {
			return nil // the client went away
		}
		if !full {
			select {
			case <-ctx.Done():
				return nil
			case <-s.done:
				return nil
			case <-poll.C:
			}
		}
		var batch []byte
		batch, full, err = s.changesAfter(r, &cursor)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.opt.Log.Warn("stream: reading changes", "err", err)
		}
		switch {
		case len(batch) > 0:
			idle = time.Now()
			if _, err := w.Write(batch); err != nil {
				return nil
			}
		case time.Since(idle) >= heartbeat:
			idle = time.Now()
			fmt.Fprint(w, ": keep-alive\n\n")
		}
	}
}

// resumeAt is the change a stream starts after: the latest, or the
// client's Last-Event-ID when it is at most MaxReplay changes behind.
// Older history is the paged API's to give, not the stream's: a replay
// from the start would read the whole record for each client.
func (s *Server) resumeAt(r *http.Request) (int64, error) {
	last, err := s.st.LastChange(r.Context())
	if err != nil {
		return 0, err
	}
	id := r.Header.Get("Last-Event-ID")
	if id == "" {
		return last, nil
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < 0 {
		return 0, sitrep.Errorf(sitrep.EINVALID, "Last-Event-ID: %q is not a change number", id)
	}
	if last-n > int64(s.opt.MaxReplay) {
		return 0, fmt.Errorf("%w: Last-Event-ID %d is %d changes behind the latest, %d; the stream replays at most %d. "+
			"Read what changed through the paged API (/api/incidents?order=newest, /api/control), then open the stream without Last-Event-ID",
			errGone, n, last-n, last, s.opt.MaxReplay)
	}
	return min(n, last), nil
}

// changesAfter reads, inside a slot (one of the streams' share), the events for the changes after
// *cursor (at most streamBatch), advancing it; full says more may
// follow. An incident or place changed several times in the batch is
// sent once, as it stands now. The events are written to a buffer, so a
// slow client never holds a slot.
func (s *Server) changesAfter(r *http.Request, cursor *int64) (events []byte, full bool, err error) {
	ctx := r.Context()
	s.metrics.waiting.Add(1)
	select {
	case s.streamSlots <- struct{}{}:
		s.metrics.waiting.Add(-1)
		defer func() { <-s.streamSlots }()
	case <-ctx.Done():
		s.metrics.waiting.Add(-1)
		return nil, false, ctx.Err()
	}
	release, err := s.slot(ctx)
	if err != nil {
		return nil, false, err
	}
	defer release()
	changes, err := s.st.Changes(ctx, *cursor, streamBatch)
	if err != nil || len(changes) == 0 {
		return nil, false, err
	}
	last := map[sitrep.Change]int64{}
	for _, c := range changes {
		last[sitrep.Change{Kind: c.Kind, Key: c.Key}] = c.Seq
	}
	var buf bytes.Buffer
	for _, c := range changes {
		if last[sitrep.Change{Kind: c.Kind, Key: c.Key}] != c.Seq {
			continue
		}
		data, err := s.changed(r, c)
		if err != nil {
			return buf.Bytes(), false, err
		}
		if data == nil {
			continue
		}
		b, err := json.Marshal(data)
		if err != nil {
			return buf.Bytes(), false, err
		}
		fmt.Fprintf(&buf, "id: %d\nevent: %s\ndata: %s\n\n", c.Seq, c.Kind, b)
	}
	*cursor = changes[len(changes)-1].Seq
	return buf.Bytes(), len(changes) == streamBatch, nil
}

// changed is what a change's event sends: the incident as it stands, or
// the place's latest span (read alone, not the place's history); nil
// when there is nothing to send any more.
func (s *Server) changed(r *http.Request, c sitrep.Change) (any, error) {
	switch c.Kind {
	case sitrep.ChangeIncident:
		inc, err := s.st.Incident(r.Context(), c.Key)
		if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
			return nil, nil // merged into another incident since
		}
		return inc, err
	case sitrep.ChangeControl:
		spans, err := s.st.Control(r.Context(), sitrep.ControlFilter{Key: c.Key, Latest: true})
		if err != nil || len(spans) == 0 {
			return nil, err
		}
		return spans[len(spans)-1], nil
	}
	return nil, nil
}
