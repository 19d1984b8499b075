// Package gitsrc reads an inventory as committed in a git revision, through
// git itself (rev-parse, ls-tree, one cat-file --batch), for ropa diff
// --base. It selects files with the loader's own predicate
// (inventory.IsInventoryFile), so both sides of a diff read the same files.
package gitsrc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ropa-project/ropa/inventory"
)

// ErrNoGit is returned when git is not installed.
var ErrNoGit = errors.New("--base reads the inventory through git, which is not installed (or not in PATH)")

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
			return nil, ErrNoGit
		}
		if msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// Load loads the inventory at paths as committed in the revision
// ref, through git: it never looks at the working tree's files. Files are
// named as the loader names the working-tree files (relative to the current
// directory), so both sides of a diff use the same names. A path that does
// not exist at ref gives an empty inventory (everything is new); symbolic
// links to files are followed within the commit, submodules are skipped.
func Load(ctx context.Context, stderr io.Writer, ref string, paths []string, exclude []string) (*inventory.Inventory, error) {
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("--base %q: not a git revision", ref)
	}
	var files []inventory.File
	seen := map[string]bool{}
	commits := map[string]string{} // work tree top -> resolved commit
	for _, p := range paths {
		fs, err := gitFiles(ctx, ref, p, commits, exclude)
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
func gitFiles(ctx context.Context, ref, p string, commits map[string]string, exclude []string) ([]inventory.File, error) {
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
		if errors.Is(err, ErrNoGit) {
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
			if !inventory.IsInventoryFile(sub, exclude) {
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
		if blobs[i].broken != "" {
			// As the loader, which cannot read such a file in the
			// working tree either.
			return nil, fmt.Errorf("--base %s: read %s: %s", ref, e.name, blobs[i].broken)
		}
		if blobs[i].data != nil {
			files = append(files, inventory.File{Name: e.name, Data: blobs[i].data})
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

// blob is one object read by catBlobs: its content, or why a symbolic
// link cannot be read.
type blob struct {
	data   []byte
	broken string
}

// catBlobs reads objects named commit:path with one git cat-file --batch
// --follow-symlinks: a symbolic link to a file of the same commit reads as
// that file, as the loader follows file links in the working tree. An
// object that is not a file (a link out of the repository, a link to a
// directory) has no data: the loader would not read it either; a dangling
// link or a link loop is broken, which the loader reports as an error too. A
// blob larger than inventory.MaxFileSize is cut one byte past the limit, so
// the loader reports it as too large without ropa holding it in memory.
func catBlobs(ctx context.Context, top string, objects []string) ([]blob, error) {
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
			return nil, ErrNoGit
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
func readBatch(r *bufio.Reader, objects []string) ([]blob, error) {
	out := make([]blob, len(objects))
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
			switch f[0] {
			case "dangling":
				out[i].broken = "dangling symbolic link"
			case "loop":
				out[i].broken = "symbolic link loop"
			}
		case len(f) > 0 && f[len(f)-1] == "missing":
			continue
		}
		if err != nil || size < 0 {
			return nil, fmt.Errorf("git cat-file: %s: unexpected %q", obj, strings.TrimSpace(header))
		}
		keep := int64(0)
		if blob {
			keep = min(size, int64(inventory.MaxFileSize)+1)
			out[i].data = make([]byte, keep)
			if _, err := io.ReadFull(r, out[i].data); err != nil {
				return nil, fmt.Errorf("git cat-file: %s: %w", obj, err)
			}
		}
		if _, err := io.CopyN(io.Discard, r, size-keep+1); err != nil { // the rest and the newline
			return nil, fmt.Errorf("git cat-file: %s: %w", obj, err)
		}
	}
	return out, nil
}
