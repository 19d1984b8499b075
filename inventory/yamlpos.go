package inventory

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// YAMLErrorPosition gives a yaml.v3 syntax error on data its 1-based line
// and column and its message without the "yaml: line N:" prefix.
//
// yaml.v3 reports only a line, and not always the right one: scanner
// errors (a tab, a character that cannot start a token) carry the 1-based
// line of the problem, but parser errors ("did not find expected ...")
// carry the 0-based line of the construct being parsed (the "context
// mark": the flow sequence left open, the block mapping with a bad
// indent), or of the problem itself when the context is on the first
// line; errors found while composing (an unknown anchor) carry none. The
// line is therefore found by experiment, which is exact for every class:
// it is the shortest prefix of whole lines on which yaml.v3 fails with the
// same error. Errors are rare and parsing a prefix is linear, so a binary
// search costs a few parses of a file that is broken anyway. The column is
// derived from the text of that line for each class of message (the open
// bracket or quote, the misplaced ':', the character that cannot start a
// token, else the first non-blank character).
//
// ropa keeps yaml.v3 rather than switching parser (goccy/go-yaml reports
// exact positions, cerbos forked a parser for them): the loader relies on
// yaml.v3's node API throughout (positions tree, chunked parsing), and the
// experiment above gives exact lines without a second YAML implementation
// whose acceptance of edge cases would differ from the one that decodes.
func YAMLErrorPosition(data []byte, err error) (line, col int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	reported := -1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if r, e := strconv.Atoi(n); e == nil {
				msg, reported = after, r
			}
		}
	}
	lines := splitLines(data)
	// A flow collection left open: yaml.v3 names the line of its opening
	// bracket, 0-based (or, when that is the first line, the line where
	// the parser gave up). The bracket is what to fix.
	if open, close, ok := flowBrackets(msg); ok {
		for _, l := range []int{reported + 1, 1} {
			if l >= 1 && l <= len(lines) && unclosed(bytes.TrimRight(lines[l-1], "\r\n"), open, close) >= 0 {
				return l, errorColumn(lines[l-1], msg), msg
			}
		}
	}
	line = failingPrefix(data, lines, err.Error())
	if line == 0 {
		line = anchorLine(data, msg)
	}
	if line == 0 {
		return 1, 1, msg
	}
	return line, errorColumn(lines[line-1], msg), msg
}

// flowBrackets are the brackets of a "did not find expected ',' or ']'"
// message.
func flowBrackets(msg string) (open, close byte, ok bool) {
	switch {
	case strings.Contains(msg, "expected ',' or ']'"):
		return '[', ']', true
	case strings.Contains(msg, "expected ',' or '}'"):
		return '{', '}', true
	}
	return 0, 0, false
}

// splitLines returns the lines of data with their line breaks.
func splitLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, data)
			break
		}
		out = append(out, data[:i+1])
		data = data[i+1:]
	}
	return out
}

// yamlFirstError decodes every document of data and returns the first
// error, nil if there is none.
func yamlFirstError(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// failingPrefix is the smallest k such that the first k lines of data fail
// to decode with the error text want; 0 when no prefix reproduces it.
func failingPrefix(data []byte, lines [][]byte, want string) int {
	ends := make([]int, len(lines)+1)
	for i, l := range lines {
		ends[i+1] = ends[i] + len(l)
	}
	same := func(k int) bool {
		err := yamlFirstError(data[:ends[k]])
		return err != nil && err.Error() == want
	}
	n := len(lines)
	if n == 0 || !same(n) {
		return 0
	}
	lo, hi := 1, n
	for lo < hi {
		mid := (lo + hi) / 2
		if same(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// anchorLine places "unknown anchor 'x' referenced" on the first *x.
func anchorLine(data []byte, msg string) int {
	name, ok := strings.CutPrefix(msg, "unknown anchor '")
	if !ok {
		return 0
	}
	name, _, _ = strings.Cut(name, "'")
	i := bytes.Index(data, []byte("*"+name))
	if i < 0 {
		return 0
	}
	l, _ := lineCol(data, i)
	return l
}

// errorColumn is the 1-based column (in characters) of the problem on
// line l, for the class of message msg.
func errorColumn(l []byte, msg string) int {
	l = bytes.TrimRight(l, "\r\n")
	col := func(i int) int { return 1 + utf8.RuneCount(l[:i]) }
	firstNonBlank := func() int {
		for i, c := range l {
			if c != ' ' && c != '\t' {
				return col(i)
			}
		}
		return 1
	}
	switch {
	case strings.Contains(msg, "expected ',' or "):
		open, close, _ := flowBrackets(msg)
		if i := unclosed(l, open, close); i >= 0 {
			return col(i)
		}
		if i := bytes.IndexByte(l, open); i >= 0 {
			return col(i)
		}
	case strings.Contains(msg, "block sequence entries are not allowed"):
		if i := bytes.Index(l, []byte(": - ")); i >= 0 {
			return col(i + 2)
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		// The misplaced ':' is the last one that starts a value.
		for i := len(l) - 1; i >= 0; i-- {
			if l[i] == ':' && (i == len(l)-1 || l[i+1] == ' ') {
				return col(i)
			}
		}
	case strings.Contains(msg, "cannot start any token"):
		for i, c := range l {
			if c == '@' || c == '`' || c == '\t' || c == '%' {
				return col(i)
			}
		}
	case strings.Contains(msg, "unexpected end of stream"), strings.Contains(msg, "found unknown escape"):
		// An open quote: the last quote that is not closed on the line.
		for i := len(l) - 1; i >= 0; i-- {
			if l[i] == '"' || l[i] == '\'' {
				if strings.Contains(msg, "escape") {
					if j := bytes.IndexByte(l, '\\'); j >= 0 {
						return col(j)
					}
				}
				if bytes.Count(l, l[i:i+1])%2 == 1 {
					return col(bytes.LastIndexByte(l, l[i]))
				}
			}
		}
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimPrefix(msg, "unknown anchor '")
		name, _, _ = strings.Cut(name, "'")
		if i := bytes.Index(l, []byte("*"+name)); i >= 0 {
			return col(i)
		}
	}
	return firstNonBlank()
}

// unclosed is the index of the last open bracket on l that the line does
// not close, -1 when there is none (quoted text is skipped).
func unclosed(l []byte, open, close byte) int {
	var stack []int
	var quote byte
scan:
	for i, c := range l {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || l[i-1] == ' '):
			break scan
		case c == open:
			stack = append(stack, i)
		case c == close && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[0]
}
