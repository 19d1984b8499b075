package inventory

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// SchemaJSON is the JSON Schema (draft 2020-12) of inventory format v1: the
// single source of truth for validation and for editor completion
// (`ropa schema`).
//
//go:embed schema.json
var SchemaJSON []byte

// SchemaID is the schema's $id.
const SchemaID = "https://github.com/ropa-project/ropa/inventory/schema.json"

type schema struct {
	s    *jsonschema.Schema
	doc  any         // the schema as plain values, to look up allowed keys
	fast *fastSchema // yes/no validator for valid files (fastschema.go); nil if unusable
}

var (
	schemaOnce sync.Once
	schemaVal  *schema
	schemaErr  error
	printer    = message.NewPrinter(language.English)
)

func compiledSchema() (*schema, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
		if err != nil {
			schemaErr = fmt.Errorf("parse embedded schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		if err := c.AddResource(SchemaID, doc); err != nil {
			schemaErr = fmt.Errorf("load embedded schema: %w", err)
			return
		}
		s, err := c.Compile(SchemaID)
		if err != nil {
			schemaErr = fmt.Errorf("compile embedded schema: %w", err)
			return
		}
		schemaVal = &schema{s: s, doc: doc, fast: compileFast(doc)}
	})
	return schemaVal, schemaErr
}

// validate checks p.value and appends one finding per leaf error, placed
// on the offending node and addressed by an id path.
func (sch *schema) validate(p *parsedFile) {
	if sch.fast != nil && sch.fast.valid(p.value) {
		return
	}
	err := sch.s.Validate(p.value)
	if err == nil {
		return
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		p.addAt(RuleSchema, 1, 1, "schema validation: %v", err)
		return
	}
	seen := map[string]bool{}
	var rejected [][]string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range anyOfBranch(e) {
				walk(c)
			}
			return
		}
		for _, f := range sch.findings(p, e) {
			k := f.Location.String() + f.Message
			if !seen[k] {
				seen[k] = true
				p.findings = append(p.findings, f)
			}
		}
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			// Nothing is there to drop.
		case *kind.AdditionalProperties:
			for _, prop := range k.Properties {
				rejected = append(rejected, append(slices.Clone(e.InstanceLocation), prop))
			}
		default:
			rejected = append(rejected, e.InstanceLocation)
		}
	}
	walk(ve)
	// Paths first: dropping a value may change the id path of another.
	type drop struct {
		parent map[string]any
		key    string
		node   pref
	}
	var drops []drop
	for _, loc := range rejected {
		if parent, key, node, n, ok := p.dropPoint(loc); ok {
			p.rejected = append(p.rejected, idPath(p.value, loc[:n]))
			p.rejectedValues = appendScalars(p.rejectedValues, parent[key])
			drops = append(drops, drop{parent, key, node})
		}
	}
	for _, d := range drops {
		delete(d.parent, d.key)
		d.node.reject()
	}
}

// dropPoint finds what to drop for a value that failed the schema, so that no rule, register
// or notice reads it (the schema finding is the one finding about it).
// What is dropped is the innermost mapping entry holding it, below the
// top-level sections: countries: [France] drops the recipient's countries,
// protection: hashd the data category's protection. Nothing is dropped
// from the top-level sections themselves or their lists, whose items
// stay aligned with their positions (a section or an item of the wrong
// type is already left out by the merge, or has no id to be looked up by).
func (p *parsedFile) dropPoint(loc []string) (parent map[string]any, dropKey string, dropNode pref, n int, found bool) {
	// The drop point: the longest prefix of loc ending on a mapping key,
	// at depth 2 or more.
	var v any = p.value
	h := p.tree.root()
walk:
	for depth, tok := range loc {
		switch x := v.(type) {
		case map[string]any:
			c, ok := h.field(tok)
			if !ok {
				break walk
			}
			if depth >= 1 {
				parent, dropKey, dropNode, n, found = x, tok, c, depth+1, true
			}
			v, h = x[tok], c
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				break walk
			}
			e, ok := h.elem(i)
			if !ok {
				break walk
			}
			v, h = x[i], e
		default:
			break walk
		}
	}
	return parent, dropKey, dropNode, n, found
}

// anyOfBranch is the causes of e worth reporting. For anyOf (a value that
// may be a string or a list), the branches of the wrong type fail with a
// type error that says nothing useful: only the branch of the value's type
// is reported, unless every branch failed on its type.
func anyOfBranch(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if _, ok := e.ErrorKind.(*kind.AnyOf); !ok {
		return e.Causes
	}
	var typed []*jsonschema.ValidationError
	for _, c := range e.Causes {
		if !wrongType(c) {
			typed = append(typed, c)
		}
	}
	if len(typed) == 0 {
		return e.Causes
	}
	return typed
}

// wrongType reports whether e is a type mismatch, possibly behind a $ref.
func wrongType(e *jsonschema.ValidationError) bool {
	if _, ok := e.ErrorKind.(*kind.Type); ok {
		return true
	}
	return len(e.Causes) == 1 && wrongType(e.Causes[0])
}

// defName is the $defs entry an error's schema location falls in, which
// names the kind of value (country, duration, id, ...).
func defName(schemaURL string) string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	parts := strings.Split(frag, "/")
	if len(parts) >= 3 && parts[1] == "$defs" {
		return parts[2]
	}
	return ""
}

