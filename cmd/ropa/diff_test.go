package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ciInventory is a small inventory with four findings: consent-withdrawal
// and retention on the newsletter, processor-contract on payroll,
// data-minimisation on phone.
var ciInventory = map[string]string{
	"controller.yaml": `version: 1
controller:
  name: Example SAS
  contact: privacy@example.org
  country: FR
  dpo: {name: Jane Doe, contact: dpo@example.org}
rights:
  contact: privacy@example.org
  supported: [access, rectification, erasure, restriction, objection, portability, complaint, withdraw_consent]
`,
	"data.yaml": `version: 1
subjects:
  - {id: customer, description: Customers}
data:
  - {id: identity, description: Names, category: user.name, source: data_subject}
  - {id: email, description: Email address, category: user.contact.email}
  - {id: phone, description: Phone number, category: user.contact.phone_number}
`,
	"activities.yaml": `version: 1
activities:
  - id: billing
    name: Billing
    purpose: Billing and payment collection
    lawful_basis: contract
    subjects: [customer]
    data: [identity, email]
    recipients: [payroll]
    systems: [hosting]
    retention: {period: P10Y, after: end_of_contract}
    security: [encryption]
  - id: newsletter
    name: Newsletter
    purpose: Monthly newsletter
    lawful_basis: consent
    subjects: [customer]
    data: [email]
    systems: [hosting]
    security: [encryption]
`,
	"systems.yaml": `version: 1
systems:
  - {id: hosting, description: Production, provider: OVHcloud, countries: [FR], contract: OVHcloud DPA 2024}
recipients:
  - {id: payroll, description: Payroll provider, role: processor, countries: [FR]}
security_measures:
  - {id: encryption, description: Encryption at rest, kind: encryption}
`,
}

// needGit skips a test when git is not installed, unless CI is set: in CI
// the git tests must run.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is required to run the ropa diff --base tests in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
}

// TestGitRequiredInCI fails in CI when git is missing, so that the
// testscript scenarios that skip without git ([!exec:git] skip) cannot be
// skipped silently there.
func TestGitRequiredInCI(t *testing.T) { needGit(t) }

// gitRepo is a temporary git repository.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	needGit(t)
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q")
	r.git("config", "user.name", "ropa test")
	r.git("config", "user.email", "ropa@example.org")
	r.git("config", "commit.gpgsign", "false")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *gitRepo) path(name string) string { return filepath.Join(r.dir, filepath.FromSlash(name)) }

func (r *gitRepo) write(name, content string) {
	r.t.Helper()
	p := r.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *gitRepo) writeAll(dir string, files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		r.write(dir+"/"+name, content)
	}
}

func (r *gitRepo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

// ropa runs the CLI in-process and returns its exit code and output.
func ropa(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func wantCode(t *testing.T, code, want int, stdout, stderr string) {
	t.Helper()
	if code != want {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, want, stdout, stderr)
	}
}

func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}

func wantNotContains(t *testing.T, what, got string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q:\n%s", what, w, got)
		}
	}
}

const asOfFlag = "--as-of=2026-06-01"

const noChange = "0 declarations changed, 0 new findings (0 errors, 0 warnings), 0 fixed, 0 newly waived\n"

