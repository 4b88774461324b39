-- What Stats reports, kept as rows are written: each ingest adds what it
-- changed here in its own transaction, so /metrics reads five numbers
-- instead of counting whole tables. Filled once from the counts.
CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	n    BIGINT NOT NULL
);
INSERT INTO counters (name, n)
SELECT 'articles', count(*) FROM articles
UNION ALL SELECT 'near_duplicates', count(*) FROM articles WHERE dup_of IS NOT NULL
UNION ALL SELECT 'events', count(*) FROM events
UNION ALL SELECT 'incidents', count(*) FROM incidents
UNION ALL SELECT 'places', count(DISTINCT place_key) FROM control;
