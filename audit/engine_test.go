package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"
	"gopkg.in/yaml.v3"

	"github.com/ropa-project/ropa/inventory"
)

var asOf = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

func newEngine(t testing.TB, dirs ...string) *Engine {
	t.Helper()
	eng, err := NewEngine(context.Background(), EngineOptions{PolicyDirs: dirs})
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return eng
}

func auditString(t *testing.T, eng *Engine, content string, opts Options) *Result {
	t.Helper()
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "inv.yaml", Data: []byte(content)}})
	if err != nil {
		t.Fatal(err)
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = asOf
	}
	res, err := eng.Audit(context.Background(), inv, opts)
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return res
}

// TestRegoTests runs every _test.rego of the built-in pack, so go test
// covers the Rego too.
func TestRegoTests(t *testing.T) {
	results, err := RunRegoTests(context.Background(), nil, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 100 {
		t.Errorf("only %d Rego tests ran; the pack has more", len(results))
	}
	for _, r := range results {
		if !r.Passed {
			t.Errorf("%s (%s:%d) failed: %s %s", r.Name, r.File, r.Line, r.Error, r.Output)
		}
	}
}

// TestCatalogueMatchesSpec proves the METADATA catalogue and the SPEC's
// rule table agree: every id exists once, with the SPEC's severity and
// reference.
func TestCatalogueMatchesSpec(t *testing.T) {
	b, err := os.ReadFile("../testdata/spec-rules.md")
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Severity, Reference string }
	spec := map[string]row{}
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.Contains(cells[1], "/") {
			continue
		}
		// The SPEC marks rules "*(new)*" or "*(changed)*" after the id.
		id := strings.Fields(cells[1])[0]
		ref := strings.TrimSpace(cells[3])
		if ref == "—" {
			ref = ""
		}
		if _, dup := spec[id]; dup {
			t.Errorf("SPEC lists %s twice", id)
		}
		spec[id] = row{strings.TrimSpace(cells[2]), ref}
	}
	if len(spec) != 49 {
		t.Fatalf("parsed %d SPEC rules, want 49", len(spec))
	}
	got := map[string]row{}
	for _, r := range newEngine(t).Rules() {
		if _, dup := got[r.ID]; dup {
			t.Errorf("catalogue lists %s twice", r.ID)
		}
		got[r.ID] = row{string(r.Severity), r.Reference}
		if r.Title == "" || r.Description == "" {
			t.Errorf("%s: METADATA lacks a title or description", r.ID)
		}
		if !strings.HasPrefix(r.ID, "inventory/") && !strings.HasPrefix(r.URL, "https://") {
			t.Errorf("%s: related_resources must link the legal text, got %q", r.ID, r.URL)
		}
	}
	if diff := cmp.Diff(spec, got); diff != "" {
		t.Errorf("catalogue differs from the SPEC (-spec +catalogue):\n%s", diff)
	}
}

// TestRuleExamples runs each rule's METADATA example (it must fire) and
// fix (it must not): the crafted case and its compliant twin that
// ropa explain shows.
func TestRuleExamples(t *testing.T) {
	eng := newEngine(t)
	for _, r := range eng.Rules() {
		if strings.HasPrefix(r.ID, "inventory/") {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			if r.Example == "" || r.Fix == "" {
				t.Fatalf("METADATA has no custom.example or custom.fix")
			}
			fires := func(src string) bool {
				res := auditString(t, eng, src, Options{})
				for _, f := range res.Findings {
					if strings.HasPrefix(f.Rule, "inventory/") {
						t.Errorf("example is not a valid inventory: %s: %s", f.Location, f.Message)
					}
				}
				return slices.ContainsFunc(res.Findings, func(f Finding) bool { return f.Rule == r.ID })
			}
			if !fires(r.Example) {
				t.Errorf("example does not make %s fire", r.ID)
			}
			if fires(r.Fix) {
				t.Errorf("fix still makes %s fire", r.ID)
			}
		})
	}
}

