// Package inventory loads ropa inventories (format v1): it reads one file or
// a directory tree of YAML files, keeps the source position of every node,
// validates each file against the JSON Schema, merges the sections and runs
// the structural checks (duplicate ids, unknown references, unknown
// taxonomy keys). Everything it finds about the input is a Finding with a
// position; errors are kept for what stops the tool itself (a missing path,
// an unreadable file).
package inventory

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// MaxFileSize is the largest inventory file ropa reads. It bounds memory on
// hostile input while leaving room for 100k-activity generated inventories
// (about 40 MiB of YAML).
const MaxFileSize = 64 << 20

// MaxDepth is the deepest nesting an inventory file may have. Format v1
// needs 5 levels; the margin leaves room for comments-as-data mistakes
// while refusing pathological documents before they cost stack or time.
const MaxDepth = 32

// File is one inventory file: its display name (relative to the current
// directory when below it, slash-separated) and its content.
type File struct {
	Name string
	Data []byte

	// oversize is set by Load for a file over MaxFileSize, which is then
	// reported without being read.
	oversize bool
}

// Inventory is a loaded, merged inventory.
type Inventory struct {
	// Files lists the display names of the files read, sorted.
	Files []string

	// Findings are the structural findings (inventory/* rules), sorted.
	Findings []Finding

	// Rejected are the id paths of the values that failed the schema and
	// were dropped from Document and from the Model: no rule sees them,
	// and a rule finding at or below one of them is not reported (the
	// schema finding is the finding about it).
	Rejected []string
	// RejectedValues are the scalars of those values, as text (for tests
	// that check no rule names them).
	RejectedValues []string

	// Unchecked counts the references that were not checked because a
	// file could not be parsed (it might declare their targets), and
	// Unparsed names those files: reports add one note instead of a
	// finding per reference.
	Unchecked int
	Unparsed  []string

	// Document is the merged inventory as plain values (maps, slices,
	// strings, int64, float64, bool, nil): the shape rules see as input.
	Document map[string]any

	index     *index
	modelOnce sync.Once
	model     *Model
}

// Model is the inventory decoded into typed sections, in file order. Items
// that fail to decode (their schema errors are findings) are left out.
type Model struct {
	Controller       *Controller
	Subjects         []Subject
	Data             []DataCategory
	Systems          []System
	Recipients       []Recipient
	Activities       []Activity
	Cookies          []Cookie
	SecurityMeasures []SecurityMeasure
	Commitments      *Commitments
	Rights           *Rights
	Waivers          []Waiver
}

// Load reads the inventory at paths (files or directories, searched
// recursively for *.yaml and *.yml) and merges it.
func Load(paths ...string) (*Inventory, error) {
	return LoadWith(LoadOptions{}, paths...)
}

// LoadOptions configure Load.
type LoadOptions struct {
	// Exclude lists glob patterns (path.Match syntax) of files and
	// directories to leave out of a directory walk, matched against the
	// slash-separated path relative to the directory given and against the
	// base name (--exclude).
	Exclude []string
}

// LoadWith is Load with options.
func LoadWith(opts LoadOptions, paths ...string) (*Inventory, error) {
	for _, g := range opts.Exclude {
		if _, err := path.Match(g, ""); err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", g, err)
		}
	}
	names, err := DiscoverWith(opts, paths...)
	if err != nil {
		return nil, err
	}
	files := make([]File, len(names))
	errs := make([]error, len(names))
	parallel(len(names), func(i int) {
		files[i].Name = DisplayName(names[i])
		files[i].Data, files[i].oversize, errs[i] = readLimited(names[i])
	})
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", files[i].Name, err)
		}
	}
	return LoadFiles(files)
}

// Discover expands paths into the sorted list of inventory files. Hidden
// directories (.git, .github) and dotfiles are skipped; directory symlinks
// are not followed, so symlink loops cannot trap it.
func Discover(paths ...string) ([]string, error) { return DiscoverWith(LoadOptions{}, paths...) }

// IsInventoryFile is the one rule of which files of a directory are
// inventory files, shared by the loader and by ropa diff reading a git
// revision: rel is the file's slash-separated path relative to the
// directory given. It is a *.yaml or *.yml file that is not hidden (no
// segment starts with a dot) and that no exclude pattern matches (by
// relative path, by the path of a directory holding it, or by base name).
func IsInventoryFile(rel string, exclude []string) bool {
	if !isInventoryName(path.Base(rel)) {
		return false
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		if strings.HasPrefix(seg, ".") {
			return false
		}
		for _, g := range exclude {
			if ok, _ := path.Match(g, seg); ok {
				return false
			}
			if ok, _ := path.Match(g, strings.Join(segs[:i+1], "/")); ok {
				return false
			}
		}
	}
	return true
}

// DiscoverWith is Discover with options.
func DiscoverWith(opts LoadOptions, paths ...string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("no inventory path given")
	}
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("inventory path: %w", unwrapPathError(err, root))
		}
		if !info.IsDir() {
			add(filepath.Clean(root))
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("walk %s: %w", p, err)
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if p != root && !IsInventoryFile(rel+"/x.yaml", opts.Exclude) {
					return filepath.SkipDir
				}
				return nil
			}
			if !IsInventoryFile(rel, opts.Exclude) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a directory is not followed. A dangling link
				// is kept: reading it gives an error naming it, in the
				// working tree as in a git revision (internal/gitsrc).
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return nil
				}
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no *.yaml or *.yml file in %s", strings.Join(paths, ", "))
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(DisplayName(a), DisplayName(b)) })
	return out, nil
}

func isInventoryName(n string) bool {
	return strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")
}

// unwrapPathError drops the operation name from *fs.PathError so messages
// read "x.yaml: no such file or directory".
func unwrapPathError(err error, p string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", p, pe.Err)
	}
	return err
}

// readLimited reads a file unless its size is over MaxFileSize, so a huge
// file is refused without holding it in memory. A file that grows while it
// is read is cut at MaxFileSize+1 bytes, which parseFile still refuses.
func readLimited(name string) (data []byte, oversize bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false, unwrapPathError(err, name)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileSize {
		return nil, true, nil
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, false, unwrapPathError(err, name)
	}
	return b, len(b) > MaxFileSize, nil
}

// DisplayName is the name findings give a file: relative to the current
// directory when the file is below it, absolute otherwise, slash-separated.
func DisplayName(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// parallel runs f(0..n-1) on up to workers() goroutines.
func parallel(n int, f func(i int)) {
	w := min(n, workers())
	if w <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// LoadFiles parses, validates and merges files already in memory (the
// working tree, or a git revision read by ropa diff). Files are processed
// in name order whatever their order in the slice.
func LoadFiles(files []File) (*Inventory, error) {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(files); i++ {
		if files[i].Name == files[i-1].Name {
			return nil, fmt.Errorf("file %s given twice", files[i].Name)
		}
	}
	sch, err := compiledSchema()
	if err != nil {
		return nil, err
	}
	parsed := make([]*parsedFile, len(files))
	parallel(len(files), func(i int) {
		if files[i].oversize {
			parsed[i] = &parsedFile{name: files[i].Name}
			parsed[i].addAt(RuleSyntax, 1, 1, "file is larger than the %d MiB limit", MaxFileSize>>20)
			return
		}
		parsed[i] = parseFile(files[i].Name, files[i].Data, sch)
	})
	inv := merge(parsed)
	if err := inv.check(); err != nil {
		return nil, err
	}
	SortFindings(inv.Findings)
	return inv, nil
}
