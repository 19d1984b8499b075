package inventory

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/policies"
	"gopkg.in/yaml.v3"
)

// activityRefs maps the reference fields of an activity to the section
// they point into.
var activityRefs = []struct{ field, section string }{
	{"subjects", "subjects"},
	{"data", "data"},
	{"recipients", "recipients"},
	{"systems", "systems"},
	{"security", "security_measures"},
}

// IsRejected reports whether path is at or below a value that failed the
// schema and was dropped (Rejected).
func (inv *Inventory) IsRejected(path string) bool {
	for _, r := range inv.Rejected {
		if path == r || strings.HasPrefix(path, r+"/") {
			return true
		}
	}
	return false
}

// UncheckedNote is the note reports print when references were not
// checked because files could not be parsed; empty when there is none.
func (inv *Inventory) UncheckedNote() string {
	if inv.Unchecked == 0 {
		return ""
	}
	noun := "references"
	if inv.Unchecked == 1 {
		noun = "reference"
	}
	verb := "could not be parsed"
	return fmt.Sprintf("%d %s not checked: %s %s (it may declare what they refer to)", inv.Unchecked, noun, strings.Join(inv.Unparsed, ", "), verb)
}

// check runs the cross-file checks: references and taxonomy keys.
// Duplicate ids were found while merging.
func (inv *Inventory) check() error {
	tax, err := policies.LoadTaxonomy()
	if err != nil {
		return err
	}
	ix := inv.index
	candidates := map[string][]string{}
	known := func(section, id string) ([]string, bool) {
		_, ok := ix.items[section][id]
		if ok {
			return nil, true
		}
		if _, done := candidates[section]; !done {
			ids := inv.IDs(section)
			slices.Sort(ids)
			candidates[section] = ids
		}
		return candidates[section], false
	}
	add := func(rule string, at Location, path, format string, args ...any) {
		if rule == RuleUnknownReference && len(inv.Unparsed) > 0 {
			// A file that could not be parsed may declare the target:
			// counted for one note, not reported (SPEC, gate integrity).
			inv.Unchecked++
			return
		}
		inv.Findings = append(inv.Findings, Finding{
			Rule: rule, Severity: SeverityError, Path: path, Location: at,
			Message: fmt.Sprintf(format, args...),
		})
	}
	// fieldAt places a finding on the value of an item's field.
	fieldAt := func(r ref, field string) Location {
		if n, ok := r.node.field(field); ok {
			return n.at(r.file)
		}
		return r.location()
	}
	for _, a := range ix.order["activities"] {
		m, _ := a.val.(map[string]any)
		id, _ := m["id"].(string)
		if id == "" {
			continue
		}
		for _, f := range activityRefs {
			refs, _ := m[f.field].([]any)
			listNode, _ := a.node.field(f.field)
			for i, rv := range refs {
				s, ok := rv.(string)
				if !ok {
					continue
				}
				if cands, ok := known(f.section, s); !ok {
					at, ok := contentAt(listNode, i, a.file)
					if !ok {
						at = fieldAt(a, f.field)
					}
					add(RuleUnknownReference, at,
						"activities/"+id+"/"+f.field+"/"+s,
						"activity %q refers to unknown %s %q%s", id, itemNoun[f.section], s, didYouMean(s, cands))
				}
			}
		}
		if use, ok := m["use"].(string); ok {
			if _, ok := tax.DataUses[use]; !ok {
				add(RuleUnknownCategory, fieldAt(a, "use"), "activities/"+id+"/use",
					"unknown data use %q%s", use, didYouMean(use, sortedKeys(tax.DataUses)))
			}
		}
	}
	for _, c := range ix.order["cookies"] {
		m, _ := c.val.(map[string]any)
		name, _ := m["name"].(string)
		act, ok := m["activity"].(string)
		if name == "" || !ok {
			continue
		}
		if cands, ok := known("activities", act); !ok {
			add(RuleUnknownReference, fieldAt(c, "activity"), "cookies/"+name+"/activity",
				"cookie %q refers to unknown activity %q%s", name, act, didYouMean(act, cands))
		}
	}
	for _, d := range ix.order["data"] {
		m, _ := d.val.(map[string]any)
		id, _ := m["id"].(string)
		cat, ok := m["category"].(string)
		if id == "" || !ok {
			continue
		}
		if _, ok := tax.DataCategories[cat]; !ok {
			add(RuleUnknownCategory, fieldAt(d, "category"), "data/"+id+"/category",
				"unknown data category %q%s", cat, didYouMean(cat, sortedKeys(tax.DataCategories)))
		}
	}
	for _, w := range ix.order["waivers"] {
		m, _ := w.val.(map[string]any)
		key := itemKey("waivers", w.val)
		if rule, _ := m["rule"].(string); IsStructural(rule) && key != "" {
			// Decided in the SPEC's gate integrity: a waiver cannot
			// silence a structural rule. It is an error of the waiver
			// itself, found by lint as by audit, and it applies to nothing.
			add(RuleSchema, fieldAt(w, "rule"), "waivers/"+key+"/rule",
				"waiver cannot silence structural rule %s: fix the inventory instead (structural rules guard what every other rule reads)", rule)
		}
		target, _ := m["target"].(string)
		if key == "" || inv.Has(target) {
			continue
		}
		section, rest, _ := strings.Cut(target, "/")
		id, _, _ := strings.Cut(rest, "/")
		msg := fmt.Sprintf("waiver targets %q, which is not declared", target)
		if isList(section) && id != "" {
			cands, _ := known(section, id)
			msg = fmt.Sprintf("waiver targets unknown %s %q%s", itemNoun[section], id, didYouMean(id, cands))
		} else if !isList(section) && !isSingle(section) {
			all := append(slices.Clone(singleSections), listSections...)
			msg = fmt.Sprintf("waiver targets unknown section %q%s", section, didYouMean(section, all))
		}
		add(RuleUnknownReference, fieldAt(w, "target"), "waivers/"+key, "%s", msg)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// contentAt is the position of the i-th node of n's yaml.Node Content: a
// sequence's i-th element, or a mapping's key or value. For an activity's
// reference list that is the list element; it is something else only when
// a repeated key (a syntax finding) makes the first key of that name name
// another node than the list the plain value comes from. False when there
// is no such node.
func contentAt(n pref, i int, file string) (Location, bool) {
	switch n.kind() {
	case yaml.SequenceNode:
		if e, ok := n.elem(i); ok {
			return e.at(file), true
		}
	case yaml.MappingNode:
		j := 0
		for c := range n.children() {
			switch i {
			case 2 * j:
				return c.keyAt(file), true
			case 2*j + 1:
				return c.at(file), true
			}
			j++
		}
	}
	return Location{}, false
}
