package report

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to name through a temporary file and a
// rename in the same directory.
func WriteFileAtomic(name string, data []byte) error {
	return WriteFilesAtomic([]string{name}, [][]byte{data})
}

// WriteFilesAtomic writes data[i] to names[i], all or none: each is
// written to a temporary file beside its target, and only when every one
// was written are they renamed over their targets. A failure (a missing
// directory, a full disk) removes the temporary files and leaves every
// target untouched.
func WriteFilesAtomic(names []string, data [][]byte) error {
	tmps := make([]string, 0, len(names))
	defer func() {
		for _, t := range tmps {
			os.Remove(t) // no-op after a successful rename
		}
	}()
	for i, name := range names {
		tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		tmps = append(tmps, tmp.Name())
		_, err = tmp.Write(data[i])
		if err == nil {
			err = tmp.Chmod(0o644)
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	for i, name := range names {
		if err := os.Rename(tmps[i], name); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}
