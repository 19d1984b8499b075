package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

// outputFlags are the flags every reporting command shares.
type outputFlags struct {
	format string
	failOn string
	asOf   string
}

func (o *outputFlags) register(c *cobra.Command) {
	c.Flags().StringVarP(&o.format, "format", "f", report.FormatText, "output format: "+joinFormats())
	c.Flags().StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning or none")
	c.Flags().StringVar(&o.asOf, "as-of", "", "audit date YYYY-MM-DD for adequacy end dates and waiver expiry (default today)")
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return report.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
}

func joinFormats() string {
	s := ""
	for i, f := range report.Formats() {
		if i > 0 {
			s += ", "
		}
		s += f
	}
	return s
}

func (o *outputFlags) date() (time.Time, error) {
	if o.asOf == "" {
		now := time.Now().UTC()
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, o.asOf)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of %q: want YYYY-MM-DD", o.asOf)
	}
	return t, nil
}

func (o *outputFlags) threshold() (inventory.Severity, error) {
	s, err := inventory.ParseSeverity(o.failOn)
	if err != nil {
		return "", fmt.Errorf("--fail-on: %w", err)
	}
	return s, nil
}

// writer returns the report writer for a format name, with colour for text
// on a terminal unless NO_COLOR is set (https://no-color.org). With
// --fail-on warning, JUnit marks warnings as failures so that the CI
// verdict and the test report agree; on GitHub Actions, Markdown links
// point at the blob of the commit, since relative links do not resolve in
// a pull-request comment.
func writer(format string, out io.Writer, grouped bool, threshold inventory.Severity) (report.Writer, error) {
	w, err := report.Lookup(format)
	if err != nil {
		return nil, err
	}
	switch format {
	case report.FormatText:
		return report.Text{Grouped: grouped, Color: useColor(out)}, nil
	case report.FormatJUnit:
		return report.JUnit{WarningsFail: threshold == inventory.SeverityWarning}, nil
	case report.FormatMarkdown:
		return report.Markdown{LinkBase: githubLinkBase()}, nil
	}
	return w, nil
}

// useColor is true on a terminal that can show colours: not with NO_COLOR
// set (https://no-color.org) nor TERM=dumb.
func useColor(out io.Writer) bool {
	return isTerminal(out) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// githubLinkBase is https://github.com/OWNER/REPO/blob/SHA/ inside a GitHub
// Actions job, empty elsewhere.
func githubLinkBase() string {
	server, repo, sha := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" {
		return ""
	}
	return server + "/" + repo + "/blob/" + sha + "/"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// finish writes the result and turns it into the exit status.
func finish(out io.Writer, w report.Writer, r *audit.Result, threshold inventory.Severity) error {
	if err := w.Write(out, r); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if r.Fails(threshold) {
		return errFindings
	}
	return nil
}

// loadFlags are the flags of every command that loads an inventory.
type loadFlags struct {
	exclude []string
}

func (l *loadFlags) register(c *cobra.Command) {
	c.Flags().StringArrayVar(&l.exclude, "exclude", nil, "leave out files or directories of an inventory directory matching GLOB (by relative path or name), repeatable")
}

// load loads the inventory at paths and prints the note about references
// not checked because a file could not be parsed.
func (l *loadFlags) load(c *cobra.Command, paths []string) (*inventory.Inventory, error) {
	return l.loadNoting(c.ErrOrStderr(), paths)
}

// loadNoting is load with the notes written to w.
func (l *loadFlags) loadNoting(w io.Writer, paths []string) (*inventory.Inventory, error) {
	inv, err := inventory.LoadWith(inventory.LoadOptions{Exclude: l.exclude}, paths...)
	if err != nil {
		return nil, err
	}
	if note := inv.UncheckedNote(); note != "" {
		fmt.Fprintf(w, "ropa: note: %s\n", note)
	}
	return inv, nil
}

// needPaths is the Args check of the commands that take inventory paths:
// a missing argument says what is expected.
func needPaths(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("missing an inventory PATH: %s wants a YAML file or a directory of them (e.g. %s inventory/)", c.CommandPath(), c.CommandPath())
	}
	return nil
}

// writeFiles writes rendered files, all or none: every temporary file is
// written first, and renamed over its target only when all were, so a
// failure leaves every existing file untouched.
func writeFiles(names []string, data [][]byte) error {
	return report.WriteFilesAtomic(names, data)
}
