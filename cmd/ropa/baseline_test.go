package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeInventory(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBaselineCommand(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "inventory")
	writeInventory(t, inv, ciInventory)
	base := filepath.Join(dir, "baseline.json")

	code, out, errs := ropa(t, "baseline", inv, "-o", base, asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stderr", errs, "ropa: wrote 4 findings to "+base+"\n")
	first, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, "baseline", string(first), "\"version\": 1,", `"rule": "gdpr/retention", "path": "activities/newsletter/retention"}`)

	// To stdout without -o: the same bytes.
	code, out, errs = ropa(t, "baseline", inv, asOfFlag)
	wantCode(t, code, 0, out, errs)
	if out != string(first) {
		t.Errorf("stdout baseline differs from the file:\n%s", out)
	}

	// The gate passes on the debt, and says so on stderr.
	code, out, errs = ropa(t, "audit", inv, "--baseline", base, asOfFlag)
	wantCode(t, code, 0, out, errs)
	wantContains(t, "stderr", errs, "ropa: baseline "+base+": 4 known findings not reported, 0 new findings\n")
	wantContains(t, "stdout", out, "0 errors, 0 warnings, 0 waived in 4 files (2 activities)")

	// A new finding fails; a fixed one is reported as stale.
	writeInventory(t, inv, map[string]string{
		"activities.yaml": strings.NewReplacer(
			"    purpose: Billing and payment collection\n", "",
			"    data: [email]\n", "    data: [email]\n    retention: {period: P3Y}\n",
		).Replace(ciInventory["activities.yaml"]),
	})
	code, out, errs = ropa(t, "audit", inv, "--baseline", base, asOfFlag)
	wantCode(t, code, 1, out, errs)
	wantContains(t, "stdout", out, `activity "billing" has no purpose`, "1 error, 0 warnings")
	wantNotContains(t, "stdout", out, "gdpr/processor-contract")
	wantContains(t, "stderr", errs,
		"ropa: baseline "+base+": 3 known findings not reported, 1 new finding; 1 entry stale (fixed or now waived): refresh it with ropa baseline\n",
		"ropa: fixed since the baseline: gdpr/retention activities/newsletter/retention\n")

	// JSON keeps the SPEC's shape, with the new finding only.
	code, out, errs = ropa(t, "audit", inv, "--baseline", base, asOfFlag, "-f", "json")
	wantCode(t, code, 1, out, errs)
	var rep struct {
		Version  int
		Summary  struct{ Errors, Warnings int }
		Findings []struct{ Rule, Path, Fingerprint string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if rep.Version != 1 || rep.Summary.Errors != 1 || len(rep.Findings) != 1 || rep.Findings[0].Rule != "gdpr/purpose" {
		t.Errorf("json report: %+v", rep)
	}

	// A failed run never truncates the existing baseline.
	code, out, errs = ropa(t, "baseline", filepath.Join(dir, "missing"), "-o", base, asOfFlag)
	wantCode(t, code, 2, out, errs)
	if now, _ := os.ReadFile(base); string(now) != string(first) {
		t.Errorf("baseline changed by a failed run:\n%s", now)
	}
	code, out, errs = ropa(t, "baseline", inv, "-o", base, "--disable", "gdpr/nope", asOfFlag)
	wantCode(t, code, 2, out, errs)
	if now, _ := os.ReadFile(base); string(now) != string(first) {
		t.Errorf("baseline changed by a failed run:\n%s", now)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestAuditBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "inventory")
	writeInventory(t, inv, ciInventory)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\"version\": 1, \"findings\": [\n  {\"rule\": \"x\"}\n]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{filepath.Join(dir, "none.json"), "ropa: baseline " + filepath.Join(dir, "none.json") + ": no such file or directory\n"},
		{bad, "ropa: baseline " + bad + ": findings[0]: no fingerprint\n"},
	} {
		code, out, errs := ropa(t, "audit", inv, "--baseline", tc.file, asOfFlag)
		if code != 2 || errs != tc.want || out != "" {
			t.Errorf("--baseline %s: exit %d, stderr %q, stdout %q; want 2, %q", tc.file, code, errs, out, tc.want)
		}
	}
}
