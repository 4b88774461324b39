-- Events of a kind (tolls, statements of control, displacement) are all
-- typed Other; the page asks for the newest tolls at each load, and
-- without this a kind filter read every event of the record in date
-- order to find them.
CREATE INDEX events_other ON events (date, id) WHERE sub_event_type = 'Other';
