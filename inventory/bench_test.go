package inventory_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/internal/gen"
	"github.com/ropa-project/ropa/inventory"
)

// benchSizes are the inventory sizes of the benchmarks. 100k activities
// (about 59 MB of YAML, several seconds per iteration) runs only when the
// -bench pattern names it (-bench 'Load/100k') or ROPA_BENCH_100K=1 is set,
// so `go test -bench .` stays quick.
func benchSizes() []struct {
	name string
	n    int
} {
	sizes := []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}}
	if large100k() {
		sizes = append(sizes, struct {
			name string
			n    int
		}{"100k", 100000})
	}
	return sizes
}

func large100k() bool {
	if os.Getenv("ROPA_BENCH_100K") != "" {
		return true
	}
	f := flag.Lookup("test.bench")
	return f != nil && strings.Contains(f.Value.String(), "100k")
}

// generate writes a single-file inventory of n activities, or a directory
// of split files when split > 0, and returns its path.
func generate(b *testing.B, n, split int) string {
	b.Helper()
	g := gen.New(gen.Config{Activities: n, Seed: 1})
	if split > 0 {
		dir := filepath.Join(b.TempDir(), "inventory")
		if _, err := g.WriteSplit(dir, split); err != nil {
			b.Fatal(err)
		}
		return dir
	}
	p := filepath.Join(b.TempDir(), "inventory.yaml")
	if err := g.WriteFile(p); err != nil {
		b.Fatal(err)
	}
	return p
}

func setBytes(b *testing.B, path string) {
	var size int64
	_ = filepath.Walk(path, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			size += info.Size()
		}
		return nil
	})
	b.SetBytes(size)
}

// BenchmarkLoad reads, parses, validates, merges and checks an inventory:
// everything `ropa lint` does before printing.
func BenchmarkLoad(b *testing.B) {
	for _, s := range benchSizes() {
		b.Run(s.name, func(b *testing.B) {
			path := generate(b, s.n, 0)
			setBytes(b, path)
			b.ReportAllocs()
			for b.Loop() {
				inv, err := inventory.Load(path)
				if err != nil {
					b.Fatal(err)
				}
				if len(inv.Findings) != 0 {
					b.Fatalf("generated inventory has %d lint findings", len(inv.Findings))
				}
			}
		})
	}
}

// BenchmarkLoadSplit loads 10k activities split over 100 files: the files
// are parsed in parallel, so it should be no slower than Load/10k.
func BenchmarkLoadSplit(b *testing.B) {
	b.Run("10k-100files", func(b *testing.B) {
		path := generate(b, 10000, 100)
		setBytes(b, path)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := inventory.Load(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}