// TestOPAEvalUnmodified proves that `opa eval -b policies/ -i FILE.yaml
// 'data.ropa.rules'` runs the pack as it is on disk, with OPA's own YAML
// reading, and finds what ropa finds.
func TestOPAEvalUnmodified(t *testing.T) {
	inv, err := inventory.Load("../testdata/rackslab")
	if err != nil {
		t.Fatal(err)
	}
	single, err := yaml.Marshal(inv.Document)
	if err != nil {
		t.Fatal(err)
	}
	var input any
	if err := util.Unmarshal(single, &input); err != nil { // what opa eval -i does with YAML
		t.Fatal(err)
	}
	ctx := context.Background()
	pq, err := rego.New(
		rego.Query("data.ropa.rules"),
		rego.LoadBundle("../policies"),
	).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pq.Eval(ctx, rego.EvalInput(input), rego.EvalTime(asOf))
	if err != nil {
		t.Fatal(err)
	}
	var fromOPA []string
	groups := rs[0].Expressions[0].Value.(map[string]any)
	for g, gv := range groups {
		for name, pv := range gv.(map[string]any) {
			for _, kind := range []string{"deny", "warn"} {
				items, _ := pv.(map[string]any)[kind].([]any)
				for _, it := range items {
					m := it.(map[string]any)
					var segs []string
					for _, s := range m["path"].([]any) {
						segs = append(segs, s.(string))
					}
					fromOPA = append(fromOPA, g+"/"+name+" "+strings.Join(segs, "/")+" "+m["msg"].(string))
				}
			}
		}
	}
	res, err := newEngine(t).Audit(ctx, inv, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var fromRopa []string
	for _, f := range res.Findings {
		fromRopa = append(fromRopa, f.Rule+" "+f.Path+" "+f.Message)
	}
	slices.Sort(fromOPA)
	slices.Sort(fromRopa)
	if len(fromOPA) < 20 {
		t.Errorf("opa eval found only %d findings on Rackslab", len(fromOPA))
	}
	if diff := cmp.Diff(fromOPA, fromRopa); diff != "" {
		t.Errorf("opa eval and ropa differ (-opa +ropa):\n%s", diff)
	}
}

func TestSandbox(t *testing.T) {
	tests := []struct {
		dir  string
		want string // substring of the error
	}{
		{"sandbox-http", "http.rego:9: undefined function http.send"},
		{"sandbox-net", "net.rego:9: undefined function net.lookup_ip_addr"},
		{"compile-error", "bad.rego:4: undefined function undefined_function"},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			_, err := NewEngine(context.Background(), EngineOptions{PolicyDirs: []string{"testdata/policies/" + tc.dir}})
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a PolicyError containing %q", err, tc.want)
			}
		})
	}
	caps := Capabilities()
	for _, b := range caps.Builtins {
		if b.Name == "http.send" || b.Name == "opa.runtime" || strings.HasPrefix(b.Name, "net.") {
			t.Errorf("capabilities keep %s", b.Name)
		}
	}
}

