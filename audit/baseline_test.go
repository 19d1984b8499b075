package audit

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ropa-project/ropa/inventory"
)

// Fixtures shared by the baseline and diff tests: a small inventory with
// four findings (gdpr/consent-withdrawal and gdpr/retention on the
// newsletter, gdpr/processor-contract on payroll, gdpr/data-minimisation on
// phone), and the same inventory reordered, reformatted and split into
// other files.

var ciAsOf = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var ciBase = map[string]string{
	"controller.yaml": `version: 1
controller:
  name: Example SAS
  contact: privacy@example.org
  country: FR
  dpo: {name: Jane Doe, contact: dpo@example.org}
rights:
  contact: privacy@example.org
  supported: [access, rectification, erasure, restriction, objection, portability, complaint, withdraw_consent]
`,
	"data.yaml": `version: 1
subjects:
  - {id: customer, description: Customers}
data:
  - {id: identity, description: Names, category: user.name, source: data_subject}
  - {id: email, description: Email address, category: user.contact.email}
  - {id: phone, description: Phone number, category: user.contact.phone_number}
`,
	"activities.yaml": `version: 1
activities:
  - id: billing
    name: Billing
    purpose: Billing and payment collection
    lawful_basis: contract
    subjects: [customer]
    data: [identity, email]
    recipients: [payroll]
    systems: [hosting]
    retention: {period: P10Y, after: end_of_contract}
    security: [encryption]
  - id: newsletter
    name: Newsletter
    purpose: Monthly newsletter
    lawful_basis: consent
    subjects: [customer]
    data: [email]
    systems: [hosting]
    security: [encryption]
`,
	"systems.yaml": `version: 1
systems:
  - {id: hosting, description: Production, provider: OVHcloud, countries: [FR], contract: OVHcloud DPA 2024}
recipients:
  - {id: payroll, description: Payroll provider, role: processor, countries: [FR]}
security_measures:
  - {id: encryption, description: Encryption at rest, kind: encryption}
`,
}

// ciMoved is ciBase reordered (items and keys), reformatted (flow and block
// styles, quoting, comments, blank lines) and split across other files:
// every line has moved.
var ciMoved = map[string]string{
	"org/controller.yml": `# The controller and the rights, reformatted.

version: 1

rights:
  supported:
    - withdraw_consent
    - complaint
    - portability
    - objection
    - restriction
    - erasure
    - rectification
    - access
  contact: "privacy@example.org"
controller:
  dpo:
    contact: dpo@example.org
    name: Jane Doe
  country: 'FR'
  contact: privacy@example.org
  name: Example SAS
`,
	"org/infra.yaml": `version: 1
security_measures:
  - kind: encryption
    description: Encryption at rest
    id: encryption
recipients:
  - role: processor
    countries: [FR]
    description: Payroll provider
    id: payroll
systems:
  - id: hosting
    countries:
      - FR
    contract: "OVHcloud DPA 2024"
    provider: OVHcloud
    description: Production
`,
	"processing/newsletter.yaml": `version: 1


activities:
  # Moved to its own file.
  - security: [encryption]
    systems: [hosting]
    data: [email]
    subjects: [customer]
    lawful_basis: consent
    purpose: Monthly newsletter
    name: Newsletter
    id: newsletter
`,
	"processing/billing.yaml": `version: 1
data:
  - {id: phone, description: Phone number, category: user.contact.phone_number}
  - {id: email, description: Email address, category: user.contact.email}
  - {id: identity, description: Names, category: user.name, source: data_subject}
activities:
  - id: billing
    retention:
      after: end_of_contract
      period: P10Y
    name: Billing
    purpose: Billing and payment collection
    lawful_basis: contract
    subjects: [customer]
    data: [email, identity]
    recipients: [payroll]
    systems: [hosting]
    security: [encryption]
subjects:
  - id: customer
    description: Customers
`,
}

var (
	ciEngineOnce sync.Once
	ciEng        *Engine
	ciEngErr     error
)

// ciEngine compiles the built-in rules once for all baseline and diff
// tests.
func ciEngine(t testing.TB) *Engine {
	t.Helper()
	ciEngineOnce.Do(func() {
		ciEng, ciEngErr = NewEngine(context.Background(), EngineOptions{})
	})
	if ciEngErr != nil {
		t.Fatalf("NewEngine: %v", ciEngErr)
	}
	return ciEng
}

