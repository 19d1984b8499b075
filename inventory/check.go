package inventory

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/policies"
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
	add := func(rule string, r ref, path, format string, args ...any) {
		inv.Findings = append(inv.Findings, Finding{
			Rule: rule, Severity: SeverityError, Path: path, Location: r.location(),
			Message: fmt.Sprintf(format, args...),
		})
	}
	for _, a := range ix.order["activities"] {
		m, _ := a.val.(map[string]any)
		id, _ := m["id"].(string)
		if id == "" {
			continue
		}
		for _, f := range activityRefs {
			refs, _ := m[f.field].([]any)
			_, listNode := childByKey(a.node, f.field)
			for i, rv := range refs {
				s, ok := rv.(string)
				if !ok {
					continue
				}
				if cands, ok := known(f.section, s); !ok {
					add(RuleUnknownReference, ref{file: a.file, node: listNode.Content[i]},
						"activities/"+id+"/"+f.field+"/"+s,
						"activity %q refers to unknown %s %q%s", id, itemNoun[f.section], s, didYouMean(s, cands))
				}
			}
		}
		if use, ok := m["use"].(string); ok {
			if _, ok := tax.DataUses[use]; !ok {
				_, n := childByKey(a.node, "use")
				add(RuleUnknownCategory, ref{file: a.file, node: n}, "activities/"+id+"/use",
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
			_, n := childByKey(c.node, "activity")
			add(RuleUnknownReference, ref{file: c.file, node: n}, "cookies/"+name+"/activity",
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
			_, n := childByKey(d.node, "category")
			add(RuleUnknownCategory, ref{file: d.file, node: n}, "data/"+id+"/category",
				"unknown data category %q%s", cat, didYouMean(cat, sortedKeys(tax.DataCategories)))
		}
	}
	for _, w := range ix.order["waivers"] {
		m, _ := w.val.(map[string]any)
		key := itemKey("waivers", w.val)
		target, _ := m["target"].(string)
		if key == "" || inv.Has(target) {
			continue
		}
		_, n := childByKey(w.node, "target")
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
		add(RuleUnknownReference, ref{file: w.file, node: n}, "waivers/"+key, "%s", msg)
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
