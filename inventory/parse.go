package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Rule ids of the structural checks.
const (
	RuleSyntax           = "inventory/syntax"
	RuleSchema           = "inventory/schema"
	RuleDuplicateID      = "inventory/duplicate-id"
	RuleUnknownReference = "inventory/unknown-reference"
	RuleUnknownCategory  = "inventory/unknown-category"
	RuleExpiredWaiver    = "inventory/expired-waiver"
	RuleUnusedWaiver     = "inventory/unused-waiver"
)

// IsStructural reports whether id is one of the structural rules (syntax,
// schema, duplicate-id, unknown-reference, unknown-category): they guard
// what every other rule reads, so nothing may silence them (no flag,
// config, waiver or baseline).
func IsStructural(id string) bool {
	switch id {
	case RuleSyntax, RuleSchema, RuleDuplicateID, RuleUnknownReference, RuleUnknownCategory:
		return true
	}
	return false
}

// parsedFile is one file after parsing and schema validation.
type parsedFile struct {
	name     string
	tree     *posTree       // positions of the top-level mapping (its root); nil when unusable
	value    map[string]any // the top-level mapping as plain values
	findings []Finding
	rejected []string // id paths of the values dropped for failing the schema

	rejectedValues []string // their scalars as text
}

func (p *parsedFile) add(rule string, n *yaml.Node, path, format string, args ...any) {
	loc := Location{File: p.name, Line: 1, Column: 1}
	if n != nil {
		loc.Line, loc.Column = n.Line, n.Column
	}
	p.findings = append(p.findings, Finding{
		Rule: rule, Severity: SeverityError, Path: path, Location: loc,
		Message: fmt.Sprintf(format, args...),
	})
}

func (p *parsedFile) addAt(rule string, line, col int, format string, args ...any) {
	p.findings = append(p.findings, Finding{
		Rule: rule, Severity: SeverityError, Location: Location{File: p.name, Line: line, Column: col},
		Message: fmt.Sprintf(format, args...),
	})
}

func parseFile(name string, data []byte, sch *schema) *parsedFile {
	p := &parsedFile{name: name}
	if len(data) > MaxFileSize {
		p.addAt(RuleSyntax, 1, 1, "file is larger than the %d MiB limit", MaxFileSize>>20)
		return p
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		p.addAt(RuleSyntax, line, col, "binary file: NUL byte found; inventories are UTF-8 YAML text")
		return p
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := lineCol(data, i)
		p.addAt(RuleSyntax, line, col, "invalid UTF-8 (byte 0x%02x); inventories are UTF-8 YAML text", data[i])
		return p
	}
	p.tree, p.value = p.convert(data, true)
	if p.tree == nil {
		return p
	}
	if !looksLikeInventory(p.value) {
		// Another YAML file in the directory (a CI workflow, a config):
		// one finding, not one per unknown key, and none of its content.
		keys := sortedKeys(p.value)
		if len(keys) > 3 {
			keys = append(keys[:3], "...")
		}
		p.addAt(RuleSchema, 1, 1, "not a ropa inventory: no version: 1 key and no inventory section (found %s); leave it out with --exclude or move it", strings.Join(keys, ", "))
		p.tree, p.value = nil, nil
		return p
	}
	sch.validate(p)
	return p
}

// looksLikeInventory reports whether a file's top-level mapping has a
// version key or any inventory section: a file with neither is some other
// YAML file, not a broken inventory.
func looksLikeInventory(m map[string]any) bool {
	if _, ok := m["version"]; ok {
		return true
	}
	for k := range m {
		if isSingle(k) || isList(k) {
			return true
		}
	}
	return len(m) == 0
}

// convert parses data and converts it to plain values and positions, or
// returns nil after adding the findings that make the file unusable. The
// yaml.Node trees are dropped on return: past this point only the plain
// values and the position tree are kept. A large file is parsed and
// converted in pieces, on several cores, when chunked is set and its
// layout allows it (chunked.go).
func (p *parsedFile) convert(data []byte, chunked bool) (*posTree, map[string]any) {
	var doc *yaml.Node
	var stitch map[*yaml.Node]*stitchedSeq
	if chunked {
		doc, stitch = parseChunkedConverted(p.name, data)
	}
	if doc == nil {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		doc = &yaml.Node{}
		if err := dec.Decode(doc); err != nil {
			if errors.Is(err, io.EOF) {
				p.addAt(RuleSyntax, 1, 1, "empty file: expected a mapping with version: 1")
				return nil, nil
			}
			p.yamlError(data, err)
			return nil, nil
		}
		var extra yaml.Node
		switch err := dec.Decode(&extra); {
		case errors.Is(err, io.EOF):
		case err != nil:
			p.yamlError(data, err)
			return nil, nil
		default:
			p.add(RuleSyntax, &extra, "", "more than one YAML document in the file; an inventory file holds one document (split it into several files)")
			return nil, nil
		}
	}
	if len(doc.Content) == 0 {
		p.addAt(RuleSyntax, 1, 1, "empty file: expected a mapping with version: 1")
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.add(RuleSyntax, root, "", "expected a mapping with version: 1, found %s", kindName(root))
		return nil, nil
	}
	c := converter{p: p, b: newTreeBuilder(countNodes(root)), stitch: stitch}
	v, ok := c.value(root, 0).(map[string]any)
	if !ok || c.fatal {
		return nil, nil
	}
	return c.b.t, v
}

