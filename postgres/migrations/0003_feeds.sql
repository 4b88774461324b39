-- The feeds the workers poll, and the items each has listed. An item is
-- fetched once: the poll that first sees it records it in feed_items and
-- queues its fetch in one transaction, so neither a crash nor the job
-- queue pruning its finished jobs lets it be fetched again. Times are UTC,
-- RFC 3339 with microseconds at a fixed width, so that their text order is
-- their time order; '' is never.
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	added         TEXT NOT NULL,
	every_seconds BIGINT NOT NULL,
	next_poll     TEXT NOT NULL,
	last_poll     TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	errors        BIGINT NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	items         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX feeds_next_poll ON feeds (next_poll);

-- An item's key is its guid, else its link.
CREATE TABLE feed_items (
	feed_url TEXT NOT NULL,
	item_key TEXT NOT NULL,
	seen     TEXT NOT NULL,
	PRIMARY KEY (feed_url, item_key)
);
