package report

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// update rewrites the golden files: go test ./audit/report -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// asOf is the fixed audit date of every golden report.
var asOf = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// repoRoot is the repository root seen from this package's directory.
const repoRoot = "../.."

// fixtures are the inventories every format has golden files for:
// the Rackslab example and the multi-file report inventory.
var fixtures = []string{"rackslab", "reports"}

var (
	engineOnce sync.Once
	engine     *audit.Engine
	engineErr  error

	resultsMu sync.Mutex
	results   = map[string]*audit.Result{}
)

// loadFixture loads testdata/<name> from the repository root with file
// names relative to that root ("testdata/rackslab/data.yaml"), as ropa
// reports them when it runs from the root in CI.
func loadFixture(t testing.TB, name string) *inventory.Inventory {
	t.Helper()
	dir := path.Join("testdata", name)
	var files []inventory.File
	err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(repoRoot, p)
		if err != nil {
			return err
		}
		files = append(files, inventory.File{Name: filepath.ToSlash(rel), Data: b})
		return nil
	})
	if err != nil {
		t.Fatalf("read fixture %s: %v", name, err)
	}
	inv, err := inventory.LoadFiles(files)
	if err != nil {
		t.Fatalf("load fixture %s: %v", name, err)
	}
	return inv
}

// auditFixture audits testdata/<name> as of asOf, once per test binary.
func auditFixture(t testing.TB, name string) *audit.Result {
	t.Helper()
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if r, ok := results[name]; ok {
		return r
	}
	engineOnce.Do(func() {
		engine, engineErr = audit.NewEngine(context.Background(), audit.EngineOptions{})
	})
	if engineErr != nil {
		t.Fatalf("engine: %v", engineErr)
	}
	r, err := engine.Audit(context.Background(), loadFixture(t, name), audit.Options{AsOf: asOf})
	if err != nil {
		t.Fatalf("audit %s: %v", name, err)
	}
	results[name] = r
	return r
}

// assessTransfers is the rules' Chapter V assessment of inv, as the audit
// makes it.
func assessTransfers(t testing.TB, inv *inventory.Inventory) audit.Transfers {
	t.Helper()
	auditFixture(t, "rackslab") // starts the shared engine
	tr, err := engine.AssessTransfers(context.Background(), inv, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// render writes r with the writer of a format.
func render(t testing.TB, format string, r *audit.Result) []byte {
	t.Helper()
	w, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	// Determinism: a second rendering is byte-identical.
	var again bytes.Buffer
	if err := w.Write(&again, r); err != nil {
		t.Fatalf("write %s again: %v", format, err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("%s output differs between two renderings of the same result", format)
	}
	return buf.Bytes()
}

// golden compares got with testdata/golden/<name>, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./audit/report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s\n(run go test ./audit/report -update if the change is intended)", file, diff)
	}
}

// syntheticResult exercises what the fixtures do not: a finding with no
// line, characters that need escaping in every format, a file name with a
// space, an absolute path and a rule missing from the catalogue.
func syntheticResult() *audit.Result {
	fs := []audit.Finding{
		{Rule: "inventory/syntax", Severity: inventory.SeverityError, Message: "file is empty",
			Path: "", Location: inventory.Location{File: "inv/empty.yaml"}, Fingerprint: "0123456789abcdef0123456789abcdef"},
		{Rule: "gdpr/purpose", Severity: inventory.SeverityError,
			Message: "activity \"a,b\" has 100% <no> purpose:\nsecond line\r\nthird & last",
			Path:    "activities/a,b/purpose", Location: inventory.Location{File: "inv/my file,v2:x.yaml", Line: 3, Column: 5},
			Reference: "Art. 5(1)(b), 30(1)(b)", Fingerprint: "fedcba9876543210fedcba9876543210"},
		{Rule: "gdpr/retention", Severity: inventory.SeverityError, Message: "activity \"x|y\" has no retention period or criteria",
			Path: "activities/x|y/retention", Location: inventory.Location{File: "/abs/inv.yaml", Line: 10, Column: 3},
			Reference: "Art. 5(1)(e), 30(1)(f)", Waived: true, WaiverReason: "approved: see ticket #42, \"temporary\"",
			Fingerprint: "00000000000000000000000000000001"},
		{Rule: "user/custom", Severity: inventory.SeverityWarning, Message: "a user rule fired",
			Path: "controller", Location: inventory.Location{File: "inv/main.yaml", Line: 1, Column: 1},
			Fingerprint: "00000000000000000000000000000002"},
	}
	inventory.SortFindings(fs)
	rules := []audit.RuleInfo{
		{ID: "gdpr/purpose", Title: "Purpose", Description: "Every activity states its purpose.", Severity: inventory.SeverityError,
			Reference: "Art. 5(1)(b), 30(1)(b)", URL: "https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5", Builtin: true},
		{ID: "gdpr/retention", Title: "Retention period", Description: "Every activity says how long its data is kept.",
			Severity: inventory.SeverityError, Reference: "Art. 5(1)(e), 30(1)(f)", URL: "https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5", Builtin: true},
		{ID: "inventory/syntax", Title: "Invalid YAML", Description: "A file is not valid YAML.", Severity: inventory.SeverityError, Builtin: true},
	}
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "inv/main.yaml", Data: []byte("version: 1\ncontroller: {name: Synthetic}\n")}})
	if err != nil {
		panic(err)
	}
	return &audit.Result{
		AsOf:      "2026-11-28",
		Findings:  fs,
		Summary:   audit.Summary{Errors: 2, Warnings: 1, Waived: 1, Files: 3, Activities: 0},
		Rules:     rules,
		Inventory: inv,
	}
}

// goldenFormat renders every fixture, and the synthetic result, in a
// format and compares them with testdata/golden/<fixture>.<ext>. It
// returns the renderings by name for further checks.
func goldenFormat(t *testing.T, format, ext string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			got := render(t, format, auditFixture(t, name))
			golden(t, name+"."+ext, got)
			out[name] = got
		})
	}
	t.Run("synthetic", func(t *testing.T) {
		got := render(t, format, syntheticResult())
		golden(t, "synthetic."+ext, got)
		out["synthetic"] = got
	})
	return out
}

// TestEveryFormatRenders renders results the fixtures do not cover: no
// inventory at all, and an inventory without findings.
func TestEveryFormatRenders(t *testing.T) {
	empty := &audit.Result{AsOf: "2026-11-28"}
	clean := &audit.Result{AsOf: "2026-11-28", Inventory: trickyModel(t), Rules: []audit.RuleInfo{{ID: "gdpr/purpose", Title: "Purpose", Severity: inventory.SeverityError}}}
	for _, format := range Formats() {
		for name, r := range map[string]*audit.Result{"empty": empty, "clean": clean} {
			t.Run(format+"/"+name, func(t *testing.T) {
				if got := render(t, format, r); len(got) == 0 {
					t.Error("empty output")
				}
			})
		}
	}
	if _, err := Lookup("pdf"); err == nil || !strings.Contains(err.Error(), `unknown format "pdf"`) {
		t.Errorf("Lookup(pdf) = %v", err)
	}
}
