package diffreport

import (
	"github.com/ropa-project/ropa/internal/errw"
	"io"
	"strings"

	"github.com/ropa-project/ropa/audit"
)

func plain(s string) string { return s }

// writeText renders a report for a terminal: the privacy-relevant changes
// first, then the declarations (+ added, - removed, ~ changed), the
// findings new, fixed and newly waived (compiler-style file:line:col
// lines), a summary line and, when the change fails the gate, why.
func writeText(w io.Writer, r *Report) error {
	ew := errw.New(w)
	cs := r.Changes
	ew.Printf("ropa diff: %s → %s (as of %s)\n", r.Old, r.New, r.AsOf)
	if lines := flowLines(cs, plain); len(lines) > 0 {
		ew.Printf("\nPrivacy-relevant changes:\n")
		for _, l := range lines {
			ew.Printf("  %s (%s)\n", l.head, l.detail)
		}
	}
	if len(cs.Items) > 0 {
		ew.Printf("\nDeclarations:\n")
		for _, c := range cs.Items {
			switch c.Change {
			case audit.ChangeAdded:
				ew.Printf("  + %s\n", c.Path())
			case audit.ChangeRemoved:
				ew.Printf("  - %s\n", c.Path())
			default:
				ew.Printf("  ~ %s: %s\n", c.Path(), itemDetail(c, plain))
			}
		}
	}
	findings := func(title string, fs []audit.Finding) {
		if len(fs) == 0 {
			return
		}
		ew.Printf("\n%s:\n", title)
		for _, f := range fs {
			msg := f.Message
			if f.Waived && f.WaiverReason != "" {
				msg += " (waived: " + f.WaiverReason + ")"
			}
			ew.Printf("  %s: %s: %s [%s]\n", f.Location, f.Severity, oneLine(msg), f.Rule)
		}
	}
	findings("New findings", cs.Findings.New)
	findings("Fixed findings", cs.Findings.Fixed)
	findings("Newly waived findings", cs.Findings.Waived)
	ew.Printf("\n%s\n", summary(r))
	if fails, n, triggered := r.Verdict(); fails {
		ew.Printf("fails: %s\n", reasons(r, n, triggered))
	}
	return ew.Err
}

// reasons says why a change fails the gate.
func reasons(r *Report, n int, triggered []string) string {
	var why []string
	if n > 0 {
		why = append(why, plural(n, "new finding", "new findings")+" at or above "+string(r.FailOn))
	}
	if len(triggered) > 0 {
		why = append(why, "privacy-significant change ("+strings.Join(triggered, ", ")+") with --fail-on-change")
	}
	return strings.Join(why, "; ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