func TestRuntimeErrorAndTimeout(t *testing.T) {
	ctx := context.Background()
	inv, err := inventory.Load("../testdata/clean")
	if err != nil {
		t.Fatal(err)
	}
	eng := newEngine(t, "testdata/policies/runtime-error")
	_, err = eng.Audit(ctx, inv, Options{AsOf: asOf})
	if err == nil || !strings.Contains(err.Error(), "conflict.rego:") {
		t.Errorf("runtime error = %v, want one naming conflict.rego and its line", err)
	}

	slow, err := NewEngine(ctx, EngineOptions{PolicyDirs: []string{"testdata/policies/slow"}, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = slow.Audit(ctx, inv, Options{AsOf: asOf})
	if err == nil || !strings.Contains(err.Error(), "timed out after 200ms") {
		t.Errorf("slow rule: err = %v, want a timeout", err)
	}
}

func TestUserRules(t *testing.T) {
	eng := newEngine(t, "testdata/policies/custom")
	ri, ok := (&Result{Rules: eng.Rules()}).Rule("custom/activity-name")
	if !ok || ri.Builtin || ri.Severity != inventory.SeverityWarning || ri.Reference != "internal policy P-12" {
		t.Fatalf("user rule catalogue entry = %+v", ri)
	}
	res := auditString(t, eng, "version: 1\ncontroller: {name: X}\nactivities:\n  - id: a\n    purpose: p\n", Options{})
	var got []string
	for _, f := range res.Findings {
		if f.Rule == "custom/activity-name" {
			got = append(got, f.Location.String()+" "+f.Path+" "+string(f.Severity)+" "+f.Message)
		}
	}
	want := []string{`inv.yaml:4:5 activities/a/name warning activity "a" has no name`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("user rule findings (-want +got):\n%s", diff)
	}

	results, err := RunRegoTests(context.Background(), []string{"testdata/policies/custom"}, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || !results[0].Passed || !results[1].Passed {
		t.Errorf("user rule tests = %+v, want 2 passing", results)
	}
}

const waiverBase = `version: 1
controller: {name: X, contact: x@example.org, country: FR}
subjects: [{id: s}]
data: [{id: d, category: user.name}]
security_measures: [{id: m, kind: encryption}]
rights: {contact: x, supported: [access, rectification, erasure, restriction, objection, portability, complaint]}
activities:
  - {id: a, purpose: p, lawful_basis: contract, subjects: [s], data: [d], security: [m]}
  - {id: b, purpose: p, lawful_basis: contract, subjects: [s], data: [d], security: [m], retention: {period: P1Y}}
`

func TestWaivers(t *testing.T) {
	eng := newEngine(t)
	res := auditString(t, eng, waiverBase+`waivers:
  - {rule: gdpr/retention, target: activities/a, reason: legal hold pending, approved_by: DPO, expires: 2027-01-01}
  - {rule: gdpr/retention, target: activities/b, reason: nothing to waive, approved_by: DPO}
  - {rule: gdpr/purpose, target: activities, reason: expired, approved_by: DPO, expires: 2026-11-27}
  - {rule: gdpr/retentoin, target: activities/a, reason: typo, approved_by: DPO}
`, Options{})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+" "+f.Path+" waived="+map[bool]string{true: "yes", false: "no"}[f.Waived]+" "+f.Message)
	}
	want := []string{
		"gdpr/retention activities/a/retention waived=yes activity \"a\" has no retention period or criteria",
		"inventory/unused-waiver waivers/gdpr/retention@activities/b waived=no waiver for gdpr/retention on activities/b matches no finding; remove it",
		"inventory/expired-waiver waivers/gdpr/purpose@activities waived=no waiver for gdpr/purpose on activities expired on 2026-11-27; it no longer applies",
		"inventory/unknown-reference waivers/gdpr/retentoin@activities/a waived=no waiver names unknown rule \"gdpr/retentoin\" (did you mean gdpr/retention?)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if res.Summary.Waived != 1 || res.Summary.Errors != 1 || res.Summary.Warnings != 2 {
		t.Errorf("summary = %+v", res.Summary)
	}
	if !res.Fails(inventory.SeverityError) {
		t.Error("an unknown rule in a waiver must fail the run")
	}

	// On the expiry day itself the waiver still applies.
	res = auditString(t, eng, waiverBase+`waivers:
  - {rule: gdpr/retention, target: activities/a, reason: r, approved_by: DPO, expires: 2026-11-28}
`, Options{})
	if res.Summary.Waived != 1 || res.Fails(inventory.SeverityWarning) {
		t.Errorf("waiver on its expiry day: %+v", res.Findings)
	}
}

func TestDisableAndSeverity(t *testing.T) {
	eng := newEngine(t)
	res := auditString(t, eng, waiverBase, Options{
		Disable:  []string{"gdpr/retention"},
		Severity: map[string]inventory.Severity{"gdpr/data-minimisation": inventory.SeverityError},
	})
	if len(res.Findings) != 0 {
		t.Errorf("findings = %+v, want none with gdpr/retention disabled", res.Findings)
	}
	res = auditString(t, eng, waiverBase, Options{Severity: map[string]inventory.Severity{"gdpr/retention": inventory.SeverityWarning}})
	if len(res.Findings) != 1 || res.Findings[0].Severity != inventory.SeverityWarning || res.Fails(inventory.SeverityError) {
		t.Errorf("findings = %+v, want one warning", res.Findings)
	}
	inv, _ := inventory.LoadFiles([]inventory.File{{Name: "x.yaml", Data: []byte(waiverBase)}})
	for _, opts := range []Options{
		{Disable: []string{"gdpr/retenton"}},
		{Severity: map[string]inventory.Severity{"gdpr/nope": inventory.SeverityError}},
	} {
		if _, err := eng.Audit(context.Background(), inv, opts); err == nil || !strings.Contains(err.Error(), "unknown rule") {
			t.Errorf("Audit(%+v) err = %v, want unknown rule", opts, err)
		}
	}
}

func TestCleanInventory(t *testing.T) {
	inv, err := inventory.Load("../testdata/clean")
	if err != nil {
		t.Fatal(err)
	}
	res, err := newEngine(t).Audit(context.Background(), inv, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		t.Errorf("%s: %s [%s]", f.Location, f.Message, f.Rule)
	}
}

// TestAdequacyDates shows --as-of at work: the UK decision ends on
// 2031-12-27.
func TestAdequacyDates(t *testing.T) {
	eng := newEngine(t)
	src := waiverBase + "recipients: [{id: r, role: controller, countries: [UK]}]\n"
	for _, tc := range []struct {
		date  string
		fires bool
	}{{"2031-12-27", false}, {"2031-12-28", true}} {
		d, _ := time.Parse(time.DateOnly, tc.date)
		res := auditString(t, eng, src, Options{AsOf: d})
		fires := slices.ContainsFunc(res.Findings, func(f Finding) bool { return f.Rule == "gdpr/third-country-transfer" })
		if fires != tc.fires {
			t.Errorf("as of %s: third-country-transfer fired = %v, want %v", tc.date, fires, tc.fires)
		}
	}
}

// TestDeterministic audits the same inventory twice, and a copy with
// files and items reordered: findings, paths and fingerprints agree.
func TestDeterministic(t *testing.T) {
	eng := newEngine(t)
	inv, err := inventory.Load("../testdata/rackslab")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := eng.Audit(context.Background(), inv, Options{AsOf: asOf})
	b, _ := eng.Audit(context.Background(), inv, Options{AsOf: asOf})
	if diff := cmp.Diff(a.Findings, b.Findings); diff != "" {
		t.Fatalf("two runs differ:\n%s", diff)
	}
	fps := map[string]bool{}
	for _, f := range a.Findings {
		if f.Fingerprint != Fingerprint(f.Rule, f.Path) || len(f.Fingerprint) != 32 {
			t.Errorf("fingerprint of %s %s = %q", f.Rule, f.Path, f.Fingerprint)
		}
		fps[f.Fingerprint] = true
	}
	if len(fps) != len(a.Findings) {
		t.Errorf("%d findings share %d fingerprints", len(a.Findings), len(fps))
	}
	if Fingerprint("a/b", "c") == Fingerprint("a", "b/c") {
		t.Error("fingerprint must separate rule and path")
	}
	if _, err := os.Stat(filepath.Join("..", "testdata", "rackslab")); err != nil {
		t.Fatal(err)
	}
}

// TestEngineRobustness: a cancelled run says cancelled (not timed out),
// and METADATA without a source location (annotations built by a tool,
// not a parser) gives an error, not a nil dereference.
func TestEngineRobustness(t *testing.T) {
	eng, err := NewEngine(context.Background(), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "inv.yaml", Data: []byte("version: 1\ncontroller: {name: A, contact: a@example.org, country: FR}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = eng.Audit(ctx, inv, Options{AsOf: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "cancelled") || strings.Contains(err.Error(), "timed out") {
		t.Errorf("cancelled run: err = %v, want cancelled", err)
	}

	m := ast.MustParseModuleWithOpts(`# METADATA
# custom:
#   id: acme/x
#   severity: fatal
package ropa.rules.acme.x
`, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	for _, a := range m.Annotations {
		a.Location = nil
	}
	m.Package.Location = nil
	as, errs := ast.BuildAnnotationSet([]*ast.Module{m})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, ar := range as.Flatten() {
		ar.Location = nil
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("catalogue panics on annotations without a location: %v", r)
			}
		}()
		if _, _, err := catalogue(as, nil); err == nil || !strings.Contains(err.Error(), "severity") {
			t.Errorf("catalogue: err = %v, want the severity error", err)
		}
	}()
}
