package server

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/sitrep/sitrep"
)

// feedStore is the store's feed list, when it keeps one.
func (s *Server) feedStore() (sitrep.FeedStore, error) {
	fs, ok := s.st.(sitrep.FeedStore)
	if !ok {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "this store keeps no feeds")
	}
	return fs, nil
}

func (s *Server) feeds(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	fs, err := s.feedStore()
	if err != nil {
		return err
	}
	list, err := fs.Feeds(r.Context())
	if err != nil {
		return err
	}
	if list == nil {
		list = []sitrep.Feed{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"feeds": list})
}

// addFeed adds the feed in the body, {"url": URL, "every": "15m"}; every
// is optional.
func (s *Server) addFeed(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	fs, err := s.feedStore()
	if err != nil {
		return err
	}
	var body struct {
		URL   string `json:"url"`
		Every string `json:"every"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		if err == io.EOF {
			return sitrep.Errorf(sitrep.EINVALID, `body: want {"url": "https://...", "every": "15m"}`)
		}
		if _, tooBig := err.(*http.MaxBytesError); tooBig {
			return err
		}
		return sitrep.Errorf(sitrep.EINVALID, "body: %v", err)
	}
	var every time.Duration
	if body.Every != "" {
		if every, err = time.ParseDuration(body.Every); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "every: %q is not a duration (like 15m or 1h)", body.Every)
		}
	}
	f, err := fs.AddFeed(r.Context(), body.URL, every)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, f)
}

func (s *Server) removeFeed(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r, "url")
	if err != nil {
		return err
	}
	fs, err := s.feedStore()
	if err != nil {
		return err
	}
	if q.Get("url") == "" {
		return sitrep.Errorf(sitrep.EINVALID, "url: missing (the feed to remove)")
	}
	if err := fs.RemoveFeed(r.Context(), q.Get("url")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
