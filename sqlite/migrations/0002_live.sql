-- The live service. An incident row also keeps its toll and its numbers
-- of sources and reports, and one index holds what the map and the
-- per-day statistics read, so they read neither the table nor events.
-- changes logs, in commit order, each incident written and each place
-- whose control was rewritten, which the live stream follows (any
-- process, any number of them) by seq.
ALTER TABLE incidents ADD COLUMN fatalities INTEGER;
ALTER TABLE incidents ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN reports INTEGER NOT NULL DEFAULT 0;
DROP INDEX incidents_date;
CREATE INDEX incidents_view ON incidents (date, country_code, lat, lon, sub_event_type, fatalities, reports, id);
CREATE TABLE changes (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	at   TEXT NOT NULL
);
