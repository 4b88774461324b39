-- The record: articles (text compressed), their events, the incidents events fuse into and
-- each place's control timeline. Dates are YYYY-MM-DD text; day_lo/day_hi
-- are days since 1970 bounding when an event may have happened, and
-- span_class the longest that interval may be (1, 7, 31 or 366 days), so a
-- search for events overlapping a day scans one short index range per
-- class. cell is a 0.1-degree grid cell and name_key the place's country
-- and name key: fusion looks for an event's neighbours by both, and
-- compares them by the columns up to side2 without decoding data.
-- data is the whole record, compressed (internal/sqlstore/codec.go);
-- An incident row holds only what filters need: the incident is summed
-- up from its events when read.
CREATE TABLE articles (
	id        TEXT PRIMARY KEY,
	url       TEXT NOT NULL,
	title     TEXT NOT NULL,
	source    TEXT NOT NULL,
	published TEXT NOT NULL,
	text      BYTEA NOT NULL,
	length    BIGINT NOT NULL,
	signature BYTEA NOT NULL,
	dup_of    TEXT,
	events    BIGINT NOT NULL,
	ingested  TEXT NOT NULL,
	tsv       tsvector
);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_dup_of ON articles (dup_of);
CREATE INDEX articles_published ON articles (published);

-- MinHash band keys (31 bits): articles sharing a key are near-duplicate
-- candidates.
CREATE TABLE article_bands (
	band_key   BIGINT NOT NULL,
	article_id TEXT NOT NULL,
	PRIMARY KEY (band_key, article_id)
);

CREATE TABLE events (
	id             TEXT PRIMARY KEY,
	article_id     TEXT NOT NULL,
	incident_id    TEXT,
	sub_event_type TEXT NOT NULL,
	certainty      TEXT NOT NULL,
	date           TEXT NOT NULL,
	day_lo         BIGINT,
	day_hi         BIGINT,
	span_class     BIGINT,
	place_key      TEXT NOT NULL,
	cell           BIGINT,
	name_key       TEXT NOT NULL,
	precision      TEXT NOT NULL,
	side1          TEXT NOT NULL,
	side2          TEXT NOT NULL,
	country_code   TEXT NOT NULL,
	lat            DOUBLE PRECISION,
	lon            DOUBLE PRECISION,
	actors         TEXT NOT NULL,
	data           BYTEA NOT NULL
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_cell ON events (cell, span_class, day_lo);
CREATE INDEX events_name ON events (name_key, span_class, day_lo);
CREATE INDEX events_lat ON events (lat);
CREATE INDEX events_incident ON events (incident_id);
CREATE INDEX events_article ON events (article_id);

-- What territorial events say of control (fuse.Claim as JSON, without
-- what the columns hold), kept together per place, with the span (seq in
-- control) each is evidence of, -1 for none.
CREATE TABLE claims (
	place_key      TEXT NOT NULL,
	event_id       TEXT NOT NULL,
	sub_event_type TEXT NOT NULL,
	certainty      TEXT NOT NULL,
	date           TEXT NOT NULL,
	claim          TEXT NOT NULL,
	seq            BIGINT NOT NULL DEFAULT -1,
	PRIMARY KEY (place_key, event_id)
);

-- Each place's timeline as the fold left it (fuse.Timeline, compressed),
-- so a new claim is folded in without reading the place's history; names
-- are the place's spellings, as in control.name.
CREATE TABLE timelines (
	place_key TEXT PRIMARY KEY,
	names     TEXT NOT NULL,
	data      BYTEA NOT NULL
);

CREATE TABLE incidents (
	id             TEXT PRIMARY KEY,
	sub_event_type TEXT NOT NULL,
	date           TEXT NOT NULL,
	country_code   TEXT NOT NULL,
	lat            DOUBLE PRECISION,
	lon            DOUBLE PRECISION,
	actors         TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents (date);
CREATE INDEX incidents_lat ON incidents (lat);

CREATE TABLE control (
	place_key    TEXT NOT NULL,
	seq          BIGINT NOT NULL,
	place        TEXT NOT NULL,
	name         TEXT NOT NULL,
	country_code TEXT NOT NULL,
	date_from    TEXT NOT NULL,
	date_to      TEXT NOT NULL,
	data         BYTEA NOT NULL,
	PRIMARY KEY (place_key, seq)
);
CREATE INDEX control_name ON control (name);
