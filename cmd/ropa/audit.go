package main

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

// ruleFlags select and configure the rules of an audit.
type ruleFlags struct {
	policies []string
	disable  []string
	severity []string
	timeout  time.Duration
	config   string
	loaded   bool
}

func (r *ruleFlags) register(c *cobra.Command) {
	c.Flags().StringArrayVar(&r.policies, "policy", nil, "directory of user Rego rules (packages ropa.rules.*), repeatable")
	c.Flags().StringArrayVar(&r.disable, "disable", nil, "rule id to disable, repeatable")
	c.Flags().StringArrayVar(&r.severity, "severity", nil, "override a rule's severity: RULE=error|warning, repeatable")
	c.Flags().DurationVar(&r.timeout, "timeout", 0, "limit on rule evaluation time (default 10s plus 1s per 1,000 activities)")
	c.Flags().StringVar(&r.config, "config", "", "rule configuration file (severity, disable, policies); flags add to it and win")
}

// loadConfig merges the --config file under the flags, once.
func (r *ruleFlags) loadConfig() error {
	if r.loaded || r.config == "" {
		r.loaded = true
		return nil
	}
	r.loaded = true
	cfg, err := readConfig(r.config)
	if err != nil {
		return err
	}
	r.policies = append(cfg.Policies, r.policies...)
	r.disable = append(cfg.Disable, r.disable...)
	// Flags come last so that they override the file.
	r.severity = append(cfg.severityFlags(), r.severity...)
	return nil
}

func (r *ruleFlags) engine(c *cobra.Command) (*audit.Engine, error) {
	if err := r.loadConfig(); err != nil {
		return nil, err
	}
	return audit.NewEngine(c.Context(), audit.EngineOptions{PolicyDirs: r.policies, Timeout: r.timeout})
}

func (r *ruleFlags) options(asOf time.Time) (audit.Options, error) {
	if err := r.loadConfig(); err != nil {
		return audit.Options{}, err
	}
	opts := audit.Options{AsOf: asOf, Disable: r.disable, Severity: map[string]inventory.Severity{}}
	if err := audit.CheckOverrides(audit.Options{Disable: r.disable}); err != nil {
		return opts, err
	}
	for _, s := range r.severity {
		id, level, ok := strings.Cut(s, "=")
		if !ok {
			return opts, fmt.Errorf("--severity %q: want RULE=error|warning", s)
		}
		if audit.IsStructural(id) {
			return opts, fmt.Errorf("--severity %s: %w", id, audit.ErrStructural(id, "downgraded"))
		}
		sev, err := inventory.ParseSeverity(level)
		if err != nil || sev == inventory.SeverityNone {
			return opts, fmt.Errorf("--severity %q: want RULE=error|warning", s)
		}
		opts.Severity[id] = sev
	}
	return opts, nil
}

// outputFile is one -o FORMAT=FILE.
type outputFile struct {
	name   string
	writer report.Writer
}

func parseOutputs(specs []string, threshold inventory.Severity) ([]outputFile, error) {
	var out []outputFile
	for _, s := range specs {
		format, name, ok := strings.Cut(s, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("-o %q: want FORMAT=FILE", s)
		}
		w, err := writer(format, nil, true, threshold)
		if err != nil {
			return nil, fmt.Errorf("-o %q: %w", s, err)
		}
		out = append(out, outputFile{name: name, writer: w})
	}
	return out, nil
}

func newAuditCmd() *cobra.Command {
	var o outputFlags
	var r ruleFlags
	var outputs []string
	var bl baselineGate // --baseline
	var lf loadFlags
	c := &cobra.Command{
		Use:   "audit PATH...",
		Short: "Evaluate an inventory against the rules and report findings",
		Args:  needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			asOf, err := o.date()
			if err != nil {
				return err
			}
			threshold, err := o.threshold()
			if err != nil {
				return err
			}
			opts, err := r.options(asOf)
			if err != nil {
				return err
			}
			w, err := writer(o.format, c.OutOrStdout(), true, threshold)
			if err != nil {
				return err
			}
			files, err := parseOutputs(outputs, threshold)
			if err != nil {
				return err
			}
			// Compile the rules while the inventory loads: both take tens
			// of milliseconds and neither needs the other.
			type built struct {
				eng *audit.Engine
				err error
			}
			engc := make(chan built, 1)
			go func() {
				eng, err := r.engine(c)
				engc <- built{eng, err}
			}()
			inv, loadErr := lf.load(c, args)
			b := <-engc
			if b.err != nil {
				return b.err
			}
			if loadErr != nil {
				return loadErr
			}
			res, err := b.eng.Audit(c.Context(), inv, opts)
			if err != nil {
				return err
			}
			// --baseline (cmd/ropa/baseline.go): keep only new findings.
			if res, err = bl.apply(c, res); err != nil {
				return err
			}
			// Render every file in memory first, then write them all or
			// none: a format or a file that fails leaves every existing
			// report untouched.
			names := make([]string, len(files))
			data := make([][]byte, len(files))
			for i, f := range files {
				var buf bytes.Buffer
				if err := f.writer.Write(&buf, res); err != nil {
					return fmt.Errorf("render %s: %w", f.name, err)
				}
				names[i], data[i] = f.name, buf.Bytes()
			}
			if err := writeFiles(names, data); err != nil {
				return err
			}
			return finish(c.OutOrStdout(), w, res, threshold)
		},
	}
	o.register(c)
	c.Flags().StringArrayVarP(&outputs, "output", "o", nil, "also write a report to a file: FORMAT=FILE, repeatable")
	r.register(c)
	bl.register(c) // --baseline
	lf.register(c)
	return c
}
