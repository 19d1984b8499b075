package main

import (
	"testing"

	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
)

// TestMarkdownNamesFullReport: a Markdown report cut to its size budget
// names the complete report written in the same run, HTML first.
func TestMarkdownNamesFullReport(t *testing.T) {
	for _, tc := range []struct {
		specs []string
		want  string
	}{
		{[]string{"markdown=pr.md", "json=audit.json", "html=audit.html"}, "audit.html"},
		{[]string{"markdown=pr.md", "json=audit.json"}, "audit.json"},
		{[]string{"markdown=pr.md", "sarif=x.sarif"}, ""},
	} {
		files, err := parseOutputs(tc.specs, inventory.SeverityError)
		if err != nil {
			t.Fatal(err)
		}
		md, ok := files[0].writer.(report.Markdown)
		if !ok {
			t.Fatalf("%v: markdown writer is %T", tc.specs, files[0].writer)
		}
		if md.FullReport != tc.want {
			t.Errorf("%v: FullReport = %q, want %q", tc.specs, md.FullReport, tc.want)
		}
	}
}
