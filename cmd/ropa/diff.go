package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/audit/diffreport"
	"github.com/ropa-project/ropa/audit/report"
	"github.com/ropa-project/ropa/inventory"
	"github.com/spf13/cobra"
)

func newDiffCmd() *cobra.Command {
	var o outputFlags
	var r ruleFlags
	var base string
	var failOnChange, outputs []string
	c := &cobra.Command{
		Use:   "diff (OLD NEW | --base REF PATH...)",
		Short: "Show what a change does to the declarations and which findings it adds or fixes",
		Long: `ropa diff compares two inventories: OLD and NEW (two paths), or with --base
REF the inventory at PATH as committed in the git revision REF (read through
git, whatever the working tree holds) against PATH in the working tree.

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
				if len(args) == 0 {
					return errors.New("--base REF needs the inventory PATH to compare")
				}
				return nil
			}
			if len(args) != 2 {
				return fmt.Errorf("want OLD NEW (two inventory paths) or --base REF PATH, got %d argument(s)", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
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
			if base != "" {
				if oldInv, err = gitInventory(ctx, c.ErrOrStderr(), base, args); err != nil {
					return err
				}
				if newInv, err = inventory.Load(args...); err != nil {
					return err
				}
				rep.Old, rep.New = base+":"+strings.Join(args, " "), strings.Join(args, " ")
			} else {
				if oldInv, err = inventory.Load(args[0]); err != nil {
					return fmt.Errorf("OLD: %w", err)
				}
				if newInv, err = inventory.Load(args[1]); err != nil {
					return fmt.Errorf("NEW: %w", err)
				}
				rep.Old, rep.New = args[0], args[1]
				dopts.OldRoot, dopts.NewRoot = inventoryRoot(args[0]), inventoryRoot(args[1])
			}
			eng, err := r.engine(c)
			if err != nil {
				return err
			}
			oldRes, err := eng.Audit(ctx, oldInv, opts)
			if err != nil {
				return fmt.Errorf("audit %s: %w", rep.Old, err)
			}
			newRes, err := eng.Audit(ctx, newInv, opts)
			if err != nil {
				return fmt.Errorf("audit %s: %w", rep.New, err)
			}
			if rep.Changes, err = audit.DiffWith(oldInv, newInv, oldRes, newRes, dopts); err != nil {
				return err
			}
			// Render every file first: a format that fails leaves all
			// existing reports untouched.
			for _, f := range files {
				var buf bytes.Buffer
				if err := f.writer(&buf, rep); err != nil {
					return fmt.Errorf("render %s: %w", f.name, err)
				}
				if err := report.WriteFileAtomic(f.name, buf.Bytes()); err != nil {
					return err
				}
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

// errNoGit is returned when git is not installed.
var errNoGit = errors.New("--base reads the inventory through git, which is not installed (or not in PATH)")

// runGit runs git in dir without a shell and returns its standard output;
// an error carries the first line of git's standard error.
func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errNoGit
		}
		if msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// gitInventory loads the inventory at paths as committed in the revision
// ref, through git: it never looks at the working tree's files. Files are
// named as the loader names the working-tree files (relative to the current
// directory), so both sides of a diff use the same names. A path that does
// not exist at ref gives an empty inventory (everything is new); symbolic
// links to files are followed within the commit, submodules are skipped.
func gitInventory(ctx context.Context, stderr io.Writer, ref string, paths []string) (*inventory.Inventory, error) {
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("--base %q: not a git revision", ref)
	}
	var files []inventory.File
	seen := map[string]bool{}
	commits := map[string]string{} // work tree top -> resolved commit
	for _, p := range paths {
		fs, err := gitFiles(ctx, ref, p, commits)
		if err != nil {
			return nil, err
		}
		if len(fs) == 0 {
			fmt.Fprintf(stderr, "ropa: note: %s has no inventory file at %s; everything in it is new\n", p, ref)
		}
		for _, f := range fs {
			if !seen[f.Name] {
				seen[f.Name] = true
				files = append(files, f)
			}
		}
	}
	return inventory.LoadFiles(files)
}

// gitFiles reads the inventory files under p at ref.
func gitFiles(ctx context.Context, ref, p string, commits map[string]string) ([]inventory.File, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("inventory path %s: %w", p, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("inventory path: %s: %w", p, err)
	}
	dir := abs
	if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	out, err := runGit(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		if errors.Is(err, errNoGit) {
			return nil, err
		}
		return nil, fmt.Errorf("--base: %s is not in a git work tree: %w", p, err)
	}
	top := strings.TrimSpace(string(out))
	commit, ok := commits[top]
	if !ok {
		out, err := runGit(ctx, top, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
		if err != nil {
			return nil, fmt.Errorf("--base %s: no such revision in the git repository %s (in a shallow clone, fetch it first: git fetch origin main, or actions/checkout with fetch-depth: 0)", ref, top)
		}
		commit = strings.TrimSpace(string(out))
		commits[top] = commit
	}
	rel, err := repoRelative(top, abs)
	if err != nil {
		return nil, fmt.Errorf("--base: %s: %w", p, err)
	}
	out, err = runGit(ctx, top, "--literal-pathspecs", "ls-tree", "-r", "-z", "--full-name", commit, "--", rel)
	if err != nil {
		return nil, fmt.Errorf("--base %s: list %s: %w", ref, p, err)
	}
	type entry struct{ object, name string }
	var entries []entry
	for _, rec := range strings.Split(string(out), "\x00") {
		if rec == "" {
			continue
		}
		meta, name, ok := strings.Cut(rec, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("--base %s: unexpected git ls-tree output %q", ref, rec)
		}
		if fields[1] != "blob" || strings.Contains(name, "\n") {
			continue // submodules; names the batch protocol cannot carry
		}
		var display string
		switch {
		case name == rel:
			// p names a file: taken whatever its extension, as Load does.
			display = inventory.DisplayName(p)
		case rel == "." || strings.HasPrefix(name, rel+"/"):
			sub := name
			if rel != "." {
				sub = strings.TrimPrefix(name, rel+"/")
			}
			if hiddenDir(sub) || !(strings.HasSuffix(sub, ".yaml") || strings.HasSuffix(sub, ".yml")) {
				continue
			}
			display = inventory.DisplayName(filepath.Join(p, filepath.FromSlash(sub)))
		default:
			continue
		}
		entries = append(entries, entry{commit + ":" + name, display})
	}
	if len(entries) == 0 {
		return nil, nil
	}
	objects := make([]string, len(entries))
	for i, e := range entries {
		objects[i] = e.object
	}
	blobs, err := catBlobs(ctx, top, objects)
	if err != nil {
		return nil, fmt.Errorf("--base %s: read %s: %w", ref, p, err)
	}
	var files []inventory.File
	for i, e := range entries {
		if blobs[i] != nil {
			files = append(files, inventory.File{Name: e.name, Data: blobs[i]})
		}
	}
	return files, nil
}

// repoRelative is abs relative to the work tree top, slash-separated ("."
// for the top itself); symbolic links are resolved on both, since git
// reports the real path of the top.
func repoRelative(top, abs string) (string, error) {
	realTop, err := filepath.EvalSymlinks(top)
	if err != nil {
		realTop = top
	}
	realAbs, err := filepath.EvalSymlinks(abs)
	if err != nil {
		realAbs = abs
	}
	rel, err := filepath.Rel(realTop, realAbs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("not inside the git work tree %s", top)
	}
	return filepath.ToSlash(rel), nil
}

// hiddenDir reports whether a slash-separated file path lies in a hidden
// directory (.git, .github), which the loader skips.
func hiddenDir(name string) bool {
	dir := path.Dir(name)
	if dir == "." {
		return false
	}
	for _, seg := range strings.Split(dir, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// catBlobs reads objects named commit:path with one git cat-file --batch
// --follow-symlinks: a symbolic link to a file of the same commit reads as
// that file, as the loader follows file links in the working tree. An
// object that is not a file (a link out of the repository, a dangling link,
// a link to a directory) is nil: the loader would not read it either. A
// blob larger than inventory.MaxFileSize is cut one byte past the limit, so
// the loader reports it as too large without ropa holding it in memory.
func catBlobs(ctx context.Context, top string, objects []string) ([][]byte, error) {
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch", "--follow-symlinks")
	cmd.Dir = top
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	cmd.Stdin = strings.NewReader(strings.Join(objects, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errNoGit
		}
		return nil, err
	}
	blobs, readErr := readBatch(bufio.NewReaderSize(pipe, 64<<10), objects)
	if readErr != nil {
		_, _ = io.Copy(io.Discard, pipe)
	}
	if err := cmd.Wait(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return blobs, readErr
}

// readBatch parses the output of git cat-file --batch --follow-symlinks:
// "<oid> <type> <size>" then the content, or "<object> missing", or
// "dangling|loop|notdir|symlink <size>" then a path.
func readBatch(r *bufio.Reader, objects []string) ([][]byte, error) {
	out := make([][]byte, len(objects))
	for i, obj := range objects {
		header, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %s: %w", obj, err)
		}
		f := strings.Fields(header)
		var size int64 = -1
		blob := false
		switch {
		case len(f) == 3:
			blob = f[1] == "blob"
			size, err = strconv.ParseInt(f[2], 10, 64)
		case len(f) == 2 && (f[0] == "dangling" || f[0] == "loop" || f[0] == "notdir" || f[0] == "symlink"):
			size, err = strconv.ParseInt(f[1], 10, 64)
		case len(f) > 0 && f[len(f)-1] == "missing":
			continue
		}
		if err != nil || size < 0 {
			return nil, fmt.Errorf("git cat-file: %s: unexpected %q", obj, strings.TrimSpace(header))
		}
		keep := int64(0)
		if blob {
			keep = min(size, int64(inventory.MaxFileSize)+1)
			out[i] = make([]byte, keep)
			if _, err := io.ReadFull(r, out[i]); err != nil {
				return nil, fmt.Errorf("git cat-file: %s: %w", obj, err)
			}
		}
		if _, err := io.CopyN(io.Discard, r, size-keep+1); err != nil { // the rest and the newline
			return nil, fmt.Errorf("git cat-file: %s: %w", obj, err)
		}
	}
	return out, nil
}
