package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newRegisterCmd() *cobra.Command {
	var format, asOf, output string
	var bom bool
	c := &cobra.Command{
		Use:   "register PATH...",
		Short: "Write the Art. 30 record of processing activities (markdown, csv or html)",
		Long: `register writes the GDPR Art. 30(1) record of processing activities of an
inventory: the controller's identity and DPO, then one row per activity
(purpose, lawful basis, data subjects, data categories, recipients,
transfers outside the EEA with their safeguards, retention, security
measures). It is built from the declarations only, without running the
rules; adequacy decisions are assessed on --as-of.

It exits 1 when the inventory has structural errors (the register is still
written, but may be incomplete: see ropa lint).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if !slices.Contains(report.RegisterFormats(), format) {
				return fmt.Errorf("unknown register format %q (want %s)", format, strings.Join(report.RegisterFormats(), ", "))
			}
			date, err := (&outputFlags{asOf: asOf}).date()
			if err != nil {
				return err
			}
			inv, err := inventory.Load(args...)
			if err != nil {
				return err
			}
			reg, err := report.NewRegister(inv, date.Format("2006-01-02"))
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if bom && format != report.RegisterCSV {
				return fmt.Errorf("--bom applies to -f csv only")
			}
			if err := report.WriteRegisterWith(&buf, reg, format, report.RegisterOptions{BOM: bom}); err != nil {
				return err
			}
			if output != "" {
				if err := report.WriteFileAtomic(output, buf.Bytes()); err != nil {
					return err
				}
			} else if _, err := c.OutOrStdout().Write(buf.Bytes()); err != nil {
				return fmt.Errorf("write register: %w", err)
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
	c.Flags().StringVarP(&output, "output", "o", "", "write the register to FILE (atomically) instead of stdout")
	c.Flags().BoolVar(&bom, "bom", false, "start the CSV with a UTF-8 byte order mark (for Excel)")
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return report.RegisterFormats(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}
