package extract

import (
	"fmt"
	"github.com/sitrep/sitrep/actors"
	"io/fs"
	"slices"
	"strings"

	"github.com/sitrep/sitrep"
)

// rule is one line of rules.txt: a sub-event type and the conditions a
// frame must meet to get it.
type rule struct {
	subType            string
	kind               string // "displacement" for sitrep's own kinds, else ""
	need               classSet
	forbid             classSet
	actor1             []string // allowed sides (or "armed", "state"); nil: any
	actor2             []string
	noActor1, noActor2 bool
	killed             int // 1: must state deaths, -1: must not, 0: either
	line               int

	// What every event of the rule's sub-event type carries, looked up
	// once the whole lexicon is read (see resolve) rather than per event.
	eventType          string
	plover, ploverMode string
	default1, default2 *string // defaults.txt's words for actor1 and actor2, nil when none
	forced1            *forced // defaults.txt's actor1 always, nil when none
	noToll             bool    // defaults.txt's [no toll]: its events carry no deaths
}

// resolve fills in what the rule's events carry from the lexicon's
// tables, which LoadLexicon reads after the rules.
func (r *rule) resolve(lx *Lexicon) {
	r.eventType = sitrep.Taxonomy[r.subType]
	r.plover, r.ploverMode = lx.ploverOf(r.subType, r.kind)
	if w, ok := lx.defaultActor1[r.subType]; ok {
		r.default1 = &w
	}
	if w, ok := lx.defaultActor2[r.subType]; ok {
		r.default2 = &w
	}
	r.noToll = lx.noToll[r.subType]
	if f, ok := lx.forcedActor1[r.subType]; ok {
		r.forced1 = &f
	}
}

// frameFacts is what the rules look at.
type frameFacts struct {
	classes        classSet
	actor1, actor2 string // sides ("party" for a party's people); "" when unnamed
	actor1State    bool   // actor1 is the state forces of the event's country
	actor1Crowd    bool   // actor1 is an unorganised crowd ("locals", "a mob")
	actor2State    bool
	killed         bool
}

func (lx *Lexicon) parseRules(fsys fs.FS) ([]rule, error) {
	b, err := fs.ReadFile(fsys, "rules.txt")
	if err != nil {
		return nil, fmt.Errorf("extract: lexicon: %w", err)
	}
	var rules []rule
	for n, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		bad := func(format string, a ...any) error {
			return fmt.Errorf("extract: rules.txt:%d: %s", n+1, fmt.Sprintf(format, a...))
		}
		head, conds, ok := strings.Cut(line, ":")
		if !ok {
			return nil, bad("want 'Sub-event type : conditions', got %q", line)
		}
		r := rule{line: n + 1}
		head = strings.TrimSpace(head)
		if i := strings.IndexByte(head, '['); i >= 0 && strings.HasSuffix(head, "]") {
			r.kind = head[i+1 : len(head)-1]
			head = strings.TrimSpace(head[:i])
		}
		if _, ok := sitrep.Taxonomy[head]; !ok {
			return nil, bad("%q is not an ACLED sub-event type", head)
		}
		r.subType = head
		for _, c := range strings.Fields(conds) {
			neg := strings.HasPrefix(c, "!")
			c = strings.TrimPrefix(c, "!")
			switch {
			case c == "killed":
				r.killed = 1
				if neg {
					r.killed = -1
				}
			case c == "actor1" && neg:
				r.noActor1 = true
			case c == "actor2" && neg:
				r.noActor2 = true
			case strings.HasPrefix(c, "actor1=") || strings.HasPrefix(c, "actor2="):
				if neg {
					return nil, bad("negated side condition %q is not supported", c)
				}
				sides := strings.Split(c[len("actor1="):], "|")
				for _, s := range sides {
					if _, ok := sitrep.Sides[s]; !ok && s != "armed" && s != "state" && s != "crowd" && s != "party" {
						return nil, bad("unknown side %q", s)
					}
				}
				if c[5] == '1' {
					r.actor1 = sides
				} else {
					r.actor2 = sides
				}
			default:
				id := lx.class(c)
				if id < 0 {
					return nil, bad("unknown cue class %q (not a section of cues.txt)", c)
				}
				if neg {
					r.forbid |= 1 << id
				} else {
					r.need |= 1 << id
				}
			}
		}
		if r.need == 0 && r.actor1 == nil && r.actor2 == nil {
			return nil, bad("rule needs at least one cue class or side")
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// decide returns the first rule a frame meets, or nil.
func (lx *Lexicon) decide(f frameFacts) *rule {
	for i := range lx.rules {
		r := &lx.rules[i]
		if f.classes&r.need != r.need || f.classes&r.forbid != 0 {
			continue
		}
		if r.killed == 1 && !f.killed || r.killed == -1 && f.killed {
			continue
		}
		if r.noActor1 && f.actor1 != "" || r.noActor2 && f.actor2 != "" {
			continue
		}
		if r.actor1 != nil && !sideIn(f.actor1, f.actor1State, r.actor1) && !(f.actor1Crowd && slices.Contains(r.actor1, "crowd")) {
			continue
		}
		if r.actor2 != nil && !sideIn(f.actor2, f.actor2State, r.actor2) {
			continue
		}
		return r
	}
	return nil
}

func sideIn(side string, state bool, want []string) bool {
	if side == "" {
		return false
	}
	for _, w := range want {
		switch w {
		case side:
			return true
		case "armed":
			if actors.Armed(side) || side == "combatant" {
				return true
			}
		case "state":
			if state {
				return true
			}
		}
	}
	return false
}

// controlRule returns the rule of statements of who holds a place (kind
// "control"), or nil when rules.txt has none.
// withdrawRule returns the first rule of sub-event type sub that needs a
// withdrawal, or nil.
func (lx *Lexicon) withdrawRule(sub string) *rule {
	for i := range lx.rules {
		if r := &lx.rules[i]; r.subType == sub && r.need&(1<<lx.cls.withdraw) != 0 {
			return r
		}
	}
	return nil
}

func (lx *Lexicon) controlRule() *rule {
	for i := range lx.rules {
		if lx.rules[i].kind == sitrep.KindControl {
			return &lx.rules[i]
		}
	}
	return nil
}
