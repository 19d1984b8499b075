package report

import (
	"encoding/json"
	"io"

	"github.com/ropa-project/ropa/audit"
)

// jsonReport is the SPEC's stable, versioned JSON report.
type jsonReport struct {
	Version  int             `json:"version"`
	Tool     jsonTool        `json:"tool"`
	AsOf     string          `json:"as_of"`
	Summary  audit.Summary   `json:"summary"`
	Findings []audit.Finding `json:"findings"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

func writeJSON(w io.Writer, r *audit.Result) error {
	fs := r.Findings
	if fs == nil {
		fs = []audit.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{
		Version:  1,
		Tool:     jsonTool{Name: "ropa", Version: audit.Version()},
		AsOf:     r.AsOf,
		Summary:  r.Summary,
		Findings: fs,
	})
}
