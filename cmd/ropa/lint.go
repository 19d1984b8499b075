package main

import (
	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newLintCmd() *cobra.Command {
	var o outputFlags
	c := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Check the structure of an inventory: syntax, schema, ids, references, taxonomy (no Rego)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			asOf, err := o.date()
			if err != nil {
				return err
			}
			threshold, err := o.threshold()
			if err != nil {
				return err
			}
			w, err := writer(o.format, c.OutOrStdout(), false, threshold)
			if err != nil {
				return err
			}
			inv, err := inventory.Load(args...)
			if err != nil {
				return err
			}
			return finish(c.OutOrStdout(), w, audit.Lint(inv, asOf), threshold)
		},
	}
	o.register(c)
	return c
}
