package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntaxPositions checks the corpus of broken files under
// testdata/syntax: each gives one inventory/syntax finding at the line
// and column of the mistake (yaml.v3 reports parser errors one line too
// early and no column; YAMLErrorPosition corrects both).
func TestSyntaxPositions(t *testing.T) {
	want := map[string]string{
		"at-sign-later":              "5:8",
		"at-sign":                    "3:9",
		"backtick":                   "3:9",
		"bad-escape":                 "3:11",
		"block-scalar-bad-indent":    "5:3",
		"colon-in-flow":              "3:5",
		"crlf-flow-unclosed":         "3:12",
		"double-quote-unclosed":      "3:9",
		"duplicate-yaml-directive":   "2:1",
		"flow-map-eof":               "2:13",
		"flow-map-unclosed-top":      "2:1",
		"flow-seq-eof":               "2:11",
		"flow-seq-later-line":        "8:18",
		"flow-seq-unclosed":          "4:12",
		"indent-deep-in-file":        "8:10",
		"indent-deeper-key":          "5:12",
		"indent-odd-key":             "4:11",
		"indented-first-key":         "2:13",
		"key-after-list-item":        "4:3",
		"key-without-colon":          "4:1",
		"list-dedent":                "4:2",
		"nested-flow-mismatch":       "2:15",
		"percent":                    "3:9",
		"quote-unclosed-flow":        "2:12",
		"second-document-broken":     "3:4",
		"seq-in-map-value-same-line": "2:13",
		"sequence-at-top":            "2:1",
		"sequence-then-dedent-key":   "4:2",
		"single-quote-unclosed":      "3:9",
		"tab-after-value":            "4:3",
		"tab-indent":                 "3:1",
		"two-colons":                 "3:13",
		"unclosed-flow-middle":       "2:11",
		"unknown-anchor":             "4:12",
	}
	files, err := filepath.Glob("testdata/syntax/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 || len(files) != len(want) {
		t.Fatalf("%d files in testdata/syntax, %d expectations: every file needs one", len(files), len(want))
	}
	sch, err := compiledSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p := parseFile(name, data, sch)
			if len(p.findings) != 1 || p.findings[0].Rule != RuleSyntax {
				t.Fatalf("want one %s finding, got %v", RuleSyntax, p.findings)
			}
			l := p.findings[0].Location
			if got := fmt.Sprintf("%d:%d", l.Line, l.Column); got != want[name] {
				t.Errorf("at %s, want %s (%s)", got, want[name], p.findings[0].Message)
			}
		})
	}
}
