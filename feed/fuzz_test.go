package feed

import (
	"net/url"
	"testing"
)

// Feeds are outside input: whatever a server sends, Parse must not panic,
// and every item it returns must have a key and an absolute http(s) link.
func FuzzParse(f *testing.F) {
	f.Add([]byte(rss), "application/rss+xml")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link href="a"/></entry></feed>`), "")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"/x"}]}`), "application/feed+json")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><channel><item><link>\xc7</link></item></channel></rss>"), "text/xml; charset=windows-1256")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		res, err := Parse(body, contentType, "https://feeds.example/news/rss.xml")
		if err != nil {
			return
		}
		if len(res.Items) > MaxItems {
			t.Fatalf("%d items, over MaxItems", len(res.Items))
		}
		keys := map[string]bool{}
		for _, it := range res.Items {
			u, err := url.Parse(it.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("item link %q is not an absolute http(s) URL", it.URL)
			}
			if it.Key == "" || keys[it.Key] {
				t.Fatalf("item key %q empty or repeated", it.Key)
			}
			keys[it.Key] = true
		}
	})
}
