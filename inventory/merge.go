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

// ref is a node in a file, with its plain value when the walk that
// reached it knows it.
type ref struct {
	file  string
	node  pref
	atKey bool // reached by a mapping key, where it is located
	val   any
}

func (r ref) location() Location {
	if r.atKey {
		return r.node.keyAt(r.file)
	}
	return r.node.at(r.file)
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
		inv.Rejected = append(inv.Rejected, p.rejected...)
		inv.RejectedValues = append(inv.RejectedValues, p.rejectedValues...)
		if p.tree == nil {
			inv.Unparsed = append(inv.Unparsed, p.name)
			continue
		}
		for v := range p.tree.root().children() {
			section := v.keyText()
			val := p.value[section]
			switch {
			case isSingle(section):
				if prev, dup := ix.singles[section]; dup {
					inv.Findings = append(inv.Findings, Finding{
						Rule: RuleSchema, Severity: SeverityError, Path: section,
						Location: v.keyAt(p.name),
						Message:  fmt.Sprintf("%s is already declared at %s; it may appear in one file only", section, prev.location()),
					})
					continue
				}
				ix.singles[section] = ref{file: p.name, node: v, atKey: true, val: val}
				inv.Document[section] = val
			case isList(section):
				if _, ok := ix.sections[section]; !ok {
					ix.sections[section] = ref{file: p.name, node: v, atKey: true}
				}
				items, ok := val.([]any)
				if !ok || v.kind() != yaml.SequenceNode {
					continue
				}
				if ix.items[section] == nil {
					ix.items[section] = map[string]ref{}
				}
				// A duplicate is reported and left out of the document, so
				// rules see each id once and lookups keyed by id never
				// conflict.
				elems := v.elements()
				for j, itemVal := range items {
					if j >= len(elems) {
						// The section's key is repeated in the file (a
						// syntax finding): the values are the first
						// occurrence's, the only one the converter kept,
						// and the nodes this occurrence's, which has fewer
						// items. Those without a node are left out.
						break
					}
					r := ref{file: p.name, node: elems[j], val: itemVal}
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
		allParsed = allParsed && p.tree != nil
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
		if idNode, ok := r.node.field(keyField(section)); ok {
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

// child steps from r to the node named seg: a mapping key, a list element
// that is the scalar seg or a mapping whose id (or name) is seg, or a list
// index.
func child(r ref, seg string) (ref, bool) {
	switch r.node.kind() {
	case yaml.MappingNode:
		if c, ok := r.node.field(seg); ok {
			return ref{file: r.file, node: c, atKey: true, val: childPlain(r.node, r.val, c, 0)}, true
		}
	case yaml.SequenceNode:
		elems := r.node.elements()
		for i, e := range elems {
			ev := childPlain(r.node, r.val, e, i)
			switch e.kind() {
			case yaml.ScalarNode:
				if e.text(ev) == seg {
					return ref{file: r.file, node: e, val: ev}, true
				}
			case yaml.MappingNode:
				for _, f := range []string{"id", "name"} {
					if v, ok := e.field(f); ok && v.text(childPlain(e, ev, v, 0)) == seg {
						return ref{file: r.file, node: e, val: ev}, true
					}
				}
			}
		}
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(elems) {
			return ref{file: r.file, node: elems[i], val: childPlain(r.node, r.val, elems[i], i)}, true
		}
	}
	return ref{}, false
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
		next, ok := child(cur, seg)
		if !ok {
			break
		}
		cur = next
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
			return ok && r.decode(dst) == nil
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
	var rb rebuilder
	for _, r := range ix.order[section] {
		var t T
		if r.node.kind() == yaml.MappingNode && rb.rebuild(r.node, r.val).Decode(&t) == nil {
			out = append(out, t)
		}
	}
	return out
}

// decode decodes the node into dst as yaml.v3 decoded the parsed node,
// from a rebuilt one (pref.rebuild).
func (r ref) decode(dst any) error { return r.node.rebuild(r.val).Decode(dst) }
