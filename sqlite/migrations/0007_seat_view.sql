-- The index the map and the lists read (0002) holds each row's seat
-- too (0006), so a radius filter (near=), which measures from the seat,
-- and a map of a period read the index alone, not the table row of every
-- incident of their dates.
DROP INDEX incidents_view;
CREATE INDEX incidents_view ON incidents (date, country_code, lat, lon, seat_lat, seat_lon, sub_event_type, fatalities, reports, id);
