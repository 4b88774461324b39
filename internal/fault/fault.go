// Package fault lets tests make sitrep fail where it should never fail,
// to check that the failure stays with the article that caused it. Nothing
// sets it outside tests.
package fault

// Extract, when set, is called with each article's text as its
// extraction starts; a test sets it to panic on the articles it chooses.
var Extract func(text string)
