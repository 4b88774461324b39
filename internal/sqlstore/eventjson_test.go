package sqlstore

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/internal/newsgen"
)

// fullEvent has every field set, the optional ones too, with strings
// that JSON escapes or that are not ASCII.
func fullEvent(text string) sitrep.Event {
	n, d := -3, 1<<40
	return sitrep.Event{
		ID: "id" + text, EventType: "Battles", SubEventType: "Armed clash",
		Kind: sitrep.KindToll, Period: "since " + text, Plover: "ASSAULT", PloverMode: "aerial",
		Date: "2024-02-29", DatePrecision: "week", DateText: text,
		Site: "the base " + text, SiteSpan: [2]int{-1, math.MaxInt32},
		Actor1: &sitrep.Actor{Name: text, Side: "rebel", Inter: 2, Country: "SY", Text: text, Span: [2]int{4, 9}},
		Actor2: &sitrep.Actor{Name: "Civilians " + text, Side: "civilians", Inter: -7, Span: [2]int{0, 0}},
		Location: &sitrep.Location{
			Name: text, GeonameID: 170063, Lat: -36.20124, Lon: 1e-7, Admin1: text, Admin2: "b",
			Country: "Syria", CountryCode: "SY", Precision: "region",
			Area: &sitrep.Point{Lat: 1e21, Lon: -0.5}, Text: text, Span: [2]int{22, 28},
		},
		Fatalities: &n, FatalitiesText: text, Displaced: &d, DisplacedText: "thousands",
		Certainty: "claimed", Attribution: text, Trigger: text, TriggerSpan: [2]int{7, 13},
		Sentence: text + " said " + text, Span: [2]int{0, 108},
		Article: sitrep.ArticleRef{ID: "a1", URL: "https://example.org/?q=" + text, Title: text, Published: "2024-12-01", Source: text},
	}
}

// hostile are strings a JSON reader can get wrong.
var hostile = []string{
	"", "plain words", `quote " and \ backslash / slash`, "tab\tnew\nline\rcr\bbs\fff",
	"nul\x00 and \x1f", "<script>&amp;</script>", "line\u2028para\u2029sep",
	"Ḩamāh, Đà Nẵng, Київ, حلب, 北京", "emoji 🚀 and 👩‍👩‍👧", "e\u0301 combining",
	"bad utf-8 \xff\xfe here", "\ufffd replacement", "\"\"\\\\", `\u0041 written out`,
	strings.Repeat("long ", 2000),
}

// Every field of an event survives storing and reading, and reads as
// encoding/json reads it.
func TestEventRoundTrip(t *testing.T) {
	for _, text := range hostile {
		e := fullEvent(text)
		data, err := encode(&e)
		if err != nil {
			t.Fatal(err)
		}
		var got sitrep.Event
		if err := readEvent(data, &got); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		js, _ := json.Marshal(&e)
		var want sitrep.Event
		if err := json.Unmarshal(js, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q read as\n%+v\nencoding/json reads\n%+v", text, got, want)
		}
		if utf8.ValidString(text) && !reflect.DeepEqual(got, e) {
			t.Errorf("%q: the event changed on its way through the store", text)
		}
		var fast sitrep.Event
		if !parseEvent(string(js), &fast) {
			t.Errorf("%q: json.Marshal's own output left to encoding/json", text)
		}
	}
	var empty sitrep.Event
	data, _ := encode(&empty)
	var got sitrep.Event
	if err := readEvent(data, &got); err != nil || !reflect.DeepEqual(got, empty) {
		t.Errorf("the zero event read as %+v, %v", got, err)
	}
}

// Records stored before parseEvent (dict.jsonl holds some, written by
// an older sitrep; a record may also be plain JSON) read as encoding/json
// reads them.
func TestOldEventsRead(t *testing.T) {
	sc := bufio.NewScanner(bytes.NewReader(dict1))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.Contains(line, []byte(`"trigger":`)) || bytes.Contains(line, []byte(`"reports":`)) {
			continue // an incident or a control span
		}
		n++
		var want sitrep.Event
		if err := json.Unmarshal(line, &want); err != nil {
			t.Fatal(err)
		}
		compressed := zenc.EncodeAll(line, []byte{codecDict1})
		for _, data := range [][]byte{line, compressed} {
			var got sitrep.Event
			if err := readEvent(data, &got); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("stored event read as %+v (%v), want %+v", got, err, want)
			}
		}
		if !parseEvent(string(line), new(sitrep.Event)) {
			t.Errorf("an old event left to encoding/json: %s", line)
		}
	}
	if n < 5 {
		t.Fatalf("dict.jsonl gave %d events", n)
	}
}

