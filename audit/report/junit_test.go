package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, b []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not well-formed JUnit XML: %v", err)
	}
	return doc
}

// checkJUnitCounts verifies that every count attribute matches the
// test cases it sums up.
func checkJUnitCounts(t *testing.T, doc junitDoc) {
	t.Helper()
	var tests, failures, skipped int
	for _, s := range doc.Suites {
		var f, sk int
		for _, c := range s.Cases {
			if c.Failure != nil {
				f++
			}
			if c.Skipped != nil {
				sk++
			}
			if c.Failure != nil && c.Skipped != nil {
				t.Errorf("%s/%s is both failed and skipped", s.Name, c.Name)
			}
			if c.Classname != s.Name {
				t.Errorf("%s/%s has classname %q", s.Name, c.Name, c.Classname)
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Skipped != sk || s.Errors != 0 {
			t.Errorf("suite %s counts tests=%d failures=%d skipped=%d errors=%d, cases say %d/%d/%d/0",
				s.Name, s.Tests, s.Failures, s.Skipped, s.Errors, len(s.Cases), f, sk)
		}
		tests += len(s.Cases)
		failures += f
		skipped += sk
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Skipped != skipped || doc.Errors != 0 {
		t.Errorf("testsuites counts %d/%d/%d/%d, suites say %d/%d/%d/0", doc.Tests, doc.Failures, doc.Skipped, doc.Errors, tests, failures, skipped)
	}
}

func TestJUnitGolden(t *testing.T) {
	out := goldenFormat(t, FormatJUnit, "junit.xml")
	for name, b := range out {
		t.Run(name+"/counts", func(t *testing.T) {
			checkJUnitCounts(t, parseJUnit(t, b))
		})
	}
}

func TestJUnitOutcomes(t *testing.T) {
	r := auditFixture(t, "reports")
	doc := parseJUnit(t, render(t, FormatJUnit, r))
	if len(doc.Suites) != len(r.Rules) {
		t.Errorf("%d suites for %d rules", len(doc.Suites), len(r.Rules))
	}
	want := map[string]string{ // rule/target -> outcome
		"gdpr/third-country-transfer/recipients/ad-network/transfer": "failure:error",
		"gdpr/retention/activities/payroll/retention":                "skipped",
		"gdpr/transfer-impact-assessment/systems/crm/transfer/tia":   "system-out",
		"gdpr/purpose/no finding":                                    "pass",
	}
	got := map[string]string{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			outcome := "pass"
			switch {
			case c.Failure != nil:
				outcome = "failure:" + c.Failure.Type
			case c.Skipped != nil:
				outcome = "skipped"
				if !strings.Contains(c.Skipped.Message, "Retention schedule under review") {
					t.Errorf("skipped message %q lacks the waiver reason", c.Skipped.Message)
				}
			case c.SystemOut != "":
				outcome = "system-out"
			}
			got[s.Name+"/"+c.Name] = outcome
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	// Every unwaived error is a failure; nothing else is.
	errs := 0
	for _, f := range r.Findings {
		if !f.Waived && f.Severity == inventory.SeverityError {
			errs++
		}
	}
	if doc.Failures != errs {
		t.Errorf("%d failures for %d unwaived errors", doc.Failures, errs)
	}

	// With WarningsFail, warnings are failures of type warning.
	var buf bytes.Buffer
	if err := (JUnit{WarningsFail: true}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	strict := parseJUnit(t, buf.Bytes())
	checkJUnitCounts(t, strict)
	if strict.Failures != errs+r.Summary.Warnings {
		t.Errorf("WarningsFail: %d failures, want %d", strict.Failures, errs+r.Summary.Warnings)
	}
}

func TestJUnitMergesFindingsOfOneTarget(t *testing.T) {
	r := &audit.Result{AsOf: "2026-11-28", Rules: []audit.RuleInfo{{ID: "gdpr/rights", Title: "Rights", Severity: inventory.SeverityWarning}}}
	r.Findings = []audit.Finding{
		{Rule: "gdpr/rights", Severity: inventory.SeverityError, Message: "first", Path: "rights", Location: inventory.Location{File: "a.yaml", Line: 3, Column: 1}},
		{Rule: "gdpr/rights", Severity: inventory.SeverityWarning, Message: "second\x1b", Path: "rights", Location: inventory.Location{File: "a.yaml", Line: 4, Column: 3}},
	}
	doc := parseJUnit(t, render(t, FormatJUnit, r))
	checkJUnitCounts(t, doc)
	c := doc.Suites[0].Cases
	if len(c) != 1 || c[0].Failure == nil || c[0].Failure.Message != "first" || !strings.Contains(c[0].Failure.Text, "second\uFFFD") {
		t.Errorf("cases = %+v", c)
	}
}
