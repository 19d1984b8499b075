package audit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ropa-project/ropa/inventory"
)

// Options configure one audit.
type Options struct {
	// AsOf is the audit date: adequacy end dates and waiver expiry are
	// judged on it, so a run is reproducible.
	AsOf time.Time
	// Disable lists rule ids whose findings are dropped.
	Disable []string
	// Severity overrides the severity of rules by id.
	Severity map[string]inventory.Severity
}

// Audit evaluates inv and returns every finding: structural findings, rule
// findings, and the waiver findings, with waivers applied.
func (e *Engine) Audit(ctx context.Context, inv *inventory.Inventory, opts Options) (*Result, error) {
	catalogue := e.Rules()
	known := make(map[string]bool, len(catalogue))
	ids := make([]string, 0, len(catalogue))
	for _, r := range catalogue {
		known[r.ID] = true
		ids = append(ids, r.ID)
	}
	if err := CheckOverrides(opts); err != nil {
		return nil, err
	}
	for _, id := range opts.Disable {
		if !known[id] {
			return nil, fmt.Errorf("--disable %s: unknown rule%s", id, DidYouMeanRule(id, ids))
		}
	}
	for id, sev := range opts.Severity {
		if !known[id] {
			return nil, fmt.Errorf("--severity %s: unknown rule%s", id, DidYouMeanRule(id, ids))
		}
		if sev.Rank() == 0 {
			return nil, fmt.Errorf("--severity %s=%s: want error or warning", id, sev)
		}
	}
	ruleFindings, err := e.evaluate(ctx, inv, opts.AsOf)
	if err != nil {
		return nil, err
	}
	transfers, err := e.AssessTransfers(ctx, inv, opts.AsOf)
	if err != nil {
		return nil, err
	}
	if len(inv.Rejected) > 0 {
		// A rule finding about a value the schema rejected (dropped from
		// the input: "declares no protection" for protection: hashd)
		// would be a second, misleading finding about it.
		kept := ruleFindings[:0]
		for _, f := range ruleFindings {
			if !inv.IsRejected(f.Path) {
				kept = append(kept, f)
			}
		}
		ruleFindings = kept
	}
	fs := append(slices.Clone(inv.Findings), ruleFindings...)
	fs = append(fs, applyWaivers(inv, fs, opts.AsOf, known)...)
	fs = append(fs, waiverRuleFindings(inv, known, ids)...)
	disabled := map[string]bool{}
	for _, id := range opts.Disable {
		disabled[id] = true
	}
	out := fs[:0]
	for _, f := range fs {
		if disabled[f.Rule] {
			continue
		}
		if s, ok := opts.Severity[f.Rule]; ok {
			f.Severity = s
		}
		out = append(out, f)
	}
	inventory.SortFindings(out)
	setFingerprints(out)
	return &Result{
		AsOf:      opts.AsOf.Format(time.DateOnly),
		Findings:  out,
		Summary:   Summarise(inv, out),
		Rules:     catalogue,
		Inventory: inv,
		Transfers: transfers,
	}, nil
}

// IsStructural reports whether id is a structural rule, which cannot be
// disabled, downgraded, waived or baselined: with it silenced, the part of
// the inventory it guards would silently disappear from every other rule
// (a file that does not parse declares nothing, so nothing in it is
// checked), and the gate would pass on an inventory it never read.
func IsStructural(id string) bool { return inventory.IsStructural(id) }

// CheckOverrides refuses to disable a structural rule or change its
// severity, saying why.
func CheckOverrides(opts Options) error {
	for _, id := range opts.Disable {
		if IsStructural(id) {
			return fmt.Errorf("--disable %s: %w", id, ErrStructural(id, "disabled"))
		}
	}
	ids := make([]string, 0, len(opts.Severity))
	for id := range opts.Severity {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if IsStructural(id) {
			return fmt.Errorf("--severity %s: %w", id, ErrStructural(id, "downgraded"))
		}
	}
	return nil
}

// ErrStructural is the error refusing to silence structural rule id in the
// given way ("disabled", "downgraded", "baselined").
func ErrStructural(id, how string) error {
	what := "it cannot be " + how
	if how == "downgraded" {
		what = "its severity cannot be changed"
	}
	return fmt.Errorf("%s is a structural rule: %s (it guards what every other rule reads; fix the inventory instead, see ropa lint)", id, what)
}

// DidYouMeanRule formats a " (did you mean gdpr/retention?)" suffix for a
// mistyped rule id, empty when nothing is close.
func DidYouMeanRule(id string, ids []string) string {
	s := inventory.Suggest(id, ids)
	if len(s) == 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
}

// applyWaivers marks the findings each waiver covers (its rule, on its
// target path or below) and returns the findings about the waivers
// themselves: expired, unused, or naming an unknown rule. An expired
// waiver covers nothing: the finding it silenced is reported again.
func applyWaivers(inv *inventory.Inventory, fs []Finding, asOf time.Time, known map[string]bool) []Finding {
	var out []Finding
	today := asOf.Format(time.DateOnly)
	byRule := map[string][]int{}
	for i, f := range fs {
		byRule[f.Rule] = append(byRule[f.Rule], i)
	}
	for _, w := range inv.Waivers() {
		path := "waivers/" + w.Key()
		at := inv.Locate(path)
		mk := func(rule string, sev inventory.Severity, msg string) Finding {
			return Finding{Rule: rule, Severity: sev, Path: path, Location: at, Message: msg}
		}
		if IsStructural(w.Rule) {
			// Reported by the loader (a schema finding) and never applied.
			continue
		}
		if !known[w.Rule] {
			continue // waiverRuleFindings
		}
		if w.Expires != "" && w.Expires < today {
			out = append(out, mk(inventory.RuleExpiredWaiver, inventory.SeverityWarning,
				fmt.Sprintf("waiver for %s on %s expired on %s; it no longer applies", w.Rule, w.Target, w.Expires)))
			continue
		}
		used := false
		for _, i := range byRule[w.Rule] {
			f := &fs[i]
			if f.Path == w.Target || strings.HasPrefix(f.Path, w.Target+"/") {
				f.Waived = true
				f.WaiverReason = w.Reason
				used = true
			}
		}
		if !used {
			out = append(out, mk(inventory.RuleUnusedWaiver, inventory.SeverityWarning,
				fmt.Sprintf("waiver for %s on %s matches no finding; remove it", w.Rule, w.Target)))
		}
	}
	return out
}

// waiverRuleFindings reports the waivers that name a rule the catalogue
// does not have (a misspelt id): an inventory/unknown-reference error, the
// same in lint and audit.
func waiverRuleFindings(inv *inventory.Inventory, known map[string]bool, ids []string) []Finding {
	var out []Finding
	for _, w := range inv.Waivers() {
		if w.Rule == "" || known[w.Rule] || IsStructural(w.Rule) {
			continue
		}
		path := "waivers/" + w.Key()
		out = append(out, Finding{
			Rule: inventory.RuleUnknownReference, Severity: inventory.SeverityError, Path: path, Location: inv.Locate(path),
			Message: fmt.Sprintf("waiver names unknown rule %q%s", w.Rule, DidYouMeanRule(w.Rule, ids)),
		})
	}
	return out
}
