package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// JUnit is the JUnit XML format CI systems render (Jenkins, GitLab,
// Azure DevOps, the GitHub test-report actions):
//
//   - one <testsuite> per rule of the catalogue, in id order, named by
//     the rule id, with its title, severity and legal reference as
//     properties;
//   - one <testcase> per target, the id path the findings are about
//     (activities/billing/retention), classname the rule id; a rule with
//     no finding has one passing test case, "no finding", so that the
//     report shows what was checked;
//   - an error is a <failure type="error">;
//   - a warning is, by default, a passing test case whose <system-out>
//     carries the warning, so that the JUnit verdict matches ropa's
//     default exit status (--fail-on error); with WarningsFail it is a
//     <failure type="warning">, as --fail-on warning would have it;
//   - a waived finding is <skipped> with the waiver's reason.
//
// Several findings of one rule on one target make one test case (its
// worst finding decides the outcome; all messages are listed). Counts are
// per test case; there is no timestamp or duration, so the output is
// deterministic.
type JUnit struct {
	WarningsFail bool
}

func writeJUnit(w io.Writer, r *audit.Result) error { return JUnit{}.Write(w, r) }

type junitSuite struct {
	Name       string
	Tests      int
	Failures   int
	Skipped    int
	Properties [][2]string
	Cases      []junitCase
}

type junitCase struct {
	Name      string
	Classname string
	File      string
	Line      int
	Failure   *junitMessage
	Skipped   *junitMessage
	SystemOut string
}

type junitMessage struct {
	Message string
	Type    string
	Text    string
}

