// Package fuse turns many reports into one record. It is pure, like
// extract: the store hands it events and articles and writes back what it
// returns.
//
//   - MinHash signatures tell a syndicated copy of a story (another
//     headline, a byline, a trimmed paragraph) from a different story.
//   - Linked says whether two events describe the same happening;
//     Incidents groups events into the connected components of that
//     relation and sums each up as ACLED would code it.
//   - Control turns the territorial claims made about one place into its
//     timeline of holders.
//
// Each result is a function of the set of inputs, never of their order,
// so a store can update only what a new article touches and still get the
// answer a rebuild from scratch would give.
package fuse
