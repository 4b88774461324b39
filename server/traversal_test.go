package server

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestPathTraversal sends file names that climb out of the page's files
// as raw request lines (a client would clean them first): none may read a
// file beyond the page's own, whatever the encoding of the dots and
// slashes. The page's files are served from memory, and API names (a
// place, an article id) are never file names; this proves it from the
// outside.
func TestPathTraversal(t *testing.T) {
	ts := newTestServer(t, demoStore(t), Options{})
	goMod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{string(goMod[:40]), "root:x:0:0", "package server"}
	for _, target := range []string{
		"/go.mod",
		"/static.go",
		"/../go.mod",
		"/../../../../../../etc/passwd",
		"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/..%2f..%2f..%2fetc%2fpasswd",
		"/vendor/..%2f..%2fserver.go",
		"/vendor/leaflet/../../../server.go",
		"/..%5c..%5cgo.mod",
		"/%252e%252e/go.mod",
		"//etc/passwd",
		"/api/places/..%2f..%2f..%2fetc%2fpasswd",
		"/api/articles/..%2F..%2Fgo.mod",
		"/api/../../go.mod",
	} {
		status, body := rawGet(t, ts.Listener.Addr().String(), target)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("GET %s: %d, and the answer holds %q", target, status, s)
			}
		}
		if status == http.StatusOK && !strings.Contains(body, "<!doctype html") && !strings.Contains(body, "<!DOCTYPE html") {
			t.Errorf("GET %s: 200 with something other than the page: %.120q", target, body)
		}
	}
}

// rawGet sends "GET target" as written and follows no redirect.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(b)
}
