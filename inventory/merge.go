package inventory

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Sections of format v1. Single sections hold one mapping and may appear
// in one file only; list sections are concatenated across files.
var (
	singleSections = []string{"controller", "commitments", "rights"}
	listSections   = []string{"subjects", "data", "systems", "recipients", "activities", "cookies", "security_measures", "waivers"}
)

func isSingle(section string) bool {
	for _, s := range singleSections {
		if s == section {
			return true
		}
	}
	return false
}

func isList(section string) bool {
	for _, s := range listSections {
		if s == section {
			return true
		}
	}
	return false
}

// itemNoun names an item of a section in messages.
var itemNoun = map[string]string{
	"subjects": "subject", "data": "data category", "systems": "system",
	"recipients": "recipient", "activities": "activity", "cookies": "cookie",
	"security_measures": "security measure", "waivers": "waiver",
}

// ref is a node in a file.
type ref struct {
	file string
	key  *yaml.Node // the mapping key naming the node, when there is one
	node *yaml.Node
	val  any // the node as a plain value
}

func (r ref) location() Location {
	n := r.node
	if r.key != nil {
		n = r.key
	}
	return Location{File: r.file, Line: n.Line, Column: n.Column}
}

// index finds nodes by id path.
type index struct {
	files    []string
	singles  map[string]ref            // controller, commitments, rights (key = section key node)
	sections map[string]ref            // first "activities:" key etc.
	items    map[string]map[string]ref // section -> item key -> item
	order    map[string][]ref          // section -> items in file order
}

func merge(parsed []*parsedFile) *Inventory {
	inv := &Inventory{Document: map[string]any{"version": int64(1)}}
	ix := &index{
		singles:  map[string]ref{},
		sections: map[string]ref{},
		items:    map[string]map[string]ref{},
		order:    map[string][]ref{},
	}
	inv.index = ix
	lists := map[string][]any{}
	for _, p := range parsed {
		inv.Files = append(inv.Files, p.name)
		inv.Findings = append(inv.Findings, p.findings...)
		if p.root == nil {
			continue
		}
		for i := 0; i+1 < len(p.root.Content); i += 2 {
			k, v := p.root.Content[i], p.root.Content[i+1]
			section := k.Value
			val := p.value[section]
			switch {
			case isSingle(section):
				if prev, dup := ix.singles[section]; dup {
					inv.Findings = append(inv.Findings, Finding{
						Rule: RuleSchema, Severity: SeverityError, Path: section,
						Location: Location{File: p.name, Line: k.Line, Column: k.Column},
						Message:  fmt.Sprintf("%s is already declared at %s; it may appear in one file only", section, prev.location()),
					})
					continue
				}
				ix.singles[section] = ref{file: p.name, key: k, node: v, val: val}
				inv.Document[section] = val
			case isList(section):
				if _, ok := ix.sections[section]; !ok {
					ix.sections[section] = ref{file: p.name, key: k, node: v}
				}
				items, ok := val.([]any)
				if !ok || v.Kind != yaml.SequenceNode {
					continue
				}
				if ix.items[section] == nil {
					ix.items[section] = map[string]ref{}
				}
				// A duplicate is reported and left out of the document, so
				// rules see each id once and lookups keyed by id never
				// conflict.
				for j, itemVal := range items {
					r := ref{file: p.name, node: v.Content[j], val: itemVal}
					if key := itemKey(section, itemVal); key != "" {
						if prev, dup := ix.items[section][key]; dup {
							inv.Findings = append(inv.Findings, duplicateFinding(section, key, r, prev))
							continue
						}
						ix.items[section][key] = r
					}
					ix.order[section] = append(ix.order[section], r)
					lists[section] = append(lists[section], itemVal)
				}
			}
		}
	}
	for s, l := range lists {
		inv.Document[s] = l
	}
	for _, p := range parsed {
		ix.files = append(ix.files, p.name)
	}
	// A file that could not be read may hold the controller: say nothing
	// until it parses.
	allParsed := true
	for _, p := range parsed {
		allParsed = allParsed && p.root != nil
	}
	if _, ok := ix.singles["controller"]; !ok && len(parsed) > 0 && allParsed {
		inv.Findings = append(inv.Findings, Finding{
			Rule: RuleSchema, Severity: SeverityError, Path: "controller",
			Location: Location{File: parsed[0].name, Line: 1, Column: 1},
			Message:  "no file declares the controller; exactly one file must",
		})
	}
	return inv
}

