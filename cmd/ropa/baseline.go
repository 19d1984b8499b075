package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/spf13/cobra"
)

func newBaselineCmd() *cobra.Command {
	var o outputFlags
	var r ruleFlags
	var out string
	var lf loadFlags
	c := &cobra.Command{
		Use:   "baseline [PATH...]",
		Short: "Write the current findings as a baseline file, so that ropa audit --baseline FILE fails on new findings only",
		Long: `ropa baseline audits an inventory with the same rule flags as ropa audit and
writes its unwaived findings, by fingerprint (rule + id path), to a baseline
file: JSON, version 1, one entry per line, sorted, with no positions or
messages, so the file does not change when the inventory is reordered,
reformatted or its lines move. Commit it; ropa audit --baseline FILE then
fails only on findings the baseline does not list.

The file is written atomically: a failed run never truncates an existing
baseline. Structural findings (syntax, schema, duplicate ids, unknown
references and taxonomy keys) cannot be baselined: with any of them the
command refuses to write (exit 2), since a file that does not parse would
otherwise hide everything it declares. Exit 0 when the baseline is written,
whatever it holds; 2 when the tool could not do its job.

Without PATH it reads the inventory named in the configuration file
(ropa.yaml: inventory: [inventory/]) and, without -o, refreshes the file
its baseline: key names.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			args, fromConfig, err := r.paths(c, args)
			if err != nil {
				return err
			}
			if fromConfig && out == "" && r.cfg.Baseline != "" {
				out = r.cfg.Baseline
			}
			asOf, err := o.date()
			if err != nil {
				return err
			}
			opts, err := r.options(asOf)
			if err != nil {
				return err
			}
			eng, err := r.engine(c)
			if err != nil {
				return err
			}
			inv, err := lf.load(c, args)
			if err != nil {
				return err
			}
			res, err := eng.Audit(c.Context(), inv, opts)
			if err != nil {
				return err
			}
			if n := structuralErrors(res); n > 0 {
				return fmt.Errorf("the inventory has %s; structural findings cannot be baselined (fix them first: ropa lint %s)", countNoun(n, "structural error"), strings.Join(args, " "))
			}
			b := audit.NewBaseline(res)
			var buf bytes.Buffer
			if err := audit.WriteBaseline(&buf, b); err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err := c.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := report.WriteFileAtomic(out, buf.Bytes()); err != nil {
				return err
			}
			waived := len(res.Findings) - len(b.Findings)
			fmt.Fprintf(c.ErrOrStderr(), "ropa: wrote %s to %s", countNoun(len(b.Findings), "finding"), out)
			if waived > 0 {
				fmt.Fprintf(c.ErrOrStderr(), " (%s not recorded)", countNoun(waived, "waived finding"))
			}
			fmt.Fprintln(c.ErrOrStderr())
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "baseline file to write atomically (default: standard output)")
	c.Flags().StringVar(&o.asOf, "as-of", "", "audit date YYYY-MM-DD for adequacy end dates and waiver expiry (default today)")
	r.register(c)
	lf.register(c)
	return c
}

// structuralErrors counts the findings of structural rules in res.
func structuralErrors(res *audit.Result) int {
	n := 0
	for _, f := range res.Findings {
		if audit.IsStructural(f.Rule) {
			n++
		}
	}
	return n
}

// countNoun is "1 finding", "2 findings"; the plural adds an s, or
// replaces a final y with ies.
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// baselineGate is the --baseline flag of ropa audit.
type baselineGate struct {
	file string
}

func (b *baselineGate) register(c *cobra.Command) {
	c.Flags().StringVar(&b.file, "baseline", "", "baseline file (from ropa baseline): report and fail only on findings it does not list")
}

// apply returns res itself without --baseline. With it, it returns res
// restricted to the findings the baseline does not cover (plus the waived
// ones, which are always reported), so every report format and the exit
// status see only new findings; the known, new and stale counts and the
// stale entries (findings fixed, or now waived, since the baseline was
// taken) go to stderr.
func (b *baselineGate) apply(c *cobra.Command, res *audit.Result) (*audit.Result, error) {
	if b.file == "" {
		return res, nil
	}
	base, err := audit.ReadBaselineFile(b.file)
	if err != nil {
		return nil, err
	}
	br := audit.ApplyBaseline(res, base)
	writeBaselineSummary(c.ErrOrStderr(), b.file, br)
	return br.Gate(res), nil
}

func writeBaselineSummary(w io.Writer, name string, br *audit.BaselineResult) {
	fmt.Fprintf(w, "ropa: baseline %s: %s not reported, %s", name,
		countNoun(len(br.Known), "known finding"), countNoun(len(br.New), "new finding"))
	if n := len(br.Stale); n > 0 {
		fmt.Fprintf(w, "; %s stale (fixed or now waived): refresh it with ropa baseline", countNoun(n, "entry"))
	}
	fmt.Fprintln(w)
	for _, e := range br.Stale {
		where := e.Path
		if where == "" {
			where = e.File
		}
		what := "fixed"
		if br.NowWaived(e) {
			what = "waived"
		}
		fmt.Fprintf(w, "ropa: %s since the baseline: %s %s\n", what, e.Rule, where)
	}
}
