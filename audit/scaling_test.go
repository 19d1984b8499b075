package audit

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/ropa-project/ropa/internal/gen"
	"github.com/ropa-project/ropa/inventory"
)

// stepCounter counts evaluation steps: every time topdown evaluates or
// re-evaluates an expression, a rule or a query. The count is a
// deterministic measure of work, unlike wall-clock time.
type stepCounter struct{ n int }

func (c *stepCounter) Enabled() bool { return true }

func (c *stepCounter) TraceEvent(e topdown.Event) {
	switch e.Op {
	case topdown.EvalOp, topdown.RedoOp, topdown.EnterOp, topdown.IndexOp:
		c.n++
	}
}

func (c *stepCounter) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

// pkgQuery is the query of one rule package: data.ropa.rules.gdpr["dpia"].
func pkgQuery(pkgKey string) string {
	group, name, _ := strings.Cut(pkgKey, "/")
	return fmt.Sprintf("%s.%s[%q]", Query, group, name)
}

// inputFor generates an inventory of n activities and returns it as the
// rules' input.
func inputFor(t *testing.T, n int) ast.Value {
	t.Helper()
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: n, Seed: 1}).Write(&b); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "inventory.yaml")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ast.InterfaceToValue(inv.Document)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// steps evaluates one rule package on input and counts its steps.
func (e *Engine) steps(t *testing.T, pkgKey string, input ast.Value) int {
	t.Helper()
	c := &stepCounter{}
	_, err := rego.New(
		rego.Query(pkgQuery(pkgKey)),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.ParsedInput(input),
		rego.QueryTracer(c),
		rego.Time(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)),
	).Eval(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", pkgKey, err)
	}
	return c.n
}

// scaling evaluates each rule package of eng on generated inventories of
// n and 4n activities and returns the growth of its evaluation steps,
// by rule id, logging the counts, and the steps of the whole pack per
// activity at 4n (every section grows with the activities, so this is the
// pack's work per activity of a whole inventory).
func scaling(t *testing.T, eng *Engine, n int) (map[string]float64, float64) {
	t.Helper()
	small, large := inputFor(t, n), inputFor(t, 4*n)
	// Every package the engine evaluates, with METADATA or not.
	pkgs, ok := rulePackages(eng.compiler)
	if !ok {
		t.Fatal("a rule package is not at data.ropa.rules.<group>.<name>")
	}
	keys := make([]string, 0, len(pkgs))
	for _, p := range pkgs {
		keys = append(keys, p.key)
	}
	if len(keys) == 0 {
		t.Fatal("no rule package found")
	}
	out := map[string]float64{}
	total1, total4 := 0, 0
	for _, k := range keys {
		s1, s4 := eng.steps(t, k, small), eng.steps(t, k, large)
		total1 += s1
		total4 += s4
		id, ok := eng.byPkg[k]
		if !ok {
			id = k
		}
		out[id] = float64(s4) / float64(max(s1, 1))
		t.Logf("%-32s %8d -> %8d steps (x%.2f)", id, s1, s4, out[id])
	}
	t.Logf("%-32s %8d -> %8d steps (x%.2f)", "all rules", total1, total4, float64(total4)/float64(total1))
	perActivity := float64(total4) / float64(4*n)
	t.Logf("%d rule packages: %.0f steps per activity at %d activities, %.1f per rule", len(keys), perActivity, 4*n, perActivity/float64(len(keys)))
	return out, perActivity
}

// stepsPerActivityPerRule bounds the pack's evaluation steps per activity
// (scaling's second result), per rule package, so that the pack's
// constant factor grows no faster than its rules. History (BENCHMARKS.md):
// 26 rules, 227 steps per activity (8.7 per rule); 42 rules after rule
// pack 2, 581 (13.8 per rule), then 431 (10.3 per rule) once its costly
// rules were reworked.
const stepsPerActivityPerRule = 11.0

// TestRulesScaleLinearly fails when a rule does super-linear work: each
// rule package is evaluated on generated inventories of n and 4n
// activities (every section grows with them) and its evaluation steps must
// grow at most ~6x (linear is 4x; a nested scan of two sections is 16x).
// Steps, not time, so the test is deterministic and immune to machine
// load.
func TestRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates every rule with tracing")
	}
	const n, maxRatio = 250, 6.0
	eng, err := NewEngine(context.Background(), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ratios, perActivity := scaling(t, eng, n)
	if limit := stepsPerActivityPerRule * float64(len(ratios)); perActivity > limit {
		t.Errorf("the pack takes %.0f evaluation steps per activity, more than %.0f per rule (%d rules: %.0f): a rule got costlier per item",
			perActivity, stepsPerActivityPerRule, len(ratios), limit)
	}
	for id, ratio := range ratios {
		if ratio > maxRatio {
			t.Errorf("rule %s is super-linear: its evaluation steps grow x%.1f from %d to %d activities (want at most x%.0f)",
				id, ratio, n, 4*n, maxRatio)
		}
	}
}

// TestScalingDetectsNestedScan: the measure above does catch a rule that
// compares every activity with every other one.
func TestScalingDetectsNestedScan(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates rules with tracing")
	}
	dir := t.TempDir()
	rule := `# METADATA
# title: Quadratic on purpose
# custom:
#   id: test/quadratic
#   severity: warning
package ropa.rules.test.quadratic

warn contains {"msg": "same name", "path": ["activities", a.id]} if {
	some a in input.activities
	some b in input.activities
	a.id != b.id
	a.name == b.name
}
`
	if err := os.WriteFile(filepath.Join(dir, "quadratic.rego"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	eng, err := NewEngine(context.Background(), EngineOptions{PolicyDirs: []string{dir}, NoBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	if ratios, _ := scaling(t, eng, 50); ratios["test/quadratic"] < 10 {
		ratio := ratios["test/quadratic"]
		t.Errorf("a nested scan grows x%.1f from 50 to 200 activities; the scaling test would not catch it", ratio)
	}
}
