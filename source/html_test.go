package source

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// story is the body of a test page: enough paragraphs for readability to
// take the article for the main content, with the clutter a news page has
// around it.
const story = `<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/live">Live</a></nav></header>
<main><article>
<h1>Rebels take Hama</h1>
<p>Rebel forces entered the city of Hama on Thursday after days of fighting, the Syrian Observatory for Human Rights said, in the biggest blow yet to the government.</p>
<p>More than 800 people have been killed since the offensive began last week, according to the monitor, which relies on a network of sources inside the country.</p>
<h2>Fleeing Homs</h2>
<p>Residents fled Homs in cars packed with belongings, one local resident said. The United Nations warned that the number of displaced people could rise to 1.5 million.</p>
</article></main>
<aside class="related"><a href="/a">Related: Aleppo falls</a></aside>
<footer>Copyright Example News. All rights reserved.</footer>`

// storyText is what sitrep should make of story.
const storyText = `Rebel forces entered the city of Hama on Thursday after days of fighting, the Syrian Observatory for Human Rights said, in the biggest blow yet to the government.

More than 800 people have been killed since the offensive began last week, according to the monitor, which relies on a network of sources inside the country.

Fleeing Homs

Residents fled Homs in cars packed with belongings, one local resident said. The United Nations warned that the number of displaced people could rise to 1.5 million.`

func htmlPage(head, body string) string {
	return "<!DOCTYPE html>\n<html><head>" + head + "</head><body>" + body + "</body></html>"
}

func readOne(t *testing.T, in, name string, opt Options) sitrep.Article {
	t.Helper()
	arts, err := Read(strings.NewReader(in), name, opt)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	if len(arts) != 1 {
		t.Fatalf("Read(%s) = %d articles, want 1", name, len(arts))
	}
	return arts[0]
}

func TestReadHTML(t *testing.T) {
	head := `<meta charset="utf-8"><title>Rebels take Hama | Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.com/2024/12/06/hama">
<meta property="article:published_time" content="2024-12-06T10:30:00Z">`
	a := readOne(t, htmlPage(head, story), "hama.html", Options{Source: "fallback"})
	if a.Text != storyText {
		t.Errorf("Text =\n%s\nwant\n%s", a.Text, storyText)
	}
	want := sitrep.Article{
		ID:        sitrep.ArticleID(a.Text),
		URL:       "https://example.com/2024/12/06/hama",
		Title:     "Rebels take Hama",
		Published: time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC),
		Source:    "Example News",
		Text:      a.Text,
	}
	if a != want {
		t.Errorf("Read = %+v\nwant %+v", a, want)
	}
}

// Arabic test text: "The opposition took control of the city of Hama".
const arabic = "سيطرت قوات المعارضة على مدينة حماة بعد أيام من المعارك العنيفة في ريفها الشمالي."

// arabicBody is a page body around the Arabic text.
func arabicBody() string {
	return "<article><h1>حماة</h1><p>" + arabic + "</p><p>" + arabic + "</p></article>"
}

