package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoticeCommand: exit 1 and the missing items on stderr for an
// incomplete notice, 0 with --fail-on none (a draft), 0 for a complete
// inventory; -o writes the file and leaves stdout empty; bad flags exit 2.
func TestNoticeCommand(t *testing.T) {
	t.Chdir("../..")
	out := filepath.Join(t.TempDir(), "notice.html")
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"notice", "testdata/rackslab", "--as-of", "2026-11-28"}, 1, "[not declared: retention period]", "controller/contact: controller contact details (gdpr/controller-identity)"},
		{[]string{"notice", "testdata/rackslab", "--as-of", "2026-11-28", "--lang", "fr", "--fail-on", "none"}, 0, "[non déclaré : durée de conservation]", "mandatory item(s) not declared"},
		{[]string{"notice", "testdata/clean", "--as-of", "2026-11-28", "--lang", "fr"}, 0, "3 ans après la fin du contrat", ""},
		{[]string{"notice", "testdata/rackslab", "--as-of", "2026-11-28", "-f", "html", "-o", out}, 1, "", "not declared"},
		{[]string{"notice", "testdata/rackslab", "--lang", "de"}, 2, "", `unknown notice language "de"`},
		{[]string{"notice", "testdata/rackslab", "-f", "pdf"}, 2, "", `unknown notice format "pdf"`},
		{[]string{"notice", "testdata/rackslab", "--fail-on", "warning"}, 2, "", "want missing or none"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code {
			t.Errorf("ropa %v: exit %d, want %d; stderr: %s", tc.args, code, tc.code, stderr.String())
		}
		if !strings.Contains(strings.ReplaceAll(stdout.String(), `\`, ""), tc.stdout) {
			t.Errorf("ropa %v: stdout lacks %q", tc.args, tc.stdout)
		}
		if !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("ropa %v: stderr lacks %q: %s", tc.args, tc.stderr, stderr.String())
		}
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("-o did not write the HTML notice: %v", err)
	}
	// A failed run never truncates an existing file.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"notice", "testdata/does-not-exist", "-o", out}, &stdout, &stderr); code != 2 {
		t.Errorf("missing path: exit %d, want 2", code)
	}
	if b2, _ := os.ReadFile(out); !bytes.Equal(b, b2) {
		t.Errorf("a failed run changed the output file")
	}
}
