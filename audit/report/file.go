package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ropa-project/ropa/audit"
)

// WriteFile renders r into name atomically: the report is rendered in
// memory, written to a temporary file in the same directory and renamed
// over name, so a failed run never truncates an existing report.
func WriteFile(name string, w Writer, r *audit.Result) error {
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return WriteFileAtomic(name, buf.Bytes())
}

// WriteFileAtomic writes data to name through a temporary file and a
// rename in the same directory.
func WriteFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
