-- The live service. An incident row also keeps its toll and number of
-- sources, so the map and the per-day statistics read one table; changes
-- logs, in commit order, each incident written and each place whose
-- control was rewritten, which the live stream follows (any process, any
-- number of them) by seq.
ALTER TABLE incidents ADD COLUMN fatalities INTEGER;
ALTER TABLE incidents ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
CREATE TABLE changes (
	seq  BIGSERIAL PRIMARY KEY,
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	at   TEXT NOT NULL
);
