package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scenarioAsOf is the audit date every scenario is written for.
const scenarioAsOf = "2026-11-28"

// scenarioExpect is what a scenario's header comments say a DPO expects:
// the set of "rule path" pairs of unwaived findings, or none at all.
type scenarioExpect struct {
	none     bool
	findings map[string]bool // "rule path"
}

// readScenarioExpect collects the `# expect: RULE PATH` and `# expect: none`
// lines of every YAML file of a scenario directory.
func readScenarioExpect(dir string) (scenarioExpect, error) {
	exp := scenarioExpect{findings: map[string]bool{}}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			text := strings.TrimSpace(sc.Text())
			rest, ok := strings.CutPrefix(text, "# expect:")
			if !ok {
				continue
			}
			fields := strings.Fields(rest)
			switch {
			case len(fields) == 1 && fields[0] == "none":
				exp.none = true
			case len(fields) == 2:
				exp.findings[fields[0]+" "+fields[1]] = true
			default:
				return fmt.Errorf("%s:%d: want `# expect: RULE PATH` or `# expect: none`, got %q", path, line, text)
			}
		}
		return sc.Err()
	})
	if err != nil {
		return exp, err
	}
	if exp.none && len(exp.findings) > 0 {
		return exp, fmt.Errorf("%s: `# expect: none` together with %d `# expect: RULE PATH` lines", dir, len(exp.findings))
	}
	if !exp.none && len(exp.findings) == 0 {
		return exp, fmt.Errorf("%s: no `# expect:` line (write `# expect: none` for a compliant scenario)", dir)
	}
	return exp, nil
}

// TestScenarios audits every realistic inventory under testdata/scenarios/
// and checks (a) that the unwaived findings are exactly the (rule, path)
// pairs its header says a DPO expects, and (b) the text report against
// testdata/scenarios/<name>/audit.golden.txt (-update rewrites the goldens:
// go test ./cmd/ropa -run TestScenarios -update).
func TestScenarios(t *testing.T) {
	t.Chdir("../..")
	entries, err := os.ReadDir(filepath.Join("testdata", "scenarios"))
	if err != nil {
		t.Fatal(err)
	}
	var scenarios []string
	compliant := 0
	for _, e := range entries {
		if e.IsDir() {
			scenarios = append(scenarios, e.Name())
		}
	}
	if len(scenarios) < 15 {
		t.Errorf("%d scenarios in testdata/scenarios, want at least 15", len(scenarios))
	}
	for _, name := range scenarios {
		dir := filepath.Join("testdata", "scenarios", name)
		exp, err := readScenarioExpect(dir)
		if err != nil {
			t.Errorf("scenario %s: %v", name, err)
			continue
		}
		if exp.none {
			compliant++
		}
		t.Run(name, func(t *testing.T) {
			checkScenarioLint(t, dir)
			checkScenarioFindings(t, name, dir, exp)
			checkScenarioGolden(t, dir)
		})
	}
	if compliant < 2 {
		t.Errorf("%d scenarios with `# expect: none`, want at least 2", compliant)
	}
}

// checkScenarioLint: a scenario is a well-formed inventory (no inventory/*
// finding from lint).
func checkScenarioLint(t *testing.T, dir string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"lint", dir}, &stdout, &stderr); code != 0 {
		t.Errorf("ropa lint %s: exit code %d, want 0:\n%s%s", dir, code, stdout.String(), stderr.String())
	}
}

func checkScenarioFindings(t *testing.T, name, dir string, exp scenarioExpect) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"audit", dir, "--as-of", scenarioAsOf, "-f", "json", "--fail-on", "none"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("ropa audit %s -f json: exit code %d; stderr: %s", dir, code, stderr.String())
	}
	var report struct {
		Findings []struct {
			Rule    string `json:"rule"`
			Path    string `json:"path"`
			Message string `json:"message"`
			Waived  bool   `json:"waived"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("ropa audit %s -f json: %v", dir, err)
	}
	got := map[string]string{} // "rule path" -> message
	for _, f := range report.Findings {
		if !f.Waived {
			got[f.Rule+" "+f.Path] = f.Message
		}
	}
	var missing, unexpected []string
	for k := range exp.findings {
		if _, ok := got[k]; !ok {
			missing = append(missing, k)
		}
	}
	for k, msg := range got {
		if !exp.findings[k] {
			unexpected = append(unexpected, fmt.Sprintf("%s  (%s)", k, msg))
		}
	}
	if len(missing) == 0 && len(unexpected) == 0 {
		return
	}
	sort.Strings(missing)
	sort.Strings(unexpected)
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s: findings differ from the `# expect:` lines\n", name)
	if len(missing) > 0 {
		b.WriteString("  expected but missing (rule path):\n")
		for _, m := range missing {
			fmt.Fprintf(&b, "    - %s\n", m)
		}
	}
	if len(unexpected) > 0 {
		b.WriteString("  found but unexpected (rule path  (message)):\n")
		for _, u := range unexpected {
			fmt.Fprintf(&b, "    + %s\n", u)
		}
	}
	t.Error(b.String())
}

func checkScenarioGolden(t *testing.T, dir string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"audit", dir, "--as-of", scenarioAsOf}, &stdout, &stderr)
	if code != 0 && code != 1 {
		t.Fatalf("ropa audit %s: exit code %d; stderr: %s", dir, code, stderr.String())
	}
	path := filepath.Join(dir, "audit.golden.txt")
	if *update {
		if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/ropa -run TestScenarios -update)", err)
	}
	if diff := cmp.Diff(string(want), stdout.String()); diff != "" {
		t.Errorf("ropa audit %s differs from %s (-want +got):\n%s", dir, path, diff)
	}
}
