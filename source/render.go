package source

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paragraphTags end a paragraph before and after them. Every block counts,
// not only <p>: headings, list items and table rows seldom end with a full
// stop, and without a blank line after them the sentence splitter would run
// them into the next sentence.
var paragraphTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true,
	atom.Blockquote: true, atom.Caption: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true,
}

// skipTags hold no text a reader sees.
var skipTags = map[atom.Atom]bool{
	atom.Audio: true, atom.Button: true, atom.Canvas: true, atom.Embed: true,
	atom.Head: true, atom.Iframe: true, atom.Math: true, atom.Noscript: true,
	atom.Object: true, atom.Script: true, atom.Select: true, atom.Style: true,
	atom.Svg: true, atom.Template: true, atom.Textarea: true, atom.Video: true,
}

// renderText returns the text under n as a reader sees it: words separated
// by single spaces, <br> as a line break, one blank line between
// paragraphs, table cells separated by a tab.
func renderText(n *html.Node) string {
	var w textWriter
	w.node(n, false)
	return cleanText(w.b.String())
}

// textWriter builds the text, holding back white space until the next word
// shows what it must be: nothing at the start, a paragraph break after a
// block, else a space.
type textWriter struct {
	b strings.Builder
	// breaks is the number of newlines owed before the next word: 2 after
	// a block, 1 after a <br>.
	breaks int
	// sep is the separator owed before the next word on the same line: a
	// space, a tab between table cells, or nothing.
	sep string
}

func (w *textWriter) node(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			w.preText(n.Data)
		} else {
			w.text(n.Data)
		}
		return
	case html.ElementNode:
		if skipTags[n.DataAtom] || hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
			return
		}
		switch {
		case n.DataAtom == atom.Br:
			w.lineBreak(1)
			return
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			w.sep = "\t"
		case n.DataAtom == atom.Pre:
			pre = true
		}
	case html.DocumentNode:
	default:
		return // comments, doctypes
	}
	block := paragraphTags[n.DataAtom]
	if block {
		w.lineBreak(2)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, pre)
	}
	if block {
		w.lineBreak(2)
	}
}

// lineBreak owes n newlines before the next word. Block breaks do not add
// up, so nested blocks still leave one blank line; two <br> in a row do,
// since pages that know no <p> separate paragraphs with them.
func (w *textWriter) lineBreak(n int) {
	w.sep = ""
	if w.b.Len() == 0 {
		return
	}
	if n == 1 {
		n = min(w.breaks+1, 2)
	}
	w.breaks = max(w.breaks, n)
}

func (w *textWriter) text(s string) {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				w.word(s[start:i])
				start = -1
			}
			if w.sep == "" {
				w.sep = " "
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		w.word(s[start:])
	}
}

// preText writes preformatted text: its lines are kept, the white space
// within them is not (a news page's <pre> is a quote, not code).
func (w *textWriter) preText(s string) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			w.lineBreak(1)
		}
		w.text(line)
	}
}

func (w *textWriter) word(s string) {
	if invisible(s) {
		// A "word" of control characters would vanish in cleanText and
		// leave the separators on either side of it doubled.
		return
	}
	if w.b.Len() > 0 {
		if w.breaks > 0 {
			w.b.WriteString("\n\n"[:w.breaks])
		} else {
			w.b.WriteString(w.sep)
		}
	}
	w.breaks, w.sep = 0, ""
	w.b.WriteString(s)
}

// invisible reports whether s is made only of what cleanText drops.
func invisible(s string) bool {
	for _, r := range s {
		if r >= ' ' && r != 0x7f && (r < 0x80 || r >= 0xa0) && r != '\uFEFF' {
			return false
		}
	}
	return true
}
