package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	single := filepath.Join(dir, "inventory.yaml")
	if err := run([]string{"-activities", "30", "-seed", "4", "-o", single}, nil, os.Stderr); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	if err := run([]string{"-activities", "30", "-seed", "4"}, &stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(single)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, stdout.Bytes()) {
		t.Error("-o FILE and stdout differ")
	}
	if n := strings.Count(string(b), "\n  - id: "); n < 30 {
		t.Errorf("%d items with an id, want at least the 30 activities", n)
	}
	split := filepath.Join(dir, "split")
	if err := run([]string{"-activities", "30", "-split", "4", "-o", split}, nil, os.Stderr); err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(split, "part-*.yaml")); len(files) != 4 {
		t.Errorf("-split 4 wrote %d files", len(files))
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-activities", "0"},
		{"-split", "3"},
		{"-split", "-1", "-o", "x"},
		{"extra"},
		{"-nope"},
	} {
		var stderr bytes.Buffer
		if err := run(args, &bytes.Buffer{}, &stderr); err == nil {
			t.Errorf("ropagen %s: no error", strings.Join(args, " "))
		}
	}
}
