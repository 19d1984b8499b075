package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden runs the CLI from the repository root, as a user would, and
// compares stdout with golden files (go test ./cmd/ropa -update rewrites
// them; review the diff before committing).
func TestGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
	}{
		{"rackslab-lint.txt", []string{"lint", "testdata/rackslab"}, 0},
		{"rackslab-audit.txt", []string{"audit", "testdata/rackslab", "--as-of", "2026-11-28"}, 1},
		{"rackslab-audit.json", []string{"audit", "testdata/rackslab", "--as-of", "2026-11-28", "-f", "json"}, 1},
		{"multi-lint.txt", []string{"lint", "testdata/lint/multi"}, 1},
		{"multi-lint.json", []string{"lint", "-f", "json", "--as-of", "2026-11-28", "testdata/lint/multi"}, 1},
		{"clean-audit.txt", []string{"audit", "testdata/clean", "--as-of", "2026-11-28"}, 0},
		{"explain-password-storage.txt", []string{"explain", "gdpr/password-storage"}, 0},
	}
	t.Chdir("../..")
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			path := filepath.Join("testdata", "golden", tc.golden)
			if *update {
				if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/ropa -update)", err)
			}
			if diff := cmp.Diff(string(want), stdout.String()); diff != "" {
				t.Errorf("ropa %v differs from %s (-want +got):\n%s", tc.args, path, diff)
			}
		})
	}
}