// Write renders r.
func (j JUnit) Write(w io.Writer, r *audit.Result) error {
	var suites []junitSuite
	var tests, failures, skipped int
	type target struct {
		name     string
		findings []audit.Finding
	}
	byRule := map[string][]*target{}
	index := map[string]*target{}
	for _, f := range r.Findings {
		name := cmpOr(f.Path, f.Location.File, "inventory")
		key := f.Rule + "\x00" + name
		t, ok := index[key]
		if !ok {
			t = &target{name: name}
			index[key] = t
			byRule[f.Rule] = append(byRule[f.Rule], t)
		}
		t.findings = append(t.findings, f)
	}
	rules := append([]audit.RuleInfo(nil), r.Rules...)
	for _, f := range r.Findings {
		if !containsRule(rules, f.Rule) {
			rules = append(rules, audit.RuleInfo{ID: f.Rule, Title: f.Rule, Severity: f.Severity, Reference: f.Reference})
		}
	}
	for _, ri := range rules {
		s := junitSuite{Name: ri.ID}
		s.Properties = append(s.Properties, [2]string{"title", ri.Title}, [2]string{"severity", string(ri.Severity)})
		if ri.Reference != "" {
			s.Properties = append(s.Properties, [2]string{"reference", ri.Reference})
		}
		if ri.URL != "" {
			s.Properties = append(s.Properties, [2]string{"url", ri.URL})
		}
		targets := byRule[ri.ID]
		if len(targets) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "no finding", Classname: ri.ID})
		}
		for _, t := range targets {
			c := j.testcase(ri, t.name, t.findings)
			switch {
			case c.Failure != nil:
				s.Failures++
			case c.Skipped != nil:
				s.Skipped++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		tests += s.Tests
		failures += s.Failures
		skipped += s.Skipped
		suites = append(suites, s)
	}

	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<testsuites name="ropa" tests="%d" failures="%d" errors="0" skipped="%d">`+"\n", tests, failures, skipped)
	for _, s := range suites {
		fmt.Fprintf(&b, `  <testsuite name="%s" tests="%d" failures="%d" errors="0" skipped="%d">`+"\n", xmlAttr(s.Name), s.Tests, s.Failures, s.Skipped)
		b.WriteString("    <properties>\n")
		for _, p := range s.Properties {
			fmt.Fprintf(&b, `      <property name="%s" value="%s"/>`+"\n", xmlAttr(p[0]), xmlAttr(p[1]))
		}
		b.WriteString("    </properties>\n")
		for _, c := range s.Cases {
			fmt.Fprintf(&b, `    <testcase name="%s" classname="%s"`, xmlAttr(c.Name), xmlAttr(c.Classname))
			if c.File != "" {
				fmt.Fprintf(&b, ` file="%s"`, xmlAttr(c.File))
			}
			if c.Line > 0 {
				fmt.Fprintf(&b, ` line="%d"`, c.Line)
			}
			if c.Failure == nil && c.Skipped == nil && c.SystemOut == "" {
				b.WriteString("/>\n")
				continue
			}
			b.WriteString(">\n")
			if m := c.Failure; m != nil {
				fmt.Fprintf(&b, `      <failure message="%s" type="%s">%s</failure>`+"\n", xmlAttr(m.Message), xmlAttr(m.Type), xmlText(m.Text))
			}
			if m := c.Skipped; m != nil {
				fmt.Fprintf(&b, `      <skipped message="%s">%s</skipped>`+"\n", xmlAttr(m.Message), xmlText(m.Text))
			}
			if c.SystemOut != "" {
				fmt.Fprintf(&b, "      <system-out>%s</system-out>\n", xmlText(c.SystemOut))
			}
			b.WriteString("    </testcase>\n")
		}
		b.WriteString("  </testsuite>\n")
	}
	b.WriteString("</testsuites>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// xmlText escapes character data; characters XML 1.0 cannot carry (most
// C0 controls) become U+FFFD.
func xmlText(s string) string { return xmlEscape(s, false) }

// xmlAttr escapes a double-quoted attribute value, keeping line breaks
// and tabs as character references so that parsers do not normalise them.
func xmlAttr(s string) string { return xmlEscape(s, true) }

func xmlEscape(s string, attr bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case (r == '\n' || r == '\r' || r == '\t') && attr:
			fmt.Fprintf(&b, "&#%d;", r)
		case r == '\r':
			b.WriteString("&#13;")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func containsRule(rules []audit.RuleInfo, id string) bool {
	for _, ri := range rules {
		if ri.ID == id {
			return true
		}
	}
	return false
}

// testcase turns the findings of one rule on one target into a test case.
func (j JUnit) testcase(ri audit.RuleInfo, name string, fs []audit.Finding) junitCase {
	c := junitCase{Name: name, Classname: ri.ID, File: fs[0].Location.File, Line: fs[0].Location.Line}
	var errs, warns, waived []audit.Finding
	for _, f := range fs {
		switch {
		case f.Waived:
			waived = append(waived, f)
		case f.Severity == inventory.SeverityError:
			errs = append(errs, f)
		default:
			warns = append(warns, f)
		}
	}
	details := func(fs []audit.Finding) string {
		var b strings.Builder
		for _, f := range fs {
			fmt.Fprintf(&b, "%s: %s: %s\n", f.Location, junitSeverity(f), f.Message)
			if f.Waived {
				fmt.Fprintf(&b, "waived: %s\n", cmpOr(f.WaiverReason, "no reason given"))
			}
		}
		fmt.Fprintf(&b, "rule: %s (%s)\n", ri.ID, ri.Title)
		if ri.Reference != "" {
			fmt.Fprintf(&b, "reference: %s\n", ri.Reference)
		}
		return b.String()
	}
	switch {
	case len(errs) > 0:
		c.Failure = &junitMessage{Message: errs[0].Message, Type: "error", Text: details(fs)}
	case len(warns) > 0 && j.WarningsFail:
		c.Failure = &junitMessage{Message: warns[0].Message, Type: "warning", Text: details(fs)}
	case len(warns) > 0:
		c.SystemOut = details(fs)
	default:
		c.Skipped = &junitMessage{Message: "waived: " + cmpOr(waived[0].WaiverReason, "no reason given"), Text: details(fs)}
	}
	return c
}

func junitSeverity(f audit.Finding) string {
	if f.Waived {
		return "waived " + string(f.Severity)
	}
	return string(f.Severity)
}
