package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/newsgen"
)

// places posts -n texts of -size bytes to /api/places at once, reading
// each answer to its end, and prints the statuses, bytes answered and
// times. The texts are synthetic reports, joined up to the size.
func places(args []string) error {
	fs := flag.NewFlagSet("places", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server")
	n := fs.Int("n", 32, "posts at once")
	size := fs.Int("size", 4<<20, "bytes in each post")
	format := fs.String("format", "json", "the answer's format: json, jsonl or geojson")
	fs.Parse(args)
	var text bytes.Buffer
	for _, a := range newsgen.Articles(20000, 7, start) {
		if text.Len()+len(a.Text)+2 > *size {
			break
		}
		text.WriteString(a.Text)
		text.WriteString("\n\n")
	}
	body := text.Bytes()
	type result struct {
		status int
		bytes  int64
		took   time.Duration
		err    error
	}
	res := make([]result, *n)
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.Now()
			resp, err := http.Post(*base+"/api/places?format="+*format, "text/plain; charset=utf-8", bytes.NewReader(body))
			if err != nil {
				res[i].err = err
				return
			}
			res[i].bytes, res[i].err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			res[i].status, res[i].took = resp.StatusCode, time.Since(t)
		}()
	}
	wg.Wait()
	codes := map[string]int{}
	var answered int64
	var took []time.Duration
	for _, r := range res {
		if r.err != nil {
			codes["error: "+r.err.Error()]++
			continue
		}
		codes[strconv.Itoa(r.status)]++
		answered += r.bytes
		took = append(took, r.took)
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	fmt.Printf("places: %d posts of %d bytes at once: statuses %v, %d MB answered, first done %v, last %v (wall %v)\n",
		*n, len(body), codes, answered>>20, first(took), last(took), time.Since(t0).Round(time.Millisecond))
	return nil
}

func first(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[0].Round(time.Millisecond)
}

func last(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[len(ds)-1].Round(time.Millisecond)
}

// streams opens -n live streams at once, each resuming from -from
// (Last-Event-ID; -back N: N changes before the latest), reads each until
// it has sent the change that was latest when it opened (or -duration
// passes), and prints the statuses, events and time to catch up.
func streams(args []string) error {
	fs := flag.NewFlagSet("streams", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server")
	n := fs.Int("n", 16, "streams at once")
	from := fs.Int64("from", -1, "Last-Event-ID to resume from (-1: use -back)")
	back := fs.Int64("back", 5000, "resume this many changes before the latest")
	dur := fs.Duration("duration", 5*time.Minute, "the longest a stream is read")
	fs.Parse(args)
	latest, err := latestChange(*base)
	if err != nil {
		return err
	}
	id := *from
	if id < 0 {
		id = max(0, latest-*back)
	}
	type result struct {
		status int
		events int
		took   time.Duration
		err    error
		body   string
	}
	res := make([]result, *n)
	var wg sync.WaitGroup
	ctx, cancel := context.WithTimeout(context.Background(), *dur)
	defer cancel()
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.Now()
			req, _ := http.NewRequestWithContext(ctx, "GET", *base+"/api/stream", nil)
			req.Header.Set("Last-Event-ID", strconv.FormatInt(id, 10))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				res[i].err = err
				return
			}
			defer resp.Body.Close()
			res[i].status = resp.StatusCode
			if resp.StatusCode != 200 {
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
				res[i].body = string(b)
				return
			}
			sc := bufio.NewScanner(resp.Body)
			sc.Buffer(make([]byte, 1<<20), 16<<20)
			for sc.Scan() {
				line := sc.Text()
				if v, ok := strings.CutPrefix(line, "id: "); ok {
					res[i].events++
					if seq, _ := strconv.ParseInt(v, 10, 64); seq >= latest {
						break
					}
				}
			}
			res[i].took = time.Since(t)
		}()
	}
	wg.Wait()
	codes := map[string]int{}
	events := 0
	var took []time.Duration
	note := ""
	for _, r := range res {
		if r.err != nil {
			codes["error: "+r.err.Error()]++
			continue
		}
		codes[strconv.Itoa(r.status)]++
		events += r.events
		if r.status == 200 {
			took = append(took, r.took)
		} else {
			note = strings.TrimSpace(r.body)
		}
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	fmt.Printf("streams: %d from change %d (latest %d): statuses %v, %d events, caught up first %v, last %v\n",
		*n, id, latest, codes, events, first(took), last(took))
	if note != "" {
		fmt.Printf("  refusal: %s\n", note)
	}
	return nil
}

// latestChange opens a stream without Last-Event-ID and reads the change
// it starts from in its first comment.
func latestChange(base string) (int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/stream", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), ": sitrep stream from change "); ok {
			return strconv.ParseInt(v, 10, 64)
		}
	}
	return 0, fmt.Errorf("the stream did not say where it starts (status %d)", resp.StatusCode)
}
