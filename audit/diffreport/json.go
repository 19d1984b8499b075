package diffreport

import (
	"encoding/json"
	"io"

	"github.com/ropa-project/ropa/audit"
)

// jsonReport is the JSON form of a diff (version 1): the labels of the two
// sides, a summary with the gate's verdict, then the change set's lists
// (items, countries, transfers, lawful_basis, retention, special) and the
// findings new, fixed and waived, each finding in the shape of the audit
// JSON report. Every list is present, empty rather than null.
type jsonReport struct {
	Version int         `json:"version"`
	Tool    jsonTool    `json:"tool"`
	AsOf    string      `json:"as_of"`
	Old     string      `json:"old"`
	New     string      `json:"new"`
	Summary jsonSummary `json:"summary"`
	*audit.ChangeSet
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Items  int `json:"items"`
	New    int `json:"new_findings"`
	Fixed  int `json:"fixed_findings"`
	Waived int `json:"waived_findings"`
	// Significant are the classes of privacy-significant changes present.
	Significant []string `json:"significant"`
	// Fails is the gate's verdict with the run's --fail-on and
	// --fail-on-change; Triggered are the --fail-on-change classes that
	// made it fail.
	Fails     bool     `json:"fails"`
	Triggered []string `json:"triggered"`
}

func writeJSON(w io.Writer, r *Report) error {
	cs := r.Changes
	fails, _, triggered := r.Verdict()
	s := jsonSummary{
		Items: len(cs.Items), New: len(cs.Findings.New), Fixed: len(cs.Findings.Fixed), Waived: len(cs.Findings.Waived),
		Significant: cs.Significant(), Fails: fails, Triggered: triggered,
	}
	if s.Significant == nil {
		s.Significant = []string{}
	}
	if s.Triggered == nil {
		s.Triggered = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{
		Version:   1,
		Tool:      jsonTool{Name: "ropa", Version: audit.Version()},
		AsOf:      r.AsOf,
		Old:       r.Old,
		New:       r.New,
		Summary:   s,
		ChangeSet: cs,
	})
}
