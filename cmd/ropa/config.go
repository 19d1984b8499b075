package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"gopkg.in/yaml.v3"
)

// config is the project configuration file: ropa.yaml at the repository
// root, found by walking up from the current directory (project.go), or
// the file given with --config. It holds what a team keeps in its
// repository instead of repeating arguments and flags in every CI job and
// hook:
//
//	inventory: [inventory/]          # the PATH when a command is given none
//	baseline: .ropa-baseline.json    # --baseline of ropa audit without PATH
//	severity: {gdpr/dpia: error}
//	disable: [cnil/cookie-lifetime]
//	policies: [rules/]
//
// Relative paths are relative to the file. It must not be named *.yaml
// inside the inventory directory, which would read it as an inventory
// file (a dotfile, .ropa.yaml, is never read as inventory).
type config struct {
	Severity  map[string]string
	Disable   []string
	Policies  []string
	Inventory []string
	Baseline  string
}

// configKeys are the keys of the configuration file.
var configKeys = []string{"inventory", "baseline", "severity", "disable", "policies"}

// readConfig reads the file by walking its YAML nodes, so that every error
// names the file, line and column and says what is expected in the words
// of the file (never a Go type). A structural rule is refused here, with
// its position, as --disable and --severity refuse it.
func readConfig(name string) (*config, error) {
	return readConfigAs(name, "--config ")
}

// readConfigAs is readConfig with the prefix of its error messages: the
// flag for --config, nothing for a file ropa found by itself.
func readConfigAs(name, label string) (*config, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s%w", label, err)
	}
	cfg := &config{Severity: map[string]string{}}
	at := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s%s:%d:%d: %s", label, name, n.Line, n.Column, fmt.Sprintf(format, args...))
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return cfg, nil
		}
		line, col, msg := inventory.YAMLErrorPosition(b, err)
		return nil, fmt.Errorf("%s%s:%d:%d: invalid YAML: %s", label, name, line, col, msg)
	}
	if len(doc.Content) == 0 {
		return cfg, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, at(root, "expected a mapping with inventory, baseline, severity, disable or policies")
	}
	strList := func(key, v *yaml.Node, what string) ([]string, error) {
		if v.Kind != yaml.SequenceNode {
			return nil, at(v, "%s must be a list of %s, e.g. %s: [%s]", key.Value, what, key.Value, map[string]string{"disable": "cnil/cookie-lifetime", "policies": "rules/", "inventory": "inventory/"}[key.Value])
		}
		var out []string
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				return nil, at(e, "%s: each item must be %s", key.Value, what)
			}
			out = append(out, e.Value)
		}
		return out, nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "severity":
			if v.Kind != yaml.MappingNode {
				return nil, at(v, "severity must be a mapping of rule id to level, e.g. severity: {gdpr/dpia: error}")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				rk, rv := v.Content[j], v.Content[j+1]
				if rv.Kind != yaml.ScalarNode || (rv.Value != "error" && rv.Value != "warning") {
					return nil, at(rv, "severity of %s must be error or warning", rk.Value)
				}
				if audit.IsStructural(rk.Value) {
					return nil, at(rk, "%v", audit.ErrStructural(rk.Value, "downgraded"))
				}
				cfg.Severity[rk.Value] = rv.Value
			}
		case "disable":
			ids, err := strList(k, v, "rule ids")
			if err != nil {
				return nil, err
			}
			for j, id := range ids {
				if audit.IsStructural(id) {
					return nil, at(v.Content[j], "%v", audit.ErrStructural(id, "disabled"))
				}
			}
			cfg.Disable = ids
		case "policies":
			dirs, err := strList(k, v, "directories")
			if err != nil {
				return nil, err
			}
			cfg.Policies = dirs
		case "inventory":
			// One path or a list of them.
			if v.Kind == yaml.ScalarNode && v.Tag != "!!null" && v.Value != "" {
				cfg.Inventory = []string{v.Value}
				break
			}
			paths, err := strList(k, v, "inventory files or directories")
			if err != nil {
				return nil, err
			}
			if len(paths) == 0 {
				return nil, at(v, "inventory must name at least one file or directory, e.g. inventory: [inventory/]")
			}
			cfg.Inventory = paths
		case "baseline":
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Value == "" {
				return nil, at(v, "baseline must be a file name, e.g. baseline: .ropa-baseline.json")
			}
			cfg.Baseline = v.Value
		default:
			return nil, at(k, "unknown key %q%s (want %s)", k.Value, didYouMeanKey(k.Value), strings.Join(configKeys, ", "))
		}
	}
	rel := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(filepath.Dir(name), p)
	}
	for i, p := range cfg.Policies {
		cfg.Policies[i] = rel(p)
	}
	for i, p := range cfg.Inventory {
		cfg.Inventory[i] = rel(p)
	}
	if cfg.Baseline != "" {
		cfg.Baseline = rel(cfg.Baseline)
	}
	return cfg, nil
}

func didYouMeanKey(k string) string {
	if s := inventory.Suggest(k, configKeys); len(s) > 0 {
		return fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
	}
	return ""
}

// severityFlags renders the severities as --severity values, sorted so
// that errors name them in a stable order.
func (c *config) severityFlags() []string {
	var out []string
	for id, level := range c.Severity {
		out = append(out, id+"="+level)
	}
	slices.Sort(out)
	return out
}
