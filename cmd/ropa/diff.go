package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/diffreport"
	"github.com/ropa-project/ropa/internal/gitsrc"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newDiffCmd() *cobra.Command {
	var o outputFlags
	var r ruleFlags
	var base string
	var failOnChange, outputs []string
	var lf loadFlags
	c := &cobra.Command{
		Use:   "diff (OLD NEW | --base REF [PATH...])",
		Short: "Show what a change does to the declarations and which findings it adds or fixes",
		Long: `ropa diff compares two inventories: OLD and NEW (two paths), or with --base
REF the inventory at PATH as committed in the git revision REF (read through
git, whatever the working tree holds) against PATH in the working tree;
without PATH, the inventory named in the configuration file (ropa.yaml).

It reports the declarations added, removed or changed (by id: moving an item
to another file or reformatting is no change), new and dropped countries,
third-country transfers (a country outside the EEA) added, removed or whose
safeguard changed, lawful-basis changes, retention periods lengthened or
shortened, Art. 9/10 data introduced, and the findings new, fixed and newly
waived (by fingerprint: rule + id path).

Exit 1 when the change adds findings at or above --fail-on, or makes a
privacy-significant change named in --fail-on-change:
  transfer   a third-country transfer added, its safeguard changed, or new
             activities using it
  special    Art. 9/10 data declared or newly processed by an activity
  basis      the lawful basis of an existing activity changed
  retention  a retention period or cookie lifetime lengthened or removed
Exit 2 when the tool could not do its job (a revision that does not exist,
git missing, a bad flag).`,
		Args: func(c *cobra.Command, args []string) error {
			if base != "" {
				// Without PATH, the configuration file's inventory.
				return nil
			}
			if len(args) != 2 {
				return fmt.Errorf("want OLD NEW (two inventory paths) or --base REF PATH, got %d argument(s)", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			if base != "" {
				var err error
				if args, _, err = r.paths(c, args); err != nil {
					return err
				}
			}
			asOf, err := o.date()
			if err != nil {
				return err
			}
			threshold, err := o.threshold()
			if err != nil {
				return err
			}
			kinds, err := audit.ParseSignificant(failOnChange)
			if err != nil {
				return fmt.Errorf("--fail-on-change: %w", err)
			}
			opts, err := r.options(asOf)
			if err != nil {
				return err
			}
			w, err := diffreport.Lookup(o.format)
			if err != nil {
				return err
			}
			files, err := parseDiffOutputs(outputs)
			if err != nil {
				return err
			}
			var oldInv, newInv *inventory.Inventory
			var dopts audit.DiffOptions
			rep := &diffreport.Report{AsOf: asOf.Format("2006-01-02"), FailOn: threshold, FailOnChange: kinds}
			// The rules compile while the two inventories load, and the
			// two inventories load, then are audited, side by side. Notes
			// are printed old first, then new, and errors are returned in
			// that order too, as if one step ran after the other.
			engine := r.engineAsync(c)
			var oldNotes, newNotes bytes.Buffer
			var oldErr, newErr error
			var wg sync.WaitGroup
			wg.Add(1)
			if base != "" {
				go func() {
					defer wg.Done()
					oldInv, oldErr = gitsrc.Load(ctx, &oldNotes, base, args, lf.exclude)
				}()
				newInv, newErr = lf.loadNoting(&newNotes, args)
				rep.Old, rep.New = base+":"+strings.Join(args, " "), strings.Join(args, " ")
			} else {
				go func() {
					defer wg.Done()
					if oldInv, oldErr = lf.loadNoting(&oldNotes, args[:1]); oldErr != nil {
						oldErr = fmt.Errorf("OLD: %w", oldErr)
					}
				}()
				if newInv, newErr = lf.loadNoting(&newNotes, args[1:]); newErr != nil {
					newErr = fmt.Errorf("NEW: %w", newErr)
				}
				rep.Old, rep.New = args[0], args[1]
				dopts.OldRoot, dopts.NewRoot = inventoryRoot(args[0]), inventoryRoot(args[1])
			}
			wg.Wait()
			_, _ = c.ErrOrStderr().Write(oldNotes.Bytes())
			if oldErr != nil {
				_, _ = engine() // let the compilation finish before returning
				return oldErr
			}
			_, _ = c.ErrOrStderr().Write(newNotes.Bytes())
			if newErr != nil {
				_, _ = engine()
				return newErr
			}
			eng, err := engine()
			if err != nil {
				return err
			}
			var oldRes, newRes *audit.Result
			wg.Add(1)
			go func() {
				defer wg.Done()
				if oldRes, oldErr = eng.Audit(ctx, oldInv, opts); oldErr != nil {
					oldErr = fmt.Errorf("audit %s: %w", rep.Old, oldErr)
				}
			}()
			if newRes, newErr = eng.Audit(ctx, newInv, opts); newErr != nil {
				newErr = fmt.Errorf("audit %s: %w", rep.New, newErr)
			}
			wg.Wait()
			if oldErr != nil {
				return oldErr
			}
			if newErr != nil {
				return newErr
			}
			dopts.Engine = eng
			if rep.Changes, err = audit.DiffWith(oldInv, newInv, oldRes, newRes, dopts); err != nil {
				return err
			}
			// Render every file in memory first, then write them all or
			// none: a failure leaves every existing report untouched.
			names := make([]string, len(files))
			data := make([][]byte, len(files))
			for i, f := range files {
				var buf bytes.Buffer
				if err := f.writer(&buf, rep); err != nil {
					return fmt.Errorf("render %s: %w", f.name, err)
				}
				names[i], data[i] = f.name, buf.Bytes()
			}
			if err := writeFiles(names, data); err != nil {
				return err
			}
			if err := w(c.OutOrStdout(), rep); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			if fails, n, triggered := rep.Verdict(); fails {
				var why []string
				if n > 0 {
					why = append(why, fmt.Sprintf("%s at or above %s", countNoun(n, "new finding"), threshold))
				}
				if len(triggered) > 0 {
					why = append(why, "privacy-significant change: "+strings.Join(triggered, ", ")+" (--fail-on-change)")
				}
				fmt.Fprintf(c.ErrOrStderr(), "ropa: diff fails: %s\n", strings.Join(why, "; "))
				return errFindings
			}
			return nil
		},
	}
	c.Flags().StringVar(&base, "base", "", "git revision to compare the working tree with (a branch, tag or commit: origin/main)")
	c.Flags().StringVarP(&o.format, "format", "f", diffreport.FormatText, "output format: "+strings.Join(diffreport.Formats(), ", "))
	c.Flags().StringArrayVarP(&outputs, "output", "o", nil, "also write the diff to a file: FORMAT=FILE, repeatable")
	c.Flags().StringVar(&o.failOn, "fail-on", "error", "exit 1 when the change adds a finding at or above this severity: error, warning or none")
	c.Flags().StringSliceVar(&failOnChange, "fail-on-change", nil, "also exit 1 on these privacy-significant changes: "+strings.Join(audit.SignificantKinds(), ","))
	c.Flags().StringVar(&o.asOf, "as-of", "", "audit date YYYY-MM-DD of both sides (default today)")
	r.register(c)
	lf.register(c)
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return diffreport.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	_ = c.RegisterFlagCompletionFunc("fail-on-change", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return audit.SignificantKinds(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}

type diffOutput struct {
	name   string
	writer diffreport.Writer
}

func parseDiffOutputs(specs []string) ([]diffOutput, error) {
	var out []diffOutput
	for _, s := range specs {
		format, name, ok := strings.Cut(s, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("-o %q: want FORMAT=FILE", s)
		}
		w, err := diffreport.Lookup(format)
		if err != nil {
			return nil, fmt.Errorf("-o %q: %w", s, err)
		}
		out = append(out, diffOutput{name: name, writer: w})
	}
	return out, nil
}

// inventoryRoot is the directory an inventory path names files under, as
// displayed: the path itself for a directory, its parent for a file.
func inventoryRoot(p string) string {
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		p = filepath.Dir(p)
	}
	return inventory.DisplayName(p)
}
