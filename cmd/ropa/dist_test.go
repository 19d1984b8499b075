package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// testVersion is the version the distribution tests stamp in with
// -ldflags -X, as release builds (Makefile, action/build.sh) do.
const testVersion = "v9.8.7-test"

// stampedRopa builds cmd/ropa into a temporary directory with the
// version stamped in and returns the binary's path (a few seconds: the
// packages are in the build cache after the test binary's build).
func stampedRopa(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the ropa binary (-short)")
	}
	name := filepath.Join(t.TempDir(), "ropa")
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	cmd := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X github.com/ropa-project/ropa/audit.version="+testVersion, "-o", name, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return name
}

// TestVersionStamped: a build with -ldflags -X reports that version in
// ropa version, ropa --version, the JSON report and the SARIF driver.
func TestVersionStamped(t *testing.T) {
	bin := stampedRopa(t)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("ropa %s: %v", args[0], err)
		}
		if got := strings.TrimSpace(string(out)); got != "ropa "+testVersion {
			t.Errorf("ropa %s = %q, want %q", args[0], got, "ropa "+testVersion)
		}
	}
	dir := t.TempDir()
	jsonFile, sarifFile := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif")
	cmd := exec.Command(bin, "audit", "../../testdata/rackslab", "--fail-on", "none", "-f", "json", "-o", "json="+jsonFile, "-o", "sarif="+sarifFile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ropa audit: %v\n%s", err, out)
	}
	var rep struct {
		Tool struct{ Version string }
	}
	readJSON(t, jsonFile, &rep)
	if rep.Tool.Version != testVersion {
		t.Errorf("JSON tool.version = %q, want %q", rep.Tool.Version, testVersion)
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version         string `json:"version"`
					SemanticVersion string `json:"semanticVersion"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	readJSON(t, sarifFile, &sarif)
	if len(sarif.Runs) != 1 || sarif.Runs[0].Tool.Driver.Version != strings.TrimPrefix(testVersion, "v") ||
		sarif.Runs[0].Tool.Driver.SemanticVersion != strings.TrimPrefix(testVersion, "v") {
		t.Errorf("SARIF driver = %+v, want version and semanticVersion %s", sarif.Runs, strings.TrimPrefix(testVersion, "v"))
	}
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestPreCommitHooksNeedNoArgs runs every hook of .pre-commit-hooks.yaml
// as pre-commit does (its entry, from the repository root, no file names)
// without args: in a repository set up with ropa init it passes; without
// ropa.yaml it fails (exit 2) saying what to add.
func TestPreCommitHooksNeedNoArgs(t *testing.T) {
	b, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Args          []string `yaml:"args"`
		PassFilenames *bool    `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	empty := t.TempDir()
	if err := os.Mkdir(filepath.Join(empty, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	var out, errOut strings.Builder
	if code := run([]string{"init"}, &out, &errOut); code != 0 {
		t.Fatalf("ropa init: exit %d\n%s", code, errOut.String())
	}
	for _, h := range hooks {
		fields := strings.Fields(h.Entry)
		if len(fields) < 2 || fields[0] != "ropa" {
			t.Errorf("hook %s: entry %q does not run ropa", h.ID, h.Entry)
			continue
		}
		if len(h.Args) != 0 {
			t.Errorf("hook %s: has args %v; hooks must work without", h.ID, h.Args)
		}
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %s: pass_filenames must be false (the inventory is checked whole)", h.ID)
		}
		args := append(fields[1:], "--as-of", "2026-11-28")
		t.Chdir(repo)
		out.Reset()
		errOut.Reset()
		if code := run(args, &out, &errOut); code != 0 {
			t.Errorf("hook %s in a repository with ropa.yaml: exit %d\n%s%s", h.ID, code, out.String(), errOut.String())
		}
		t.Chdir(empty)
		out.Reset()
		errOut.Reset()
		code := run(args, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), "inventory: [inventory/]") {
			t.Errorf("hook %s without ropa.yaml: exit %d, stderr %q; want exit 2 saying to add inventory: [inventory/]", h.ID, code, errOut.String())
		}
	}
}
