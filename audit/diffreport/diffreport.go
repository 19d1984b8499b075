// Package diffreport renders the change set of ropa diff: text for a
// terminal, JSON for tools, Markdown for a pull-request comment. Every
// format is deterministic: the same change set gives the same bytes.
package diffreport

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// Report is what the renderers need: the change set, the labels of the two
// sides and the gate settings, so a report can say whether and why the
// change fails.
type Report struct {
	// Old and New label the two sides: "origin/main:inventory" and
	// "inventory", or the two paths given.
	Old, New string
	// AsOf is the audit date of both sides, YYYY-MM-DD.
	AsOf    string
	Changes *audit.ChangeSet
	// FailOn is the --fail-on threshold for new findings.
	FailOn inventory.Severity
	// FailOnChange are the --fail-on-change classes.
	FailOnChange []string
}

// Verdict says whether the change fails the gate: the number of new
// findings at or above FailOn, and the --fail-on-change classes present.
func (r *Report) Verdict() (fails bool, newFindings int, triggered []string) {
	newFindings = r.Changes.Findings.NewAtOrAbove(r.FailOn)
	triggered = r.Changes.Triggered(r.FailOnChange)
	return newFindings > 0 || len(triggered) > 0, newFindings, triggered
}

// Writer renders a report.
type Writer func(w io.Writer, r *Report) error

// Format names.
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
)

var writers = map[string]Writer{
	FormatText:     writeText,
	FormatJSON:     writeJSON,
	FormatMarkdown: writeMarkdown,
}

// Formats lists the format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for n := range writers {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Lookup returns the writer of a format name.
func Lookup(name string) (Writer, error) {
	w, ok := writers[name]
	if !ok {
		return nil, fmt.Errorf("unknown diff format %q (want %s)", name, strings.Join(Formats(), ", "))
	}
	return w, nil
}

// line is one privacy-relevant change: a head that names it ("new
// third-country transfer: US") and details. code marks identifiers for
// the format (backticks in Markdown).
type line struct {
	head   string
	detail string
}

// flowLines describes the countries, transfers, lawful bases, retention
// and special data changes, in that order.
func flowLines(cs *audit.ChangeSet, code func(string) string) []line {
	var out []line
	for _, c := range cs.Countries {
		kind := "EEA"
		if c.ThirdCountry {
			kind = "third country"
		}
		head := "new country: " + c.Country
		if c.Change == audit.ChangeRemoved {
			head = "country no longer used: " + c.Country
		}
		out = append(out, line{head, kind + "; " + joinCode(c.Paths, code)})
	}
	for _, t := range cs.Transfers {
		var head string
		var details []string
		switch t.Change {
		case audit.ChangeAdded:
			head = "new third-country transfer: " + t.Country
			details = append(details, code(t.Path), safeguard(t.Transfer, code))
		case audit.ChangeRemoved:
			head = "third-country transfer removed: " + t.Country
			details = append(details, code(t.Path))
		default:
			head = "third-country transfer changed: " + t.Country
			details = append(details, code(t.Path))
			if t.OldTransfer != nil {
				details = append(details, "safeguard "+safeguardShort(t.OldTransfer)+" → "+safeguardShort(t.Transfer))
			}
			if len(t.NewActivities) > 0 {
				details = append(details, "now also used by "+joinCode(prefix("activities/", t.NewActivities), code))
			}
		}
		if t.Change == audit.ChangeAdded {
			if len(t.Activities) > 0 {
				details = append(details, "used by "+joinCode(prefix("activities/", t.Activities), code))
			} else {
				details = append(details, "used by no activity")
			}
		}
		out = append(out, line{head, strings.Join(details, "; ")})
	}
	for _, b := range cs.LawfulBasis {
		out = append(out, line{"lawful basis changed: activities/" + b.Activity,
			orNone(b.Old, code) + " → " + orNone(b.New, code)})
	}
	for _, r := range cs.Retention {
		out = append(out, line{"retention " + r.Change + ": " + r.Path,
			orNone(r.Old, code) + " → " + orNone(r.New, code)})
	}
	for _, s := range cs.Special {
		art := strings.Replace(s.Tag, "art", "Art. ", 1)
		if s.Change == audit.SpecialDeclared {
			out = append(out, line{art + " data introduced: " + s.Path, code(s.Category)})
			continue
		}
		out = append(out, line{art + " data now processed by " + s.Path,
			code("data/"+s.Data) + ", " + code(s.Category)})
	}
	return out
}

