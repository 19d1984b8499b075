package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/audit/diffreport"
	"gopkg.in/yaml.v3"
)

// TestActionScript runs the GitHub Action's script (action/run.sh, what
// action.yml's audit step runs) against a temporary git repository with a
// local "origin", no network: the runner's GITHUB_* variables and the
// action's INPUT_* variables are set as GitHub sets them, the ropa binary
// (stamped as a release is) is on PATH. It checks the exit status, the
// step outputs, the job summary, the SARIF file and the pull-request
// change set.
func TestActionScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the script test needs a POSIX shell environment")
	}
	for _, tool := range []string{"bash", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	bin := stampedRopa(t)
	script, err := filepath.Abs("../../action/run.sh")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	gitEnv := []string{
		"HOME=" + tmp, "PATH=" + os.Getenv("PATH"), "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=ropa test", "GIT_AUTHOR_EMAIL=ropa@example.org",
		"GIT_COMMITTER_NAME=ropa test", "GIT_COMMITTER_EMAIL=ropa@example.org",
	}
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir, cmd.Env = dir, gitEnv
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// main: the starter inventory, clean. The pull request adds a
	// recipient in the US without a transfer safeguard (an error).
	origin, repo := filepath.Join(tmp, "origin.git"), filepath.Join(tmp, "repo")
	git(tmp, "init", "-q", "--bare", origin)
	git(tmp, "init", "-q", repo)
	write(filepath.Join(repo, "ropa.yaml"), []byte("inventory: [inventory/]\n"))
	write(filepath.Join(repo, "inventory/record.yaml"), starterInventory)
	git(repo, "add", ".")
	git(repo, "commit", "-q", "-m", "inventory")
	git(repo, "remote", "add", "origin", origin)
	git(repo, "push", "-q", "origin", "main")
	// As in a one-commit checkout: origin/main is not there, the script
	// fetches it.
	git(repo, "update-ref", "-d", "refs/remotes/origin/main")
	mainRev := func() {
		t.Helper()
		git(repo, "checkout", "-q", "main")
	}
	feature := func() {
		t.Helper()
		git(repo, "checkout", "-q", "-B", "feature", "main")
		inv := strings.Replace(string(starterInventory),
			"  - {id: accountant, role: processor, countries: [FR], contract: DPA-2026-02}\n",
			"  - {id: accountant, role: processor, countries: [FR], contract: DPA-2026-02}\n  - {id: us-crm, role: processor, countries: [US], contract: DPA-2026-03}\n", 1)
		inv = strings.Replace(inv, "recipients: [accountant]", "recipients: [accountant, us-crm]", 1)
		if inv == string(starterInventory) {
			t.Fatal("the starter inventory changed: update the pull request of this test")
		}
		write(filepath.Join(repo, "inventory/record.yaml"), []byte(inv))
		git(repo, "commit", "-q", "-am", "a US recipient")
	}

	type result struct {
		code            int
		stdout, summary string
		outputs         map[string]string
	}
	runAction := func(t *testing.T, env map[string]string) result {
		t.Helper()
		dir := t.TempDir()
		summary, outputs := filepath.Join(dir, "summary.md"), filepath.Join(dir, "output")
		cmd := exec.Command("bash", script)
		cmd.Dir = repo
		cmd.Env = append(append([]string{}, gitEnv...),
			"PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
			"RUNNER_TEMP="+dir, "GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+outputs,
			"GITHUB_ACTIONS=true", "INPUT_SARIF=ropa.sarif", "INPUT_AS_OF=2026-11-28", "NO_COLOR=1")
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		r := result{stdout: stdout.String(), outputs: map[string]string{}}
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			r.code = exit.ExitCode()
		case err != nil:
			t.Fatal(err)
		}
		b, _ := os.ReadFile(summary)
		r.summary = string(b)
		b, _ = os.ReadFile(outputs)
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				r.outputs[k] = v // the last value of a key wins, as on GitHub
			}
		}
		t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s\noutputs: %v", r.code, r.stdout, stderr.String(), r.outputs)
		return r
	}
	want := func(t *testing.T, r result, code int, outputs map[string]string) {
		t.Helper()
		if r.code != code {
			t.Errorf("exit %d, want %d", r.code, code)
		}
		for k, v := range outputs {
			if r.outputs[k] != v {
				t.Errorf("output %s = %q, want %q", k, r.outputs[k], v)
			}
		}
	}
	sarif := filepath.Join(repo, "ropa.sarif")

	t.Run("push, clean inventory from ropa.yaml", func(t *testing.T) {
		mainRev()
		os.Remove(sarif)
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "push"})
		want(t, r, 0, map[string]string{"exit-code": "0", "errors": "0", "warnings": "0", "findings": "0", "sarif": sarif, "diff": "false"})
		if !strings.HasPrefix(r.summary, "## ✅ ropa audit: 0 errors, 0 warnings") {
			t.Errorf("summary does not start with the audit's Markdown report:\n%s", r.summary)
		}
		if strings.Contains(r.summary, diffreport.Marker) {
			t.Errorf("a push has no change set, the summary has one:\n%s", r.summary)
		}
		var s struct {
			Version string `json:"version"`
			Runs    []struct {
				Tool struct {
					Driver struct{ Name, Version string }
				} `json:"tool"`
			} `json:"runs"`
		}
		readJSON(t, sarif, &s)
		if s.Version != "2.1.0" || len(s.Runs) != 1 || s.Runs[0].Tool.Driver.Name != "ropa" || s.Runs[0].Tool.Driver.Version != strings.TrimPrefix(testVersion, "v") {
			t.Errorf("SARIF: %+v", s)
		}
	})

	t.Run("pull request adding a finding", func(t *testing.T) {
		feature()
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main"})
		want(t, r, 1, map[string]string{"exit-code": "1", "errors": "1", "findings": "1", "sarif": sarif, "diff": "true"})
		if !strings.Contains(r.stdout, "::error file=inventory/record.yaml,") {
			t.Errorf("no annotation for the finding on stdout:\n%s", r.stdout)
		}
		audit, change, ok := strings.Cut(r.summary, diffreport.Marker)
		if !ok {
			t.Fatalf("the summary has no change set:\n%s", r.summary)
		}
		if !strings.HasPrefix(audit, "## ❌ ropa audit: 1 error") {
			t.Errorf("summary does not start with the audit report:\n%s", r.summary)
		}
		if !strings.Contains(change, "us-crm") || !strings.Contains(change, "US") {
			t.Errorf("the change set does not name the new recipient and country:\n%s", change)
		}
		// The script fetched the base branch (depth 1) from origin.
		git(repo, "rev-parse", "--verify", "-q", "refs/remotes/origin/main")
	})

	t.Run("fail-on none, then fail-on-change transfer", func(t *testing.T) {
		feature()
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main", "INPUT_FAIL_ON": "none"})
		want(t, r, 0, map[string]string{"exit-code": "0", "findings": "1", "diff": "true"})
		r = runAction(t, map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main", "INPUT_FAIL_ON": "none", "INPUT_FAIL_ON_CHANGE": "transfer"})
		want(t, r, 1, map[string]string{"exit-code": "1", "diff": "true"})
	})

	t.Run("baseline input", func(t *testing.T) {
		feature()
		base := filepath.Join(t.TempDir(), "baseline.json")
		if out, err := exec.Command(bin, "baseline", filepath.Join(repo, "inventory"), "--as-of", "2026-11-28", "-o", base).CombinedOutput(); err != nil {
			t.Fatalf("ropa baseline: %v\n%s", err, out)
		}
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "push", "INPUT_BASELINE": base})
		want(t, r, 0, map[string]string{"exit-code": "0", "errors": "0", "findings": "0"})
	})

	t.Run("paths and args inputs", func(t *testing.T) {
		feature()
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "push", "INPUT_PATHS": "inventory/\ninventory/record.yaml",
			"INPUT_ARGS": "--severity gdpr/third-country-transfer=warning --exclude drafts"})
		want(t, r, 0, map[string]string{"exit-code": "0", "errors": "0", "warnings": "1", "findings": "1"})
	})

	t.Run("usage error", func(t *testing.T) {
		mainRev()
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "push", "INPUT_FAIL_ON": "fatal"})
		want(t, r, 2, map[string]string{"exit-code": "2", "sarif": ""})
		if !strings.Contains(r.summary, "ropa audit could not run (exit 2)") {
			t.Errorf("summary:\n%s", r.summary)
		}
		r = runAction(t, map[string]string{"GITHUB_EVENT_NAME": "push", "INPUT_PATHS": "nowhere/"})
		want(t, r, 2, map[string]string{"exit-code": "2"})
	})

	t.Run("pull request whose base cannot be fetched", func(t *testing.T) {
		feature()
		r := runAction(t, map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "no-such-branch", "INPUT_FAIL_ON": "none"})
		want(t, r, 0, map[string]string{"exit-code": "0", "diff": "false"})
		if !strings.Contains(r.stdout, "::warning title=ropa::ropa diff --base origin/no-such-branch could not run") {
			t.Errorf("no warning about the change set:\n%s", r.stdout)
		}
	})
}

