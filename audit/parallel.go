package audit

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Rule evaluation, one query per rule.
//
// Evaluating data.ropa.rules as a whole computes every rule of every
// package, helpers included (the _private rules, some of them objects as
// large as the inventory), and converts all of it back to Go values. Only
// deny and warn are findings, and the packages are independent of each
// other, so each package's deny and warn are prepared as queries of their
// own and evaluated concurrently on the shared, read-only input. Same
// rules, same results, a fraction of the work and of the wall time.

// ruleQuery is the prepared query of one deny or warn rule.
type ruleQuery struct {
	group, name, kind string // data.ropa.rules.<group>.<name>.<kind>
	query             rego.PreparedEvalQuery
}

// ruleQueries holds the per-rule queries, prepared on first use.
type ruleQueries struct {
	once    sync.Once
	queries []ruleQuery
	err     error
}

// prepareRuleQueries prepares one query per deny or warn rule of every
// package data.ropa.rules.<group>.<name>, the packages evaluate reads.
func prepareRuleQueries(ctx context.Context, e *Engine) ([]ruleQuery, error) {
	prefix := ast.MustParseRef(Query)
	seen := map[string]bool{}
	var out []ruleQuery
	for _, name := range slices.Sorted(maps.Keys(e.compiler.Modules)) {
		m := e.compiler.Modules[name]
		p := m.Package.Path
		if !p.HasPrefix(prefix) || len(p) != len(prefix)+2 {
			continue
		}
		group, ok1 := p[len(prefix)].Value.(ast.String)
		pkg, ok2 := p[len(prefix)+1].Value.(ast.String)
		if !ok1 || !ok2 {
			continue
		}
		for _, r := range m.Rules {
			kind := r.Head.Ref()[0].Value.String()
			if kind != "deny" && kind != "warn" {
				continue
			}
			key := string(group) + "/" + string(pkg) + "/" + kind
			if seen[key] {
				continue
			}
			seen[key] = true
			ref := p.Copy().Append(ast.StringTerm(kind))
			pq, err := rego.New(
				rego.ParsedQuery(ast.NewBody(ast.NewExpr(ast.NewTerm(ref)))),
				rego.Compiler(e.compiler),
				rego.Store(e.store),
				rego.StrictBuiltinErrors(true),
			).PrepareForEval(ctx)
			if err != nil {
				return nil, fmt.Errorf("prepare rule query %s: %w", ref, err)
			}
			out = append(out, ruleQuery{group: string(group), name: string(pkg), kind: kind, query: pq})
		}
	}
	return out, nil
}

// evalRules evaluates every deny and warn rule on input, on up to
// GOMAXPROCS goroutines, and returns their values shaped as the value of
// data.ropa.rules would be: group -> package -> "deny"/"warn" -> findings.
// When several rules fail, the error of the first in package order is
// returned: every query runs to its end (or to the deadline of ctx), so
// the error does not depend on scheduling.
func (e *Engine) evalRules(ctx context.Context, input ast.Value, asOf time.Time) (map[string]any, error) {
	e.perRule.once.Do(func() {
		e.perRule.queries, e.perRule.err = prepareRuleQueries(ctx, e)
	})
	if e.perRule.err != nil {
		return nil, e.perRule.err
	}
	qs := e.perRule.queries
	values := make([]any, len(qs))
	errs := make([]error, len(qs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(qs), runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rs, err := qs[i].query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(asOf))
				if err != nil {
					errs[i] = err
					continue
				}
				if len(rs) > 0 && len(rs[0].Expressions) > 0 {
					values[i] = rs[0].Expressions[0].Value
				}
			}
		}()
	}
	for i := range qs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	groups := map[string]any{}
	for i, q := range qs {
		if values[i] == nil {
			continue
		}
		g, _ := groups[q.group].(map[string]any)
		if g == nil {
			g = map[string]any{}
			groups[q.group] = g
		}
		p, _ := g[q.name].(map[string]any)
		if p == nil {
			p = map[string]any{}
			g[q.name] = p
		}
		p[q.kind] = values[i]
	}
	return groups, nil
}
