package extract

import (
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/text"
)

// Quantity is a number the text states, in digits, words or vague terms.
type Quantity struct {
	// Value is the conservative figure: "more than 800" is 800, "dozens"
	// is 12, "between 43 and 52" is 43.
	Value int
	// Start and End are token indexes: the quantity is toks[Start:End].
	Start, End int
	// Vague is true for words like "dozens" or "hundreds" that stand for a
	// conventional figure rather than a count.
	Vague bool
	// Approx is true when a qualifier ("about", "up to", "nearly") says the
	// figure is not exact.
	Approx bool
}

// parseQuantity reads a quantity starting at toks[i]. It returns ok=false
// when none starts there.
func (lx *Lexicon) parseQuantity(s string, toks []text.Token, i int) (Quantity, bool) {
	q := Quantity{Start: i}
	j := i
	// Leading qualifiers: "more than", "at least", "up to", "about".
	for j < len(toks) {
		end, qual, ok := lx.qualifiers.Match(toks, j)
		if !ok {
			break
		}
		if qual == "approx" {
			q.Approx = true
		}
		j = end
	}
	v, end, vague, ok := lx.number(s, toks, j)
	if !ok {
		return q, false
	}
	q.Value, q.Vague = v, vague
	q.End = end
	// "between 43 and 52", "43 to 52", "43-52": keep the lower figure.
	if end+1 < len(toks) && (toks[end].Norm == "and" || toks[end].Norm == "to" || toks[end].Norm == "-") {
		if v2, end2, _, ok2 := lx.number(s, toks, end+1); ok2 && v2 >= v {
			q.End = end2
		}
	}
	return q, true
}

// number reads a bare number at toks[j]: digits with an optional scale
// ("1.5 million"), number words ("twenty-five", "a hundred"), or a vague
// quantity word ("dozens", "a dozen", "hundreds").
func (lx *Lexicon) number(s string, toks []text.Token, j int) (v, end int, vague, ok bool) {
	if j >= len(toks) {
		return 0, 0, false, false
	}
	if end, w, ok := lx.vague.Match(toks, j); ok {
		return w, end, true, true
	}
	t := toks[j]
	if t.Kind == text.Number {
		f, err := strconv.ParseFloat(strings.ReplaceAll(t.Norm, ",", ""), 64)
		if err != nil {
			return 0, 0, false, false
		}
		end = j + 1
		if end < len(toks) {
			if m, ok := scales[toks[end].Norm]; ok {
				f *= float64(m)
				end++
			}
		}
		if f > 1e9 {
			return 0, 0, false, false
		}
		return int(f), end, false, true
	}
	// Number words, possibly compound: "twenty-five", "one hundred and
	// twenty", "a hundred", "two thousand".
	total, cur := 0, 0
	end = j
	seen := false
	for k := j; k < len(toks); k++ {
		w := toks[k].Norm
		if n, ok := numberWords[w]; ok {
			cur += n
			seen = true
			end = k + 1
			continue
		}
		if m, ok := scales[w]; ok && (seen || (k == j && false)) {
			if cur == 0 {
				cur = 1
			}
			if m == 100 {
				cur *= 100
			} else {
				total += cur * m
				cur = 0
			}
			end = k + 1
			continue
		}
		if w == "a" && k == j && k+1 < len(toks) {
			if m, ok := scales[toks[k+1].Norm]; ok {
				cur, seen = m, true
				if m > 100 {
					total, cur = m, 0
				}
				end = k + 2
				k++
				continue
			}
		}
		if seen && (w == "-" || w == "and") && k+1 < len(toks) {
			if _, ok := numberWords[toks[k+1].Norm]; ok {
				continue
			}
		}
		break
	}
	if !seen {
		return 0, 0, false, false
	}
	return total + cur, end, false, true
}

var numberWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
	"single": 1, "lone": 1, "couple": 2, "pair": 2,
}

var scales = map[string]int{
	"hundred": 100, "thousand": 1000, "million": 1000000, "mln": 1000000,
	"billion": 1000000000,
}
