package inventory

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity is how serious a finding is. The zero value is not a valid
// severity: every finding is given one by its rule.
type Severity string

// The severities, from most to least serious. "none" exists only as a
// --fail-on threshold that nothing reaches.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityNone    Severity = "none"
)

// Rank orders severities so that thresholds compare with >=; unknown
// severities rank lowest so that a typo can never make a run fail.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 2
	case SeverityWarning:
		return 1
	}
	return 0
}

// ParseSeverity accepts the severities a user may type on the command line.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case SeverityError, SeverityWarning, SeverityNone:
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or none)", s)
}

// Location is a position in an inventory file. Line and Column are 1-based;
// a zero Line means the finding concerns the inventory as a whole.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// String formats the location the way compilers and editors expect it.
func (l Location) String() string {
	if l.Line == 0 {
		return l.File
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// Finding is one problem found in an inventory, by lint or by a rule.
// Path addresses the inventory by ids (activities/billing/retention), so a
// finding keeps its identity when lines move; Location is derived from it.
type Finding struct {
	Rule        string   `json:"rule"`
	Severity    Severity `json:"severity"`
	Message     string   `json:"message"`
	Path        string   `json:"path"`
	Location    Location `json:"location"`
	Reference   string   `json:"reference"`
	Waived      bool     `json:"waived"`
	Fingerprint string   `json:"fingerprint"`
	// WaiverReason carries the waiver's reason into reports; it is not part
	// of the SPEC's JSON shape.
	WaiverReason string `json:"-"`
}

// CompareFindings is the one order of findings in every report: file, line,
// column, rule, then path and message so that the order is total.
func CompareFindings(a, b Finding) int {
	return cmp.Or(
		strings.Compare(a.Location.File, b.Location.File),
		cmp.Compare(a.Location.Line, b.Location.Line),
		cmp.Compare(a.Location.Column, b.Location.Column),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Path, b.Path),
		strings.Compare(a.Message, b.Message),
	)
}

// SortFindings sorts findings in report order.
func SortFindings(fs []Finding) { slices.SortFunc(fs, CompareFindings) }
