package main

import (
	"fmt"
	"github.com/ropa-project/ropa/internal/errw"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/spf13/cobra"
)

func newTestCmd() *cobra.Command {
	var verbose bool
	var timeout time.Duration
	c := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of the built-in rules and of user rules in DIR",
		RunE: func(c *cobra.Command, dirs []string) error {
			results, err := audit.RunRegoTests(c.Context(), dirs, true, timeout)
			if err != nil {
				return err
			}
			ew := errw.New(c.OutOrStdout())
			passed, failed, skipped := 0, 0, 0
			for _, r := range results {
				switch {
				case r.Skipped:
					skipped++
				case r.Passed:
					passed++
				default:
					failed++
				}
				if !r.Passed || verbose {
					status := "PASS"
					if r.Skipped {
						status = "SKIP"
					} else if !r.Passed {
						status = "FAIL"
					}
					ew.Printf("%s %s (%s:%d)\n", status, r.Name, r.File, r.Line)
					if r.Error != "" {
						ew.Printf("  error: %s\n", r.Error)
					}
					if !r.Passed && r.Output != "" {
						ew.Printf("  output:\n%s", indent(r.Output)+"\n")
					}
				}
			}
			ew.Printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped)
			if ew.Err != nil {
				return ew.Err
			}
			if failed > 0 {
				return fmt.Errorf("%w: %d rule tests failed", errFindings, failed)
			}
			return nil
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
	c.Flags().DurationVar(&timeout, "timeout", audit.DefaultTimeout, "limit on each test's evaluation time")
	return c
}
