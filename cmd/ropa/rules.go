package main

import (
	"encoding/json"
	"fmt"
	"github.com/ropa-project/ropa/internal/errw"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ropa-project/ropa/audit"
	"github.com/spf13/cobra"
)

func newRulesCmd() *cobra.Command {
	var format string
	var r ruleFlags
	c := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue (built-in and --policy rules)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			eng, err := r.engine(c)
			if err != nil {
				return err
			}
			rules := eng.Rules()
			out := c.OutOrStdout()
			switch format {
			case "table":
				return rulesTable(out, rules)
			case "json":
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(rules)
			case "markdown":
				return audit.WriteRulesDoc(out, rules)
			}
			return fmt.Errorf("unknown format %q (want table, json or markdown)", format)
		},
	}
	c.Flags().StringVarP(&format, "format", "f", "table", "output format: table, json or markdown")
	c.Flags().StringArrayVar(&r.policies, "policy", nil, "directory of user Rego rules, repeatable")
	return c
}

func rulesTable(w io.Writer, rules []audit.RuleInfo) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tREFERENCE\tTITLE")
	for _, r := range rules {
		ref := r.Reference
		if ref == "" {
			ref = "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, ref, r.Title)
	}
	return tw.Flush()
}

func newExplainCmd() *cobra.Command {
	var r ruleFlags
	c := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain one rule: what it checks, the law, an example that fires and its fix",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			eng, err := r.engine(c)
			if err != nil {
				return err
			}
			rules := eng.Rules()
			ids := make([]string, len(rules))
			for i, ri := range rules {
				ids[i] = ri.ID
				if ri.ID != args[0] {
					continue
				}
				return explain(c.OutOrStdout(), ri)
			}
			return fmt.Errorf("unknown rule %q%s (see ropa rules)", args[0], audit.DidYouMeanRule(args[0], ids))
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			eng, err := r.engine(c)
			if err != nil || len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var ids []string
			for _, ri := range eng.Rules() {
				ids = append(ids, ri.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
	}
	c.Flags().StringArrayVar(&r.policies, "policy", nil, "directory of user Rego rules, repeatable")
	return c
}

func explain(w io.Writer, r audit.RuleInfo) error {
	ew := errw.New(w)
	ew.Printf("%s — %s\n\n", r.ID, r.Title)
	ew.Printf("Severity:  %s\n", r.Severity)
	if r.Reference != "" {
		ew.Printf("Reference: %s\n", r.Reference)
	}
	if r.URL != "" {
		ew.Printf("Law:       %s\n", r.URL)
	}
	ew.Printf("\n%s\n", r.Description)
	if r.Example != "" {
		ew.Printf("\nThis inventory makes it fire:\n\n%s\n", indent(r.Example))
	}
	if r.Fix != "" {
		ew.Printf("\nThe fix:\n\n%s\n", indent(r.Fix))
	}
	if r.Example == "" && strings.HasPrefix(r.ID, "inventory/") {
		ew.Printf("\nThis structural rule is checked by ropa lint and ropa audit alike.\n")
	}
	return ew.Err
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
