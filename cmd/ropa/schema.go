package main

import (
	"fmt"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the inventory JSON Schema (for editors: # yaml-language-server: $schema=...)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := c.OutOrStdout().Write(inventory.SchemaJSON)
			return err
		},
	}
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print ropa's version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(c.OutOrStdout(), "ropa %s\n", audit.Version())
			return err
		},
	}
}
