package main

import (
	"github.com/ropa-project/ropa/audit"
	"github.com/spf13/cobra"
)

func newLintCmd() *cobra.Command {
	var o outputFlags
	var lf loadFlags
	var policies []string
	var configFlag string
	c := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check the structure of an inventory: syntax, schema, ids, references, taxonomy (no Rego)",
		Long: `lint reports every structural finding audit reports (syntax, schema, duplicate
ids, unknown references and taxonomy keys, and waivers naming a rule that
does not exist) without evaluating the rules: fast enough for a pre-commit
hook. Rule ids are read from the METADATA of the built-in rules and of the
--policy directories.

Without PATH it checks the inventory named in the configuration file
(ropa.yaml at the repository root: inventory: [inventory/]), whose
policies: it reads too.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			cfg, cfgName, err := loadProjectConfig(configFlag)
			if err != nil {
				return err
			}
			if args, _, err = inventoryPaths(c, args, cfg, cfgName); err != nil {
				return err
			}
			if cfg != nil {
				policies = append(cfg.Policies, policies...)
			}
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
			// Read the rule catalogue while the inventory loads.
			type catalogue struct {
				rules []audit.RuleInfo
				err   error
			}
			cat := make(chan catalogue, 1)
			go func() {
				rules, err := audit.Catalogue(policies)
				cat <- catalogue{rules, err}
			}()
			inv, loadErr := lf.load(c, args)
			rc := <-cat
			if rc.err != nil {
				return rc.err
			}
			if loadErr != nil {
				return loadErr
			}
			rules := rc.rules
			return finish(c.OutOrStdout(), w, audit.Lint(inv, asOf, rules...), threshold)
		},
	}
	o.register(c)
	lf.register(c)
	c.Flags().StringArrayVar(&policies, "policy", nil, "directory of user Rego rules whose ids waivers may name, repeatable")
	c.Flags().StringVar(&configFlag, "config", "", "configuration file whose inventory and policies lint reads (default: ropa.yaml found from the current directory up to the repository root)")
	return c
}
