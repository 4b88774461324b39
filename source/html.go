package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// page is what sitrep keeps of an HTML page.
type page struct {
	// Title is the headline readability found (og:title, JSON-LD, <title>
	// less the site name), else the <title>.
	Title string
	// Published is the publication date from the page's meta data; zero
	// when it gives none that parses.
	Published time.Time
	// URL is the page's canonical address (<link rel=canonical>, og:url).
	URL string
	// Site is the outlet's name (og:site_name, JSON-LD publisher).
	Site string
	// Text is the main text, cleaned, paragraphs separated by a blank line.
	Text string
}

// toUTF8 decodes an HTML page to UTF-8 the way a browser would: byte order
// mark, then the Content-Type charset, then <meta charset> in the first
// 1024 bytes, else windows-1252. One departure: a page that is valid UTF-8
// and not pure ASCII is taken as UTF-8 whatever it declares, because pages
// that say iso-8859-1 (or say nothing) and are UTF-8 are common in scraped
// news while text in a legacy charset that happens to be valid UTF-8 is
// vanishingly rare.
func toUTF8(data []byte, contentType string) []byte {
	if bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}) {
		return data[3:]
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	enc, name, _ := charset.DetermineEncoding(head, contentType)
	if name == "utf-8" {
		return data
	}
	if !strings.HasPrefix(name, "utf-16") && utf8.Valid(data) {
		// Pure ASCII decodes the same in every charset DetermineEncoding
		// can return here but the 7-bit ISO-2022 ones, which always
		// contain an escape byte.
		if bytes.IndexByte(data, 0x1b) < 0 || hasHighBit(data) {
			return data
		}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// The x/text decoders replace what they cannot decode rather than
		// fail; should one fail, the bytes as they are beat nothing, and
		// cleanText will mark what is not UTF-8.
		return data
	}
	return out
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// parseHTML extracts the article from a page already decoded to UTF-8.
func parseHTML(data []byte) (p page, err error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return page{}, err
	}
	m := readMeta(doc)
	p = page{Published: m.published, URL: m.url, Site: m.site}

	// readability is a port of a JavaScript library to a Go one and sees
	// every page on the internet; a panic in it must cost one page, not the
	// worker reading a feed.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("readability: %v", r)
		}
	}()
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, nil)
	if err != nil {
		return page{}, fmt.Errorf("readability: %w", err)
	}
	p.Title = cleanLine(art.Title())
	if p.Title == "" {
		p.Title = m.title
	}
	if p.Site == "" {
		p.Site = cleanLine(art.SiteName())
	}
	p.Title = trimSiteName(p.Title, p.Site)
	if art.Node != nil {
		p.Text = renderText(art.Node)
	}
	if p.Text == "" {
		// readability found no main text (a page too short or too odd for
		// its scoring); the body's text is better than nothing. The tree
		// was changed by readability, so parse it anew.
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return page{}, err
		}
		p.Text = renderText(findBody(doc))
	}
	return p, nil
}

// trimSiteName drops the outlet's name from a headline ("Rebels take Hama
// | Example News"). readability keeps it when the rest is four words or
// fewer, in case the separator belonged to the headline; when the page
// names its site, there is no doubt.
func trimSiteName(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok && t != "" {
			return t
		}
		if t, ok := strings.CutPrefix(title, site+sep); ok && t != "" {
			return t
		}
	}
	return title
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	if n.Parent == nil {
		return n
	}
	return nil
}

// cleanLine is cleanText for a one-line value: a title, a site name.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// meta is what the page says about itself outside its text.
type meta struct {
	// published is the best publication date found (see dateRank).
	published time.Time
	// rank is the dateRank published came from.
	rank int
	// title is the <title> text, for when readability finds none.
	title string
	// url is the canonical URL.
	url string
	// site is og:site_name.
	site string
}

// dateRank orders the places a page states its publication date, most
// trusted first. article:published_time and JSON-LD are written for
// machines and rarely wrong; a bare <time> may be the date of a related
// story or today's date in the page header, so it comes last.
var dateRank = map[string]int{
	"article:published_time":    1,
	"json-ld":                   2,
	"og:published_time":         3,
	"og:article:published_time": 3,
	"datepublished":             4, // <meta itemprop=datePublished>
	"article.published":         5,
	"parsely-pub-date":          5,
	"sailthru.date":             5,
	"dc.date.issued":            5,
	"dcterms.issued":            5,
	"dcterms.created":           5,
	"dc.date":                   5,
	"dcterms.date":              5,
	"citation_publication_date": 5,
	"pubdate":                   6,
	"publishdate":               6,
	"publish-date":              6,
	"publish_date":              6,
	"date":                      6,
	"time[pubdate]":             7,
	"time":                      8,
}

// consider keeps the date s, found at the place key, if it parses and key
// is more trusted than where the current date came from.
func (m *meta) consider(key, s string) {
	r, ok := dateRank[key]
	if !ok || (m.rank != 0 && m.rank <= r) {
		return
	}
	t, err := parseDate(s)
	if err != nil {
		return
	}
	m.published, m.rank = t, r
}

// readMeta walks the page once for its meta data. It runs before
// readability, which changes the tree and drops the scripts that hold
// JSON-LD.
func readMeta(doc *html.Node) meta {
	var m meta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop"} {
					key := strings.ToLower(strings.TrimSpace(attr(n, k)))
					if key == "" {
						continue
					}
					m.consider(key, content)
					switch key {
					case "og:url":
						if m.url == "" && isHTTP(content) {
							m.url = strings.TrimSpace(content)
						}
					case "og:site_name":
						if m.site == "" {
							m.site = cleanLine(content)
						}
					}
				}
			case atom.Link:
				if strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") && isHTTP(attr(n, "href")) {
					// The canonical link is the page's own word on its
					// address, so it wins over og:url.
					m.url = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = cleanLine(n.FirstChild.Data)
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					if d, ok := jsonLDDate(n.FirstChild.Data); ok {
						m.consider("json-ld", d)
					}
				}
				return
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					switch {
					case strings.EqualFold(attr(n, "itemprop"), "datePublished"):
						m.consider("datepublished", dt)
					case hasAttr(n, "pubdate"):
						m.consider("time[pubdate]", dt)
					default:
						m.consider("time", dt)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// jsonLDDate finds the first datePublished in a JSON-LD script, looking
// through arrays and @graph: sites nest their NewsArticle in both.
func jsonLDDate(script string) (string, bool) {
	script = strings.TrimSpace(script)
	script = strings.TrimPrefix(script, "<![CDATA[")
	script = strings.TrimSuffix(script, "]]>")
	var v any
	if err := json.Unmarshal([]byte(script), &v); err != nil {
		return "", false
	}
	var find func(v any, depth int) (string, bool)
	find = func(v any, depth int) (string, bool) {
		if depth > 8 {
			return "", false
		}
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok && s != "" {
				return s, true
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if s, ok := find(v[k], depth+1); ok {
					return s, true
				}
			}
		case []any:
			for _, e := range v {
				if s, ok := find(e, depth+1); ok {
					return s, true
				}
			}
		}
		return "", false
	}
	return find(v, 0)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

func isHTTP(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