// yamlError turns a yaml.v3 error into a finding at the offending line
// and column (YAMLErrorPosition). A tab in the indentation at or before
// that line is almost always the real cause, so it is reported instead,
// with its exact column.
func (p *parsedFile) yamlError(data []byte, err error) {
	line, col, msg := YAMLErrorPosition(data, err)
	if tl, tc, ok := firstIndentTab(data); ok && tl <= line {
		p.addAt(RuleSyntax, tl, tc, "tab character in indentation; YAML indents with spaces only")
		return
	}
	p.addAt(RuleSyntax, line, col, "invalid YAML: %s", msg)
}

// firstIndentTab finds the first tab within a line's leading whitespace.
func firstIndentTab(data []byte) (line, col int, ok bool) {
	line = 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l = data[:end]
		}
		for i, c := range l {
			if c == '\t' {
				return line, i + 1, true
			}
			if c != ' ' {
				break
			}
		}
		if end < 0 {
			break
		}
		data = data[end+1:]
		line++
	}
	return 0, 0, false
}

func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return "a scalar"
	}
	return "nothing"
}

// converter turns yaml nodes into plain values, refusing what ropa does
// not accept: aliases (an alias bomb expands exponentially, and a position
// shared by many paths would mislead), duplicate keys, non-string keys and
// nesting deeper than MaxDepth. It records every node in a position tree
// (postree.go) as it goes, the entries it leaves out included, since
// lookups by key text still find them.
type converter struct {
	p     *parsedFile
	fatal bool
	b     treeBuilder
	// stitch maps the placeholders of a large file's skeleton to the
	// pieces parsed and converted in their place (chunked.go).
	stitch map[*yaml.Node]*stitchedSeq
}

func (c *converter) value(n *yaml.Node, depth int) any { return c.entry(n, nil, 0, depth) }

// entry converts n, the value of key when key is not nil.
func (c *converter) entry(n, key *yaml.Node, flags uint8, depth int) any {
	if depth > MaxDepth {
		if !c.fatal {
			c.p.add(RuleSyntax, n, "", "nesting deeper than %d levels", MaxDepth)
		}
		c.fatal = true
		return nil
	}
	if s := c.stitch[n]; s != nil {
		return c.stitched(s, key, flags)
	}
	switch n.Kind {
	case yaml.AliasNode:
		// Fatal: one finding, and nothing of an alias bomb is expanded.
		c.p.add(RuleSyntax, n, "", "YAML aliases are not supported in inventories; write the value out")
		c.fatal = true
		return nil
	case yaml.MappingNode:
		at := c.b.begin(n, key, flags)
		m := make(map[string]any, len(n.Content)/2)
		first := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.Tag != "!!int" && k.Tag != "!!bool" && k.Tag != "!!float") {
				if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
					c.p.add(RuleSyntax, k, "", "YAML merge keys (<<) are not supported in inventories; write the keys out")
					c.fatal = true
					return nil
				} else {
					c.p.add(RuleSyntax, k, "", "mapping keys must be plain strings")
				}
				c.b.skipped(v, k)
				continue
			}
			if prev, dup := first[k.Value]; dup {
				c.p.add(RuleSyntax, k, "", "duplicate key %q (first at line %d, column %d)", k.Value, prev.Line, prev.Column)
				c.b.skipped(v, k)
				continue
			}
			first[k.Value] = k
			m[k.Value] = c.entry(v, k, flagAccepted, depth+1)
			if c.fatal {
				return nil
			}
		}
		c.b.finish(at)
		return m
	case yaml.SequenceNode:
		at := c.b.begin(n, key, flags)
		s := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			s = append(s, c.entry(e, nil, 0, depth+1))
			if c.fatal {
				return nil
			}
		}
		c.b.finish(at)
		return s
	case yaml.ScalarNode:
		at := c.b.begin(n, key, flags)
		v := scalar(n)
		if s, ok := v.(string); !ok || s != n.Value {
			c.b.setRaw(at, n.Value)
		}
		c.b.finish(at)
		return v
	}
	c.b.finish(c.b.begin(n, key, flags))
	return nil
}

// stitched converts a sequence parsed and converted in pieces: their
// findings come in document order, up to the first fatal one, as if the
// whole sequence had been converted here.
func (c *converter) stitched(s *stitchedSeq, key *yaml.Node, flags uint8) any {
	at := c.b.beginAt(s.line, s.col, yaml.SequenceNode, "!!seq", key, flags|flagStitched)
	c.b.finish(at)
	n := 0
	for _, pc := range s.pieces {
		n += len(pc.items)
	}
	items := make([]any, 0, n)
	elems := make([]pref, 0, n)
	for _, pc := range s.pieces {
		c.p.findings = append(c.p.findings, pc.findings...)
		if pc.fatal {
			c.fatal = true
			return nil
		}
		items = append(items, pc.items...)
		elems = append(elems, pc.elems...)
	}
	setIn(&c.b.t.seqs, at, elems)
	return items
}

// scalar resolves a scalar as YAML 1.2 core types; timestamps stay strings
// (dates are compared as YYYY-MM-DD text) and so do unusual tags.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	return n.Value
}
