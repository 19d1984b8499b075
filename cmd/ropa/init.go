package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

// starterInventory is the inventory ropa init writes in a repository that
// has none: small, commented, and clean under lint and audit (a test
// checks it).
//
//go:embed starter/record.yaml
var starterInventory []byte

// baselineFile is the baseline ropa init writes for an existing inventory.
const baselineFile = ".ropa-baseline.json"

func newInitCmd() *cobra.Command {
	var invDir string
	c := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Set up ropa in a repository: ropa.yaml, and a starter inventory or the baseline of an existing one",
		Long: `init prepares DIR (default: the current directory), the root of a
repository, for ropa:

  ropa.yaml            the configuration every ropa command run in the
                       repository reads: inventory: [inventory/], so that
                       ropa audit, ropa lint and the pre-commit hooks need
                       no PATH argument
  inventory/record.yaml  a small commented starter inventory, when the
                       --inventory directory does not exist
  .ropa-baseline.json  when the inventory exists: the baseline of its
                       current findings, named in ropa.yaml (baseline:), so
                       that ropa audit fails only on new ones

It never overwrites a file: with ropa.yaml (or .ropa.yaml, ropa.yml,
.ropa.yml) or the baseline already there it writes nothing (exit 2). An
existing inventory with structural errors cannot be baselined: fix them
first (ropa lint). When the inventory is DIR itself (--inventory .), the
configuration is written as .ropa.yaml, a dotfile the inventory never reads.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for _, n := range projectConfigNames {
				if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
					return fmt.Errorf("%s already exists: ropa init does not overwrite it (edit it, or remove it and run ropa init again)", filepath.Join(dir, n))
				}
			}
			rel := filepath.ToSlash(filepath.Clean(invDir))
			if filepath.IsAbs(invDir) || rel == ".." || strings.HasPrefix(rel, "../") {
				return fmt.Errorf("--inventory %s: want a directory inside %s, relative to it", invDir, dir)
			}
			cfgName := "ropa.yaml"
			if rel == "." {
				cfgName = ".ropa.yaml"
			}
			invPath := filepath.Join(dir, invDir)
			var names []string
			var data [][]byte
			var baseline string
			if _, err := os.Stat(invPath); err == nil {
				b, n, err := initBaseline(c, invPath)
				if err != nil {
					return err
				}
				baseline = filepath.Join(dir, baselineFile)
				if _, err := os.Stat(baseline); err == nil {
					return fmt.Errorf("%s already exists: ropa init does not overwrite it (refresh it with ropa baseline -o %s)", baseline, baseline)
				}
				names, data = append(names, baseline), append(data, b)
				fmt.Fprintf(c.OutOrStdout(), "ropa: %s exists: recorded its %s in %s\n", invPath, countNoun(n, "current finding"), baseline)
			} else {
				if err := os.MkdirAll(invPath, 0o755); err != nil {
					return err
				}
				starter := filepath.Join(invPath, "record.yaml")
				names, data = append(names, starter), append(data, starterInventory)
				fmt.Fprintf(c.OutOrStdout(), "ropa: wrote the starter inventory %s\n", starter)
			}
			cfgPath := filepath.Join(dir, cfgName)
			names, data = append(names, cfgPath), append(data, initConfig(rel, baseline != ""))
			if err := writeFiles(names, data); err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), `ropa: wrote %s
Next: edit the inventory, run ropa audit (no PATH needed: it reads %s),
commit, and add the hooks to .pre-commit-config.yaml:

  repos:
    - repo: https://github.com/ropa-project/ropa
      rev: v1.1.0   # a released tag
      hooks:
        - id: ropa-lint
        - id: ropa-audit
`, cfgPath, cfgName)
			return nil
		},
	}
	c.Flags().StringVar(&invDir, "inventory", "inventory", "inventory directory relative to DIR: adopted (and baselined) when it exists, else a starter inventory is written in it")
	return c
}

// initConfig is the ropa.yaml ropa init writes.
func initConfig(inv string, baseline bool) []byte {
	var b bytes.Buffer
	b.WriteString(`# ropa configuration, written by ropa init. Every ropa command run in
# this repository finds it by walking up from the current directory to the
# repository root; --config FILE names another. Relative paths are relative
# to this file. Keep it out of the inventory directory, where a *.yaml file
# would be read as inventory (a dotfile, .ropa.yaml, never is).

# The inventory ropa lint, ropa audit, ropa baseline and ropa diff --base
# read when given no PATH (the pre-commit hooks and the GitHub Action rely
# on it): one file or directory, or a list.
`)
	dir := inv
	if !strings.HasSuffix(dir, "/") && !strings.HasSuffix(dir, ".yaml") && !strings.HasSuffix(dir, ".yml") {
		dir += "/"
	}
	if dir == "./" {
		dir = "."
	}
	fmt.Fprintf(&b, "inventory: [%s]\n", dir)
	b.WriteString(`
# The findings ropa audit (without PATH) does not fail on: the debt
# recorded when ropa was adopted. Refresh it with ropa baseline (without
# PATH and -o, it rewrites this file).
`)
	if baseline {
		fmt.Fprintf(&b, "baseline: %s\n", baselineFile)
	} else {
		fmt.Fprintf(&b, "# baseline: %s\n", baselineFile)
	}
	b.WriteString(`
# Rule settings (flags add to them and win):
# severity: {gdpr/dpia: error}       # per-rule severity override
# disable: [cnil/cookie-lifetime]    # rules to switch off
# policies: [rules/]                 # directories of your own Rego rules
`)
	return b.Bytes()
}

// initBaseline audits the existing inventory at path with the built-in
// rules and returns the baseline of its unwaived findings and their count.
func initBaseline(c *cobra.Command, path string) ([]byte, int, error) {
	eng, err := audit.NewEngine(c.Context(), audit.EngineOptions{})
	if err != nil {
		return nil, 0, err
	}
	inv, err := inventory.Load(path)
	if err != nil {
		return nil, 0, err
	}
	asOf, err := (&outputFlags{}).date()
	if err != nil {
		return nil, 0, err
	}
	res, err := eng.Audit(c.Context(), inv, audit.Options{AsOf: asOf, Severity: map[string]inventory.Severity{}})
	if err != nil {
		return nil, 0, err
	}
	if n := structuralErrors(res); n > 0 {
		return nil, 0, fmt.Errorf("the inventory %s has %s; structural findings cannot be baselined: fix them first (ropa lint %s), then run ropa init again", path, countNoun(n, "structural error"), path)
	}
	b := audit.NewBaseline(res)
	var buf bytes.Buffer
	if err := audit.WriteBaseline(&buf, b); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(b.Findings), nil
}
