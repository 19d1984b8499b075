package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newRegisterCmd() *cobra.Command {
	var format, asOf string
	var outputs []string
	var lf loadFlags
	var bom bool
	c := &cobra.Command{
		Use:   "register PATH...",
		Short: "Write the Art. 30 record of processing activities (markdown, csv or html)",
		Long: `register writes the GDPR Art. 30(1) record of processing activities of an
inventory: the controller's identity and DPO, then one row per activity
(purpose, lawful basis, data subjects, data categories, recipients,
transfers outside the EEA with their safeguards, retention, security
measures). It is built from the declarations; the transfer column states
the rules' own Chapter V assessment on --as-of (the library that
gdpr/third-country-transfer uses), and no other rule runs.

-o FORMAT=FILE (repeatable) writes the register to files instead of stdout,
as ropa audit does; -o FILE writes the --format to FILE. All files are
rendered first and written all or none.

It exits 1 when the inventory has structural errors (the register is still
written, but may be incomplete: see ropa lint).`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkRegisterFormat(format); err != nil {
				return err
			}
			type out struct{ format, name string }
			var files []out
			for _, o := range outputs {
				f, name, ok := strings.Cut(o, "=")
				if !ok {
					f, name = format, o
				} else if err := checkRegisterFormat(f); err != nil {
					return fmt.Errorf("-o %q: %w", o, err)
				}
				if name == "" {
					return fmt.Errorf("-o %q: want FORMAT=FILE or FILE", o)
				}
				files = append(files, out{f, name})
			}
			date, err := (&outputFlags{asOf: asOf}).date()
			if err != nil {
				return err
			}
			inv, err := lf.load(c, args)
			if err != nil {
				return err
			}
			// The transfer column states the rules' own Chapter V
			// assessment; no other rule runs.
			eng, err := audit.NewEngine(c.Context(), audit.EngineOptions{})
			if err != nil {
				return err
			}
			transfers, err := eng.AssessTransfers(c.Context(), inv, date)
			if err != nil {
				return err
			}
			reg, err := report.NewRegister(inv, date.Format("2006-01-02"), transfers)
			if err != nil {
				return err
			}
			if bom && format != report.RegisterCSV && !slices.ContainsFunc(files, func(f out) bool { return f.format == report.RegisterCSV }) {
				return fmt.Errorf("--bom applies to the csv format only")
			}
			render := func(f string) ([]byte, error) {
				var buf bytes.Buffer
				err := report.WriteRegisterWith(&buf, reg, f, report.RegisterOptions{BOM: bom && f == report.RegisterCSV})
				return buf.Bytes(), err
			}
			if len(files) == 0 {
				b, err := render(format)
				if err != nil {
					return err
				}
				if _, err := c.OutOrStdout().Write(b); err != nil {
					return fmt.Errorf("write register: %w", err)
				}
			} else {
				names := make([]string, len(files))
				data := make([][]byte, len(files))
				for i, f := range files {
					if data[i], err = render(f.format); err != nil {
						return fmt.Errorf("render %s: %w", f.name, err)
					}
					names[i] = f.name
				}
				if err := writeFiles(names, data); err != nil {
					return err
				}
			}
			errs := 0
			for _, f := range inv.Findings {
				if f.Severity == inventory.SeverityError {
					errs++
				}
			}
			if errs > 0 {
				fmt.Fprintf(c.ErrOrStderr(), "ropa: the inventory has %d structural error(s); the register may be incomplete (see ropa lint)\n", errs)
				return errFindings
			}
			return nil
		},
	}
	c.Flags().StringVarP(&format, "format", "f", report.RegisterMarkdown, "register format: "+strings.Join(report.RegisterFormats(), ", "))
	c.Flags().StringVar(&asOf, "as-of", "", "date of the record YYYY-MM-DD, for adequacy decisions (default today)")
	c.Flags().StringArrayVarP(&outputs, "output", "o", nil, "write the register to a file instead of stdout: FORMAT=FILE, or FILE for --format; repeatable")
	c.Flags().BoolVar(&bom, "bom", false, "start the CSV with a UTF-8 byte order mark (for Excel)")
	lf.register(c)
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return report.RegisterFormats(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}

func checkRegisterFormat(f string) error {
	if !slices.Contains(report.RegisterFormats(), f) {
		return fmt.Errorf("unknown register format %q (want %s)", f, strings.Join(report.RegisterFormats(), ", "))
	}
	return nil
}
