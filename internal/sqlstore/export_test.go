package sqlstore

import "github.com/sitrep/sitrep"

// IncidentQuery is the query Incidents runs for f, for tests of its plan.
func (s *Store) IncidentQuery(f *sitrep.EventFilter) (string, []any, error) {
	return s.incidentQuery(f)
}