func duplicateFinding(section, key string, r, prev ref) Finding {
	// Both places are given by their id value, the part that clashes.
	keyRef := func(r ref) ref {
		if _, idNode := childByKey(r.node, keyField(section)); idNode != nil {
			return ref{file: r.file, node: idNode}
		}
		return r
	}
	at, prev := keyRef(r), keyRef(prev)
	what := "id"
	switch section {
	case "cookies":
		what = "cookie name"
	case "waivers":
		what = "waiver"
	}
	return Finding{
		Rule: RuleDuplicateID, Severity: SeverityError, Path: section + "/" + key,
		Location: at.location(),
		Message:  fmt.Sprintf("duplicate %s %q in %s: already declared at %s", what, key, section, prev.location()),
	}
}

// keyField is the field holding an item's key.
func keyField(section string) string {
	switch section {
	case "cookies":
		return "name"
	case "waivers":
		return "rule"
	}
	return "id"
}

func childByKey(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// child steps from n to the node named seg: a mapping key, a list element
// that is the scalar seg or a mapping whose id (or name) is seg, or a list
// index.
func child(n *yaml.Node, seg string) (key, val *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		return childByKey(n, seg)
	case yaml.SequenceNode:
		for _, e := range n.Content {
			switch e.Kind {
			case yaml.ScalarNode:
				if e.Value == seg {
					return nil, e
				}
			case yaml.MappingNode:
				for _, f := range []string{"id", "name"} {
					if _, v := childByKey(e, f); v != nil && v.Value == seg {
						return nil, e
					}
				}
			}
		}
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
			return nil, n.Content[i]
		}
	}
	return nil, nil
}

// Locate returns the position of the node at an id path
// (activities/billing/retention), or of its nearest existing parent. Paths
// of waivers are waivers/<rule>@<target>, with the target's slashes kept.
func (inv *Inventory) Locate(path string) Location {
	ix := inv.index
	fallback := Location{}
	if len(ix.files) > 0 {
		fallback = Location{File: ix.files[0], Line: 1, Column: 1}
	}
	section, rest, _ := strings.Cut(path, "/")
	var cur ref
	switch {
	case isSingle(section):
		r, ok := ix.singles[section]
		if !ok {
			return fallback
		}
		cur = r
	case isList(section):
		r, ok := ix.sections[section]
		if !ok {
			return fallback
		}
		if rest == "" {
			return r.location()
		}
		var key string
		if section == "waivers" {
			key, rest = rest, ""
		} else {
			key, rest, _ = strings.Cut(rest, "/")
		}
		item, ok := ix.items[section][key]
		if !ok {
			return r.location()
		}
		cur = item
	default:
		return fallback
	}
	for rest != "" {
		var seg string
		seg, rest, _ = strings.Cut(rest, "/")
		k, v := child(cur.node, seg)
		if v == nil {
			break
		}
		cur = ref{file: cur.file, key: k, node: v}
	}
	return cur.location()
}

// Has reports whether an id path names a declared section or item (the
// first two segments only: waiver targets may point below an item).
func (inv *Inventory) Has(path string) bool {
	ix := inv.index
	section, rest, _ := strings.Cut(path, "/")
	switch {
	case isSingle(section):
		_, ok := ix.singles[section]
		return ok
	case isList(section):
		if rest == "" {
			_, ok := ix.sections[section]
			return ok
		}
		key, _, _ := strings.Cut(rest, "/")
		if section == "waivers" {
			key = rest
		}
		_, ok := ix.items[section][key]
		return ok
	}
	return false
}

// IDs returns the keys of a list section in file order.
func (inv *Inventory) IDs(section string) []string {
	var out []string
	for _, r := range inv.index.order[section] {
		if k := itemKey(section, r.val); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Model decodes the typed model on first use; audits that only need the
// plain document never pay for it.
func (inv *Inventory) Model() *Model {
	inv.modelOnce.Do(func() {
		ix := inv.index
		m := &Model{}
		single := func(section string, dst any) bool {
			r, ok := ix.singles[section]
			return ok && r.node.Decode(dst) == nil
		}
		var c Controller
		if single("controller", &c) {
			m.Controller = &c
		}
		var cm Commitments
		if single("commitments", &cm) {
			m.Commitments = &cm
		}
		var rt Rights
		if single("rights", &rt) {
			m.Rights = &rt
		}
		m.Subjects = decodeList[Subject](ix, "subjects")
		m.Data = decodeList[DataCategory](ix, "data")
		m.Systems = decodeList[System](ix, "systems")
		m.Recipients = decodeList[Recipient](ix, "recipients")
		m.Activities = decodeList[Activity](ix, "activities")
		m.Cookies = decodeList[Cookie](ix, "cookies")
		m.SecurityMeasures = decodeList[SecurityMeasure](ix, "security_measures")
		m.Waivers = decodeList[Waiver](ix, "waivers")
		inv.model = m
	})
	return inv.model
}

func decodeList[T any](ix *index, section string) []T {
	var out []T
	for _, r := range ix.order[section] {
		var t T
		if r.node.Kind == yaml.MappingNode && r.node.Decode(&t) == nil {
			out = append(out, t)
		}
	}
	return out
}