func prefix(p string, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = p + id
	}
	return out
}

func joinCode(ss []string, code func(string) string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = code(s)
	}
	return strings.Join(out, ", ")
}

func orNone(s string, code func(string) string) string {
	if s == "" {
		return "(none)"
	}
	return code(s)
}

// safeguard describes the Chapter V safeguard of a transfer.
func safeguard(t *inventory.Transfer, code func(string) string) string {
	if t == nil || (t.Mechanism == "" && !t.DPFCertified) {
		return "no safeguard declared"
	}
	s := "safeguard " + safeguardShort(t)
	if t.Reference != "" {
		s += " (" + code(t.Reference) + ")"
	}
	return s
}

func safeguardShort(t *inventory.Transfer) string {
	if t == nil || (t.Mechanism == "" && !t.DPFCertified && t.Derogation == "") {
		return "none"
	}
	var parts []string
	if t.Mechanism != "" {
		parts = append(parts, t.Mechanism)
	}
	if t.Derogation != "" {
		parts = append(parts, t.Derogation)
	}
	if t.DPFCertified {
		parts = append(parts, "DPF-certified")
	}
	return strings.Join(parts, " ")
}

// itemDetail describes the changed fields of an item.
func itemDetail(c audit.ItemChange, code func(string) string) string {
	var parts []string
	for _, f := range c.Fields {
		if len(f.Added) > 0 || len(f.Removed) > 0 {
			var d []string
			for _, v := range f.Added {
				d = append(d, "+"+code(value(v)))
			}
			for _, v := range f.Removed {
				d = append(d, "-"+code(value(v)))
			}
			parts = append(parts, code(f.Field)+" "+strings.Join(d, " "))
			continue
		}
		parts = append(parts, code(f.Field)+" "+valueOrNone(f.Old, code)+" → "+valueOrNone(f.New, code))
	}
	return strings.Join(parts, "; ")
}

func valueOrNone(v any, code func(string) string) string {
	if v == nil {
		return "(none)"
	}
	return code(value(v))
}

// maxValue bounds a value quoted in a report (descriptions can be long).
const maxValue = 60

// value formats a plain inventory value on one line.
func value(v any) string {
	var s string
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = value(e)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + value(x[k])
		}
		s = "{" + strings.Join(parts, ", ") + "}"
	case string:
		s = x
	default:
		s = fmt.Sprint(x)
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxValue {
		s = string(r[:maxValue-1]) + "…"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func countSeverity(fs []audit.Finding) (errs, warns int) {
	for _, f := range fs {
		switch f.Severity {
		case inventory.SeverityError:
			errs++
		case inventory.SeverityWarning:
			warns++
		}
	}
	return errs, warns
}

// summary is the one-line account of a report shared by text and Markdown.
func summary(r *Report) string {
	cs := r.Changes
	errs, warns := countSeverity(cs.Findings.New)
	s := fmt.Sprintf("%s, %s (%s, %s), %s fixed, %s",
		plural(len(cs.Items), "declaration changed", "declarations changed"),
		plural(len(cs.Findings.New), "new finding", "new findings"),
		plural(errs, "error", "errors"), plural(warns, "warning", "warnings"),
		fmt.Sprint(len(cs.Findings.Fixed)),
		plural(len(cs.Findings.Waived), "newly waived", "newly waived"))
	if sig := cs.Significant(); len(sig) > 0 {
		s += "; privacy-significant: " + strings.Join(sig, ", ")
	}
	return s
}
