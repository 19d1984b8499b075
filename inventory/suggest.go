package inventory

import (
	"fmt"
	"slices"
	"strings"
)

// Suggest returns the candidates closest to word, best first: those within
// an edit distance of a third of the word's length (at least 2), or that
// contain it or are contained in it. It is meant for "did you mean" hints,
// so it returns at most three.
func Suggest(word string, candidates []string) []string {
	type scored struct {
		s string
		d int
	}
	limit := max(2, len(word)/3)
	var out []scored
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := levenshtein(word, c)
		if d <= limit || (len(word) >= 3 && strings.Contains(c, word)) {
			out = append(out, scored{c, d})
		}
	}
	slices.SortFunc(out, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.s, b.s)
	})
	res := make([]string, 0, 3)
	for i := 0; i < len(out) && i < 3; i++ {
		res = append(res, out[i].s)
	}
	return res
}

// didYouMean formats suggestions as a message suffix, empty when none.
func didYouMean(word string, candidates []string) string {
	s := Suggest(word, candidates)
	if len(s) == 0 {
		return ""
	}
	q := make([]string, len(s))
	for i, c := range s {
		q[i] = fmt.Sprintf("%q", c)
	}
	return " (did you mean " + strings.Join(q, " or ") + "?)"
}

// levenshtein is the edit distance between a and b, on bytes: ids and keys
// are ASCII.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
