package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"gopkg.in/yaml.v3"
)

// config is the --config file: the rule settings a team keeps in its
// repository instead of repeating flags in every CI job.
//
//	severity: {gdpr/dpia: error}
//	disable: [cnil/cookie-lifetime]
//	policies: [rules/]
//
// Relative policy directories are relative to the file. It must not be
// named *.yaml inside the inventory directory, which would read it as an
// inventory file: ropa.config.yml at the repository root is the convention.
type config struct {
	Severity map[string]string `yaml:"severity"`
	Disable  []string          `yaml:"disable"`
	Policies []string          `yaml:"policies"`
}

func readConfig(name string) (*config, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var cfg config
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("--config %s: %w", name, err)
	}
	for i, p := range cfg.Policies {
		if !filepath.IsAbs(p) {
			cfg.Policies[i] = filepath.Join(filepath.Dir(name), p)
		}
	}
	return &cfg, nil
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
