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
	// cfg is the configuration file read (nil without one) and cfgName
	// its path: --config, else ropa.yaml found from the current directory.
	cfg     *config
	cfgName string
}

func (r *ruleFlags) register(c *cobra.Command) {
	c.Flags().StringArrayVar(&r.policies, "policy", nil, "directory of user Rego rules (packages ropa.rules.*), repeatable")
	c.Flags().StringArrayVar(&r.disable, "disable", nil, "rule id to disable, repeatable")
	c.Flags().StringArrayVar(&r.severity, "severity", nil, "override a rule's severity: RULE=error|warning, repeatable")
	c.Flags().DurationVar(&r.timeout, "timeout", 0, "limit on rule evaluation time (default 10s plus 1s per 1,000 activities)")
	c.Flags().StringVar(&r.config, "config", "", "configuration file (inventory, baseline, severity, disable, policies; default: ropa.yaml found from the current directory up to the repository root); flags add to it and win")
}

// loadConfig merges the configuration file (--config, else ropa.yaml
// found from the current directory) under the flags, once.
func (r *ruleFlags) loadConfig() error {
	if r.loaded {
		return nil
	}
	r.loaded = true
	cfg, name, err := loadProjectConfig(r.config)
	if err != nil || cfg == nil {
		return err
	}
	r.cfg, r.cfgName = cfg, name
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

// paths returns the PATH arguments, or the configuration file's inventory
// when there are none (fromConfig true).
func (r *ruleFlags) paths(c *cobra.Command, args []string) ([]string, bool, error) {
	if err := r.loadConfig(); err != nil {
		return nil, false, err
	}
	return inventoryPaths(c, args, r.cfg, r.cfgName)
}

// outputFile is one -o FORMAT=FILE.
type outputFile struct {
	name, format string
	writer       report.Writer
}

// engineAsync compiles the rules on another goroutine, so that the
// inventory can load meanwhile; the function it returns waits for them.
func (r *ruleFlags) engineAsync(c *cobra.Command) func() (*audit.Engine, error) {
	type built struct {
		eng *audit.Engine
		err error
	}
	done := make(chan built, 1)
	go func() {
		eng, err := r.engine(c)
		done <- built{eng, err}
	}()
	var b *built
	return func() (*audit.Engine, error) {
		if b == nil {
			got := <-done
			b = &got
		}
		return b.eng, b.err
	}
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
		out = append(out, outputFile{name: name, format: format, writer: w})
	}
	for i := range out {
		out[i].writer = withFullReport(out[i].writer, out)
	}
	return out, nil
}

// withFullReport points a Markdown report that had to leave findings out
// at the complete report the same run writes (HTML first, else JSON), so
// a pull-request comment says where the rest is.
func withFullReport(w report.Writer, files []outputFile) report.Writer {
	md, ok := w.(report.Markdown)
	if !ok {
		return w
	}
	for _, format := range []string{report.FormatHTML, report.FormatJSON} {
		for _, f := range files {
			if f.format == format {
				md.FullReport = f.name
				return md
			}
		}
	}
	return w
}

func newAuditCmd() *cobra.Command {
	var o outputFlags
	var r ruleFlags
	var outputs []string
	var bl baselineGate // --baseline
	var lf loadFlags
	c := &cobra.Command{
		Use:   "audit [PATH...]",
		Short: "Evaluate an inventory against the rules and report findings",
		Long: `audit evaluates the inventory at PATH (YAML files or directories of them)
against the rules and reports the findings.

Without PATH it audits the inventory named in the configuration file
(ropa.yaml at the repository root: inventory: [inventory/]), gated by its
baseline: when --baseline is not given.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			args, fromConfig, err := r.paths(c, args)
			if err != nil {
				return err
			}
			if fromConfig && bl.file == "" && r.cfg.Baseline != "" {
				bl.file = r.cfg.Baseline
			}
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
			w = withFullReport(w, files)
			// Compile the rules while the inventory loads: both take tens
			// of milliseconds and neither needs the other.
			engine := r.engineAsync(c)
			inv, loadErr := lf.load(c, args)
			eng, err := engine()
			if err != nil {
				return err
			}
			if loadErr != nil {
				return loadErr
			}
			res, err := eng.Audit(c.Context(), inv, opts)
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
