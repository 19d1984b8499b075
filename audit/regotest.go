package audit

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test.
type TestResult struct {
	Name    string // package.test_name
	File    string
	Line    int
	Passed  bool
	Skipped bool
	Error   string // evaluation error, if any
	Output  string // print() output of a failing test
}

// RunRegoTests runs the _test.rego tests of the built-in pack (when
// builtin is set) and of dirs through OPA's tester, with the same
// sandboxed capabilities as audits. Results are sorted by location.
func RunRegoTests(ctx context.Context, dirs []string, builtin bool, timeout time.Duration) ([]TestResult, error) {
	modules, data, err := LoadModules(dirs, builtin, true)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObject(data)
	txn, err := store.NewTransaction(ctx, storage.TransactionParams{})
	if err != nil {
		return nil, fmt.Errorf("open rule data: %w", err)
	}
	defer store.Abort(ctx, txn)
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetModules(modules).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(timeout).
		RunTests(ctx, txn)
	if err != nil {
		if errs, ok := err.(ast.Errors); ok && len(errs) > 0 {
			return nil, astErrorToPolicy(errs[0])
		}
		return nil, fmt.Errorf("run rule tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{
			Name:    strings.TrimPrefix(r.Package, "data.") + "." + r.Name,
			Passed:  r.Pass(),
			Skipped: r.Skip,
			Output:  string(r.Output),
		}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Error = r.Error.Error()
		}
		out = append(out, tr)
	}
	slices.SortFunc(out, func(a, b TestResult) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), strings.Compare(a.Name, b.Name))
	})
	return out, nil
}