func (sch *schema) findings(p *parsedFile, e *jsonschema.ValidationError) []Finding {
	loc := e.InstanceLocation
	root := p.tree.root()
	val, _ := nodeAt(root, loc)
	at := val.at(p.name) // the offending value
	path := idPath(p.value, loc)
	field := "the file"
	if len(loc) > 0 {
		field = strconv.Quote(loc[len(loc)-1])
		if _, err := strconv.Atoi(loc[len(loc)-1]); err == nil && len(loc) > 1 {
			field = strconv.Quote(loc[len(loc)-2]) // a list index says nothing: name the list
		}
	}
	mk := func(at Location, path, format string, args ...any) Finding {
		return Finding{
			Rule: RuleSchema, Severity: SeverityError, Path: path, Location: at,
			Message: fmt.Sprintf(format, args...),
		}
	}
	def := defName(e.SchemaURL)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		allowed := sch.allowedKeys(e.SchemaURL)
		var out []Finding
		for _, prop := range k.Properties {
			// Placed on the unknown key.
			kat := at
			if kv, atKey := nodeAt(root, append(slices.Clone(loc), prop)); atKey {
				kat = kv.keyAt(p.name)
			}
			msg := fmt.Sprintf("unknown key %q", prop)
			if def == "" && len(loc) == 0 {
				msg += " at the top level"
			}
			out = append(out, mk(kat, joinPath(path, prop), "%s%s", msg, didYouMean(prop, allowed)))
		}
		return out
	case *kind.Required:
		var out []Finding
		for _, m := range k.Missing {
			out = append(out, mk(at, joinPath(path, m), "missing required key %q", m))
		}
		return out
	case *kind.Type:
		return []Finding{mk(at, path, "%s must be %s, not %s", field, strings.Join(k.Want, " or "), k.Got)}
	case *kind.Const:
		return []Finding{mk(at, path, "%s must be %v, not %v", field, k.Want, show(k.Got))}
	case *kind.Enum:
		got := fmt.Sprint(k.Got)
		if def == "country" {
			hint := ""
			if up := strings.ToUpper(got); up != got && slices.Contains(k.Want, any(up)) {
				hint = fmt.Sprintf(" (did you mean %q?)", up)
			}
			return []Finding{mk(at, path, "unknown country code %s: want an ISO 3166-1 alpha-2 code%s", show(k.Got), hint)}
		}
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return []Finding{mk(at, path, "invalid %s %s: want one of %s%s", strings.Trim(field, `"`), show(k.Got), strings.Join(want, ", "), didYouMean(got, want))}
	case *kind.UniqueItems:
		list, _ := instance(p.value, loc).([]any)
		dup := ""
		if k.Duplicates[1] < len(list) {
			dup = " " + show(list[k.Duplicates[1]])
		}
		return []Finding{mk(at, path, "%s lists%s twice", field, dup)}
	case *kind.MinItems:
		return []Finding{mk(at, path, "%s must not be an empty list (leave the key out instead)", field)}
	case *kind.Pattern, *kind.Not, *kind.Format:
		got := show(instance(p.value, loc))
		switch def {
		case "id":
			return []Finding{mk(at, path, "invalid id %s: ids are lowercase letters, digits, '.', '_' and '-', starting with a letter or digit", got)}
		case "duration":
			return []Finding{mk(at, path, "invalid duration %s: want ISO 8601, e.g. P3Y, P13M, P30D", got)}
		case "date":
			return []Finding{mk(at, path, "invalid date %s: want YYYY-MM-DD", got)}
		}
	}
	return []Finding{mk(at, path, "%s: %s", field, e.ErrorKind.LocalizedString(printer))}
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

// allowedKeys lists the properties of the schema object at schemaURL, for
// "did you mean" on unknown keys.
func (sch *schema) allowedKeys(schemaURL string) []string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	cur := sch.doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")]
	}
	m, _ := cur.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func instance(v any, loc []string) any {
	for _, tok := range loc {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, _ := strconv.Atoi(tok)
			if i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// idPath converts a location with list indices into the id-based path
// findings use: items of the top-level sections by their key (id, cookie
// name, waiver rule@target), scalars in nested lists by their value.
func idPath(root map[string]any, loc []string) string {
	var segs []string
	var v any = root
	for depth, tok := range loc {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
			segs = append(segs, tok)
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				segs = append(segs, tok)
				v = nil
				continue
			}
			v = x[i]
			seg := tok
			if depth == 1 {
				if k := itemKey(loc[0], v); k != "" {
					seg = k
				}
			} else if s, ok := v.(string); ok && s != "" {
				seg = s
			}
			segs = append(segs, seg)
		default:
			segs = append(segs, tok)
		}
	}
	return strings.Join(segs, "/")
}

// itemKey is the id-path segment of an item of a top-level section.
func itemKey(section string, item any) string {
	m, ok := item.(map[string]any)
	if !ok {
		return ""
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	switch section {
	case "cookies":
		return str("name")
	case "waivers":
		if str("rule") == "" || str("target") == "" {
			return ""
		}
		return str("rule") + "@" + str("target")
	}
	return str("id")
}

func joinPath(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "/" + seg
}

// appendScalars appends the scalars of v (a plain value) as text.
func appendScalars(out []string, v any) []string {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			out = appendScalars(out, e)
		}
	case []any:
		for _, e := range x {
			out = appendScalars(out, e)
		}
	case nil:
	default:
		out = append(out, fmt.Sprint(x))
	}
	return out
}
