package report

import (
	"fmt"
	"github.com/ropa-project/ropa/internal/errw"
	"io"
	"strconv"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// Text is the human format. Flat, it prints one compiler-style line per
// finding (file:line:col: severity: message [rule]) that editors and
// terminals turn into links; Grouped, it prints findings under a heading
// per file, as ropa audit does. Color adds ANSI colours (the CLI sets it
// only on a terminal without NO_COLOR).
type Text struct {
	Grouped bool
	Color   bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
)

func (t Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + ansiReset
}

func severityWord(f audit.Finding) string {
	if f.Waived {
		return "waived"
	}
	return string(f.Severity)
}

func (t Text) severity(f audit.Finding) string {
	switch {
	case f.Waived:
		return t.paint(ansiDim, "waived")
	case f.Severity == inventory.SeverityError:
		return t.paint(ansiRed, "error")
	case f.Severity == inventory.SeverityWarning:
		return t.paint(ansiYellow, "warning")
	}
	return string(f.Severity)
}

// Write renders r.
func (t Text) Write(w io.Writer, r *audit.Result) error {
	ew := errw.New(w)
	file := ""
	for _, f := range r.Findings {
		msg := f.Message
		if f.Waived && f.WaiverReason != "" {
			msg += " (waived: " + f.WaiverReason + ")"
		}
		msg = EscapeControl(msg)
		tag := "[" + EscapeControl(ruleTag(r, f)) + "]"
		if !t.Grouped {
			ew.Printf("%s: %s: %s %s\n", EscapeControl(f.Location.String()), t.severity(f), msg, tag)
			continue
		}
		if f.Location.File != file {
			if file != "" {
				ew.Printf("\n")
			}
			file = f.Location.File
			ew.Printf("%s\n", t.paint(ansiBold, EscapeControl(file)))
		}
		pos := fmt.Sprintf("%d:%d", f.Location.Line, f.Location.Column)
		sev := t.severity(f)
		// Pad outside the colour codes so columns line up on a terminal too.
		pad := strings.Repeat(" ", max(0, len("warning")-len(severityWord(f))))
		ew.Printf("  %-7s %s%s  %s %s\n", pos, sev, pad, msg, t.paint(ansiDim, tag))
	}
	s := r.Summary
	if len(r.Findings) > 0 {
		ew.Printf("\n")
	}
	ew.Printf("%s, %s, %d waived in %s (%s)\n",
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Waived, plural(s.Files, "file"), plural(s.Activities, "activity"))
	if len(r.Findings) > 0 {
		ew.Printf("%s\n", t.paint(ansiDim, "Run ropa explain RULE for a rule's legal basis, an example and the fix (e.g. ropa explain "+EscapeControl(r.Findings[0].Rule)+")"))
	}
	return ew.Err
}

// ruleTag is a finding's rule id followed by its legal reference:
// "gdpr/retention · Art. 5(1)(e), 30(1)(f)".
func ruleTag(r *audit.Result, f audit.Finding) string {
	ref := f.Reference
	if ref == "" {
		if ri, ok := r.Rule(f.Rule); ok {
			ref = ri.Reference
		}
	}
	if ref == "" {
		return f.Rule
	}
	return f.Rule + " · " + ref
}

// EscapeControl escapes the control characters of a user string (CR, LF,
// tab, ESC and the other C0 and C1 controls, DEL) as Go escapes (\r,
// \x1b), so that an inventory cannot move the cursor, forge a finding on a
// line of its own or set colours on a terminal. Other text is unchanged.
func EscapeControl(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\r', '\x1b', '\u0085'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	if word == "activity" {
		return fmt.Sprintf("%d activities", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
