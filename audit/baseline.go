package audit

// Baselines let CI fail on what a change introduces, not on old debt.
//
// File format (version 1), JSON, one entry per line so that a baseline
// refresh reads as a line-by-line diff in review:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"fingerprint": "3f1c...", "rule": "gdpr/retention", "path": "activities/billing/retention"},
//	    {"fingerprint": "9a0b...", "rule": "acme/banner", "path": "", "file": "inventory/site.yaml"}
//	  ]
//	}
//
// An entry is the fingerprint of a finding (Fingerprint(rule, path)) with the
// rule and the path kept for the reader; "file" appears only for findings
// without a path (a user rule's finding about a whole file), whose
// fingerprint includes it. Structural findings (inventory/syntax, schema,
// duplicate-id, unknown-reference, unknown-category) are never recorded:
// ReadBaseline refuses them and ropa baseline refuses to run while there
// are any (the SPEC's gate integrity). Entries carry no message, severity
// or position: messages may quote positions and change wording between ropa
// versions, and none of them identify a finding, so the file is byte-stable
// under reordering, reformatting and line moves. Entries are sorted by rule,
// path, file; an entry may appear twice when a finding does (a rule that
// reports one path twice): report fingerprints then differ by an
// occurrence number, entries keep the base fingerprint.
//
// Waived findings are not recorded: a waiver already silences them until it
// expires, and a baseline entry would outlive the expiry.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/inventory"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is a set of known findings: the debt CI accepts.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one known finding.
type BaselineEntry struct {
	// Fingerprint is Fingerprint(Rule, Path); it alone identifies the
	// finding (with File when Path is empty).
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	// File is set only for findings without a path.
	File string `json:"file,omitempty"`
}

// key is what entries and findings match on: the base fingerprint (with
// the file for a finding without a path), without the occurrence number
// reports add, so that entries stay a multiset.
func (e BaselineEntry) key() string { return e.Fingerprint }

// findingKey is the key of a finding.
func findingKey(f Finding) string { return baseFingerprint(f) }

// NewBaseline records the unwaived findings of a result.
func NewBaseline(res *Result) *Baseline {
	b := &Baseline{Version: BaselineVersion, Findings: []BaselineEntry{}}
	for _, f := range res.Findings {
		if f.Waived {
			continue
		}
		e := BaselineEntry{Fingerprint: baseFingerprint(f), Rule: f.Rule, Path: f.Path}
		if f.Path == "" {
			e.File = f.Location.File
		}
		b.Findings = append(b.Findings, e)
	}
	sortEntries(b.Findings)
	return b
}

func sortEntries(es []BaselineEntry) {
	slices.SortFunc(es, func(a, b BaselineEntry) int {
		return cmp.Or(
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Path, b.Path),
			strings.Compare(a.File, b.File),
			strings.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
}

// WriteBaseline writes b in the baseline file format, entries sorted, one
// per line. The output depends on the set of entries only.
func WriteBaseline(w io.Writer, b *Baseline) error {
	es := slices.Clone(b.Findings)
	sortEntries(es)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", BaselineVersion)
	for i, e := range es {
		line, err := marshalCompact(e)
		if err != nil {
			return fmt.Errorf("encode baseline entry %s %s: %w", e.Rule, e.Path, err)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(es) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// marshalCompact encodes v on one line, with ", " and ": " separators for
// readability and without HTML escaping.
func marshalCompact(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	raw := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	// Re-space the separators outside strings.
	out := make([]byte, 0, len(raw)+16)
	inString, escaped := false, false
	for _, c := range raw {
		out = append(out, c)
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || c == ':'):
			out = append(out, ' ')
		}
	}
	return out, nil
}

// ReadBaseline parses a baseline file. Errors say what is wrong and where
// (line and column for JSON syntax errors); entries are checked: a
// fingerprint is required, and must match its rule and path when the rule
// is given (a hand-edited entry that no longer matches would silently stop
// covering its finding).
func ReadBaseline(r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty file: expected a ropa baseline (write one with ropa baseline PATH -o FILE)")
	}
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(data, err)
	}
	switch {
	case head.Version == nil:
		return nil, errors.New("no \"version\": not a ropa baseline (write one with ropa baseline PATH -o FILE)")
	case *head.Version != BaselineVersion:
		return nil, fmt.Errorf("baseline version %d is not supported (this ropa reads version %d)", *head.Version, BaselineVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, jsonError(data, err)
	}
	if b.Findings == nil {
		b.Findings = []BaselineEntry{}
	}
	for i, e := range b.Findings {
		switch {
		case e.Fingerprint == "":
			return nil, fmt.Errorf("findings[%d]: no fingerprint", i)
		case IsStructural(e.Rule):
			return nil, fmt.Errorf("findings[%d]: %s is a structural rule: it cannot be baselined (fix the inventory; see ropa lint)", i, e.Rule)
		case e.Rule != "" && e.Fingerprint != entryFingerprint(e):
			return nil, fmt.Errorf("findings[%d] (%s %s): fingerprint %s does not match the rule and path (edited by hand? regenerate with ropa baseline)", i, e.Rule, e.Path, e.Fingerprint)
		}
	}
	return &b, nil
}

// entryFingerprint is the fingerprint an entry must carry: its base
// fingerprint, computed as for a finding with its rule, path and file.
func entryFingerprint(e BaselineEntry) string {
	return baseFingerprint(Finding{Rule: e.Rule, Path: e.Path, Location: inventory.Location{File: e.File}})
}

// jsonError gives JSON decoding errors a line and column.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset - 1 // the offending byte
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(data))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if off < 0 {
		return fmt.Errorf("invalid JSON: %s", msg)
	}
	line, col := 1, 1
	for _, c := range data[:min(int(off), len(data))] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Errorf("%d:%d: invalid JSON: %s", line, col, msg)
}

