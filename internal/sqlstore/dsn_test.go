package sqlstore_test

import "net/url"

// withDB returns dsn with its database replaced by name.
func withDB(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	u.Path = "/" + name
	return u.String()
}
