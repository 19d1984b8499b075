// Package report renders audit results. Each format is one file behind the
// Writer interface; the list of format names is fixed, and an unknown name
// is an error, never a silent fallback.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/audit"
)

// Writer renders a result in one format.
type Writer interface {
	Write(w io.Writer, r *audit.Result) error
}

// WriterFunc adapts a function to Writer.
type WriterFunc func(w io.Writer, r *audit.Result) error

// Write calls f.
func (f WriterFunc) Write(w io.Writer, r *audit.Result) error { return f(w, r) }

// Format names.
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatSARIF    = "sarif"
	FormatJUnit    = "junit"
	FormatGitHub   = "github"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

var writers = map[string]Writer{
	FormatText:     Text{},
	FormatJSON:     WriterFunc(writeJSON),
	FormatSARIF:    WriterFunc(writeSARIF),
	FormatJUnit:    WriterFunc(writeJUnit),
	FormatGitHub:   WriterFunc(writeGitHub),
	FormatMarkdown: WriterFunc(writeMarkdown),
	FormatHTML:     WriterFunc(writeHTML),
}

// Formats lists the known format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(writers))
	for n := range writers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Lookup returns the writer of a format name.
func Lookup(name string) (Writer, error) {
	w, ok := writers[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats(), ", "))
	}
	return w, nil
}
