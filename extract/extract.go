// Package extract turns a news report into the conflict events it asserts:
// typed in ACLED's taxonomy, with actors, place, date, human toll,
// certainty and attribution, each traceable to its sentence and byte span.
//
// Extraction is a pure function of the text, the publication date, the
// gazetteer and the lexicons: no I/O, no clock. The word lists and the rules
// that decide an event's type live in lexicon/*.txt, which a linguist can
// read and extend without touching Go.
//
// The pipeline, per article:
//
//	places (geoparse) and actors (actors) over the whole text
//	-> sentences -> tokens -> cues, modality, figures, dates, attribution
//	-> frames: the cues of a sentence that share a certainty; a sentence
//	   that only adds detail ("No fatalities were reported.") joins the
//	   frame before it
//	-> rules.txt decides each frame's sub-event type
//	-> one event per frame and place
package extract

import (
	"context"
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
	"github.com/sitrep/sitrep/internal/fault"
	"github.com/sitrep/sitrep/text"
)

// Extractor extracts events. It is safe for concurrent use.
type Extractor struct {
	lx     *Lexicon
	gaz    *gazetteer.Gazetteer
	geo    *geoparse.Parser
	actors *actors.Dict
}

// New returns an extractor over the given lexicon, gazetteer and actor
// dictionary.
func New(lx *Lexicon, g *gazetteer.Gazetteer, d *actors.Dict) *Extractor {
	return &Extractor{lx: lx, gaz: g, geo: geoparse.New(g), actors: d}
}

var defaultX struct {
	once sync.Once
	x    *Extractor
	err  error
}

// Default returns the extractor built from the embedded lexicon, gazetteer
// and actor dictionary, loading them on first use.
func Default() (*Extractor, error) {
	defaultX.once.Do(func() {
		lx, err := defaultLexicon()
		if err != nil {
			defaultX.err = err
			return
		}
		defaultX.x = New(lx, gazetteer.Default(), actors.Default())
	})
	return defaultX.x, defaultX.err
}

// WithGazetteer returns the extractor of the embedded lexicon and actor
// dictionary over g, an extension gazetteer.Open read (the villages of
// GeoNames' dumps added); nil gives Default.
func WithGazetteer(g *gazetteer.Gazetteer) (*Extractor, error) {
	if g == nil {
		return Default()
	}
	lx, err := defaultLexicon()
	if err != nil {
		return nil, err
	}
	return New(lx, g, actors.Default()), nil
}

// defaultLexicon loads the embedded lexicon once: it is read-only, and
// extractors over different gazetteers share it.
var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	sub, err := fs.Sub(lexiconFS, "lexicon")
	if err != nil {
		return nil, err
	}
	return LoadLexicon(sub)
})

// Gazetteer returns the extractor's gazetteer.
func (x *Extractor) Gazetteer() *gazetteer.Gazetteer { return x.gaz }

// Lexicon returns the extractor's lexicon.
func (x *Extractor) Lexicon() *Lexicon { return x.lx }

// Doc returns a as a store ingests it: with its id (the hash of its
// text) when it has none, and the events it reports.
func (x *Extractor) Doc(a sitrep.Article) sitrep.Doc {
	if a.ID == "" {
		a.ID = sitrep.ArticleID(a.Text)
	}
	return sitrep.Doc{Article: a, Events: x.Extract(&a)}
}

// Extract returns the events article a asserts or mentions, in the order
// of the text.
func (x *Extractor) Extract(a *sitrep.Article) []sitrep.Event {
	d := x.analyse(context.Background(), a)
	evs := d.events()
	d.release()
	return evs
}

// MaxSentenceTokens is the longest sentence the extractor reads whole. A
// news sentence runs to a few dozen words (248 tokens at most in the real
// news we measure on); a longer one is a page without full stops, a list
// or a hostile text. Some rules compare every word of a sentence with
// every other, so such a sentence is read in pieces of at most this many
// tokens (cut after the last comma or semicolon of a piece's last quarter
// when it has one), which keeps an article's cost linear in its length.
// An event whose words fall on both sides of a cut may be missed.
const MaxSentenceTokens = 1000

// DefaultTimeout is the time the commands, the worker and the service give
// one article's extraction: tens of times what the largest article they
// take needs (a sentence of 4 MB reads in under 2 s on one core), so an
// article that spends it is one the extractor cannot read, not a slow day.
const DefaultTimeout = time.Minute

// ExtractContext is Extract for text from outside: it gives up when ctx is
// done (checked between sentences and between events) and returns a panic
// as an error (*PanicError), in both cases naming the article, so that one
// article cannot sink a run. cut is the number of sentences longer than
// MaxSentenceTokens it read in pieces (CutNote says it for a reader).
func (x *Extractor) ExtractContext(ctx context.Context, a *sitrep.Article) (evs []sitrep.Event, cut int, err error) {
	defer func() {
		if r := recover(); r != nil {
			evs, cut, err = nil, 0, recovered(a, r)
		}
	}()
	d := x.analyse(ctx, a)
	evs = d.events()
	cut = d.cut
	d.release()
	return evs, cut, nil
}

