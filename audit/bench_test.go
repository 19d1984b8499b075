package audit_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/internal/gen"
	"github.com/ropa-project/ropa/inventory"
)

// benchSizes are the inventory sizes of the benchmarks; 100k runs only
// when the -bench pattern names it or ROPA_BENCH_100K=1 is set (see
// inventory/bench_test.go).
func benchSizes() []struct {
	name string
	n    int
} {
	sizes := []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}}
	if os.Getenv("ROPA_BENCH_100K") != "" || benchPatternNames("100k") {
		sizes = append(sizes, struct {
			name string
			n    int
		}{"100k", 100000})
	}
	return sizes
}

func benchPatternNames(s string) bool {
	f := flag.Lookup("test.bench")
	return f != nil && strings.Contains(f.Value.String(), s)
}

var benchAsOf = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func generate(b *testing.B, n int) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "inventory.yaml")
	if err := gen.New(gen.Config{Activities: n, Seed: 1}).WriteFile(p); err != nil {
		b.Fatal(err)
	}
	return p
}

func newEngine(b *testing.B) *audit.Engine {
	b.Helper()
	eng, err := audit.NewEngine(context.Background(), audit.EngineOptions{Timeout: 10 * time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkEngine compiles the built-in rule pack and prepares its query:
// the fixed cost of every `ropa audit`.
func BenchmarkEngine(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newEngine(b)
	}
}

// BenchmarkLint is `ropa lint` without the output: load and the
// structural checks.
func BenchmarkLint(b *testing.B) {
	for _, s := range benchSizes() {
		b.Run(s.name, func(b *testing.B) {
			path := generate(b, s.n)
			b.ReportAllocs()
			for b.Loop() {
				inv, err := inventory.Load(path)
				if err != nil {
					b.Fatal(err)
				}
				if res := audit.Lint(inv, benchAsOf); res.Summary.Errors != 0 {
					b.Fatalf("lint: %d errors", res.Summary.Errors)
				}
			}
		})
	}
}

// BenchmarkAudit evaluates the rules on an inventory already loaded: the
// Rego part of an audit, with waivers and positions.
func BenchmarkAudit(b *testing.B) {
	eng := newEngine(b)
	for _, s := range benchSizes() {
		b.Run(s.name, func(b *testing.B) {
			inv, err := inventory.Load(generate(b, s.n))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := eng.Audit(context.Background(), inv, audit.Options{AsOf: benchAsOf})
				if err != nil {
					b.Fatal(err)
				}
				if res.Summary.Errors == 0 {
					b.Fatal("no finding: the rules did not run")
				}
			}
		})
	}
}

// BenchmarkLoadAndAudit is a whole `ropa audit` without the engine
// compilation and the report: load, then audit.
func BenchmarkLoadAndAudit(b *testing.B) {
	eng := newEngine(b)
	for _, s := range benchSizes() {
		b.Run(s.name, func(b *testing.B) {
			path := generate(b, s.n)
			b.ReportAllocs()
			for b.Loop() {
				inv, err := inventory.Load(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := eng.Audit(context.Background(), inv, audit.Options{AsOf: benchAsOf}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
