// Package audit evaluates an inventory against the Rego rule pack (the
// built-in one and the user's), turns rule output into findings with
// positions, applies severity overrides, disabled rules and waivers, and
// produces the Result every report format renders.
package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

// Query is the root of every rule package, built-in and user: what
// `opa eval -b policies/ 'data.ropa.rules'` evaluates.
const Query = "data.ropa.rules"

// findingsQuery is the one prepared query ropa evaluates. It collects the
// deny and warn sets of every package data.ropa.rules.<group>.<name>;
// naming deny and warn, rather than evaluating data.ropa.rules whole,
// keeps OPA from computing and converting back the rules' helper values
// (some as large as the inventory), which cost more than the rules.
const findingsQuery = `deny := [[g, p, f] | f := data.ropa.rules[g][p].deny[_]]; warn := [[g, p, f] | f := data.ropa.rules[g][p].warn[_]]`

// DefaultTimeout bounds one evaluation, so a user rule that loops cannot
// hang a CI job.
const DefaultTimeout = 10 * time.Second

// deniedBuiltins are removed from the capabilities of every module: rules
// read the inventory and reference data, nothing else. Without network or
// runtime builtins a user rule can neither exfiltrate the inventory nor
// read the environment.
var deniedBuiltins = []string{"http.send", "opa.runtime", "net.lookup_ip_addr", "net.cidr_expand"}

// Capabilities returns OPA's capabilities without the denied builtins
// (http.send, opa.runtime and every net.* builtin).
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if slices.Contains(deniedBuiltins, b.Name) || strings.HasPrefix(b.Name, "net.") {
			continue
		}
		kept = append(kept, b)
	}
	caps.Builtins = kept
	return caps
}

// Engine holds the compiled rule pack and its prepared query. Build it once
// and audit as many inventories as needed.
type Engine struct {
	compiler *ast.Compiler
	store    storage.Store
	query    rego.PreparedEvalQuery
	rules    map[string]RuleInfo // by rule id
	byPkg    map[string]string   // "gdpr/retention" package key -> rule id
	timeout  time.Duration

	// Queries of the rule library for reports (transfers, durations),
	// each prepared on first use.
	libMu      sync.Mutex
	libQueries map[string]rego.PreparedEvalQuery
}

// EngineOptions configure an Engine.
type EngineOptions struct {
	// PolicyDirs are user rule directories (--policy), loaded after the
	// built-in pack, with the same contract.
	PolicyDirs []string
	// Timeout bounds one evaluation; zero means DefaultTimeout.
	Timeout time.Duration
	// NoBuiltin leaves the built-in rules out (ropa test on user rules).
	NoBuiltin bool
}

// PolicyError is a problem with a rule: a compile error or a runtime error,
// with the rule file's position.
type PolicyError struct {
	File    string
	Line    int
	Message string
}

func (e *PolicyError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// LoadModules reads the rule modules and data of the built-in pack and of
// dirs. Each is read as an OPA bundle, as `opa eval -b` does, so a
// data.json file is placed at its directory's path (ropa/reference/x/
// data.json is data.ropa.reference.x). Test files (_test.rego) are
// included only when withTests is set.
func LoadModules(dirs []string, builtin, withTests bool) (map[string]*ast.Module, map[string]any, error) {
	modules := map[string]*ast.Module{}
	data := map[string]any{}
	caps := Capabilities()
	newLoader := func() loader.FileLoader {
		return loader.NewFileLoader().
			WithProcessAnnotation(true).
			WithCapabilities(caps).
			WithRegoVersion(ast.RegoV1).
			WithSkipBundleVerification(true)
	}
	add := func(b *bundle.Bundle, prefix string) error {
		for _, m := range b.Modules {
			if !withTests && strings.HasSuffix(m.Path, "_test.rego") {
				continue
			}
			modules[prefix+strings.TrimPrefix(m.Path, "/")] = m.Parsed
		}
		return mergeData(data, b.Data)
	}
	if builtin {
		b, err := newLoader().WithFS(policies.FS).AsBundle(".")
		if err != nil {
			return nil, nil, fmt.Errorf("load built-in rules: %w", err)
		}
		if err := add(b, "policies/"); err != nil {
			return nil, nil, err
		}
	}
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("--policy: %w", err)
		}
		if !st.IsDir() {
			return nil, nil, fmt.Errorf("--policy %s: not a directory", dir)
		}
		b, err := newLoader().AsBundle(dir)
		if err != nil {
			return nil, nil, policyLoadError(err)
		}
		if err := add(b, ""); err != nil {
			return nil, nil, err
		}
	}
	return modules, data, nil
}