// What parseEvent does not read is read by encoding/json, with its
// result: other cases of keys, nulls where values are, fractions for
// ints, objects met twice, unknown keys, broken records.
func TestParseEventLeavesTheRestToJSON(t *testing.T) {
	for _, js := range []string{
		`{"ID":"upper"}`, `{"id":null}`, `{"fatalities":1.0}`, `{"fatalities":1e2}`,
		`{"actor1":{"name":"a"},"actor1":{"side":"b"}}`, `{"actor1":{"name":"a"},"actor1":null,"actor1":{"side":"b"}}`,
		`{"location":{"area":{"lat":1},"area":{"lon":2}}}`, `{"new_field":[1,2,{"x":null}],"id":"x"}`,
		`{"span":[1]}`, `{"span":[1,2,3]}`, `{"span":null}`, `{"id":"lone \ud800 surrogate"}`,
		`{"id":"x"} trailing`, `{"id":"x",}`, `{"id":"bad \x ok"}`, `{"inter":"2"}`,
		`{"fatalities":99999999999999999999}`, `{"location":{"lat":1e400}}`, `{"id":"a` + "\xff" + `"}`,
		` { "id" : "spaced" , "span" : [ 1 , 2 ] } `, `null`, `{}`, `{"date":"x","date":"y"}`,
	} {
		var got, want sitrep.Event
		gotErr := unmarshalEvent([]byte(js), &got)
		wantErr := json.Unmarshal([]byte(js), &want)
		if (gotErr == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read as %+v (%v), encoding/json reads %+v (%v)", js, got, gotErr, want, wantErr)
		}
	}
}

// FuzzParseEvent: whatever parseEvent accepts, encoding/json reads the
// same way.
func FuzzParseEvent(f *testing.F) {
	for _, text := range hostile[:6] {
		e := fullEvent(text)
		js, _ := json.Marshal(&e)
		f.Add(js)
	}
	f.Add([]byte(`{"id":"x","actor1":null,"fatalities":0,"span":[-0,1]}`))
	f.Fuzz(func(t *testing.T, js []byte) {
		var got, want sitrep.Event
		if !parseEvent(string(js), &got) {
			return
		}
		if err := json.Unmarshal(js, &want); err != nil {
			t.Fatalf("parseEvent accepted what encoding/json refuses (%v): %q", err, js)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: parseEvent read %+v, encoding/json %+v", js, got, want)
		}
	})
}

// FuzzEventRoundTrip: an event of any strings and numbers reads back as
// encoding/json reads it, by parseEvent.
func FuzzEventRoundTrip(f *testing.F) {
	f.Add("Rebels", "Ḩamāh", 3, 1.5, -2.25)
	f.Add("\x00\"\\<\u2028", "\xff", -1, 1e-9, 1e300)
	f.Fuzz(func(t *testing.T, a, b string, n int, lat, lon float64) {
		if math.IsNaN(lat) || math.IsInf(lat, 0) || math.IsNaN(lon) || math.IsInf(lon, 0) {
			return // json.Marshal refuses them; no event holds one
		}
		e := fullEvent(a)
		e.Actor2.Name, e.Location.Admin2, e.Article.Title = b, b+a, a+b
		e.Fatalities, e.Actor1.Inter, e.Span[1] = &n, n, -n
		e.Location.Lat, e.Location.Lon, e.Location.Area.Lat = lat, lon, lat*lon
		js, err := json.Marshal(&e)
		if err != nil {
			t.Fatal(err)
		}
		var got, want sitrep.Event
		if !parseEvent(string(js), &got) {
			t.Fatalf("json.Marshal's output left to encoding/json: %s", js)
		}
		if err := json.Unmarshal(js, &want); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: parseEvent read %+v, encoding/json %+v (%v)", js, got, want, err)
		}
	})
}

// storedEvents are the events extraction finds in n synthetic articles,
// as stored.
func storedEvents(tb testing.TB, n int) [][]byte {
	x, err := extract.Default()
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, a := range newsgen.Articles(n, 1, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
		for _, e := range x.Extract(&a) {
			e.Article = a.Ref()
			data, err := encode(&e)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, data)
		}
	}
	return out
}

// BenchmarkDecodeEvent reads stored events: parseEvent, and
// encoding/json as decodeEvent read them before.
func BenchmarkDecodeEvent(b *testing.B) {
	events := storedEvents(b, 200)
	b.Run("parseEvent", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			var e sitrep.Event
			if err := decodeEvent(events[i%len(events)], &e); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			var e sitrep.Event
			if err := decode(events[i%len(events)], &e); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("zstd_alone", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 4096)
		for i := 0; b.Loop(); i++ {
			if _, err := plain(events[i%len(events)], buf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// fullEvent sets every field of an event, so that a field added to
// sitrep.Event without a place in parseEvent fails the round trip
// instead of sending every record to encoding/json unnoticed.
func TestFullEventSetsEveryField(t *testing.T) {
	var unset func(v reflect.Value, path string)
	unset = func(v reflect.Value, path string) {
		if path == "Event.Actor2" {
			return // the same type as Actor1, left with zero values on purpose
		}
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				t.Errorf("fullEvent leaves %s unset", path)
				return
			}
			unset(v.Elem(), path)
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				unset(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		default:
			if v.IsZero() {
				t.Errorf("fullEvent leaves %s unset", path)
			}
		}
	}
	unset(reflect.ValueOf(fullEvent("x")), "Event")
}
