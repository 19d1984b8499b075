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
	"runtime"
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

// findingsQuery collects the deny and warn sets of every package
// data.ropa.rules.<group>.<name> in one query, as [group, name, finding]
// rows. Naming deny and warn, rather than evaluating data.ropa.rules
// whole, keeps OPA from computing and converting back the rules' helper
// values (some as large as the inventory), which cost more than the rules.
// The engine evaluates it only when a user module's package is not of the
// form data.ropa.rules.<group>.<name> (see rulePackages); otherwise it
// prepares one query per rule package (packageQuery), run on every core.
const findingsQuery = `deny := [[g, p, f] | f := data.ropa.rules[g][p].deny[_]]; warn := [[g, p, f] | f := data.ropa.rules[g][p].warn[_]]`

// DefaultTimeout, plus TimeoutPerActivity for each activity of the
// inventory, bounds one evaluation unless EngineOptions.Timeout is set, so
// a user rule that loops cannot hang a CI job while a large inventory
// still has the time it needs (the built-in pack takes about 2 s for 10k
// activities on a busy 2-core machine, over 10 s for 100k).
const (
	DefaultTimeout     = 10 * time.Second
	TimeoutPerActivity = time.Millisecond
)

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

// Engine holds the compiled rule pack and its prepared queries. Build it
// once and audit as many inventories as needed.
type Engine struct {
	compiler *ast.Compiler
	store    storage.Store
	// queries are evaluated concurrently on the same parsed input, in
	// this order for the merge: one per rule package, sorted by package
	// key (or the single findingsQuery).
	queries []ruleQuery
	rules   map[string]RuleInfo // by rule id
	byPkg   map[string]string   // "gdpr/retention" package key -> rule id
	timeout time.Duration       // zero: DefaultTimeout scaled to the inventory
	workers int                 // 0: GOMAXPROCS at each evaluation

	// Queries of the rule library for reports (transfers, durations),
	// each prepared on first use.
	libMu      sync.Mutex
	libQueries map[string]rego.PreparedEvalQuery
}

// ruleQuery is one prepared query: the deny and warn sets of one rule
// package (pkg "gdpr/retention"), or, with pkg empty, findingsQuery's
// [group, name, finding] rows for every package.
type ruleQuery struct {
	pkg   string
	query rego.PreparedEvalQuery
}

// EngineOptions configure an Engine.
type EngineOptions struct {
	// PolicyDirs are user rule directories (--policy), loaded after the
	// built-in pack, with the same contract.
	PolicyDirs []string
	// Timeout bounds one evaluation; zero means DefaultTimeout plus
	// TimeoutPerActivity for each activity of the inventory audited.
	Timeout time.Duration
	// NoBuiltin leaves the built-in rules out (ropa test on user rules).
	NoBuiltin bool
	// Workers is how many rule queries run at once; zero means
	// runtime.GOMAXPROCS(0) at each audit. The findings do not depend on
	// it.
	Workers int
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

// NewEngine compiles the rule pack once and prepares its queries: one per
// rule package, evaluated concurrently by each audit.
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
	var queries []ruleQuery
	prepare := func(pkg, q string) error {
		pq, err := rego.New(
			rego.Query(q),
			rego.Compiler(compiler),
			rego.Store(store),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return fmt.Errorf("prepare rule query: %w", err)
		}
		queries = append(queries, ruleQuery{pkg: pkg, query: pq})
		return nil
	}
	if pkgs, ok := rulePackages(compiler); ok {
		for _, p := range pkgs {
			if err := prepare(p.key, packageQuery(p.path)); err != nil {
				return nil, err
			}
		}
	} else if err := prepare("", findingsQuery); err != nil {
		return nil, err
	}
	return &Engine{compiler: compiler, store: store, queries: queries, rules: rules, byPkg: byPkg, timeout: opts.Timeout, workers: opts.Workers}, nil
}

type rulePackage struct {
	key  string  // "gdpr/retention"
	path ast.Ref // data.ropa.rules.gdpr.retention
}

// rulePackages lists the packages data.ropa.rules.<group>.<name> of the
// compiled modules, sorted by key. It reports false when a module under
// data.ropa.rules has a package of another depth (package
// ropa.rules.acme, or ropa.rules.a.b.c): what findingsQuery would collect
// from those is not one package's deny and warn, so the engine then
// evaluates findingsQuery itself.
func rulePackages(c *ast.Compiler) ([]rulePackage, bool) {
	prefix := ast.MustParseRef(Query)
	seen := map[string]bool{}
	var out []rulePackage
	for _, m := range c.Modules {
		p := m.Package.Path
		if !p.HasPrefix(prefix) && !prefix.HasPrefix(p) {
			continue
		}
		if len(p) != len(prefix)+2 {
			return nil, false
		}
		for _, t := range p[len(prefix):] {
			if _, ok := t.Value.(ast.String); !ok {
				return nil, false
			}
		}
		key := pathKey(p, len(prefix))
		if !seen[key] {
			seen[key] = true
			out = append(out, rulePackage{key: key, path: p.Copy()})
		}
	}
	slices.SortFunc(out, func(a, b rulePackage) int { return strings.Compare(a.key, b.key) })
	return out, true
}

