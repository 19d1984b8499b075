package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/ropa-project/ropa/inventory"
)

// Fingerprint identifies a finding across runs: it depends on the rule and
// the id path only, so it survives reordering, reformatting and line moves
// (baselines rely on it).
func Fingerprint(rule, path string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + path))
	return hex.EncodeToString(sum[:16])
}

// Lint wraps the structural findings of a loaded inventory into a Result,
// without running any Rego.
func Lint(inv *inventory.Inventory, asOf time.Time) *Result {
	fs := make([]Finding, len(inv.Findings))
	copy(fs, inv.Findings)
	for i := range fs {
		fs[i].Fingerprint = Fingerprint(fs[i].Rule, fs[i].Path)
	}
	inventory.SortFindings(fs)
	return &Result{
		AsOf:      asOf.Format(time.DateOnly),
		Findings:  fs,
		Summary:   Summarise(inv, fs),
		Rules:     StructuralRules(),
		Inventory: inv,
	}
}

// StructuralRules is the catalogue of the inventory/* rules, which ropa
// implements in Go rather than Rego because they need positions and the
// raw YAML.
func StructuralRules() []RuleInfo {
	e, w := inventory.SeverityError, inventory.SeverityWarning
	return []RuleInfo{
		{ID: inventory.RuleDuplicateID, Title: "Duplicate id", Severity: e, Builtin: true,
			Description: "An id is declared twice in a section; ids must be unique within their section across all files."},
		{ID: inventory.RuleExpiredWaiver, Title: "Expired waiver", Severity: w, Builtin: true,
			Description: "A waiver is past its expiry date: it no longer applies, and the finding it silenced is reported again."},
		{ID: inventory.RuleSchema, Title: "Schema violation", Severity: e, Builtin: true,
			Description: "A value has the wrong type, a key is unknown, or an enumeration, country code, duration, date or id is malformed."},
		{ID: inventory.RuleSyntax, Title: "Invalid YAML", Severity: e, Builtin: true,
			Description: "A file is not valid YAML, is not a mapping, or is refused (binary, over the size limit, aliases, too deep)."},
		{ID: inventory.RuleUnknownCategory, Title: "Unknown taxonomy key", Severity: e, Builtin: true,
			Description: "A data category or data use is not a key of the built-in taxonomy (fideslang-compatible, with the GDPR Art. 9/10 categories)."},
		{ID: inventory.RuleUnknownReference, Title: "Unknown reference", Severity: e, Builtin: true,
			Description: "An activity, cookie or waiver refers to an id that is not declared."},
		{ID: inventory.RuleUnusedWaiver, Title: "Unused waiver", Severity: w, Builtin: true,
			Description: "A waiver matches no finding: the problem it covered is gone, or its target is wrong."},
	}
}