// DocContext is Doc with ExtractContext's context, cut and errors.
func (x *Extractor) DocContext(ctx context.Context, a sitrep.Article) (sitrep.Doc, int, error) {
	if a.ID == "" {
		a.ID = sitrep.ArticleID(a.Text)
	}
	evs, cut, err := x.ExtractContext(ctx, &a)
	return sitrep.Doc{Article: a, Events: evs}, cut, err
}

// CutNote says for a reader that reading an article cut n sentences into
// pieces; "" when n is 0.
func CutNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d sentences longer than %d tokens read in pieces", n, MaxSentenceTokens)
}

// PanicError is a panic in reading one article: a fault of the extractor
// that this article's text brings out, which reading it again repeats.
type PanicError struct {
	Article string // the article's id, and its URL when it has one
	Value   any    // what the code panicked with
	Stack   []byte // where
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("extract: article %s: panic: %v", e.Article, e.Value)
}

// stopped is what analysis panics with when its context is done: the
// checks sit deep in the loops, and ExtractContext's recover turns it
// back into an error.
type stopped struct{ err error }

// recovered turns what ExtractContext recovered into its error.
func recovered(a *sitrep.Article, r any) error {
	if s, ok := r.(stopped); ok {
		return fmt.Errorf("extract: article %s: gave up: %w", articleName(a), s.err)
	}
	return &PanicError{Article: articleName(a), Value: r, Stack: debug.Stack()}
}

// articleName names an article in an error: its id, and its URL.
func articleName(a *sitrep.Article) string {
	id := a.ID
	if id == "" {
		id = sitrep.ArticleID(a.Text)
	}
	if a.URL != "" {
		return id + " (" + a.URL + ")"
	}
	return id
}

// check stops the analysis when its context is done.
func (d *doc) check() {
	select {
	case <-d.done:
		panic(stopped{context.Cause(d.ctx)})
	default:
	}
}

// cutLong returns spans with each sentence longer than MaxSentenceTokens
// cut into pieces (see there), counting the cuts in d.cut; spans itself
// when there is none to cut.
func (d *doc) cutLong(spans []text.Span) []text.Span {
	var out []text.Span // nil until a sentence is cut
	for i, sp := range spans {
		a := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].Start >= sp.Start })
		b := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].Start >= sp.End })
		if b-a <= MaxSentenceTokens {
			if out != nil {
				out = append(out, sp)
			}
			continue
		}
		if out == nil {
			out = append(make([]text.Span, 0, len(spans)+(b-a)/MaxSentenceTokens), spans[:i]...)
		}
		d.cut++
		for start := sp.Start; a < b; {
			e := min(a+MaxSentenceTokens, b)
			for k := e - 1; e < b && k > e-MaxSentenceTokens/4; k-- {
				if n := d.toks[k].Norm; n == "," || n == ";" {
					e = k + 1
					break
				}
			}
			end := sp.End
			if e < b {
				end = d.toks[e-1].End
			}
			out = append(out, text.Span{Start: start, End: end})
			a = e
			if a < b {
				start = d.toks[a].Start
			}
		}
	}
	if out == nil {
		return spans
	}
	return out
}

// scratch is the per-token working memory of an analysis, kept between
// articles: tokens and per-token marks are most of what extraction
// allocates, and none of it outlives the call (events point into the text,
// not into tokens).
type scratch struct {
	sents  []sent
	toks   []text.Token
	ints   []int
	bools  []bool
	starts []uint32
	actors []actors.Mention
	seq    []int // 0, 1, 2...
	// A sentence's casualty phrases and quantities (findFigures).
	phrases []phraseMatch
	qs      []qty
	// memo is what events works out once per document; parties holds a
	// sentence's actor mentions as roles reads them.
	memo    eventMemo
	parties []am
}

