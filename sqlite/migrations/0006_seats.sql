-- An event or incident known only by a region or a country is drawn
-- where the area is (lat, lon: the area's own point, which the map, its
-- clusters and a view's box read) and coded at the area's seat, as ACLED
-- codes it (seat_lat, seat_lon: what a radius filter, near=, measures
-- from, as before). A NULL seat is lat, lon: a town's, a district's, and
-- rows written before, which stay drawn at the seat.
ALTER TABLE events ADD COLUMN seat_lat REAL;
ALTER TABLE events ADD COLUMN seat_lon REAL;
ALTER TABLE incidents ADD COLUMN seat_lat REAL;
ALTER TABLE incidents ADD COLUMN seat_lon REAL;
-- A radius filter reads rows whose lat or seat_lat is near.
CREATE INDEX events_seat ON events (seat_lat);
CREATE INDEX incidents_seat ON incidents (seat_lat);
