package sqlstore

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/sitrep/sitrep"
)

// Stored records (events, incidents, control spans) are JSON compressed
// with zstd against a preset dictionary: records of a kilobyte share their
// keys and structure but compress poorly alone, and the dictionary brings
// an event from about 950 bytes to about 340, at some 15 microseconds.
// (DEFLATE with a dictionary compresses as well but costs 50: Go's
// encoder resets large tables for every record.)
//
// dict.jsonl is records sitrep wrote for the sample reports
// (demo/corpus); a stored blob names its dictionary in its first
// byte, so dict.jsonl must never change: a new dictionary is a new file
// and a new version byte, and decode keeps reading the old ones.

//go:embed dict.jsonl
var dict1 []byte

const (
	codecJSON  = '{' // plain JSON, as a record may be written by hand
	codecDict1 = 1   // zstd with dict1
)

var (
	zenc, zdec = func() (*zstd.Encoder, *zstd.Decoder) {
		e, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderDictRaw(1, dict1),
			zstd.WithEncoderConcurrency(1), zstd.WithEncoderCRC(false), zstd.WithZeroFrames(true))
		if err != nil {
			panic(err)
		}
		d, err := zstd.NewReader(nil, zstd.WithDecoderDictRaw(1, dict1), zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(64<<20))
		if err != nil {
			panic(err)
		}
		return e, d
	}()
)

// encode returns v as a stored record.
func encode(v any) ([]byte, error) {
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1, len(js)/2+16)
	out[0] = codecDict1
	return zenc.EncodeAll(js, out), nil
}

// decode reads a stored record into v.
func decode(data []byte, v any) error {
	js, err := plain(data, nil)
	if err != nil {
		return err
	}
	return json.Unmarshal(js, v)
}

// plain returns a stored record's JSON, decompressed into dst's storage
// if it is compressed.
func plain(data, dst []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("empty record")
	}
	switch data[0] {
	case codecJSON:
		return data, nil
	case codecDict1:
		js, err := zdec.DecodeAll(data[1:], dst[:0])
		if err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		return js, nil
	}
	return nil, fmt.Errorf("record in unknown encoding %d", data[0])
}

// plainBufs hold decompressed events while they are read (unmarshalEvent
// copies what it keeps).
var plainBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// readEvent reads a stored event into e, as decode would.
func readEvent(data []byte, e *sitrep.Event) error {
	bp := plainBufs.Get().(*[]byte)
	defer plainBufs.Put(bp)
	js, err := plain(data, *bp)
	if err != nil {
		return err
	}
	if len(data) > 0 && data[0] != codecJSON && cap(js) <= 1<<16 {
		*bp = js[:0]
	}
	return unmarshalEvent(js, e)
}

// Article text is stored DEFLATE-compressed (no dictionary: a news
// article is long enough to compress on its own, to about 40%).
const codecText = 2

var textWriters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(io.Discard, flate.DefaultCompression)
	if err != nil {
		panic(err)
	}
	return w
}}

// encodeText returns text as stored.
func encodeText(text string) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(text)/2 + 16)
	b.WriteByte(codecText)
	w := textWriters.Get().(*flate.Writer)
	defer textWriters.Put(w)
	w.Reset(&b)
	if _, err := io.WriteString(w, text); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decodeText reads what encodeText stored.
func decodeText(data []byte) (string, error) {
	if len(data) == 0 || data[0] != codecText {
		return "", fmt.Errorf("article text in unknown encoding")
	}
	r := flate.NewReader(bytes.NewReader(data[1:]))
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("article text: %w", err)
	}
	return string(b), nil
}

// decodeEvent reads a stored event. An article URL that is not http or
// https, which a record stored before Ingest refused them may hold, is
// left out: no answer carries one.
func decodeEvent(data []byte, e *sitrep.Event) error {
	if err := readEvent(data, e); err != nil {
		return err
	}
	if sitrep.ValidArticleURL(e.Article.URL) != nil {
		e.Article.URL = ""
	}
	return nil
}
