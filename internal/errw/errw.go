// Package errw is the one writer that keeps the first write error, so
// that report and listing code can print freely and check once.
package errw

import (
	"fmt"
	"io"
)

// Writer prints to W until a write fails; Err is the first error.
type Writer struct {
	W   io.Writer
	Err error
}

// New returns a Writer on w.
func New(w io.Writer) *Writer { return &Writer{W: w} }

// Printf prints unless an earlier write failed.
func (e *Writer) Printf(format string, args ...any) {
	if e.Err == nil {
		_, e.Err = fmt.Fprintf(e.W, format, args...)
	}
}
