package gen

import (
	"bufio"
	"strconv"
	"strings"
)

// yamlWriter writes YAML text directly: no reflection, no tree, so a
// 100k-activity inventory streams out in a fraction of a second and the
// bytes depend on nothing but the generator's choices. Write errors stick
// in the bufio.Writer and surface at Flush.
type yamlWriter struct {
	*bufio.Writer
}

// Indentation of the two levels the generator writes: list items of a
// section and their fields.
const (
	item  = "  - "
	field = "    "
)

func (w yamlWriter) line(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
	w.WriteByte('\n')
}

// kv writes "<indent><key>: <scalar>".
func (w yamlWriter) kv(indent, key, val string) {
	w.WriteString(indent)
	w.WriteString(key)
	w.WriteString(": ")
	w.scalar(val, false)
	w.WriteByte('\n')
}

// list writes "<indent><key>: [a, b, c]".
func (w yamlWriter) list(indent, key string, vals []string) {
	w.WriteString(indent)
	w.WriteString(key)
	w.WriteString(": [")
	for i, v := range vals {
		if i > 0 {
			w.WriteString(", ")
		}
		w.scalar(v, true)
	}
	w.WriteString("]\n")
}

// flowMap writes "<indent><key>: {k1: v1, k2: v2}" from alternating keys and
// values; values "true"/"false" and integers are written as such.
func (w yamlWriter) flowMap(indent, key string, kvs ...string) {
	w.WriteString(indent)
	w.WriteString(key)
	w.WriteString(": {")
	for i := 0; i+1 < len(kvs); i += 2 {
		if i > 0 {
			w.WriteString(", ")
		}
		w.WriteString(kvs[i])
		w.WriteString(": ")
		if isLiteral(kvs[i+1]) {
			w.WriteString(kvs[i+1])
		} else {
			w.scalar(kvs[i+1], true)
		}
	}
	w.WriteString("}\n")
}

// raw writes a value that is not a string (a boolean, a number).
func (w yamlWriter) raw(indent, key, val string) {
	w.line(indent, key, ": ", val)
}

// scalar writes s as a plain scalar when YAML reads it back as the same
// string (under both YAML 1.2 and the YAML 1.1 rules other tools use, so
// NO stays Norway), double-quoted otherwise.
func (w yamlWriter) scalar(s string, flow bool) {
	if plainSafe(s, flow) {
		w.WriteString(s)
		return
	}
	w.WriteString(strconv.Quote(s))
}

// isLiteral reports the flow-map values written as YAML booleans and
// integers rather than strings.
func isLiteral(s string) bool {
	if s == "true" || s == "false" {
		return true
	}
	_, err := strconv.Atoi(s)
	return err == nil
}

// plainSafe reports whether s can be written as a plain scalar.
func plainSafe(s string, flow bool) bool {
	if s == "" {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@` .+", rune(s[0])) || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.ContainsAny(s, "\t\n\"\\") {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return false
		}
		if _, err := strconv.ParseInt(s, 0, 64); err == nil {
			return false
		}
	}
	return true
}
