package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"ropa": main})
}

// TestScripts runs the CLI scenarios in testdata/script/*.txtar. Each
// script runs in its own temporary directory; $ROOT is the repository root
// so scripts can use the shipped example inventories.
func TestScripts(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("ROOT", root+"/../..")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"unique-fingerprints": uniqueFingerprints,
		},
	})
}

// uniqueFingerprints fails unless every finding of the JSON report named
// by its argument has a fingerprint of its own.
func uniqueFingerprints(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: unique-fingerprints REPORT.json")
	}
	var rep struct {
		Findings []struct {
			Rule, Path, Fingerprint string
			Location                struct{ File string }
		}
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &rep); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	seen := map[string]string{}
	dup := false
	for _, f := range rep.Findings {
		what := f.Rule + " " + f.Path + " in " + f.Location.File
		if prev, ok := seen[f.Fingerprint]; ok {
			ts.Logf("fingerprint %s shared by %s and %s", f.Fingerprint, prev, what)
			dup = true
		}
		seen[f.Fingerprint] = what
	}
	if dup != neg {
		ts.Fatalf("fingerprints are not unique")
	}
}