// TestActionMetadata checks action.yml against its script: every
// ${{ inputs.X }} names a declared input, every INPUT_* variable run.sh
// reads is set by the audit step, every output comes from a step output
// run.sh writes, and the steps run the scripts of the action's checkout.
func TestActionMetadata(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../action/run.sh")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs  map[string]struct{ Description, Default string }
		Outputs map[string]struct{ Value string }
		Runs    struct {
			Using string
			Steps []struct {
				ID, Run, Uses string
				Env           map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(string(b), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	for _, name := range []string{"paths", "fail-on", "baseline", "as-of", "args"} {
		if _, ok := action.Inputs[name]; !ok {
			t.Errorf("input %s is missing", name)
		}
	}
	var auditEnv map[string]string
	ran := map[string]bool{}
	for _, s := range action.Runs.Steps {
		if s.ID == "audit" {
			auditEnv = s.Env
		}
		for _, f := range []string{"action/build.sh", "action/run.sh"} {
			if strings.Contains(s.Run, `"$GITHUB_ACTION_PATH/`+f+`"`) {
				ran[f] = true
			}
		}
	}
	if !ran["action/build.sh"] || !ran["action/run.sh"] {
		t.Errorf("the steps do not run both scripts from $GITHUB_ACTION_PATH: %v", ran)
	}
	for _, m := range regexp.MustCompile(`INPUT_[A-Z_]+`).FindAllString(string(script), -1) {
		if _, ok := auditEnv[m]; !ok {
			t.Errorf("run.sh reads %s, which the audit step does not set", m)
		}
	}
	for name, o := range action.Outputs {
		if o.Value != "${{ steps.audit.outputs."+name+" }}" {
			t.Errorf("output %s = %q, want the audit step's output", name, o.Value)
		}
		if !regexp.MustCompile(`output ` + regexp.QuoteMeta(name) + ` `).Match(script) {
			t.Errorf("output %s is never written by run.sh", name)
		}
	}
}
