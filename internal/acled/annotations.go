// Package acled holds what reading ACLED notes as news needs and nothing
// else uses: their coders' remarks, taken out.
package acled

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/text"
)

// ACLED's coders write, inside a note, remarks meant for other coders:
// "Fatalities coded as 3", "(coded to governorate capital Sanaa)",
// "[size=no report]", "fatalities split between 3 events". No news report
// carries them, so a score that lets the extractor read them says nothing
// about news. StripAnnotations takes them out before a note is scored.
var (
	// A bracketed remark: "[size=no report]", "[coded to X]", "[1 fatality
	// split among 12 events]".
	annotBracket = regexp.MustCompile(`(?i)\s*\[[^\]]*(?:=|\bcoded\b|\bsplit\b|\bfatalit)[^\]]*(?:\]|$)`)
	// A parenthetical one: "(coded separately)", "(coded as Djibo at
	// geoprecision 3)".
	annotParen = regexp.MustCompile(`(?i)\s*\([^)]*(?:\bcoded\b|\bgeo-?precision\b|\bsplit\b|\bseparate events?\b)[^)]*\)`)
	// The word that makes a sentence's clause a coding remark: "coded"
	// anywhere, a verb of sharing out when the sentence speaks of a toll
	// shared among events or locations.
	annotWord  = regexp.MustCompile(`(?i)\b(?:coded|geo-?precision|split|spread|distributed|divided|allocated|(?:fatalities|casualties) (?:are |were )?assumed)\b`)
	annotShare = regexp.MustCompile(`(?i)\b(?:split|spread|distributed|divided|allocated)\b`)
	annotTally = regexp.MustCompile(`(?i)\b(?:fatalit|casualt|events?\b|locations?\b|villages\b|neighbou?rhoods\b|each\b|as follows\b|allocated \d)`)
)

// StripAnnotations returns an ACLED note without its coders' remarks:
// bracketed and parenthetical remarks go; in a sentence, the clause that
// holds a remark goes, and the sentence with it when the remark opens it
// ("Fatalities coded as 10."), else only from the clause to the sentence's
// end ("..., their toll coded as 10 and shared out over the two
// villages"), or only the clause when the sentence goes on after it
// ("Several gunmen, coded as 10, died in the raid").
func StripAnnotations(note string) string {
	note = annotBracket.ReplaceAllString(note, "")
	note = annotParen.ReplaceAllString(note, "")
	if !annotWord.MatchString(note) {
		return strings.TrimSpace(note)
	}
	var b strings.Builder
	for _, sp := range text.Sentences(note) {
		s := stripSentence(note[sp.Start:sp.End])
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// stripSentence removes the remark clause of one sentence, if any.
func stripSentence(s string) string {
	k := remarkAt(s)
	if k < 0 {
		return s
	}
	start := clauseStart(s, k)
	if start == 0 {
		return ""
	}
	// ", coded as 10," with the sentence going on: only the clause goes.
	if end := strings.IndexByte(s[k:], ','); end >= 0 {
		rest := s[k+end+1:]
		if remarkAt(rest) < 0 && strings.TrimSpace(strings.TrimRight(rest, ". ")) != "" {
			return strings.TrimRight(s[:start], " ,;:") + " " + strings.TrimSpace(rest)
		}
	}
	head := strings.TrimRight(s[:start], " ,;:-")
	if head == "" {
		return ""
	}
	return head + "."
}

// remarkAt returns the byte offset of the word that makes s a coding
// remark, or -1.
func remarkAt(s string) int {
	for _, loc := range annotWord.FindAllStringIndex(s, -1) {
		w := s[loc[0]:loc[1]]
		if annotShare.MatchString(w) && !annotTally.MatchString(s) {
			continue // "the group split into two factions"
		}
		return loc[0]
	}
	return -1
}

// clauseStart returns where the clause holding offset k begins: after the
// last comma, semicolon or colon before it, or at a "with" or "and" whose
// words up to the remark only name the toll ("... fought all night with
// an unspecified total coded as 6"); 0 when the clause is the sentence's
// first.
func clauseStart(s string, k int) int {
	start := strings.LastIndexAny(s[:k], ",;:")
	if start >= 0 {
		start++
	} else {
		start = 0
	}
	if m := annotTollClause.FindStringIndex(s[start:k]); m != nil && start+m[0] > 0 {
		return start + m[0]
	}
	return start
}

// annotTollClause is a "with" or "and" clause that names nothing but a
// toll, up to the remark's word.
var annotTollClause = regexp.MustCompile(`(?i)\s(?:with|and)(?:\s+(?:the|an?|unknown|unspecified|undetermined|total|number|of|reported|additional|remaining|all|other|\d+|fatalit\w*|deaths?|casualties|are|were|was|is|have|has|been))*\s*$`)
