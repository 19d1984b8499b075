package diffreport

import (
	"github.com/ropa-project/ropa/internal/errw"
	"io"
	"strings"

	"github.com/ropa-project/ropa/audit"
)

// Marker is the first line of the Markdown report, an HTML comment a CI job
// can search for to update its pull-request comment instead of adding one
// per push.
const Marker = "<!-- ropa-diff -->"

// mdEscaper escapes text for a Markdown table cell or list item: inline
// markup, HTML and the cell separator.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "#", `\#`,
)

func md(s string) string { return mdEscaper.Replace(oneLine(s)) }

// mdCode formats s as a code span; backticks inside become a longer fence.
func mdCode(s string) string {
	s = strings.ReplaceAll(oneLine(s), "|", `\|`)
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

// MaxRows bounds each list and table of the Markdown report, so that a
// large change still fits in a pull-request comment (GitHub refuses bodies
// over 65536 characters); the text and JSON formats are never cut.
const MaxRows = 30

// more notes the rows left out of a list or table.
func more(ew *errw.Writer, n int) {
	if n > MaxRows {
		ew.Printf("\n*… and %d more, not shown: run `ropa diff` or read the JSON report for the full list.*\n", n-MaxRows)
	}
}

// writeMarkdown renders a report for a pull-request comment: the verdict,
// the privacy-relevant changes as a list, the declarations and the findings
// as tables, each cut at MaxRows. Sections with nothing to show are left
// out.
func writeMarkdown(w io.Writer, r *Report) error {
	ew := errw.New(w)
	cs := r.Changes
	ew.Printf("%s\n### ropa: what this change does to the inventory\n\n", Marker)
	fails, n, triggered := r.Verdict()
	if fails {
		ew.Printf("❌ **This change fails the gate**: %s.\n\n", md(reasons(r, n, triggered)))
	} else {
		ew.Printf("✅ **No new finding at or above %s.**\n\n", md(string(r.FailOn)))
	}
	ew.Printf("%s — compared %s with %s, as of %s.\n", md(summary(r)), mdCode(r.Old), mdCode(r.New), r.AsOf)
	if lines := flowLines(cs, mdCode); len(lines) > 0 {
		ew.Printf("\n#### Privacy-relevant changes\n\n")
		for _, l := range lines[:min(len(lines), MaxRows)] {
			ew.Printf("- **%s** — %s\n", md(l.head), l.detail)
		}
		more(ew, len(lines))
	}
	if len(cs.Items) > 0 {
		ew.Printf("\n#### Declarations\n\n| change | item | details |\n|---|---|---|\n")
		for _, c := range cs.Items[:min(len(cs.Items), MaxRows)] {
			ew.Printf("| %s | %s | %s |\n", c.Change, mdCode(c.Path()), itemDetail(c, mdCode))
		}
		more(ew, len(cs.Items))
	}
	findings := func(title string, fs []audit.Finding) {
		if len(fs) == 0 {
			return
		}
		ew.Printf("\n#### %s (%d)\n\n| severity | rule | location | message |\n|---|---|---|---|\n", title, len(fs))
		for _, f := range fs[:min(len(fs), MaxRows)] {
			msg := md(f.Message)
			if f.Waived && f.WaiverReason != "" {
				msg += " (waived: " + md(f.WaiverReason) + ")"
			}
			ew.Printf("| %s | %s | %s | %s |\n", f.Severity, mdCode(f.Rule), mdCode(f.Location.String()), msg)
		}
		more(ew, len(fs))
	}
	findings("New findings", cs.Findings.New)
	findings("Fixed findings", cs.Findings.Fixed)
	findings("Newly waived findings", cs.Findings.Waived)
	if cs.Empty() && len(flowLines(cs, mdCode)) == 0 {
		ew.Printf("\nNo change to the declarations, no new or fixed finding.\n")
	}
	return ew.Err
}