// TestDiffGitRenameAndMove: renaming and moving inventory files (git mv)
// is no change, before and after the move is committed.
func TestDiffGitRenameAndMove(t *testing.T) {
	r := newGitRepo(t)
	r.writeAll("inventory", ciInventory)
	r.commit("inventory")
	inv := r.path("inventory")
	if err := os.MkdirAll(r.path("inventory/processing"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("mv", "inventory/systems.yaml", "inventory/infrastructure.yml")
	r.git("mv", "inventory/activities.yaml", "inventory/processing/all-activities.yaml")

	code, out, errs := ropa(t, "diff", "--base", "HEAD", inv, asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, noChange)
	wantNotContains(t, "stdout", out, "Declarations:", "New findings:", "Fixed findings:")

	r.commit("move")
	code, out, errs = ropa(t, "diff", "--base", "HEAD~1", inv, asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, "ropa diff: HEAD~1:"+inv+" → "+inv, noChange)
}

// TestDiffGitDeletedFile: a deleted file removes its declarations, and the
// references to them become new findings.
func TestDiffGitDeletedFile(t *testing.T) {
	r := newGitRepo(t)
	r.writeAll("inventory", ciInventory)
	r.commit("inventory")
	if err := os.Remove(r.path("inventory/systems.yaml")); err != nil {
		t.Fatal(err)
	}
	code, out, errs := ropa(t, "diff", "--base", "HEAD", r.path("inventory"), asOfFlag)
	wantCode(t, code, 1, out, errs)
	wantContains(t, "stdout", out,
		"  - systems/hosting\n", "  - recipients/payroll\n", "  - security_measures/encryption\n",
		`activity "billing" refers to unknown recipient "payroll" [inventory/unknown-reference]`,
		"\nFixed findings:\n",
		`recipient "payroll" is a processor without an Art. 28(3) contract reference [gdpr/processor-contract]`)
	wantContains(t, "stderr", errs, "ropa: diff fails: 5 new findings at or above error\n")
}

// TestDiffGitParseFailure: a file that fails to parse on one side is a
// finding, never a crash.
func TestDiffGitParseFailure(t *testing.T) {
	r := newGitRepo(t)
	r.writeAll("inventory", ciInventory)
	r.commit("inventory")
	r.write("inventory/data.yaml", "version: 1\ndata:\n  - {id: identity\n")
	inv := r.path("inventory")

	code, out, errs := ropa(t, "diff", "--base", "HEAD", inv, asOfFlag)
	wantCode(t, code, 1, out, errs)
	wantContains(t, "stdout", out, "\nNew findings:\n", "[inventory/syntax]", "  - data/identity\n", "  - subjects/customer\n")
	wantNotContains(t, "stderr", errs, "panic", "goroutine")

	// Broken at the base, repaired in the working tree: the syntax error is
	// fixed and nothing fails.
	r.commit("broken")
	r.writeAll("inventory", ciInventory)
	code, out, errs = ropa(t, "diff", "--base", "HEAD", inv, asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, "\nFixed findings:\n", "[inventory/syntax]", "  + data/identity\n")

	// Broken on both sides: no change.
	r.write("inventory/data.yaml", "version: 1\ndata:\n  - {id: identity\n")
	code, out, errs = ropa(t, "diff", "--base", "HEAD", inv, asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, noChange)
}

// TestDiffGitUnknownRef: a revision that does not exist is exit 2 with a
// clear message.
func TestDiffGitUnknownRef(t *testing.T) {
	r := newGitRepo(t)
	r.writeAll("inventory", ciInventory)
	r.commit("inventory")
	code, out, errs := ropa(t, "diff", "--base", "origin/no-such-branch", r.path("inventory"))
	wantCode(t, code, 2, out, errs)
	wantContains(t, "stderr", errs, "ropa: --base origin/no-such-branch: no such revision in the git repository ")
	if out != "" {
		t.Errorf("stdout not empty:\n%s", out)
	}
	// Something that looks like an option is never passed to git as one.
	code, out, errs = ropa(t, "diff", "--base=--output=/tmp/x", r.path("inventory"))
	wantCode(t, code, 2, out, errs)
	wantContains(t, "stderr", errs, `ropa: --base "--output=/tmp/x": not a git revision`)
	// A blob is not a commit.
	code, out, errs = ropa(t, "diff", "--base", "HEAD:inventory/data.yaml", r.path("inventory"))
	wantCode(t, code, 2, out, errs)
	wantContains(t, "stderr", errs, "no such revision")
}

func TestDiffGitNotARepository(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	for name, content := range ciInventory {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	code, out, errs := ropa(t, "diff", "--base", "HEAD", dir)
	wantCode(t, code, 2, out, errs)
	wantContains(t, "stderr", errs, "is not in a git work tree")
}

// TestDiffGitNewInventory: an inventory that does not exist at the base is
// all new.
func TestDiffGitNewInventory(t *testing.T) {
	r := newGitRepo(t)
	r.write("README.md", "hello\n")
	r.commit("readme")
	r.writeAll("inventory", ciInventory)
	code, out, errs := ropa(t, "diff", "--base", "HEAD", r.path("inventory"), asOfFlag, "--fail-on", "none")
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stderr", errs, "has no inventory file at HEAD; everything in it is new")
	wantContains(t, "stdout", out, "  + controller\n", "  + activities/billing\n", "11 declarations changed, 4 new findings (3 errors, 1 warning)")
}

// TestDiffGitNamesAndFilters: run from the repository root with a relative
// path, the git side is named like the working tree; hidden directories and
// non-YAML files are skipped, a symbolic link to a file is followed (here
// a second data.yaml: duplicate ids on both sides), and a link out of the
// repository is skipped.
func TestDiffGitNamesAndFilters(t *testing.T) {
	r := newGitRepo(t)
	r.writeAll("inv", ciInventory)
	r.write("inv/.hidden/bad.yaml", "not: [an inventory\n")
	r.write("inv/notes.txt", "not yaml\n")
	if err := os.Symlink("data.yaml", r.path("inv/link.yaml")); err != nil {
		t.Skipf("symlinks: %v", err)
	}
	if err := os.Symlink("../../outside.yaml", r.path("inv/dangling.yaml")); err != nil {
		t.Fatal(err)
	}
	r.commit("inventory")
	os.Remove(r.path("inv/dangling.yaml"))
	t.Chdir(r.dir)

	code, out, errs := ropa(t, "diff", "--base", "HEAD", "inv", asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, "ropa diff: HEAD:inv → inv", noChange)

	// A change in the working tree is seen against the committed content;
	// the finding is named relative to the current directory.
	r.write("inv/data.yaml", strings.Replace(ciInventory["data.yaml"], "category: user.name", "category: user.nam", 1))
	code, out, errs = ropa(t, "diff", "--base", "HEAD", "inv", asOfFlag, "-f", "json")
	wantCode(t, code, 1, out, errs)
	var rep struct {
		Old, New string
		Findings struct {
			New []struct {
				Rule     string
				Location struct{ File string }
			}
		}
		Items []struct{ Section, ID, Change string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if rep.Old != "HEAD:inv" || rep.New != "inv" || len(rep.Findings.New) != 1 ||
		rep.Findings.New[0].Rule != "inventory/unknown-category" || rep.Findings.New[0].Location.File != "inv/data.yaml" {
		t.Errorf("report: %+v", rep)
	}
	if len(rep.Items) != 1 || rep.Items[0].ID != "identity" || rep.Items[0].Change != "changed" {
		t.Errorf("items: %+v", rep.Items)
	}
	// A single file as PATH.
	code, out, errs = ropa(t, "diff", "--base", "HEAD", "inv/systems.yaml", "inv/controller.yaml", asOfFlag, "--fail-on", "none")
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, "ropa diff: HEAD:inv/systems.yaml inv/controller.yaml → inv/systems.yaml inv/controller.yaml", "0 declarations changed")
}

// TestDiffTwoPaths: ropa diff OLD NEW, no git needed; the Markdown goes to
// a file with -o and the gate follows --fail-on-change.
func TestDiffTwoPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(side string, files map[string]string) string {
		for name, content := range files {
			p := filepath.Join(dir, side, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return filepath.Join(dir, side)
	}
	changed := map[string]string{}
	for k, v := range ciInventory {
		changed[k] = v
	}
	changed["activities.yaml"] = strings.Replace(changed["activities.yaml"], "period: P10Y", "period: P20Y", 1)
	changed["broken.yaml"] = "version: 1\n\tx: 1\n"
	broken := map[string]string{"broken.yaml": "version: 1\n\tx: 1\n"}
	for k, v := range ciInventory {
		broken[k] = v
	}
	oldDir, newDir := write("old", broken), write("new", changed)
	md := filepath.Join(dir, "diff.md")

	code, out, errs := ropa(t, "diff", oldDir, newDir, asOfFlag, "-o", "markdown="+md)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stdout", out, "retention lengthened: activities/billing/retention/period (P10Y → P20Y)",
		"1 declaration changed, 0 new findings")
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, "markdown", string(b), "<!-- ropa-diff -->\n", "✅ **No new finding at or above error.**", "**retention lengthened: activities/billing/retention/period**")

	code, out, errs = ropa(t, "diff", oldDir, newDir, asOfFlag, "--fail-on-change", "transfer", "--fail-on-change", "retention", "-o", "markdown="+md)
	wantCode(t, code, 1, out, errs)
	wantContains(t, "stderr", errs, "ropa: diff fails: privacy-significant change: retention (--fail-on-change)\n")
	b, _ = os.ReadFile(md)
	wantContains(t, "markdown", string(b), "❌ **This change fails the gate**: privacy-significant change (retention) with --fail-on-change.")
}

func TestDiffUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", "a"}, "want OLD NEW (two inventory paths) or --base REF PATH, got 1 argument(s)"},
		{[]string{"diff", "--base", "HEAD"}, "missing an inventory PATH: give one (ropa diff --base REF inventory/)"},
		{[]string{"diff", "-f", "sarif", "a", "b"}, `unknown diff format "sarif" (want json, markdown, text)`},
		{[]string{"diff", "--fail-on-change", "transfers", "a", "b"}, `--fail-on-change: unknown change class "transfers"`},
		{[]string{"diff", "-o", "pdf=x", "a", "b"}, `-o "pdf=x": unknown diff format "pdf"`},
		{[]string{"diff", "--fail-on", "fatal", "a", "b"}, `--fail-on: unknown severity "fatal"`},
		{[]string{"diff", "/no/such/old", "/no/such/new"}, "OLD: inventory path: /no/such/old: no such file or directory"},
	} {
		code, out, errs := ropa(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("ropa %s: exit %d, stderr %q, want 2 and %q (stdout %q)", strings.Join(tc.args, " "), code, errs, tc.want, out)
		}
	}
}
