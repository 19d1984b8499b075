// Command ropa audits a GDPR record of processing activities written as a
// YAML inventory against Rego rules. This package only parses flags, calls
// the library and maps the outcome to an exit code: 0 nothing at or above
// --fail-on, 1 findings at or above it, 2 the tool could not do its job.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ropa-project/ropa/audit"
	"github.com/spf13/cobra"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errFindings reports that the run succeeded but found problems at or
// above the --fail-on threshold (exit 1).
var errFindings = errors.New("findings at or above the --fail-on threshold")

func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFindings):
		return 1
	default:
		fmt.Fprintf(stderr, "ropa: %v\n", err)
		return 2
	}
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "ropa",
		Short: "Audit a GDPR record of processing activities (policy as code)",
		Long: `ropa checks a YAML inventory of personal-data processing (the GDPR Art. 30
record of processing activities) against Rego rules and writes audit reports.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       audit.Version(),
	}
	root.SetVersionTemplate("ropa {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see %s --help)", err, c.CommandPath())
	})
	root.AddCommand(
		newAuditCmd(),
		newLintCmd(),
		newDiffCmd(),
		newBaselineCmd(),
		newRegisterCmd(),
		newNoticeCmd(),
		newRulesCmd(),
		newExplainCmd(),
		newTestCmd(),
		newSchemaCmd(),
		newVersionCmd(),
		newInitCmd(),
	)
	return root
}