// policyLoadError turns loader errors (parse errors carry positions) into
// PolicyErrors.
func policyLoadError(err error) error {
	var errs loader.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		var astErrs ast.Errors
		if errors.As(errs[0], &astErrs) && len(astErrs) > 0 {
			return astErrorToPolicy(astErrs[0])
		}
	}
	var astErrs ast.Errors
	if errors.As(err, &astErrs) && len(astErrs) > 0 {
		return astErrorToPolicy(astErrs[0])
	}
	return fmt.Errorf("load rules: %w", err)
}

func astErrorToPolicy(e *ast.Error) error {
	pe := &PolicyError{Message: e.Message}
	if e.Location != nil {
		pe.File, pe.Line = e.Location.File, e.Location.Row
	}
	return pe
}

func mergeData(dst, src map[string]any) error {
	for k, v := range src {
		if cur, ok := dst[k]; ok {
			cm, ok1 := cur.(map[string]any)
			sm, ok2 := v.(map[string]any)
			if !ok1 || !ok2 {
				return fmt.Errorf("rule data conflict at %q", k)
			}
			if err := mergeData(cm, sm); err != nil {
				return err
			}
			continue
		}
		dst[k] = v
	}
	return nil
}

// NewEngine compiles the rule pack once and prepares the single query.
func NewEngine(ctx context.Context, opts EngineOptions) (*Engine, error) {
	modules, data, err := LoadModules(opts.PolicyDirs, !opts.NoBuiltin, false)
	if err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(false)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, astErrorToPolicy(compiler.Errors[0])
	}
	rules, byPkg, err := catalogue(compiler.GetAnnotationSet(), builtinFileSet(modules))
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObject(data)
	pq, err := rego.New(
		rego.Query(findingsQuery),
		rego.Compiler(compiler),
		rego.Store(store),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare rule query: %w", err)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	return &Engine{compiler: compiler, store: store, query: pq, rules: rules, byPkg: byPkg, timeout: timeout}, nil
}

