package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
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

// baseFingerprint is the fingerprint of a finding before occurrences are
// numbered: Fingerprint(rule, path), with the file for a finding about a
// whole file (no path) and for a duplicate id (each file declaring it
// again is a finding of its own).
func baseFingerprint(f Finding) string {
	if f.Path == "" || f.Rule == inventory.RuleDuplicateID {
		return fileFingerprint(f.Rule, f.Path, f.Location.File)
	}
	return Fingerprint(f.Rule, f.Path)
}

func fileFingerprint(rule, path, file string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + file))
	return hex.EncodeToString(sum[:16])
}

// setFingerprints gives every finding of fs, sorted in report order, a
// fingerprint unique within fs: the base fingerprint for its first
// occurrence, and for the n-th finding with the same base (two syntax
// errors in one file, an id declared three times in one file) the base
// with the occurrence number, so code scanning never merges two findings
// into one alert.
func setFingerprints(fs []Finding) {
	seen := make(map[string]int, len(fs))
	for i := range fs {
		base := baseFingerprint(fs[i])
		n := seen[base]
		seen[base] = n + 1
		if n == 0 {
			fs[i].Fingerprint = base
			continue
		}
		sum := sha256.Sum256([]byte(base + "\x00#" + strconv.Itoa(n+1)))
		fs[i].Fingerprint = hex.EncodeToString(sum[:16])
	}
}

// Lint wraps the structural findings of a loaded inventory into a Result,
// without running any Rego. rules is the catalogue waivers are checked
// against (Catalogue); with none, the built-in one.
func Lint(inv *inventory.Inventory, asOf time.Time, rules ...RuleInfo) *Result {
	if len(rules) == 0 {
		var err error
		if rules, err = Catalogue(nil); err != nil {
			// The built-in pack is embedded and tested: this cannot fail
			// at run time, and lint still reports the loader's findings.
			rules = StructuralRules()
		}
	}
	known := make(map[string]bool, len(rules))
	ids := make([]string, 0, len(rules))
	for _, r := range rules {
		known[r.ID] = true
		ids = append(ids, r.ID)
	}
	fs := append(slices.Clone(inv.Findings), waiverRuleFindings(inv, known, ids)...)
	inventory.SortFindings(fs)
	setFingerprints(fs)
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