// encode encodes s, failing the test on runes the charset lacks so that a
// test page cannot silently hold question marks.
func encode(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	b, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestReadHTMLCharset(t *testing.T) {
	french := "Les rebelles sont entrés à Hama, a déclaré l’Observatoire — « une défaite » pour le régime, à 15 € le litre."
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	tests := []struct {
		name        string
		page        string
		contentType string
		wantText    string
	}{
		{
			name:     "windows-1256 Arabic page with meta charset",
			page:     htmlPage(`<meta charset="windows-1256"><title>`+encode(t, charmap.Windows1256, "حماة")+`</title>`, encode(t, charmap.Windows1256, arabicBody())),
			wantText: "حماة\n\n" + arabic + "\n\n" + arabic,
		},
		{
			name:     "windows-1256 Arabic page with http-equiv",
			page:     htmlPage(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`, encode(t, charmap.Windows1256, arabicBody())),
			wantText: "حماة\n\n" + arabic + "\n\n" + arabic,
		},
		{
			name:     "windows-1252 page with meta charset",
			page:     htmlPage(`<meta charset="windows-1252">`, encode(t, charmap.Windows1252, "<p>"+french+"</p>")),
			wantText: french,
		},
		{
			name:     "iso-8859-1 label decodes as windows-1252",
			page:     htmlPage(`<meta charset="iso-8859-1">`, encode(t, charmap.Windows1252, "<p>"+french+"</p>")),
			wantText: french,
		},
		{
			name:     "undeclared legacy page decodes as windows-1252",
			page:     htmlPage("", encode(t, charmap.Windows1252, "<p>"+french+"</p>")),
			wantText: french,
		},
		{
			name:     "utf-8 page that says iso-8859-1 is read as utf-8",
			page:     htmlPage(`<meta charset="iso-8859-1">`, "<p>"+french+"</p>"),
			wantText: french,
		},
		{
			name:     "undeclared utf-8 page with ASCII first kilobyte is utf-8",
			page:     htmlPage("<style>"+strings.Repeat("p{margin:0}\n", 100)+"</style>", "<p>"+arabic+"</p>"),
			wantText: arabic,
		},
		{
			name:        "content-type charset wins over meta",
			page:        htmlPage(`<meta charset="utf-8">`, encode(t, charmap.Windows1256, "<p>"+arabic+"</p>")),
			contentType: "text/html; charset=windows-1256",
			wantText:    arabic,
		},
		{
			name:     "utf-8 BOM wins over meta",
			page:     "\xef\xbb\xbf" + htmlPage(`<meta charset="windows-1256">`, "<p>"+arabic+"</p>"),
			wantText: arabic,
		},
		{
			name:     "utf-16 page with BOM",
			page:     encode(t, utf16le, htmlPage(`<meta charset="utf-16">`, "<p>"+arabic+"</p>")),
			wantText: arabic,
		},
		{
			name:     "invalid utf-8 in a utf-8 page becomes U+FFFD",
			page:     htmlPage(`<meta charset="utf-8">`, "<p>Hama \xff\xfe city, "+arabic+"</p>"),
			wantText: "Hama \uFFFD city, " + arabic,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readOne(t, tt.page, "page.html", Options{ContentType: tt.contentType})
			if a.Text != tt.wantText {
				t.Errorf("Text = %q\nwant   %q", a.Text, tt.wantText)
			}
		})
	}
}

func TestReadHTMLTitle(t *testing.T) {
	win := encode(t, charmap.Windows1256, "حماة")
	a := readOne(t, htmlPage(`<meta charset="windows-1256"><title>`+win+`</title>`, encode(t, charmap.Windows1256, arabicBody())), "p.html", Options{})
	if a.Title != "حماة" {
		t.Errorf("Title = %q, want %q", a.Title, "حماة")
	}
}

func TestReadHTMLPublished(t *testing.T) {
	dec6 := time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)
	dec6t := time.Date(2024, 12, 6, 10, 30, 0, 0, time.UTC)
	dec1 := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	jan1 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		head string
		body string
		want time.Time
	}{
		{"article:published_time", `<meta property="article:published_time" content="2024-12-06T10:30:00Z">`, "", dec6t},
		{"og:published_time", `<meta property="og:published_time" content="2024-12-06">`, "", dec6},
		{"itemprop datePublished on a meta tag", `<meta itemprop="datePublished" content="2024-12-06">`, "", dec6},
		{"name=pubdate", `<meta name="pubdate" content="2024-12-06">`, "", dec6},
		{"dc.date.issued", `<meta name="DC.date.issued" content="2024-12-06">`, "", dec6},
		{"JSON-LD NewsArticle", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-12-06T10:30:00Z"}</script>`, "", dec6t},
		{"JSON-LD @graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","datePublished":"2024-12-06"}]}</script>`, "", dec6},
		{"JSON-LD array", `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","datePublished":"2024-12-06"}]</script>`, "", dec6},
		{"JSON-LD in CDATA", `<script type="application/ld+json"><![CDATA[{"@type":"NewsArticle","datePublished":"2024-12-06"}]]></script>`, "", dec6},
		{"malformed JSON-LD is ignored", `<script type="application/ld+json">{"datePublished":</script><meta name="date" content="2024-12-01">`, "", dec1},
		{"time datetime", "", `<time datetime="2024-12-06">6 December</time>`, dec6},
		{"time pubdate wins over an earlier time", "", `<time datetime="2025-01-01">today</time><time pubdate datetime="2024-12-06">6 Dec</time>`, dec6},
		{"time itemprop datePublished", "", `<time datetime="2025-01-01">x</time><time itemprop="datePublished" datetime="2024-12-06">y</time>`, dec6},
		{"first time when none is marked", "", `<time datetime="2024-12-06">a</time><time datetime="2025-01-01">b</time>`, dec6},
		{"article:published_time wins over JSON-LD", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-01-01"}</script><meta property="article:published_time" content="2024-12-06">`, "", dec6},
		{"JSON-LD wins over time", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-12-06"}</script>`, `<time datetime="2025-01-01">x</time>`, dec6},
		{"RFC 1123 meta date", `<meta name="date" content="Fri, 06 Dec 2024 10:30:00 GMT">`, "", dec6t},
		{"unparseable meta date falls back to the next", `<meta property="article:published_time" content="yesterday">`, `<time datetime="2024-12-06">x</time>`, dec6},
		{"no date takes Options.Published", "", "", jan1},
		{"unparseable date alone takes Options.Published", `<meta property="article:published_time" content="soon">`, "", jan1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readOne(t, htmlPage(tt.head, tt.body+story), "page.html", Options{Published: jan1})
			if !a.Published.Equal(tt.want) {
				t.Errorf("Published = %v, want %v", a.Published, tt.want)
			}
		})
	}
}

func TestRenderText(t *testing.T) {
	tests := []struct {
		name string
		html string
		want string
	}{
		{"paragraphs are separated by a blank line", "<p>Aleppo fell.</p><p>Hama fell.</p>", "Aleppo fell.\n\nHama fell."},
		{"white space collapses", "<p>Aleppo\n   fell\t on\u00a0Friday.</p>", "Aleppo fell on Friday."},
		{"heading is its own paragraph", "<h2>Homs</h2><p>People fled.</p>", "Homs\n\nPeople fled."},
		{"list items are paragraphs", "<ul><li>Aleppo</li><li>Hama</li></ul>", "Aleppo\n\nHama"},
		{"divs are paragraphs", "<div>Aleppo fell.</div><div><div>Hama fell.</div></div>", "Aleppo fell.\n\nHama fell."},
		{"br is a line break", "<p>Aleppo<br>Hama</p>", "Aleppo\nHama"},
		{"two br are a paragraph break", "Aleppo fell.<br><br>Hama fell.", "Aleppo fell.\n\nHama fell."},
		{"inline elements do not break words", "<p>Ham<b>a</b> <a href=x>fell</a>.</p>", "Hama fell."},
		{"table cells are separated by tabs", "<table><tr><th>Town</th><th>Killed</th></tr><tr><td>Hama</td><td>12</td></tr></table>", "Town\tKilled\n\nHama\t12"},
		{"scripts and styles are dropped", "<p>Hama<script>var x = 1;</script><style>p{}</style> fell.</p>", "Hama fell."},
		{"hidden elements are dropped", `<p>Hama fell.</p><p hidden>secret</p><div aria-hidden="true">icon</div>`, "Hama fell."},
		{"pre keeps its lines", "<pre>line one\nline   two</pre>", "line one\nline two"},
		{"entities are decoded", "<p>Assad&rsquo;s forces &amp; allies</p>", "Assad’s forces & allies"},
		{"comments are dropped", "<p>Hama<!-- ad --> fell.</p>", "Hama fell."},
		{"control characters alone make no paragraph", "<p>Aleppo</p>\x03<p>\x03</p><p>Hama</p>", "Aleppo\n\nHama"},
		{"control characters alone make no word", "<p>Aleppo \x03\u0085 fell</p>", "Aleppo fell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if got := renderText(doc); got != tt.want {
				t.Errorf("renderText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestReadHTMLWithoutMainText(t *testing.T) {
	// Too short for readability's scoring: the body's text is kept.
	a := readOne(t, "<p>Aleppo fell.</p>", "-", Options{})
	if a.Text != "Aleppo fell." {
		t.Errorf("Text = %q, want %q", a.Text, "Aleppo fell.")
	}
}

func TestTrimSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Rebels take Hama | Example News", "Example News", "Rebels take Hama"},
		{"Rebels take Hama - Example News", "Example News", "Rebels take Hama"},
		{"Example News — Rebels take Hama", "Example News", "Rebels take Hama"},
		{"Rebels take Hama | Other", "Example News", "Rebels take Hama | Other"},
		{"Rebels take Hama", "", "Rebels take Hama"},
		{"Example News", "Example News", "Example News"},
	}
	for _, tt := range tests {
		if got := trimSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("trimSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}