// Rules returns the catalogue of the Rego rules and the structural rules,
// sorted by id.
func (e *Engine) Rules() []RuleInfo {
	out := StructuralRules()
	for _, r := range e.rules {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// catalogue reads the package-scoped METADATA of every package under
// data.ropa.rules: the single source of a rule's id, title, severity and
// legal reference.
//
// builtinFiles names the files of the built-in pack as annotation
// locations give them ("ropa/rules/..."): LoadModules keys those modules
// "policies/...".
func catalogue(as *ast.AnnotationSet, builtinFiles map[string]bool) (map[string]RuleInfo, map[string]string, error) {
	rules := map[string]RuleInfo{}
	byPkg := map[string]string{}
	prefix := ast.MustParseRef(Query)
	for _, ar := range as.Flatten() {
		a := ar.Annotations
		if a == nil || a.Scope != "package" || !ar.Path.HasPrefix(prefix) || len(ar.Path) != len(prefix)+2 {
			continue
		}
		if strings.HasSuffix(pathKey(ar.Path, len(prefix)), "_test") {
			continue
		}
		key := pathKey(ar.Path, len(prefix))
		file, line := "", 0
		if ar.Location != nil { // annotations built outside a parser have none
			file, line = ar.Location.File, ar.Location.Row
		}
		ri := RuleInfo{
			ID:          key,
			Title:       a.Title,
			Description: strings.TrimSpace(a.Description),
			Builtin:     builtinFiles[file] || strings.HasPrefix(file, "policies/"),
		}
		if id, ok := a.Custom["id"].(string); ok && id != "" {
			ri.ID = id
		}
		if sev, ok := a.Custom["severity"].(string); ok {
			s, err := inventory.ParseSeverity(sev)
			if err != nil || s == inventory.SeverityNone {
				return nil, nil, &PolicyError{File: file, Line: line, Message: fmt.Sprintf("rule %s: METADATA severity %q: want error or warning", ri.ID, sev)}
			}
			ri.Severity = s
		}
		ri.Reference, _ = a.Custom["reference"].(string)
		ri.Example, _ = a.Custom["example"].(string)
		ri.Fix, _ = a.Custom["fix"].(string)
		for _, res := range a.RelatedResources {
			if u := res.Ref.String(); u != "" {
				ri.Resources = append(ri.Resources, Resource{Description: res.Description, URL: u})
			}
		}
		if len(ri.Resources) > 0 {
			ri.URL = ri.Resources[0].URL
		}
		if prev, dup := rules[ri.ID]; dup {
			return nil, nil, &PolicyError{File: file, Line: line, Message: fmt.Sprintf("rule id %s is declared twice (also %q)", ri.ID, prev.Title)}
		}
		rules[ri.ID] = ri
		byPkg[key] = ri.ID
	}
	return rules, byPkg, nil
}

// Catalogue returns the catalogue of the built-in rules and of the rules in
// dirs, with the structural rules, sorted by id, from their METADATA alone:
// the modules are parsed, not compiled, so lint can check waiver rule ids
// without the cost of an engine.
func Catalogue(dirs []string) ([]RuleInfo, error) {
	if len(dirs) == 0 {
		builtinOnce.Do(func() { builtinRules, builtinErr = loadCatalogue(nil) })
		return builtinRules, builtinErr
	}
	return loadCatalogue(dirs)
}

var (
	builtinOnce  sync.Once
	builtinRules []RuleInfo
	builtinErr   error
)

func loadCatalogue(dirs []string) ([]RuleInfo, error) {
	modules, _, err := LoadModules(dirs, true, false)
	if err != nil {
		return nil, err
	}
	list := make([]*ast.Module, 0, len(modules))
	for _, m := range modules {
		list = append(list, m)
	}
	as, errs := ast.BuildAnnotationSet(list)
	if len(errs) > 0 {
		return nil, astErrorToPolicy(errs[0])
	}
	rules, _, err := catalogue(as, builtinFileSet(modules))
	if err != nil {
		return nil, err
	}
	out := StructuralRules()
	for _, r := range rules {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// builtinFileSet is the set of module files of the built-in pack, as their
// locations name them.
func builtinFileSet(modules map[string]*ast.Module) map[string]bool {
	files := map[string]bool{}
	for key, m := range modules {
		if strings.HasPrefix(key, "policies/") && m.Package != nil && m.Package.Location != nil {
			files[m.Package.Location.File] = true
		}
	}
	return files
}

// pathKey turns data.ropa.rules.gdpr["retention"] into "gdpr/retention".
func pathKey(p ast.Ref, from int) string {
	parts := make([]string, 0, len(p)-from)
	for _, t := range p[from:] {
		if s, ok := t.Value.(ast.String); ok {
			parts = append(parts, string(s))
		} else {
			parts = append(parts, t.Value.String())
		}
	}
	return strings.Join(parts, "/")
}

// evaluate runs the prepared query on the inventory and returns the raw
// rule findings, with positions from the inventory.
func (e *Engine) evaluate(ctx context.Context, inv *inventory.Inventory, asOf time.Time) ([]Finding, error) {
	input, err := inputValue(inv.Document)
	if err != nil {
		return nil, fmt.Errorf("convert inventory for rules: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(asOf))
	if err == nil && ctx.Err() != nil {
		// OPA notices a cancellation only now and then: a run cancelled
		// (or out of time) gives no result, even one that completed.
		err = ctx.Err()
	}
	if err != nil {
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return nil, fmt.Errorf("rule evaluation timed out after %s (raise --timeout, or look for a rule that loops)", e.timeout)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("rule evaluation cancelled: %w", context.Cause(ctx))
		}
		return nil, evalError(err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	var out []Finding
	for _, kind := range []string{"deny", "warn"} {
		rows, _ := rs[0].Bindings[kind].([]any)
		for _, row := range rows {
			t, ok := row.([]any)
			if !ok || len(t) != 3 {
				continue
			}
			group, _ := t[0].(string)
			name, _ := t[1].(string)
			key := group + "/" + name
			id, ok := e.byPkg[key]
			if !ok {
				id = key
			}
			info := e.rules[id]
			sev := info.Severity
			if sev == "" {
				sev = inventory.SeverityError
				if kind == "warn" {
					sev = inventory.SeverityWarning
				}
			}
			f, err := ruleFinding(id, sev, info, t[2])
			if err != nil {
				return nil, err
			}
			f.Location = inv.Locate(f.Path)
			out = append(out, f)
		}
	}
	return out, nil
}

func ruleFinding(id string, sev inventory.Severity, info RuleInfo, it any) (Finding, error) {
	m, ok := it.(map[string]any)
	if !ok {
		if s, ok := it.(string); ok {
			// conftest-style rules emit bare messages; they address the
			// inventory as a whole.
			return Finding{Rule: id, Severity: sev, Message: s, Reference: info.Reference}, nil
		}
		return Finding{}, fmt.Errorf("rule %s: finding %v is neither an object {msg, path} nor a string", id, it)
	}
	msg, _ := m["msg"].(string)
	var segs []string
	switch p := m["path"].(type) {
	case []any:
		for _, s := range p {
			segs = append(segs, fmt.Sprint(s))
		}
	case string:
		segs = []string{p}
	}
	return Finding{Rule: id, Severity: sev, Message: msg, Path: strings.Join(segs, "/"), Reference: info.Reference}, nil
}

// evalError gives runtime errors of rules (conflicts, builtin errors) the
// rule file and line.
func evalError(err error) error {
	var te *topdown.Error
	if errors.As(err, &te) {
		pe := &PolicyError{Message: te.Message}
		if te.Location != nil {
			pe.File, pe.Line = te.Location.File, te.Location.Row
		}
		return fmt.Errorf("rule evaluation failed: %w", pe)
	}
	return fmt.Errorf("rule evaluation failed: %w", err)
}