// sequence returns 0, 1, ..., n-1.
func (sc *scratch) sequence(n int) []int {
	for i := len(sc.seq); i < n; i++ {
		sc.seq = append(sc.seq, i)
	}
	return sc.seq[:n:n]
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Per-token slabs: d.ints holds placeAt, actorAt and each sentence's
// kindAt; d.bools each sentence's inDate, ref, cond and actAt, at the
// sentence's token offsets.
const (
	nInts  = 3
	nBools = 4
)

func (sc *scratch) take(n int) {
	if cap(sc.ints) < nInts*n {
		sc.ints = make([]int, nInts*n)
	}
	sc.ints = sc.ints[:nInts*n]
	if cap(sc.bools) < nBools*n {
		sc.bools = make([]bool, nBools*n)
	}
	sc.bools = sc.bools[:nBools*n]
	clear(sc.bools)
}

// release hands the document's working memory back for the next one.
func (d *doc) release() {
	if d.sc == nil {
		return
	}
	if cap(d.sc.toks) <= 1<<20 { // a huge article's buffers are not kept
		d.sc.toks = d.toks[:0]
		d.sc.actors = d.actors[:0]
		scratchPool.Put(d.sc)
	}
	d.sc = nil
}

// ints returns the k-th int slab for tokens [a,b).
func (d *doc) ints(k, a, b int) []int {
	n := len(d.toks)
	return d.sc.ints[k*n+a : k*n+b : k*n+b]
}

// bools returns the k-th bool slab for tokens [a,b).
func (d *doc) bools(k, a, b int) []bool {
	n := len(d.toks)
	return d.sc.bools[k*n+a : k*n+b : k*n+b]
}

// doc is an article under analysis.
type doc struct {
	x      *Extractor
	a      *sitrep.Article
	text   string
	pub    time.Time
	places []geoparse.Mention
	// outlets are the places that begin a newspaper's name ("the Kabul
	// Times"): no scene, and evidence of the text's country only when
	// nothing else is.
	outlets []geoparse.Mention
	actors  []actors.Mention
	focus   string // ISO2 of the country the article is about
	toks    []text.Token
	sc      *scratch // the working memory behind toks and the per-token marks
	// placeAt and actorAt give, per token, the index of the place or actor
	// mention covering it, or -1.
	placeAt, actorAt []int
	// inActor says, per place mention, whether it lies within an actor's
	// name (insideActor).
	inActor []bool
	// startAt gives, per token, the lexicons that may start a phrase at
	// it (Lexicon.starts).
	startAt []uint32
	// seq holds 0, 1, 2...: the indexes of the places and actors, which
	// sentences slice rather than copy.
	seq    []int
	sents  []*sent
	drafts []*draft
	// datelines are the byte spans of the text's datelines ("AMMAN
	// (Reuters) -"): where the report was filed, not where events were.
	datelines [][2]int
	// offTopic: the article is mostly about sport, business or culture
	// (domainWords).
	offTopic bool
	// ctx is the caller's; done its channel (nil: never done), read by
	// check. cut counts the sentences cut into pieces (cutLong).
	ctx  context.Context
	done <-chan struct{}
	cut  int
}

func (x *Extractor) analyse(ctx context.Context, a *sitrep.Article) *doc {
	d := &doc{x: x, a: a, text: a.Text, pub: a.Published, datelines: datelines(a.Text), ctx: ctx, done: ctx.Done()}
	// Actors first, without a focus: the countries of those the text
	// names ("Syrian regime forces", "the Tatmadaw") tell the geoparser
	// where the text is when it names no country. Generic ones ("the
	// army") then take the focus the places give.
	d.sc = scratchPool.Get().(*scratch)
	if fault.Extract != nil {
		fault.Extract(a.Text) // a test's panic, with the scratch taken
	}
	// The text's tokens, which every reader below shares.
	d.toks = text.AppendTokens(d.sc.toks[:0], d.text)
	words := x.actors.Words(d.text)
	defer words.Release()
	ms := words.AppendScan(d.sc.actors[:0], "")
	hints, local := actorCountries(ms)
	d.places = x.geo.ParseHints(d.text, hints)
	for _, m := range d.places {
		if m.Outlet {
			d.outlets = append(d.outlets, m)
		}
	}
	if len(d.outlets) > 0 {
		d.places = slices.DeleteFunc(d.places, func(m geoparse.Mention) bool { return m.Outlet })
	}
	d.focus = d.focusCountry(ms)
	if d.focus == "" && len(local) == 1 {
		d.focus = local[0]
	}
	if d.focus == "" && len(hints) == 1 && (countryNamed(ms, hints[0]) >= 2 || len(local) == 0 && statesCountry(ms) == hints[0]) {
		// A text that names no place, but one country's people or forces
		// again and again and no other's ("Thai troops ... the Thai prime
		// minister"), is about that country. Named once, they may be
		// abroad ("Russian jets struck", "an Italian was kidnapped"); with
		// another country ("a Briton shot outside a Saudi mall") it does
		// not say which.
		d.focus = hints[0]
	}
	if d.focus == "" && len(d.places) == 0 {
		d.focus = d.peoplesCountry()
	}
	if d.focus != "" {
		// Read again with the focus: generic actors take it ("the army"
		// in news about Sudan), and aliases meant for that country match
		// ("RSF", "the paramilitary" @SD).
		ms = words.AppendScan(ms[:0], d.focus)
	}
	d.actors = d.dropPlaceActors(ms)
	// A dateline's agency is no actor: "(BSS/AFP)" is a news service.
	d.actors = slices.DeleteFunc(d.actors, func(m actors.Mention) bool { return d.inDateline(m.Start) })
	d.namedAfterGeneric()
	d.demonymPeople()
	d.inActor = within(nil, d.places, d.actors)
	d.sc.take(len(d.toks))
	d.startAt = x.lx.appendStarts(d.sc.starts[:0], d.toks)
	d.sc.starts = d.startAt
	d.placeAt = spanIndex(d.ints(0, 0, len(d.toks)), d.toks, len(d.places), func(k int) (int, int) { return d.places[k].Start, d.places[k].End })
	d.actorAt = spanIndex(d.ints(1, 0, len(d.toks)), d.toks, len(d.actors), func(k int) (int, int) { return d.actors[k].Start, d.actors[k].End })
	d.seq = d.sc.sequence(max(len(d.places), len(d.actors)))
	para := 0
	prevEnd := 0
	spans := d.cutLong(text.Sentences(d.text))
	d.possessives(spans)
	// One slab for all sentences, sized first: drafts keep pointers into it.
	if cap(d.sc.sents) < len(spans) {
		d.sc.sents = make([]sent, len(spans))
	}
	slab := d.sc.sents[:len(spans)]
	d.sents = make([]*sent, 0, len(spans))
	for i, sp := range spans {
		d.check()
		if paragraphBreak(d.text[prevEnd:sp.Start]) {
			para++
		}
		prevEnd = sp.End
		// The slot keeps the arrays of its slices from the last article:
		// the sentence appends its cues, dates and sources to them.
		slab[i] = sent{cues: slab[i].cues[:0], dates: slab[i].dates[:0], attribs: slab[i].attribs[:0]}
		d.analyseSentence(&slab[i], sp, para)
		d.sents = append(d.sents, &slab[i])
	}
	d.offTopic = d.domainWords()
	d.referBack()
	d.frame()
	return d
}

// Places returns the place mentions of an article as the extractor reads
// them: the geoparser, told the countries of the actors the text names.
// sitrep places and POST /api/places write them.
func (x *Extractor) Places(a *sitrep.Article) []geoparse.Mention {
	hints, _ := actorCountries(x.actors.Scan(a.Text, ""))
	return x.geo.ParseHints(a.Text, hints)
}

// actorCountries returns the countries of the actors ms names (hints for
// the geoparser), and of those that are not state forces (local): state
// forces fight abroad ("Russian airstrikes" over Syria), other groups
// mostly at home.
func actorCountries(ms []actors.Mention) (hints, local []string) {
	for _, m := range ms {
		c := m.Actor.Country
		if c != "" && !slices.Contains(hints, c) {
			hints = append(hints, c)
		}
		if c != "" && m.Actor.Side != "government" && !slices.Contains(local, c) {
			local = append(local, c)
		}
	}
	return hints, local
}

// countryNamed counts the actor mentions of country cc in ms.
func countryNamed(ms []actors.Mention, cc string) int {
	n := 0
	for _, m := range ms {
		if m.Actor.Country == cc {
			n++
		}
	}
	return n
}

func paragraphBreak(gap string) bool {
	n := 0
	for i := 0; i < len(gap); i++ {
		if gap[i] == '\n' {
			n++
		}
	}
	return n >= 1
}

// focusCountry is the country the article is most about: the one its
// resolved places fall in most often, a country named outright counting
// double. Ties go to the first mentioned. A dateline says where the
// report was filed: it counts only when the text names no other place.
// A place inside an actor's name ("US military forces", "Israel said")
// counts only when neither is named: the forces may be far from home,
// and a government speaks from its capital of what happened elsewhere.
func (d *doc) focusCountry(ms []actors.Mention) string {
	inside := within(nil, d.places, ms)
	for _, pass := range [][2]bool{{false, false}, {true, false}, {true, true}} {
		if cc := d.countPlaces(inside, ms, pass[1], pass[0]); cc != "" {
			return cc
		}
	}
	// Last, the town of a newspaper the text names: a paper reports mostly
	// from its own country.
	if len(d.outlets) > 0 && d.outlets[0].Place != nil {
		return d.outlets[0].Place.CountryCode
	}
	return ""
}

// countPlaces is focusCountry's count; inside[i] says whether place i
// lies within an actor's name.
func (d *doc) countPlaces(inside []bool, ms []actors.Mention, inActors, dateline bool) string {
	count := map[string]int{}
	first := map[string]int{}
	sure := map[string]bool{} // a country some place is surely in
	placed, local := false, false
	for i, m := range d.places {
		if m.Place == nil || !dateline && d.inDateline(m.Start) || !inActors && inside[i] {
			continue
		}
		if m.Place.Level == gazetteer.LevelCountry && (bordering(d.text[:m.Start]) || fledTo(d.text[:m.Start])) {
			continue // the neighbour across the border, or where people fled
		}
		if !inActors && d.seatBefore(m.Start) {
			continue // "a statement to the media in Dublin": where words were said (counted last)
		}
		cc := m.Place.CountryCode
		w := 1
		if m.Place.Level == gazetteer.LevelCountry && !inside[i] {
			w = 2 // named outright as a place, not as the one who acts
		}
		count[cc] += w
		if m.Score >= 0.9 {
			sure[cc] = true
		}
		placed = true
		local = local || m.Place.Level != gazetteer.LevelCountry
		if _, ok := first[cc]; !ok {
			first[cc] = m.Start
		}
	}
	if !placed {
		return "" // actors alone: the caller's fallback decides
	}
	{
		// A rebel group or a militia named by its own name fights at
		// home, each mention a place of its country (the KNU's base is in
		// Myanmar): always when only countries are named ("near the Thai
		// border"); else only for a country some place is surely in, for
		// a foreign militia may fight abroad (Hezbollah near Aleppo).
		for _, m := range ms {
			if local && !sure[m.Actor.Country] {
				continue
			}
			if m.Head && !m.Actor.Generic && m.Actor.Country != "" && (m.Actor.Side == "rebel" || m.Actor.Side == "militia" || m.Actor.Side == "identity_militia") {
				count[m.Actor.Country]++
				if f, ok := first[m.Actor.Country]; !ok || m.Start < f {
					first[m.Actor.Country] = m.Start
				}
			}
		}
	}
	best := ""
	for cc, n := range count {
		if best == "" || n > count[best] || n == count[best] && first[cc] < first[best] {
			best = cc
		}
	}
	return best
}

// seatBefore reports whether the words just before byte offset at make
// the place there a seat of speech or government (syntax.txt [seat]:
// "officials in", "the media in"), not where the news happened.
func (d *doc) seatBefore(at int) bool {
	if d.x == nil || !endsWithWords(d.text[:at], "in") {
		return false // every seat ends with "in"; a bare doc of a test has no lexicon
	}
	k := d.tokenAt(at)
	for j := max(0, k-8); j < k; j++ {
		if e, _, ok := d.x.lx.seat.Match(d.toks, j); ok && e == k {
			return true
		}
	}
	return false
}

// tokenAt returns the index of the first token at or after byte offset at.
func (d *doc) tokenAt(at int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= at })
}

