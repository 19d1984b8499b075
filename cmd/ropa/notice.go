package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/audit/notice"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newNoticeCmd() *cobra.Command {
	var format, lang, output, failOn, asOf string
	var r ruleFlags
	c := &cobra.Command{
		Use:   "notice PATH...",
		Short: "Write the privacy notice (GDPR Art. 13/14) generated from the inventory",
		Long: `notice writes the privacy notice of an inventory: the information GDPR
Articles 13 and 14 require a controller to give data subjects, layered as the
EDPB transparency guidelines (WP260 rev.01) recommend: a short first layer
(who, what for, your rights, what could surprise you), then the full notice
(controller and DPO, each purpose with its lawful basis and interest, the
data and their source, recipients, transfers and safeguards, retention,
automated decisions, cookies, each right and the supervisory authority).

Every sentence is a fixed sentence of ropa (--lang en|fr) or a declaration of
the inventory. The rules run first: where the audit finds an item missing,
the notice shows "[not declared: ...]" instead of text, and the command exits
1 when a mandatory item is missing (--fail-on none writes the draft and
exits 0).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if !slices.Contains(notice.Formats(), format) {
				return fmt.Errorf("unknown notice format %q (want %s)", format, strings.Join(notice.Formats(), ", "))
			}
			if !slices.Contains(notice.Languages(), lang) {
				return fmt.Errorf("unknown notice language %q (want %s)", lang, strings.Join(notice.Languages(), ", "))
			}
			if failOn != "missing" && failOn != "none" {
				return fmt.Errorf("--fail-on %q: want missing or none", failOn)
			}
			date, err := (&outputFlags{asOf: asOf}).date()
			if err != nil {
				return err
			}
			opts, err := r.options(date)
			if err != nil {
				return err
			}
			eng, err := r.engine(c)
			if err != nil {
				return err
			}
			inv, err := inventory.Load(args...)
			if err != nil {
				return err
			}
			res, err := eng.Audit(c.Context(), inv, opts)
			if err != nil {
				return err
			}
			n, err := notice.New(res, lang)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := notice.Render(&buf, n, format); err != nil {
				return err
			}
			if output != "" {
				if err := report.WriteFileAtomic(output, buf.Bytes()); err != nil {
					return err
				}
			} else if _, err := c.OutOrStdout().Write(buf.Bytes()); err != nil {
				return fmt.Errorf("write notice: %w", err)
			}
			structural := 0
			for _, f := range inv.Findings {
				if f.Severity == inventory.SeverityError {
					structural++
				}
			}
			missing := n.Missing()
			stderr := c.ErrOrStderr()
			if structural > 0 {
				fmt.Fprintf(stderr, "ropa: the inventory has %d structural error(s); the notice may be incomplete (see ropa lint)\n", structural)
			}
			if len(missing) > 0 {
				fmt.Fprintf(stderr, "ropa: the notice is incomplete: %d mandatory item(s) not declared\n", len(missing))
				for _, g := range missing {
					fmt.Fprintf(stderr, "  %s: %s (%s)\n", g.Path, g.Item, g.Rule)
				}
			}
			if failOn == "none" {
				return nil
			}
			if structural > 0 || len(missing) > 0 {
				return errFindings
			}
			return nil
		},
	}
	c.Flags().StringVarP(&format, "format", "f", notice.FormatMarkdown, "notice format: "+strings.Join(notice.Formats(), ", "))
	c.Flags().StringVar(&lang, "lang", notice.DefaultLang, "language of the notice: "+strings.Join(notice.Languages(), ", "))
	c.Flags().StringVarP(&output, "output", "o", "", "write the notice to FILE (atomically) instead of stdout")
	c.Flags().StringVar(&failOn, "fail-on", "missing", "exit 1 when a mandatory item is missing (missing), or never (none: write a draft)")
	c.Flags().StringVar(&asOf, "as-of", "", "date of the notice YYYY-MM-DD, for adequacy decisions and waivers (default today)")
	r.register(c)
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return notice.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	_ = c.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return notice.Languages(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}