// ciLoad loads an inventory from memory.
func ciLoad(t testing.TB, files map[string]string) *inventory.Inventory {
	t.Helper()
	var fs []inventory.File
	for name, data := range files {
		fs = append(fs, inventory.File{Name: name, Data: []byte(data)})
	}
	inv, err := inventory.LoadFiles(fs)
	if err != nil {
		t.Fatalf("LoadFiles: %v", err)
	}
	return inv
}

// ciAudit loads and audits an inventory.
func ciAudit(t testing.TB, files map[string]string) (*inventory.Inventory, *Result) {
	t.Helper()
	inv := ciLoad(t, files)
	res, err := ciEngine(t).Audit(context.Background(), inv, Options{AsOf: ciAsOf})
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return inv, res
}

// ciWith returns a copy of files with changes applied (an empty value
// deletes the file).
func ciWith(files map[string]string, changes map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	for k, v := range changes {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// rulePaths lists findings as "rule path".
func rulePaths(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Rule+" "+f.Path)
	}
	return out
}

func baselineBytes(t *testing.T, res *Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, NewBaseline(res)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBaselineFormat(t *testing.T) {
	_, res := ciAudit(t, ciBase)
	got := string(baselineBytes(t, res))
	want := `{
  "version": 1,
  "findings": [
    {"fingerprint": "` + Fingerprint("gdpr/consent-withdrawal", "activities/newsletter/consent") + `", "rule": "gdpr/consent-withdrawal", "path": "activities/newsletter/consent"},
    {"fingerprint": "` + Fingerprint("gdpr/data-minimisation", "data/phone") + `", "rule": "gdpr/data-minimisation", "path": "data/phone"},
    {"fingerprint": "` + Fingerprint("gdpr/processor-contract", "recipients/payroll/contract") + `", "rule": "gdpr/processor-contract", "path": "recipients/payroll/contract"},
    {"fingerprint": "` + Fingerprint("gdpr/retention", "activities/newsletter/retention") + `", "rule": "gdpr/retention", "path": "activities/newsletter/retention"}
  ]
}
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("baseline (-want +got):\n%s", diff)
	}
	b, err := ReadBaseline(strings.NewReader(got))
	if err != nil {
		t.Fatalf("ReadBaseline of WriteBaseline output: %v", err)
	}
	if diff := cmp.Diff(NewBaseline(res), b); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestBaselineEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, &Baseline{Version: BaselineVersion}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"version\": 1,\n  \"findings\": []\n}\n"
	if buf.String() != want {
		t.Errorf("empty baseline = %q, want %q", buf.String(), want)
	}
	b, err := ReadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b.Findings == nil || len(b.Findings) != 0 {
		t.Errorf("findings = %#v, want empty", b.Findings)
	}
}

// TestBaselineStable proves that a baseline survives reordering,
// reformatting and line moves: the file written from the moved inventory is
// byte-identical, and the baseline of one applied to the other finds nothing
// new and nothing stale.
func TestBaselineStable(t *testing.T) {
	_, before := ciAudit(t, ciBase)
	_, after := ciAudit(t, ciMoved)
	if len(before.Findings) != 4 {
		t.Fatalf("fixture: want 4 findings, got %v", rulePaths(before.Findings))
	}
	// The findings really moved.
	if before.Findings[0].Location == after.Findings[0].Location {
		t.Fatalf("fixture: locations did not move: %v", before.Findings[0].Location)
	}
	if b1, b2 := baselineBytes(t, before), baselineBytes(t, after); !bytes.Equal(b1, b2) {
		t.Errorf("baseline changed with a reformat:\n%s", cmp.Diff(string(b1), string(b2)))
	}
	br := ApplyBaseline(after, NewBaseline(before))
	if len(br.New) != 0 || len(br.Stale) != 0 || len(br.Known) != 4 {
		t.Errorf("new %v, stale %v, known %d; want 0, 0, 4", rulePaths(br.New), br.Stale, len(br.Known))
	}
}

func TestApplyBaseline(t *testing.T) {
	_, before := ciAudit(t, ciBase)
	base := NewBaseline(before)
	// Fix the newsletter's retention, break the billing purpose.
	after := ciWith(ciBase, map[string]string{
		"activities.yaml": strings.NewReplacer(
			"    purpose: Billing and payment collection\n", "",
			"    data: [email]\n", "    data: [email]\n    retention: {period: P3Y}\n",
		).Replace(ciBase["activities.yaml"]),
	})
	_, res := ciAudit(t, after)
	br := ApplyBaseline(res, base)
	if diff := cmp.Diff([]string{"gdpr/purpose activities/billing/purpose"}, rulePaths(br.New)); diff != "" {
		t.Errorf("new (-want +got):\n%s", diff)
	}
	wantStale := []BaselineEntry{{Fingerprint: Fingerprint("gdpr/retention", "activities/newsletter/retention"), Rule: "gdpr/retention", Path: "activities/newsletter/retention"}}
	if diff := cmp.Diff(wantStale, br.Stale); diff != "" {
		t.Errorf("stale (-want +got):\n%s", diff)
	}
	if len(br.Known) != 3 {
		t.Errorf("known = %v, want 3", rulePaths(br.Known))
	}
	if br.NowWaived(br.Stale[0]) {
		t.Errorf("fixed entry reported as waived")
	}
	if got := br.Summary("b.json"); got != (BaselineSummary{File: "b.json", New: 1, Known: 3, Stale: 1}) {
		t.Errorf("summary = %+v", got)
	}

	gated := br.Gate(res)
	if diff := cmp.Diff([]string{"gdpr/purpose activities/billing/purpose"}, rulePaths(gated.Findings)); diff != "" {
		t.Errorf("gated findings (-want +got):\n%s", diff)
	}
	if gated.Summary.Errors != 1 || gated.Summary.Warnings != 0 || gated.Summary.Files != 4 {
		t.Errorf("gated summary = %+v", gated.Summary)
	}
	if len(res.Findings) != 4 {
		t.Errorf("Gate modified the result it was given")
	}
	if !gated.Fails(inventory.SeverityError) {
		t.Errorf("gated result does not fail on its new error")
	}
	// Without the new error, the gate passes although the debt remains.
	_, resOld := ciAudit(t, ciBase)
	if g := ApplyBaseline(resOld, base).Gate(resOld); g.Fails(inventory.SeverityWarning) || len(g.Findings) != 0 {
		t.Errorf("baselined debt still reported: %v", rulePaths(g.Findings))
	}
}

// TestApplyBaselineMultiset: n identical entries cover n identical
// findings, and findings without a path are told apart by file.
func TestApplyBaselineMultiset(t *testing.T) {
	// A rule finding twice at one path (a multiset), and a rule finding
	// about whole files (no path: the file is part of its fingerprint).
	fp := Fingerprint("gdpr/retention", "activities/x")
	f := func(rule, path, file string) Finding {
		return Finding{Rule: rule, Path: path, Severity: inventory.SeverityError, Location: inventory.Location{File: file, Line: 1, Column: 1}}
	}
	res := &Result{Findings: []Finding{
		f("gdpr/retention", "activities/x", "a.yaml"),
		f("gdpr/retention", "activities/x", "b.yaml"),
		f("acme/banner", "", "broken.yaml"),
		f("acme/banner", "", "other.yaml"),
	}}
	setFingerprints(res.Findings)
	base := &Baseline{Version: 1, Findings: []BaselineEntry{
		{Fingerprint: fp, Rule: "gdpr/retention", Path: "activities/x"},
		{Fingerprint: fileFingerprint("acme/banner", "", "broken.yaml"), Rule: "acme/banner", File: "broken.yaml"},
		{Fingerprint: fileFingerprint("acme/banner", "", "gone.yaml"), Rule: "acme/banner", File: "gone.yaml"},
	}}
	br := ApplyBaseline(res, base)
	want := []string{"gdpr/retention activities/x", "acme/banner "}
	if diff := cmp.Diff(want, rulePaths(br.New)); diff != "" {
		t.Errorf("new (-want +got):\n%s", diff)
	}
	if len(br.New) == 2 && br.New[1].Location.File != "other.yaml" {
		t.Errorf("new banner finding in %s, want other.yaml", br.New[1].Location.File)
	}
	if len(br.Stale) != 1 || br.Stale[0].File != "gone.yaml" {
		t.Errorf("stale = %+v, want the gone.yaml entry", br.Stale)
	}
	// NewBaseline records the file of findings without a path only.
	nb := NewBaseline(res)
	for _, e := range nb.Findings {
		if (e.Path == "") != (e.File != "") {
			t.Errorf("entry %+v: file must be set exactly when path is empty", e)
		}
	}
	// Fingerprints in a report are unique, baselines stay multisets.
	if res.Findings[0].Fingerprint == res.Findings[1].Fingerprint || res.Findings[2].Fingerprint == res.Findings[3].Fingerprint {
		t.Errorf("fingerprints not unique: %+v", res.Findings)
	}
	// Structural entries cannot be baselined.
	_, err := ReadBaseline(strings.NewReader(`{"version": 1, "findings": [{"fingerprint": "x", "rule": "inventory/syntax", "path": ""}]}`))
	if err == nil || !strings.Contains(err.Error(), "cannot be baselined") {
		t.Errorf("structural entry: err = %v", err)
	}
}

func TestBaselineSkipsWaived(t *testing.T) {
	files := ciWith(ciBase, map[string]string{"waivers.yaml": `version: 1
waivers:
  - {rule: gdpr/data-minimisation, target: data/phone, reason: Kept for the next release, approved_by: DPO, expires: 2027-01-01}
`})
	_, res := ciAudit(t, files)
	b := NewBaseline(res)
	for _, e := range b.Findings {
		if e.Rule == "gdpr/data-minimisation" {
			t.Errorf("waived finding recorded: %+v", e)
		}
	}
	if len(b.Findings) != 3 {
		t.Errorf("entries = %+v, want 3", b.Findings)
	}
	// A waived finding is reported as waived and never matches an entry:
	// the entry of the old baseline is stale.
	_, old := ciAudit(t, ciBase)
	br := ApplyBaseline(res, NewBaseline(old))
	if len(br.Waived) != 1 || len(br.New) != 0 || len(br.Stale) != 1 {
		t.Fatalf("waived %v new %v stale %v", rulePaths(br.Waived), rulePaths(br.New), br.Stale)
	}
	if !br.NowWaived(br.Stale[0]) {
		t.Errorf("stale entry %+v not reported as now waived", br.Stale[0])
	}
	if g := br.Gate(res); len(g.Findings) != 1 || !g.Findings[0].Waived || g.Summary.Waived != 1 {
		t.Errorf("gate must keep the waived finding: %+v", g.Findings)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	good := Fingerprint("gdpr/retention", "activities/x")
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "  \n", "empty file: expected a ropa baseline"},
		{"not json", "version: 1\n", "1:1: invalid JSON: invalid character 'v' looking for beginning of value"},
		{"syntax error position", "{\n  \"version\": 1,\n  \"findings\": [,]\n}\n", "3:16: invalid JSON: invalid character ','"},
		{"truncated", "{\"version\": 1, \"findings\": [", "invalid JSON: unexpected end of JSON input"},
		{"no version", `{"findings": []}`, `no "version": not a ropa baseline`},
		{"future version", `{"version": 2, "findings": []}`, "baseline version 2 is not supported (this ropa reads version 1)"},
		{"wrong type", `{"version": 1, "findings": {}}`, "invalid JSON: cannot unmarshal object into Go struct field Baseline.findings"},
		{"unknown field", `{"version": 1, "findings": [], "extra": true}`, `invalid JSON: unknown field "extra"`},
		{"no fingerprint", `{"version": 1, "findings": [{"rule": "gdpr/retention", "path": "activities/x"}]}`, "findings[0]: no fingerprint"},
		{"edited", `{"version": 1, "findings": [{"fingerprint": "` + good + `", "rule": "gdpr/retention", "path": "activities/y"}]}`,
			"findings[0] (gdpr/retention activities/y): fingerprint " + good + " does not match the rule and path"},
		{"trailing data", `{"version": 1, "findings": []} {}`, "1:32: invalid JSON: invalid character '{' after top-level value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBaseline(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	// Entries with a fingerprint only are accepted.
	b, err := ReadBaseline(strings.NewReader(`{"version": 1, "findings": [{"fingerprint": "abc"}]}`))
	if err != nil || len(b.Findings) != 1 {
		t.Errorf("fingerprint-only entry: %v, %+v", err, b)
	}
}

func TestReadBaselineFile(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadBaselineFile(filepath.Join(dir, "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json: no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"version\": 1,\n  oops\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadBaselineFile(bad)
	if err == nil || err.Error() != "baseline "+bad+":3:3: invalid JSON: invalid character 'o' looking for beginning of object key string" {
		t.Errorf("bad file: %v", err)
	}
	old := filepath.Join(dir, "old.json")
	if err := os.WriteFile(old, []byte(`{"version": 7}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadBaselineFile(old)
	if err == nil || err.Error() != "baseline "+old+": baseline version 7 is not supported (this ropa reads version 1)" {
		t.Errorf("old file: %v", err)
	}
}