// within appends, per place mention, whether it lies within one of the
// actor mentions ms ("Tigray" in "Tigray forces"). Both are in text order,
// so one pass does what a search of every actor per place did (a cost that
// grew with the square of a long text): a place lies within a name when
// the furthest end of the names that start at or before it reaches its end.
func within(dst []bool, places []geoparse.Mention, ms []actors.Mention) []bool {
	j, reach := 0, -1
	for _, p := range places {
		for j < len(ms) && ms[j].Start <= p.Start {
			reach = max(reach, ms[j].End)
			j++
		}
		dst = append(dst, reach >= p.End)
	}
	return dst
}

// dropPlaceActors removes actor mentions that are only a place's name in
// a place's position: "Samburu" in "in Baragoi, Samburu" is the county, not
// the Samburu militia; "Israel" in "between Israel and Hezbollah" stays.
func (d *doc) dropPlaceActors(ms []actors.Mention) []actors.Mention {
	out := ms[:0]
	pi := 0
	for _, m := range ms {
		for pi < len(d.places) && d.places[pi].End <= m.Start {
			pi++
		}
		if pi < len(d.places) {
			p := d.places[pi]
			if p.Start == m.Start && p.End == m.End && p.Place != nil && (p.IsQualifier || locative(d.text[:m.Start])) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// peoplesCountry returns the one country whose people a text that names
// no place and no country's forces speaks of by their plural ("killing at
// least 11 Iraqis", "two Afghans were kidnapped"); "" when none or several.
func (d *doc) peoplesCountry() string {
	cc := ""
	for _, t := range d.toks {
		if !demonymPlural(t) {
			continue
		}
		cs := gazetteer.CountriesByDemonym(strings.TrimSuffix(t.Norm, "s"))
		if len(cs) != 1 || cc != "" && cs[0].ISO2 != cc {
			return ""
		}
		cc = cs[0].ISO2
	}
	return cc
}

// namedAfterGeneric gives a generic force's word right before the name
// of a group of its side the group: "the rebel Rapid Support Forces" are
// the RSF, not rebels the text leaves unnamed.
func (d *doc) namedAfterGeneric() {
	for i := 0; i+1 < len(d.actors); i++ {
		m, n := &d.actors[i], d.actors[i+1]
		if m.Head && m.Actor.Generic && !n.Actor.Generic && n.Actor.Side == m.Actor.Side && strings.TrimSpace(d.text[m.End:n.Start]) == "" {
			m.Actor = n.Actor
		}
	}
}

// demonymPeople reads a people's word standing alone as a noun ("killed
// two Palestinians", "seized three Americans", "a Briton who was shot")
// as people of that country, civilians: not its state, which the word
// names as a modifier ("Palestinian forces") or as a country's name.
func (d *doc) demonymPeople() {
	for i := range d.actors {
		m := &d.actors[i]
		if m.Head || m.Actor.Side != "government" || !m.Actor.Generic || strings.ContainsAny(m.Text, " -") {
			continue
		}
		word, plural := strings.CutSuffix(m.Text, "s")
		if !plural && !d.nounSlot(m) {
			continue // "a Pakistani soldier": a modifier
		}
		cs := gazetteer.CountriesByDemonym(word)
		if len(cs) != 1 || cs[0].ISO2 != m.Actor.Country {
			continue
		}
		if a, ok := d.x.actors.Lookup("civilians", m.Actor.Country); ok {
			m.Actor, m.Head = a, true
		}
	}
}

// nounSlot reports whether the words around a mention make it a noun: an
// article right before it, and after it the end of the text, a full stop
// or comma, or one of nounAfter.
func (d *doc) nounSlot(m *actors.Mention) bool {
	k, e := d.tokenAt(m.Start), d.tokenAt(m.End)
	if k == 0 || !nounBefore[d.toks[k-1].Norm] || d.toks[k-1].End < m.Start-4 {
		return false
	}
	if e == len(d.toks) {
		return true
	}
	t := d.toks[e]
	return t.Kind == text.Punct && strings.ContainsAny(t.Norm, ".,;:") || nounAfter[t.Norm]
}

// nounBefore and nounAfter are the words around a people's word in the
// singular that make it a noun: "a Briton who", "an American and".
var (
	nounBefore = map[string]bool{"a": true, "an": true, "one": true}
	nounAfter  = map[string]bool{"who": true, "was": true, "is": true, "has": true, "had": true, "and": true, "from": true, "in": true, "at": true, "on": true, "near": true}
)

// possessives gives a force named by a possessive ("Russia said its army
// captured the town", "the country's armed forces", "the RSF said their
// fighters") the side the possessive points to: the nearest armed group or
// country named before it in the sentence. Without this, the bare noun
// takes the focus country: the army of the country the fighting is in.
func (d *doc) possessives(spans []text.Span) {
	si := 0
	for i := range d.actors {
		m := &d.actors[i]
		for si < len(spans) && spans[si].End <= m.Start {
			si++
		}
		if si == len(spans) || !m.Head || !m.Actor.Generic || !actors.Armed(m.Actor.Side) {
			continue
		}
		capital := d.capitalBefore(m.Start)
		if capital == "" && !possessiveBefore(d.text[spans[si].Start:m.Start]) {
			if cc := d.foreignOpener(spans[si].Start, m); cc != "" {
				if a, ok := d.x.actors.Lookup(m.Text, cc); ok {
					m.Actor = a // "Russian President Vladimir Putin congratulated military units"
				}
			}
			continue
		}
		if bare, ok := d.x.actors.Lookup(m.Text, ""); !ok || bare.Country != "" {
			continue // "its Russian allies": the words name the country
		}
		if capital != "" {
			if a, ok := d.x.actors.Lookup(m.Text, capital); ok {
				m.Actor = a // "Moscow's troops": the capital stands for its state
			}
		} else if a, ok := d.antecedent(spans[si].Start, m); ok {
			m.Actor = a
		}
	}
}

// foreignOpener returns the country of a people's word that opens the
// sentence starting at byte from as the modifier of its subject ("Russian
// President Vladimir Putin", "Israeli officials"), when it is not the
// country the text is about and the force m after it names none: that
// subject's forces are its own. "" otherwise.
func (d *doc) foreignOpener(from int, m *actors.Mention) string {
	if bare, ok := d.x.actors.Lookup(m.Text, ""); !ok || bare.Country != "" {
		return ""
	}
	if cc := d.titleOfCountry(from, m.Start); cc != "" {
		return cc
	}
	for _, k := range d.actorIndex(from, m.Start) {
		o := &d.actors[k]
		if o.Start >= m.Start {
			break
		}
		if o.Head || o.Actor.Country == "" || o.Actor.Country == d.focus || strings.TrimSpace(d.text[from:o.Start]) != "" || len(gazetteer.CountriesByDemonym(o.Text)) == 0 {
			return ""
		}
		// The people's word names an authority's country: "Russian
		// President", "Russian Defense Minister".
		k := d.tokenAt(o.End)
		for n := 0; n < 2 && k < len(d.toks); n, k = n+1, k+1 {
			if word(d.x.lx.authority, d.toks, k) {
				return o.Actor.Country
			}
		}
		return ""
	}
	return ""
}

// titleOfCountry returns the country an authority's title with "of"
// names at the opening of the sentence starting at byte from, before byte
// end ("President of Russia Vladimir Putin", "The Defence Minister of
// Israel"), when it is not the country the text is about; "" otherwise.
func (d *doc) titleOfCountry(from, end int) string {
	k := d.tokenAt(from)
	if k < len(d.toks) && d.toks[k].Norm == "the" {
		k++
	}
	of := k + 1
	for of < len(d.toks) && of < k+3 && d.toks[of].Norm != "of" {
		of++
	}
	if of+1 >= len(d.toks) || d.toks[of+1].Start >= end || d.toks[of].Norm != "of" || !word(d.x.lx.authority, d.toks, of-1) {
		return ""
	}
	// The country's name is read here, not from the places: the geoparser
	// takes "Russia Vladimir Putin" for one longer name.
	rest := d.text[d.toks[of+1].Start:end]
	for _, c := range gazetteer.Countries() {
		if c.ISO2 != d.focus && (namePrefix(rest, c.Name) || slices.ContainsFunc(c.Aliases, func(a string) bool { return namePrefix(rest, a) })) {
			return c.ISO2
		}
	}
	return ""
}

// namePrefix reports whether s begins with the name, a whole word.
func namePrefix(s, name string) bool {
	if !strings.HasPrefix(s, name) {
		return false
	}
	c := s[min(len(s)-1, len(name))] | 0x20
	return len(s) == len(name) || c < 'a' || c > 'z'
}

// antecedent returns what a possessive before mention m points to: the
// first armed group or country the sentence (from byte from) names before
// it, outside a dateline: the clause's subject, mostly ("Russia said its
// army", "South Africa sent troops to Congo after 14 of its soldiers").
func (d *doc) antecedent(from int, m *actors.Mention) (actors.Actor, bool) {
	var group *actors.Mention
	cc, at, atEnd := "", m.Start, 0
	for _, k := range d.actorIndex(from, m.Start) {
		o := &d.actors[k]
		if o.Start >= at {
			continue
		}
		switch {
		case o.Head && !o.Actor.Generic && actors.Armed(o.Actor.Side):
			at, group, cc = o.Start, o, ""
		case !o.Head && o.Actor.Country != "":
			at, atEnd, group, cc = o.Start, o.End, nil, o.Actor.Country
		}
	}
	for _, k := range d.placeIndex(from, m.Start) {
		if p := d.places[k]; p.Start < at && p.Place != nil && p.Place.Level == gazetteer.LevelCountry && !d.inDateline(p.Start) {
			at, atEnd, group, cc = p.Start, p.End, nil, p.Place.CountryCode
		}
	}
	if group == nil && cc != "" {
		// "Sudan's Rapid Support Forces said its fighters": the country
		// names the group's home; the group is the subject.
		for _, k := range d.actorIndex(atEnd, m.Start) {
			o := &d.actors[k]
			gap := strings.TrimSpace(d.text[atEnd:max(atEnd, o.Start)])
			if o.Start >= atEnd && o.Start < m.Start && (gap == "" || gap == "'s" || gap == "’s") && o.Head && !o.Actor.Generic && actors.Armed(o.Actor.Side) {
				group = o
				break
			}
		}
	}
	switch {
	case group != nil:
		return group.Actor, true
	case cc != "":
		return d.x.actors.Lookup(m.Text, cc)
	}
	return actors.Actor{}, false
}

// capitalBefore returns the country whose capital, with a possessive,
// ends the text before byte at ("Moscow's troops", "Kyiv's forces"), or "".
func (d *doc) capitalBefore(at int) string {
	b := strings.TrimRight(d.text[:at], " ")
	switch {
	case strings.HasSuffix(b, "'s"):
		b = b[:len(b)-2]
	case strings.HasSuffix(b, "’s"):
		b = b[:len(b)-len("’s")]
	default:
		return ""
	}
	for _, k := range d.placeIndex(max(0, len(b)-40), len(b)) {
		if p := d.places[k]; p.End == len(b) && p.Place != nil && p.Place.Feature == "PPLC" {
			return p.Place.CountryCode
		}
	}
	return ""
}

// possessiveBefore reports whether text ends with a possessive that points
// back: "its", "their", "his", "her", "the country's", "the group's".
func possessiveBefore(before string) bool {
	return endsWithWords(before, "its", "their", "his", "her", "the country's", "the country’s", "the nation's", "the nation’s", "the group's", "the group’s")
}

// bordering reports whether text before a name makes the name a
// neighbour's: "the border with Uganda", "a region bordering Chad".
func bordering(before string) bool {
	return endsWithWords(before, "border with", "borders with", "frontier with", "bordering", "borders", "border of")
}

// fledTo reports whether text before a country's name ends with where
// people fled: "sending 30,000 fleeing into neighbouring Uganda",
// "refugees poured into neighbouring Uganda" (into a neighbour only:
// troops "poured into" the town they took).
func fledTo(before string) bool {
	b := strings.TrimRight(before, " ")
	neighbour := endsWithWords(b, "neighbouring", "neighboring")
	if neighbour {
		b = b[:strings.LastIndexByte(b, ' ')+1]
	}
	return endsWithWords(b, "fled into", "fled to", "fleeing into", "fleeing to", "flee into", "flee to", "run into", "ran into", "escaped into", "escaped to", "crossed into", "crossing into") ||
		neighbour && endsWithWords(b, "poured into", "pouring into", "streamed into", "streaming into", "flooded into", "flooding into", "spilled into", "spilling into")
}

// endsWithWords reports whether text, its trailing spaces dropped, ends
// with one of the phrases as whole words, case aside.
func endsWithWords(text string, phrases ...string) bool {
	text = strings.TrimRight(text, " ")
	text = " " + strings.ToLower(text[max(0, len(text)-24):])
	for _, p := range phrases {
		if strings.HasSuffix(text, " "+p) {
			return true
		}
	}
	return false
}

// locative reports whether text before a name ends with a preposition of
// place ("in", "near") or a comma after a place ("Baragoi, Samburu").
func locative(before string) bool {
	before = strings.TrimRight(before, " ")
	i := strings.LastIndexAny(before, " ,(")
	w := strings.ToLower(before[i+1:])
	switch w {
	case "in", "at", "near", "around", "outside", "inside", "into", "from", "of", "across", "towards", "toward":
		return true
	}
	return strings.HasSuffix(before, ",") || strings.HasSuffix(before, "(")
}

// placeIndex returns the indexes of d.places that lie within [start,end):
// a run of consecutive indexes, sliced from d.seq (read-only).
func (d *doc) placeIndex(start, end int) []int {
	i := sort.Search(len(d.places), func(i int) bool { return d.places[i].Start >= start })
	j := i
	for j < len(d.places) && d.places[j].End <= end {
		j++
	}
	return d.seq[i:j:j]
}

// actorIndex is placeIndex for d.actors.
func (d *doc) actorIndex(start, end int) []int {
	i := sort.Search(len(d.actors), func(i int) bool { return d.actors[i].Start >= start })
	j := i
	for j < len(d.actors) && d.actors[j].End <= end {
		j++
	}
	return d.seq[i:j:j]
}

// domainWords reports whether the article is off the topic of war: three
// or more words of sport, business or culture (domains.txt), and at least
// twice as many as its armed actors named as such.
func (d *doc) domainWords() bool {
	n := 0
	for i := 0; i < len(d.toks); i++ {
		if end, _, ok := d.x.lx.domain.Match(d.toks, i); ok {
			n++
			i = end - 1
		}
	}
	if n < 3 {
		return false
	}
	armed := 0
	for i := range d.actors {
		if a := d.actors[i].Actor; actors.Armed(a.Side) && d.actors[i].Head && a.Kind != "civil" {
			armed++
		}
	}
	return n >= 2*armed+3
}

// statesCountry is the one country a text's actors name, "" when they
// name none or several.
func statesCountry(ms []actors.Mention) string {
	cc := ""
	for _, m := range ms {
		switch c := m.Actor.Country; {
		case c == "" || c == cc:
		case cc != "":
			return ""
		default:
			cc = c
		}
	}
	return cc
}

// referBack makes an anaphoric act ("the siege", "the clashes") an
// example when the last act named by the same noun before it is one: in
// "dangers like the deadly siege of a school ... a study of the siege
// that left dozens dead", the second siege is the example again, no news
// of its own. Other references do not carry over: "reports the
// killing of a supporter. The killing was made by" tells of it.
func (d *doc) referBack() {
	for si, s := range d.sents {
		for ci := range s.cues {
			c := &s.cues[ci]
			if !c.anaphoric || c.reference {
				continue
			}
			if ante := d.earlierAct(si, ci); ante != nil && ante.example {
				c.reference, c.example = true, true
			}
		}
	}
}

// earlierAct returns the last cue before cue ci of sentence si whose
// last word is the same as its own, or nil.
func (d *doc) earlierAct(si, ci int) *cue {
	s := d.sents[si]
	head := s.toks[s.cues[ci].end-1].Norm
	for j := si; j >= 0; j-- {
		t := d.sents[j]
		last := len(t.cues)
		if j == si {
			last = ci
		}
		for k := last - 1; k >= 0; k-- {
			if c := &t.cues[k]; t.toks[c.end-1].Norm == head {
				return c
			}
		}
	}
	return nil
}
