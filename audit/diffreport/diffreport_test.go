package diffreport

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// report diffs testdata/<name>/old against testdata/<name>/new.
func report(t *testing.T, eng *audit.Engine, name string, failOnChange ...string) *Report {
	t.Helper()
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	load := func(side string) (*inventory.Inventory, *audit.Result) {
		inv, err := inventory.Load(filepath.Join("testdata", name, side))
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Audit(context.Background(), inv, audit.Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return inv, res
	}
	oi, or := load("old")
	ni, nr := load("new")
	oldRoot, newRoot := "testdata/"+name+"/old", "testdata/"+name+"/new"
	cs, err := audit.DiffWith(oi, ni, or, nr, audit.DiffOptions{OldRoot: oldRoot, NewRoot: newRoot})
	if err != nil {
		t.Fatal(err)
	}
	return &Report{Old: oldRoot, New: newRoot, AsOf: "2026-06-01", Changes: cs,
		FailOn: inventory.SeverityError, FailOnChange: failOnChange}
}

// TestGolden renders each case in each format and compares it with
// testdata/<case>.<format>.golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	eng, err := audit.NewEngine(context.Background(), audit.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"transfer":   nil,
		"everything": {"retention", "special"},
		"nochange":   nil,
	}
	for name, failOnChange := range cases {
		r := report(t, eng, name, failOnChange...)
		for _, format := range Formats() {
			t.Run(name+"/"+format, func(t *testing.T) {
				w, err := Lookup(format)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := w(&buf, r); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name+"."+format+".golden")
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if diff := cmp.Diff(string(want), buf.String()); diff != "" {
					t.Errorf("%s (-want +got):\n%s", golden, diff)
				}
				if format == FormatJSON && !json.Valid(buf.Bytes()) {
					t.Errorf("invalid JSON")
				}
			})
		}
	}
}

func TestVerdict(t *testing.T) {
	eng, err := audit.NewEngine(context.Background(), audit.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := report(t, eng, "transfer")
	if fails, n, trig := r.Verdict(); !fails || n != 1 || len(trig) != 0 {
		t.Errorf("transfer: %v %d %v", fails, n, trig)
	}
	r.FailOn = inventory.SeverityNone
	if fails, _, _ := r.Verdict(); fails {
		t.Errorf("--fail-on none still fails")
	}
	r.FailOnChange = []string{"transfer"}
	if fails, n, trig := r.Verdict(); !fails || n != 0 || !cmp.Equal(trig, []string{"transfer"}) {
		t.Errorf("--fail-on-change transfer: %v %d %v", fails, n, trig)
	}
	r = report(t, eng, "nochange", "transfer", "basis", "special", "retention")
	if fails, _, _ := r.Verdict(); fails {
		t.Errorf("no change fails")
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a | b <script>": `a \| b &lt;script&gt;`,
		"*x* _y_ [l](u)": `\*x\* \_y\_ \[l\](u)`,
		"line\nbreak":    "line break",
	} {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mdCode("a|b"); got != "`a\\|b`" {
		t.Errorf("mdCode = %q", got)
	}
	if got := mdCode("a`b"); got != "`` a`b ``" {
		t.Errorf("mdCode = %q", got)
	}
}

func TestLookup(t *testing.T) {
	if _, err := Lookup("sarif"); err == nil || !strings.Contains(err.Error(), `unknown diff format "sarif" (want json, markdown, text)`) {
		t.Errorf("Lookup(sarif) = %v", err)
	}
}

// TestMarkdownFitsAComment: a change of tens of thousands of declarations
// still fits in a GitHub comment (65536 characters).
func TestMarkdownFitsAComment(t *testing.T) {
	cs := &audit.ChangeSet{}
	long := strings.Repeat("a long message about a finding ", 8)
	for i := range 5000 {
		id := strings.Repeat("x", 40) + string(rune('a'+i%26))
		cs.Items = append(cs.Items, audit.ItemChange{Section: "activities", ID: id, Change: audit.ChangeChanged,
			Fields: []audit.FieldChange{{Field: "purpose", Old: long, New: long + "!"}, {Field: "name", Old: long, New: "x"}}})
		f := audit.Finding{Rule: "gdpr/retention", Severity: inventory.SeverityError, Message: long, Path: "activities/" + id,
			Location: inventory.Location{File: "inventory/" + id + ".yaml", Line: i + 1, Column: 5}}
		cs.Findings.New = append(cs.Findings.New, f)
		cs.Findings.Fixed = append(cs.Findings.Fixed, f)
		cs.Findings.Waived = append(cs.Findings.Waived, f)
		cs.Transfers = append(cs.Transfers, audit.TransferChange{Country: "US", Path: "recipients/" + id, Change: audit.ChangeAdded, Activities: []string{id, id, id}})
	}
	var buf bytes.Buffer
	if err := writeMarkdown(&buf, &Report{Old: "a", New: "b", AsOf: "2026-06-01", Changes: cs, FailOn: inventory.SeverityError}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 65536 {
		t.Errorf("markdown is %d bytes", buf.Len())
	}
	if !strings.Contains(buf.String(), "*… and 4970 more, not shown") {
		t.Errorf("no truncation note")
	}
}
