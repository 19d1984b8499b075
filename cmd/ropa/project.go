package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// projectConfigNames are the names of the configuration file ropa finds
// by itself, in the order it looks for them in a directory.
var projectConfigNames = []string{"ropa.yaml", ".ropa.yaml", "ropa.yml", ".ropa.yml"}

// findProjectConfig looks for the configuration file in dir and its
// parents up to the repository root (the first directory holding .git, a
// directory or a worktree's file), and returns its path relative to dir
// ("ropa.yaml", "../ropa.yaml"), or "" when there is none. Outside a git
// repository only dir itself is looked at, so that a stray file in a
// parent directory (/tmp, a home directory) never applies.
func findProjectConfig(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var dirs []string
	repo := false
	for d := abs; ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			repo = true
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if !repo {
		dirs = dirs[:1]
	}
	for _, d := range dirs {
		var found []string
		for _, n := range projectConfigNames {
			if st, err := os.Stat(filepath.Join(d, n)); err == nil && !st.IsDir() {
				found = append(found, n)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
		default:
			return "", fmt.Errorf("%s holds both %s: keep one configuration file", d, strings.Join(found, " and "))
		}
		rel, err := filepath.Rel(abs, filepath.Join(d, found[0]))
		if err != nil {
			return filepath.Join(d, found[0]), nil
		}
		return rel, nil
	}
	return "", nil
}

// loadProjectConfig reads the --config file when flag names one, else the
// configuration file found from the current directory; with neither it
// returns a nil config and no error.
func loadProjectConfig(flag string) (*config, string, error) {
	if flag != "" {
		cfg, err := readConfig(flag)
		return cfg, flag, err
	}
	name, err := findProjectConfig(".")
	if err != nil || name == "" {
		return nil, "", err
	}
	cfg, err := readConfigAs(name, "")
	return cfg, name, err
}

// inventoryPaths returns the PATH arguments of c, or, when there are
// none, the inventory of the configuration file (fromConfig true). With
// neither, the error says exactly what to write where.
func inventoryPaths(c *cobra.Command, args []string, cfg *config, cfgName string) (paths []string, fromConfig bool, err error) {
	if len(args) > 0 {
		return args, false, nil
	}
	if cfg == nil || len(cfg.Inventory) == 0 {
		return nil, false, missingInventory(c, cfgName)
	}
	if err := checkConfigOutside(cfgName, cfg.Inventory); err != nil {
		return nil, false, err
	}
	return cfg.Inventory, true, nil
}

// missingInventory is the error of a command given no PATH and no
// configured inventory.
func missingInventory(c *cobra.Command, cfgName string) error {
	cmd := c.CommandPath()
	if c.Name() == "diff" {
		cmd += " --base REF"
	}
	if cfgName != "" {
		return fmt.Errorf("missing an inventory PATH: give one (%s inventory/), or add this line to %s:\n\n    inventory: [inventory/]", cmd, cfgName)
	}
	return fmt.Errorf("missing an inventory PATH: give one (%s inventory/), or name it once in ropa.yaml at the repository root (ropa init writes it):\n\n    inventory: [inventory/]", cmd)
}

// checkConfigOutside refuses a configuration file that an inventory
// directory would read as one of its files: any *.yaml or *.yml under it
// that is not a dotfile.
func checkConfigOutside(cfgName string, paths []string) error {
	if cfgName == "" || strings.HasPrefix(filepath.Base(cfgName), ".") {
		return nil
	}
	file, err := filepath.Abs(cfgName)
	if err != nil {
		return nil
	}
	for _, p := range paths {
		dir, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if strings.HasPrefix(file, dir+string(filepath.Separator)) {
			return fmt.Errorf("%s is inside the inventory directory %s, which would read it as an inventory file: move it out (to the repository root) or rename it %s", cfgName, p, filepath.Join(filepath.Dir(cfgName), "."+strings.TrimPrefix(filepath.Base(cfgName), ".")))
		}
	}
	return nil
}
