package audit

import (
	"runtime/debug"

	"github.com/ropa-project/ropa/inventory"
)

// Finding is the finding type shared with the inventory package.
type Finding = inventory.Finding

// RuleInfo is a rule's catalogue entry, read from its METADATA (built-in
// and user rules alike) or from the structural rule table.
type RuleInfo struct {
	ID          string             `json:"id"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	Severity    inventory.Severity `json:"severity"`
	Reference   string             `json:"reference,omitempty"`
	// URL links the legal text (the first related_resources entry).
	URL string `json:"url,omitempty"`
	// Resources are all the legal texts and guidance of METADATA
	// related_resources, in their order.
	Resources []Resource `json:"resources,omitempty"`
	// Builtin is false for rules loaded with --policy.
	Builtin bool `json:"builtin"`
	// Example is an inventory that makes the rule fire, and Fix the same
	// inventory corrected (METADATA custom.example and custom.fix).
	Example string `json:"example,omitempty"`
	Fix     string `json:"fix,omitempty"`
}

// Resource is one legal text or guidance a rule rests on.
type Resource struct {
	Description string `json:"description,omitempty"`
	URL         string `json:"url"`
}

// Summary counts a result's findings. Waived findings count only as
// waived, never as errors or warnings.
type Summary struct {
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Waived     int `json:"waived"`
	Files      int `json:"files"`
	Activities int `json:"activities"`
}

// Result is what an audit (or a lint) produced: the input for every
// report format.
type Result struct {
	// AsOf is the audit date, YYYY-MM-DD.
	AsOf     string
	Findings []Finding
	Summary  Summary
	// Rules is the catalogue of the rules that ran, sorted by id.
	Rules     []RuleInfo
	Inventory *inventory.Inventory
	// Transfers is the Chapter V assessment the rules made (see
	// Engine.AssessTransfers), for the reports.
	Transfers Transfers
}

// Summarise counts findings into a Summary.
func Summarise(inv *inventory.Inventory, fs []Finding) Summary {
	s := Summary{Files: len(inv.Files)}
	if acts, ok := inv.Document["activities"].([]any); ok {
		s.Activities = len(acts)
	}
	for _, f := range fs {
		switch {
		case f.Waived:
			s.Waived++
		case f.Severity == inventory.SeverityError:
			s.Errors++
		case f.Severity == inventory.SeverityWarning:
			s.Warnings++
		}
	}
	return s
}

// Fails reports whether any unwaived finding is at or above threshold.
func (r *Result) Fails(threshold inventory.Severity) bool {
	if threshold == inventory.SeverityNone {
		return false
	}
	for _, f := range r.Findings {
		if !f.Waived && f.Severity.Rank() >= threshold.Rank() {
			return true
		}
	}
	return false
}

// Rule returns the catalogue entry of a rule id.
func (r *Result) Rule(id string) (RuleInfo, bool) {
	for _, ri := range r.Rules {
		if ri.ID == id {
			return ri, true
		}
	}
	return RuleInfo{}, false
}

// version is set at link time by release builds:
//
//	go build -ldflags "-X github.com/ropa-project/ropa/audit.version=v1.2.0" ./cmd/ropa
var version string

// Version is ropa's version: the -ldflags -X override of release builds;
// else the main module version of the build info (v1.2.0 when installed
// with go install ...@v1.2.0, a pseudo-version with +dirty when go build
// stamped it from a git checkout); else the VCS revision of the build
// settings, "devel+3f2a9c1" or "devel+3f2a9c1-dirty"; else "dev" (go run,
// go test, -buildvcs=false).
func Version() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionFrom(bi)
}

// versionFrom reads the version out of a binary's build info.
func versionFrom(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 7 {
		rev = rev[:7]
	}
	v := "devel+" + rev
	if dirty {
		v += "-dirty"
	}
	return v
}
