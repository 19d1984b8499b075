package gen_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/internal/gen"
	"github.com/ropa-project/ropa/inventory"
)

func generate(t *testing.T, cfg gen.Config) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gen.New(cfg).Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	a := generate(t, gen.Config{Activities: 300, Seed: 7})
	b := generate(t, gen.Config{Activities: 300, Seed: 7})
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different output")
	}
	c := generate(t, gen.Config{Activities: 300, Seed: 8})
	if bytes.Equal(a, c) {
		t.Fatal("different seeds, same output")
	}
}

// TestSplitMatchesSingle: the parts of a split inventory, loaded as a
// directory, hold the items of the single file in the same order.
func TestSplitMatchesSingle(t *testing.T) {
	cfg := gen.Config{Activities: 250, Seed: 3}
	single := generate(t, cfg)
	dir := t.TempDir()
	paths, err := gen.New(cfg).WriteSplit(dir, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 7 {
		t.Fatalf("got %d files, want 7", len(paths))
	}
	a, err := inventory.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := inventory.Load(writeTemp(t, single))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"subjects", "data", "systems", "recipients", "activities", "cookies", "security_measures", "waivers"} {
		if x, y := strings.Join(a.IDs(s), ","), strings.Join(b.IDs(s), ","); x != y {
			t.Errorf("%s: split and single inventories differ", s)
		}
	}
	if !reflect.DeepEqual(a.Document, b.Document) {
		t.Error("split and single inventories differ")
	}
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "inventory.yaml")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLintsCleanAndEveryRuleFires: the generated inventory has no
// structural error, and every rule of the catalogue finds something in
// it, except the structural errors themselves.
func TestLintsCleanAndEveryRuleFires(t *testing.T) {
	for _, n := range []int{200, 1000} {
		inv, err := inventory.Load(writeTemp(t, generate(t, gen.Config{Activities: n, Seed: 1})))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range inv.Findings {
			t.Errorf("%d activities: lint: %s %s: %s", n, f.Location, f.Rule, f.Message)
		}
		if got := len(inv.IDs("activities")); got != n {
			t.Errorf("%d activities requested, %d loaded", n, got)
		}
		eng, err := audit.NewEngine(context.Background(), audit.EngineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Audit(context.Background(), inv, audit.Options{AsOf: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		fired := map[string]int{}
		for _, f := range res.Findings {
			fired[f.Rule]++
		}
		lintErrors := map[string]bool{
			inventory.RuleSyntax: true, inventory.RuleSchema: true, inventory.RuleDuplicateID: true,
			inventory.RuleUnknownReference: true, inventory.RuleUnknownCategory: true,
		}
		// Rules about the controller alone that one generated controller
		// cannot all trigger: it declares a DPO without contact
		// (gdpr/dpo-contact), so it cannot also lack one (gdpr/dpo-required),
		// and a retail group is no public authority. The Rego tests and the
		// public-authority scenario cover them.
		otherController := map[string]bool{"gdpr/dpo-required": true, "gdpr/public-authority-interests": true}
		for _, r := range res.Rules {
			switch {
			case otherController[r.ID]:
				if fired[r.ID] > 0 {
					t.Errorf("%d activities: %s fired %d times on a controller it should not concern", n, r.ID, fired[r.ID])
				}
			case lintErrors[r.ID] && fired[r.ID] > 0:
				t.Errorf("%d activities: %s fired %d times", n, r.ID, fired[r.ID])
			case !lintErrors[r.ID] && fired[r.ID] == 0:
				t.Errorf("%d activities: rule %s never fires", n, r.ID)
			}
		}
		if res.Summary.Waived == 0 {
			t.Errorf("%d activities: no waiver applies", n)
		}
		// A realistic mix: most activities are compliant.
		if errs := res.Summary.Errors; errs > n/2 {
			t.Errorf("%d activities: %d errors, want a mostly compliant inventory", n, errs)
		}
	}
}

func TestSizesScale(t *testing.T) {
	small, big := gen.New(gen.Config{Activities: 10000}).Sizes(), gen.New(gen.Config{Activities: 40000}).Sizes()
	if big.Data != 4*small.Data || big.Cookies != 4*small.Cookies || big.Recipients != 4*small.Recipients {
		t.Errorf("sections do not scale with activities: %+v vs %+v", small, big)
	}
}

func TestPartRange(t *testing.T) {
	g := gen.New(gen.Config{Activities: 10})
	if err := g.WritePart(&bytes.Buffer{}, 3, 3); err == nil {
		t.Error("part 3 of 3 accepted")
	}
	if _, err := g.WriteSplit(t.TempDir(), 0); err == nil {
		t.Error("split into 0 files accepted")
	}
}