// ReadBaselineFile reads and parses the baseline file name; errors name the
// file.
func ReadBaselineFile(name string) (*Baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	b, err := ReadBaseline(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("baseline %s:%w", name, spaceOrPosition(err))
	}
	return b, nil
}

// spaceOrPosition joins "name" and an error that may start with line:col,
// giving "name:3:5: ..." or "name: ...".
func spaceOrPosition(err error) error {
	s := err.Error()
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return err
	}
	return fmt.Errorf(" %w", err)
}

// BaselineResult splits the findings of an audit by a baseline.
type BaselineResult struct {
	// New are the unwaived findings no baseline entry covers: the ones a
	// gate fails on.
	New []Finding
	// Known are the unwaived findings a baseline entry covers.
	Known []Finding
	// Waived are the waived findings; they are reported as waived and never
	// matched against the baseline.
	Waived []Finding
	// Stale are the baseline entries that match no unwaived finding: the
	// finding was fixed (or is now waived), and the entry can go.
	Stale []BaselineEntry

	waived map[string]bool // keys of the waived findings
}

// NowWaived reports whether a stale entry's finding still exists, waived,
// rather than fixed.
func (b *BaselineResult) NowWaived(e BaselineEntry) bool { return b.waived[e.key()] }

// ApplyBaseline matches the unwaived findings of res against base by
// fingerprint (with the file for findings without a path). Entries are a
// multiset: n identical entries cover n identical findings. Positions and
// messages play no part, so the split survives reordering, reformatting and
// line moves.
func ApplyBaseline(res *Result, base *Baseline) *BaselineResult {
	avail := map[string]int{}
	for _, e := range base.Findings {
		avail[e.key()]++
	}
	out := &BaselineResult{waived: map[string]bool{}}
	for _, f := range res.Findings {
		switch k := findingKey(f); {
		case f.Waived:
			out.Waived = append(out.Waived, f)
			out.waived[k] = true
		case avail[k] > 0:
			avail[k]--
			out.Known = append(out.Known, f)
		default:
			out.New = append(out.New, f)
		}
	}
	for _, e := range base.Findings {
		if k := e.key(); avail[k] > 0 {
			avail[k]--
			out.Stale = append(out.Stale, e)
		}
	}
	sortEntries(out.Stale)
	return out
}

// Gate returns a copy of res that keeps the new and the waived findings
// only, with the summary recounted: what ropa audit --baseline reports and
// fails on. Known findings are left out of every report format.
func (b *BaselineResult) Gate(res *Result) *Result {
	kept := append(slices.Clone(b.New), b.Waived...)
	if kept == nil {
		kept = []Finding{}
	}
	inventory.SortFindings(kept)
	out := *res
	out.Findings = kept
	if res.Inventory != nil {
		out.Summary = Summarise(res.Inventory, kept)
	}
	return &out
}

// BaselineSummary counts what a baseline did to an audit; its JSON form is
// meant as an optional top-level "baseline" key of the JSON report (the
// SPEC's required keys are unchanged).
type BaselineSummary struct {
	File  string `json:"file"`
	New   int    `json:"new"`
	Known int    `json:"known"`
	Stale int    `json:"stale"`
}

// Summary counts b, for the baseline file name.
func (b *BaselineResult) Summary(name string) BaselineSummary {
	return BaselineSummary{File: name, New: len(b.New), Known: len(b.Known), Stale: len(b.Stale)}
}
