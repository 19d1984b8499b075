package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRulesDocFresh fails when docs/rules.md is not what `ropa rules -f
// markdown` prints from the rules' METADATA: the reference users read
// must never lag behind the rules (go test ./cmd/ropa -update rewrites it).
func TestRulesDocFresh(t *testing.T) {
	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "-f", "markdown"}, &stdout, &stderr); code != 0 {
		t.Fatalf("ropa rules -f markdown: exit %d: %s", code, stderr.String())
	}
	const path = "docs/rules.md"
	if *update {
		if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/ropa -run TestRulesDocFresh -update)", err)
	}
	if diff := cmp.Diff(string(want), stdout.String()); diff != "" {
		t.Errorf("%s is stale; run go test ./cmd/ropa -run TestRulesDocFresh -update (-file +generated):\n%s", path, diff)
	}
}
