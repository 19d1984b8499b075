package inventory

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// fastSchema is a yes/no validator for the subset of JSON Schema that
// schema.json uses. Nearly every file of a real inventory is valid, and
// for a valid file the full validator (which builds error trees for
// messages) costs as much as parsing the YAML; this one walks the plain
// values once, with no allocation. It only answers "valid": when it says
// no, or when the schema uses a keyword it does not know, the full
// validator runs and produces the findings, so messages never depend on
// it.
type fastSchema struct {
	types      uint8 // bit set of fastType*; 0 means any
	properties map[string]*fastSchema
	closed     bool // additionalProperties: false
	additional *fastSchema
	required   []string
	enum       []any
	hasConst   bool
	constant   any
	patterns   []*regexp.Regexp
	not        *fastSchema
	date       bool // format: date
	minLength  int
	minItems   int
	unique     bool          // uniqueItems
	anyOf      []*fastSchema // valid when any is
	minimum    *float64
	maximum    *float64
	items      *fastSchema
	ref        string
	root       *fastCompiler
}

const (
	fastTypeObject uint8 = 1 << iota
	fastTypeArray
	fastTypeString
	fastTypeInteger
	fastTypeNumber
	fastTypeBoolean
	fastTypeNull
)

var fastTypeNames = map[string]uint8{
	"object": fastTypeObject, "array": fastTypeArray, "string": fastTypeString,
	"integer": fastTypeInteger, "number": fastTypeNumber, "boolean": fastTypeBoolean, "null": fastTypeNull,
}

// fastAnnotations are keywords with no effect on validity.
var fastAnnotations = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$comment": true, "title": true, "description": true,
	"markdownDescription": true, "examples": true, "default": true, "deprecated": true,
	"readOnly": true, "writeOnly": true,
}

type fastCompiler struct {
	doc  map[string]any
	defs map[string]*fastSchema
	ok   bool
}

// compileFast compiles the schema document, or returns nil when it uses
// anything the fast validator does not implement exactly.
func compileFast(doc any) *fastSchema {
	m, ok := doc.(map[string]any)
	if !ok {
		return nil
	}
	c := &fastCompiler{doc: m, defs: map[string]*fastSchema{}, ok: true}
	s := c.compile(m)
	if !c.ok {
		return nil
	}
	// Resolve every $ref now, so that validation never fails on one.
	for ref := range c.defs {
		if c.defs[ref] == nil {
			return nil
		}
	}
	return s
}

func (c *fastCompiler) compile(v any) *fastSchema {
	m, ok := v.(map[string]any)
	if !ok {
		if b, isBool := v.(bool); isBool && b {
			return &fastSchema{root: c}
		}
		c.ok = false
		return nil
	}
	s := &fastSchema{root: c}
	for k, kv := range m {
		switch k {
		case "type":
			switch t := kv.(type) {
			case string:
				s.types |= fastTypeNames[t]
				if fastTypeNames[t] == 0 {
					c.ok = false
				}
			case []any:
				for _, e := range t {
					n, _ := e.(string)
					if fastTypeNames[n] == 0 {
						c.ok = false
					}
					s.types |= fastTypeNames[n]
				}
			default:
				c.ok = false
			}
		case "properties":
			props, isMap := kv.(map[string]any)
			if !isMap {
				c.ok = false
				continue
			}
			s.properties = make(map[string]*fastSchema, len(props))
			for name, ps := range props {
				s.properties[name] = c.compile(ps)
			}
		case "additionalProperties":
			if b, isBool := kv.(bool); isBool {
				s.closed = !b
			} else {
				s.additional = c.compile(kv)
			}
		case "required":
			req, isList := kv.([]any)
			if !isList {
				c.ok = false
				continue
			}
			for _, r := range req {
				name, isStr := r.(string)
				if !isStr {
					c.ok = false
				}
				s.required = append(s.required, name)
			}
		case "enum":
			e, isList := kv.([]any)
			if !isList {
				c.ok = false
			}
			s.enum = e
			if s.enum == nil {
				s.enum = []any{}
			}
		case "const":
			s.hasConst, s.constant = true, kv
		case "pattern":
			p, isStr := kv.(string)
			re, err := regexp.Compile(p)
			if !isStr || err != nil {
				c.ok = false
				continue
			}
			s.patterns = append(s.patterns, re)
		case "not":
			s.not = c.compile(kv)
		case "format":
			if kv != "date" {
				c.ok = false
			}
			s.date = true
		case "minLength":
			n, isNum := kv.(float64)
			if !isNum {
				if i, isInt := jsonInt(kv); isInt {
					n, isNum = float64(i), true
				}
			}
			if !isNum || n < 0 || n != math.Trunc(n) {
				c.ok = false
			}
			s.minLength = int(n)
		case "minItems":
			n, isInt := jsonInt(kv)
			if !isInt || n < 0 {
				c.ok = false
			}
			s.minItems = int(n)
		case "uniqueItems":
			b, isBool := kv.(bool)
			if !isBool {
				c.ok = false
			}
			s.unique = b
		case "anyOf":
			list, isList := kv.([]any)
			if !isList || len(list) == 0 {
				c.ok = false
				continue
			}
			for _, e := range list {
				s.anyOf = append(s.anyOf, c.compile(e))
			}
		case "minimum", "maximum":
			f, isNum := jsonNumber(kv)
			if !isNum {
				c.ok = false
				continue
			}
			if k == "minimum" {
				s.minimum = &f
			} else {
				s.maximum = &f
			}
		case "items":
			s.items = c.compile(kv)
		case "$ref":
			ref, isStr := kv.(string)
			if !isStr || !strings.HasPrefix(ref, "#/$defs/") {
				c.ok = false
				continue
			}
			s.ref = ref
			if _, seen := c.defs[ref]; !seen {
				c.defs[ref] = nil // placeholder: breaks recursion
				defs, _ := c.doc["$defs"].(map[string]any)
				d, found := defs[strings.TrimPrefix(ref, "#/$defs/")]
				if !found {
					c.ok = false
					continue
				}
				c.defs[ref] = c.compile(d)
			}
		default:
			if !fastAnnotations[k] {
				c.ok = false
			}
		}
	}
	return s
}

