package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/sqlite"
)

// queryLog records the SQL a database is sent while on.
type queryLog struct {
	mu sync.Mutex
	on bool
	qs []string
}

func (l *queryLog) add(q string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.on {
		l.qs = append(l.qs, q)
	}
}

// loggedConnector opens the driver's connections wrapped, so that every
// query and statement they are sent passes through a queryLog.
type loggedConnector struct {
	d   driver.Driver
	dsn string
	log *queryLog
}

func (c loggedConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.d.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return loggedConn{conn, c.log}, nil
}

func (c loggedConnector) Driver() driver.Driver { return c.d }

type loggedConn struct {
	driver.Conn
	log *queryLog
}

func (c loggedConn) Prepare(q string) (driver.Stmt, error) {
	c.log.add(q)
	return c.Conn.Prepare(q)
}

func (c loggedConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.log.add(q)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
}

func (c loggedConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.log.add(q)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
}

func (c loggedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

// A scrape reads counters kept as rows are written: counting a table
// costs a read of all of it, which grows with the record.
func TestMetricsCountNoRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "counted.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	log := &queryLog{}
	plain := st.DB
	st.DB = sql.OpenDB(loggedConnector{plain.Driver(), "file:" + path + "?_pragma=busy_timeout(10000)&_txlock=immediate", log})
	plain.Close()
	st.Read.Close()
	st.Read = nil // reads through the logged handle too
	t.Cleanup(func() { st.Close() })
	ts := newTestServer(t, st, Options{})

	log.mu.Lock()
	log.on = true
	log.mu.Unlock()
	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	log.mu.Lock()
	defer log.mu.Unlock()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "sitrep_store_articles 0") {
		t.Fatalf("/metrics: %d\n%s", resp.StatusCode, b)
	}
	if len(log.qs) == 0 {
		t.Fatal("no query seen: the log is not wired")
	}
	for _, q := range log.qs {
		if strings.Contains(strings.ToLower(q), "count(") {
			t.Errorf("a scrape counts rows: %s", q)
		}
	}
}