// packageQuery collects one package's deny and warn sets.
func packageQuery(pkg ast.Ref) string {
	ref := func(rule string) string {
		return pkg.Append(ast.StringTerm(rule)).String()
	}
	return fmt.Sprintf("deny := [f | f := %s[_]]; warn := [f | f := %s[_]]", ref("deny"), ref("warn"))
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

// evaluate runs the prepared queries on the inventory and returns the raw
// rule findings, with positions from the inventory. The input is
// converted once and shared by every query; the queries run on up to
// Workers goroutines, and their findings are merged in query order, so
// the result does not depend on the number of workers or on timing.
func (e *Engine) evaluate(ctx context.Context, inv *inventory.Inventory, asOf time.Time) ([]Finding, error) {
	workers := e.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	input, err := inputValue(inv.Document, workers)
	if err != nil {
		return nil, fmt.Errorf("convert inventory for rules: %w", err)
	}
	timeout := e.timeout
	if timeout <= 0 {
		activities, _ := inv.Document["activities"].([]any)
		timeout = DefaultTimeout + time.Duration(len(activities))*TimeoutPerActivity
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	results := make([]rego.ResultSet, len(e.queries))
	errs := make([]error, len(e.queries))
	run(ctx, len(e.queries), workers, func(ctx context.Context, i int) error {
		results[i], errs[i] = e.queries[i].query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(asOf))
		return errs[i]
	})
	// OPA notices a cancellation only now and then: a run cancelled (or
	// out of time) gives no result, even one that completed.
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("rule evaluation timed out after %s (raise --timeout, or look for a rule that loops)", timeout)
	case ctx.Err() != nil:
		return nil, fmt.Errorf("rule evaluation cancelled: %w", context.Cause(ctx))
	}
	// The first failed query in query order: run stops only the queries
	// after it, so this is the same error whatever the timing.
	for _, err := range errs {
		if err != nil {
			return nil, evalError(err)
		}
	}
	var out []Finding
	for i, rs := range results {
		if len(rs) == 0 {
			continue
		}
		for _, kind := range []string{"deny", "warn"} {
			rows, _ := rs[0].Bindings[kind].([]any)
			for _, row := range rows {
				key, it := e.queries[i].pkg, row
				if key == "" { // findingsQuery: [group, name, finding]
					t, ok := row.([]any)
					if !ok || len(t) != 3 {
						continue
					}
					group, _ := t[0].(string)
					name, _ := t[1].(string)
					key, it = group+"/"+name, t[2]
				}
				f, err := e.finding(key, kind, it)
				if err != nil {
					return nil, err
				}
				f.Location = inv.Locate(f.Path)
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// finding turns one element of package key's deny or warn set (kind) into
// a Finding.
func (e *Engine) finding(key, kind string, it any) (Finding, error) {
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
	return ruleFinding(id, sev, info, it)
}

// run calls job(ctx, i) for i in [0, n) on up to workers goroutines,
// taking the jobs in order, and returns when all have returned. When job
// i fails, the jobs after i are cancelled (their context) or not started,
// and those before it run on: the first failure in job order is then the
// same whatever the number of workers and the timing.
func run(ctx context.Context, n, workers int, job func(ctx context.Context, i int) error) {
	var (
		mu      sync.Mutex
		failed  = n // lowest failed job
		cancels = make(map[int]context.CancelFunc)
		next    = 0
	)
	take := func() (int, context.Context, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= n || next > failed {
			return 0, nil, false
		}
		i := next
		next++
		jctx, cancel := context.WithCancel(ctx)
		cancels[i] = cancel
		return i, jctx, true
	}
	done := func(i int, err error) {
		mu.Lock()
		defer mu.Unlock()
		cancels[i]()
		delete(cancels, i)
		if err != nil && i < failed {
			failed = i
			for j, cancel := range cancels {
				if j > i {
					cancel()
				}
			}
		}
	}
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, jctx, ok := take()
				if !ok {
					return
				}
				done(i, job(jctx, i))
			}
		}()
	}
	wg.Wait()
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
