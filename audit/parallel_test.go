package audit_test

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/internal/gen"
	"github.com/ropa-project/ropa/inventory"
)

// TestReportsIndependentOfCores audits the Rackslab inventory and a
// generated one (with waivers, every rule firing) with GOMAXPROCS 1 and 2,
// with explicit worker counts, and with the rules' input converted in
// chunks of 2048 items and of 16 (its parallel path at this size): the
// JSON reports are byte-identical.
func TestReportsIndependentOfCores(t *testing.T) {
	generated := filepath.Join(t.TempDir(), "generated.yaml")
	if err := gen.New(gen.Config{Activities: 400, Seed: 7}).WriteFile(generated); err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	json, err := report.Lookup(report.FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	configs := []struct {
		name    string
		procs   int
		workers int
		chunk   int
	}{
		{"GOMAXPROCS=1", 1, 0, 2048},
		{"GOMAXPROCS=2", 2, 0, 2048},
		{"GOMAXPROCS=1, input chunks of 16", 1, 0, 16},
		{"GOMAXPROCS=2, input chunks of 16", 2, 0, 16},
		{"1 worker", 2, 1, 16},
		{"5 workers on 1 CPU", 1, 5, 16},
	}
	for _, path := range []string{"../testdata/rackslab", generated} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var want []byte
			for _, c := range configs {
				func() {
					old := runtime.GOMAXPROCS(c.procs)
					defer runtime.GOMAXPROCS(old)
					audit.SetInputChunk(t, c.chunk)
					inv, err := inventory.Load(path)
					if err != nil {
						t.Fatal(err)
					}
					eng, err := audit.NewEngine(context.Background(), audit.EngineOptions{Workers: c.workers})
					if err != nil {
						t.Fatal(err)
					}
					res, err := eng.Audit(context.Background(), inv, audit.Options{AsOf: asOf})
					if err != nil {
						t.Fatal(err)
					}
					if len(res.Findings) < 20 {
						t.Fatalf("%s: only %d findings", c.name, len(res.Findings))
					}
					var b bytes.Buffer
					if err := json.Write(&b, res); err != nil {
						t.Fatal(err)
					}
					if want == nil {
						want = b.Bytes()
					} else if !bytes.Equal(b.Bytes(), want) {
						t.Errorf("%s: the JSON report differs from %s's", c.name, configs[0].name)
					}
				}()
			}
		})
	}
}