// jsonNumber reads a number of the schema document, decoded by
// jsonschema.UnmarshalJSON as json.Number or a Go number.
func jsonNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case interface{ Float64() (float64, error) }:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

func jsonInt(v any) (int64, bool) {
	f, ok := jsonNumber(v)
	if !ok || f != math.Trunc(f) {
		return 0, false
	}
	return int64(f), true
}

// valid reports whether v (plain values: map[string]any, []any, string,
// int64, float64, bool, nil) satisfies the schema.
func (s *fastSchema) valid(v any) bool {
	if s.ref != "" && !s.root.defs[s.ref].valid(v) {
		return false
	}
	if s.types != 0 && s.types&fastTypeOf(v) == 0 {
		return false
	}
	if s.enum != nil && !jsonContains(s.enum, v) {
		return false
	}
	if s.hasConst && !jsonEqual(s.constant, v) {
		return false
	}
	if s.not != nil && s.not.valid(v) {
		return false
	}
	if s.anyOf != nil && !slices.ContainsFunc(s.anyOf, func(b *fastSchema) bool { return b.valid(v) }) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		for _, r := range s.required {
			if _, ok := x[r]; !ok {
				return false
			}
		}
		for k, e := range x {
			ps, declared := s.properties[k]
			switch {
			case declared:
				if !ps.valid(e) {
					return false
				}
			case s.closed:
				return false
			case s.additional != nil:
				if !s.additional.valid(e) {
					return false
				}
			}
		}
	case []any:
		if len(x) < s.minItems {
			return false
		}
		if s.unique {
			for i := range x {
				for j := range i {
					if jsonEqual(x[i], x[j]) {
						return false
					}
				}
			}
		}
		if s.items != nil {
			for _, e := range x {
				if !s.items.valid(e) {
					return false
				}
			}
		}
	case string:
		for _, re := range s.patterns {
			if !re.MatchString(x) {
				return false
			}
		}
		if s.minLength > 0 && utf8.RuneCountInString(x) < s.minLength {
			return false
		}
		if s.date {
			if _, err := time.Parse(time.DateOnly, x); err != nil {
				return false
			}
		}
	case int64, float64:
		f, _ := jsonNumber(x)
		if s.minimum != nil && f < *s.minimum {
			return false
		}
		if s.maximum != nil && f > *s.maximum {
			return false
		}
	}
	return true
}

func fastTypeOf(v any) uint8 {
	switch v.(type) {
	case map[string]any:
		return fastTypeObject
	case []any:
		return fastTypeArray
	case string:
		return fastTypeString
	case int64:
		return fastTypeInteger | fastTypeNumber
	case float64:
		// 2.0 may or may not be an integer to the full validator: leave
		// the question to it.
		return fastTypeNumber
	case bool:
		return fastTypeBoolean
	case nil:
		return fastTypeNull
	}
	return 0
}

func jsonContains(list []any, v any) bool {
	for _, e := range list {
		if jsonEqual(e, v) {
			return true
		}
	}
	return false
}

// jsonEqual is JSON equality: numbers by value, containers deeply.
func jsonEqual(a, b any) bool {
	if fa, ok := jsonNumber(a); ok {
		fb, ok := jsonNumber(b)
		return ok && fa == fb
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}
