package audit

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ropa-project/ropa/inventory"
)

func ciDiff(t *testing.T, oldFiles, newFiles map[string]string) *ChangeSet {
	t.Helper()
	oi, or := ciAudit(t, oldFiles)
	ni, nr := ciAudit(t, newFiles)
	cs, err := Diff(oi, ni, or, nr)
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	return cs
}

// TestDiffMovesAreNoChange: reordering, reformatting and moving items to
// other files changes nothing.
func TestDiffMovesAreNoChange(t *testing.T) {
	cs := ciDiff(t, ciBase, ciMoved)
	if !cs.Empty() || len(cs.Countries)+len(cs.Transfers)+len(cs.LawfulBasis)+len(cs.Retention)+len(cs.Special) != 0 {
		b, _ := json.MarshalIndent(cs, "", "  ")
		t.Errorf("moved inventory differs:\n%s", b)
	}
}

// ciChanged is ciBase with one change of every kind.
var ciChanged = ciWith(ciBase, map[string]string{
	"data.yaml": `version: 1
subjects:
  - {id: customer, description: Customers}
data:
  - {id: identity, description: Names, category: user.name, source: data_subject}
  - {id: email, description: Email address, category: user.contact.email}
  - {id: health, description: Allergies, category: user.health.condition}
`,
	"activities.yaml": `version: 1
activities:
  - id: billing
    name: Billing
    purpose: Billing and payment collection
    lawful_basis: contract
    subjects: [customer]
    data: [identity, email]
    recipients: [payroll, us-analytics]
    systems: [hosting]
    retention: {period: P5Y, after: end_of_contract}
    security: [encryption]
  - id: newsletter
    name: Newsletter
    purpose: Monthly newsletter
    lawful_basis: legitimate_interests
    legitimate_interest: {interest: Customer retention, assessment: LIA-1}
    subjects: [customer]
    data: [email, health]
    systems: [hosting]
    retention: {period: P3Y}
    special_condition: explicit_consent
    consent: {mechanism: signed health form, withdrawal: account settings}
    security: [encryption]
cookies:
  - {name: session, activity: billing, purpose: strictly_necessary, lifetime: P1D, consent: exempt}
`,
	"systems.yaml": `version: 1
systems:
  - {id: hosting, description: Production, provider: Scaleway, countries: [FR, UK], contract: OVHcloud DPA 2024}
recipients:
  - {id: payroll, description: Payroll provider, role: processor, countries: [FR], contract: DPA-1}
  - {id: us-analytics, description: Analytics, role: processor, contract: DPA-2, countries: [US]}
security_measures:
  - {id: encryption, description: Encryption at rest, kind: encryption}
`,
})

func TestDiffChanges(t *testing.T) {
	cs := ciDiff(t, ciBase, ciChanged)

	wantItems := []ItemChange{
		{Section: "data", ID: "health", Change: ChangeAdded},
		{Section: "data", ID: "phone", Change: ChangeRemoved},
		{Section: "systems", ID: "hosting", Change: ChangeChanged, Fields: []FieldChange{
			{Field: "countries", Old: []any{"FR"}, New: []any{"FR", "UK"}, Added: []any{"UK"}},
			{Field: "provider", Old: "OVHcloud", New: "Scaleway"},
		}},
		{Section: "recipients", ID: "payroll", Change: ChangeChanged, Fields: []FieldChange{
			{Field: "contract", Old: nil, New: "DPA-1"},
		}},
		{Section: "recipients", ID: "us-analytics", Change: ChangeAdded},
		{Section: "activities", ID: "billing", Change: ChangeChanged, Fields: []FieldChange{
			{Field: "recipients", Old: []any{"payroll"}, New: []any{"payroll", "us-analytics"}, Added: []any{"us-analytics"}},
			{Field: "retention.period", Old: "P10Y", New: "P5Y"},
		}},
		{Section: "activities", ID: "newsletter", Change: ChangeChanged, Fields: []FieldChange{
			{Field: "consent.mechanism", Old: nil, New: "signed health form"},
			{Field: "consent.withdrawal", Old: nil, New: "account settings"},
			{Field: "data", Old: []any{"email"}, New: []any{"email", "health"}, Added: []any{"health"}},
			{Field: "lawful_basis", Old: "consent", New: "legitimate_interests"},
			{Field: "legitimate_interest.assessment", Old: nil, New: "LIA-1"},
			{Field: "legitimate_interest.interest", Old: nil, New: "Customer retention"},
			{Field: "retention.period", Old: nil, New: "P3Y"},
			{Field: "special_condition", Old: nil, New: "explicit_consent"},
		}},
		{Section: "cookies", ID: "session", Change: ChangeAdded},
	}
	if diff := cmp.Diff(wantItems, cs.Items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	wantCountries := []CountryChange{
		{Country: "GB", Change: ChangeAdded, ThirdCountry: true, Paths: []string{"systems/hosting"}},
		{Country: "US", Change: ChangeAdded, ThirdCountry: true, Paths: []string{"recipients/us-analytics"}},
	}
	if diff := cmp.Diff(wantCountries, cs.Countries); diff != "" {
		t.Errorf("countries (-want +got):\n%s", diff)
	}
	wantTransfers := []TransferChange{
		{Country: "GB", Path: "systems/hosting", Change: ChangeAdded, Activities: []string{"billing", "newsletter"}},
		{Country: "US", Path: "recipients/us-analytics", Change: ChangeAdded, Activities: []string{"billing"}},
	}
	if diff := cmp.Diff(wantTransfers, cs.Transfers); diff != "" {
		t.Errorf("transfers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]BasisChange{{Activity: "newsletter", Old: "consent", New: "legitimate_interests"}}, cs.LawfulBasis); diff != "" {
		t.Errorf("lawful basis (-want +got):\n%s", diff)
	}
	wantRetention := []RetentionChange{
		{Path: "activities/billing/retention/period", Old: "P10Y", New: "P5Y", Change: RetentionShortened},
		{Path: "activities/newsletter/retention/period", Old: "", New: "P3Y", Change: RetentionSet},
	}
	if diff := cmp.Diff(wantRetention, cs.Retention); diff != "" {
		t.Errorf("retention (-want +got):\n%s", diff)
	}
	wantSpecial := []SpecialChange{
		{Path: "data/health", Change: SpecialDeclared, Data: "health", Category: "user.health.condition", Tag: "art9"},
		{Path: "activities/newsletter", Change: SpecialUsed, Data: "health", Category: "user.health.condition", Tag: "art9"},
	}
	if diff := cmp.Diff(wantSpecial, cs.Special); diff != "" {
		t.Errorf("special (-want +got):\n%s", diff)
	}
	wantNew := []string{"gdpr/third-country-transfer recipients/us-analytics/transfer"}
	if diff := cmp.Diff(wantNew, rulePaths(cs.Findings.New)); diff != "" {
		t.Errorf("new findings (-want +got):\n%s", diff)
	}
	wantFixed := []string{
		"gdpr/consent-withdrawal activities/newsletter/consent",
		"gdpr/retention activities/newsletter/retention",
		"gdpr/data-minimisation data/phone",
		"gdpr/processor-contract recipients/payroll/contract",
	}
	if diff := cmp.Diff(wantFixed, rulePaths(cs.Findings.Fixed)); diff != "" {
		t.Errorf("fixed findings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"basis", "retention", "special", "transfer"}, cs.Significant()); diff == "" {
		t.Errorf("a shortened or newly set retention must not be significant")
	}
	if diff := cmp.Diff([]string{"basis", "special", "transfer"}, cs.Significant()); diff != "" {
		t.Errorf("significant (-want +got):\n%s", diff)
	}
	if got := cs.Triggered([]string{"retention", "transfer"}); !cmp.Equal(got, []string{"transfer"}) {
		t.Errorf("triggered = %v", got)
	}
	if n := cs.Findings.NewAtOrAbove(inventory.SeverityError); n != 1 {
		t.Errorf("NewAtOrAbove(error) = %d", n)
	}
	if n := cs.Findings.NewAtOrAbove(inventory.SeverityNone); n != 0 {
		t.Errorf("NewAtOrAbove(none) = %d", n)
	}

	// The reverse change removes what was added.
	rev := ciDiff(t, ciChanged, ciBase)
	if len(rev.Special) != 0 || len(rev.Transfers) != 2 || rev.Transfers[0].Change != ChangeRemoved {
		t.Errorf("reverse: special %v transfers %+v", rev.Special, rev.Transfers)
	}
	if got := rev.Significant(); !cmp.Equal(got, []string{"basis", "retention"}) {
		t.Errorf("reverse significant = %v (retention lengthened and removed; removed transfers are not significant)", got)
	}
}

func TestDiffTransferChanged(t *testing.T) {
	withUS := func(transfer, users string) map[string]string {
		return ciWith(ciBase, map[string]string{
			"systems.yaml": strings.Replace(ciBase["systems.yaml"], "security_measures:\n",
				"  - {id: crm, description: CRM, role: processor, contract: C, countries: [US]"+transfer+"}\nsecurity_measures:\n", 1),
			"activities.yaml": strings.Replace(ciBase["activities.yaml"],
				"    recipients: [payroll]\n", "    recipients: [payroll"+users+"]\n", 1),
		})
	}
	old := withUS(", transfer: {mechanism: scc, reference: SCC}", "")
	cs := ciDiff(t, old, withUS("", ", crm"))
	want := []TransferChange{{
		Country: "US", Path: "recipients/crm", Change: ChangeChanged,
		Transfer: nil, OldTransfer: &inventory.Transfer{Mechanism: "scc", Reference: "SCC"},
		Activities: []string{"billing"}, NewActivities: []string{"billing"},
	}}
	if diff := cmp.Diff(want, cs.Transfers); diff != "" {
		t.Errorf("transfers (-want +got):\n%s", diff)
	}
	if len(cs.Countries) != 0 {
		t.Errorf("countries = %+v, want none (US was already named)", cs.Countries)
	}
	if diff := cmp.Diff([]string{"gdpr/third-country-transfer recipients/crm/transfer"}, rulePaths(cs.Findings.New)); diff != "" {
		t.Errorf("new findings (-want +got):\n%s", diff)
	}
	if !cmp.Equal(cs.Significant(), []string{"transfer"}) {
		t.Errorf("significant = %v", cs.Significant())
	}
}

func TestDiffAliasesAndDurations(t *testing.T) {
	old := ciWith(ciBase, map[string]string{
		"systems.yaml": strings.Replace(ciBase["systems.yaml"], "countries: [FR]", "countries: [FR, UK, EL]", 1),
		"activities.yaml": strings.Replace(ciBase["activities.yaml"], "period: P10Y", "period: P12M", 1) +
			"cookies:\n  - {name: c, activity: billing, purpose: strictly_necessary, lifetime: P30D, consent: exempt}\n",
	})
	neu := ciWith(ciBase, map[string]string{
		"systems.yaml": strings.Replace(ciBase["systems.yaml"], "countries: [FR]", "countries: [GB, GR, FR]", 1),
		"activities.yaml": strings.Replace(ciBase["activities.yaml"], "period: P10Y", "period: P1Y", 1) +
			"cookies:\n  - {name: c, activity: billing, purpose: strictly_necessary, lifetime: P1M, consent: exempt}\n",
	})
	cs := ciDiff(t, old, neu)
	if len(cs.Countries) != 0 || len(cs.Transfers) != 0 {
		t.Errorf("aliases: countries %+v transfers %+v, want none", cs.Countries, cs.Transfers)
	}
	want := []RetentionChange{{Path: "cookies/c/lifetime", Old: "P30D", New: "P1M", Change: RetentionLengthened}}
	if diff := cmp.Diff(want, cs.Retention); diff != "" {
		t.Errorf("retention (P12M = P1Y; P1M > P30D) (-want +got):\n%s", diff)
	}
}

// TestDurationDays: the diff measures durations with the rule library's
// parser, and that parser accepts exactly what the schema accepts.
func TestDurationDays(t *testing.T) {
	eng := newEngine(t)
	valid := map[string]float64{
		"P1Y": 365.2425, "P12M": 365.2425, "P13M": 395.679375, "P1Y1M": 395.679375,
		"P2W": 14, "P30D": 30, "PT36H": 1.5, "P1DT12H": 1.5,
	}
	invalid := []string{"", "P", "PT", "P1DT", "1Y", "P1Y2Y", "P-1D", "p1y", "P1H", "P0,5D", "P1.5Y", "forever"}
	var all []string
	for d := range valid {
		all = append(all, d)
	}
	all = append(all, invalid...)
	got, err := eng.DurationDays(context.Background(), all)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(valid, got); diff != "" {
		t.Errorf("DurationDays (-want +got):\n%s", diff)
	}
	// The schema's grammar is the library's: every valid duration loads
	// clean, every invalid one is a schema finding.
	for _, d := range all {
		inv, err := inventory.LoadFiles([]inventory.File{{Name: "d.yaml", Data: []byte("version: 1\ncontroller: {name: X}\nactivities:\n  - {id: a, retention: {period: \"" + d + "\"}}\n")}})
		if err != nil {
			t.Fatal(err)
		}
		_, isValid := valid[d]
		if schemaOK := len(inv.Findings) == 0; schemaOK != isValid {
			t.Errorf("%q: schema accepts %v, rule library %v (%v)", d, schemaOK, isValid, inv.Findings)
		}
	}
	days := got
	for _, tc := range []struct{ old, new, want string }{
		{"P1Y", "P2W", RetentionShortened},
		{"P30D", "P13M", RetentionLengthened},
		{"", "P1Y", RetentionSet},
		{"P1Y", "", RetentionRemoved},
		{"P1Y", "forever", RetentionChanged},
	} {
		c, ok := compareRetention("x", tc.old, tc.new, days)
		if !ok || c.Change != tc.want {
			t.Errorf("compareRetention(%q, %q) = %q, %v; want %q", tc.old, tc.new, c.Change, ok, tc.want)
		}
	}
	if _, ok := compareRetention("x", "P12M", "P1Y", days); ok {
		t.Errorf("P12M -> P1Y reported as a change")
	}
}

// TestDiffParseFailure: a file that fails to parse on one side is a
// finding (inventory/syntax), never a crash; its declarations are gone on
// that side.
func TestDiffParseFailure(t *testing.T) {
	broken := ciWith(ciBase, map[string]string{"systems.yaml": "version: 1\nsystems:\n  - {id: hosting\n"})
	cs := ciDiff(t, ciBase, broken)
	var removed []string
	for _, c := range cs.Items {
		if c.Change != ChangeRemoved {
			t.Errorf("unexpected item change %+v", c)
		}
		removed = append(removed, c.Path())
	}
	if diff := cmp.Diff([]string{"systems/hosting", "recipients/payroll", "security_measures/encryption"}, removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	syntax := 0
	for _, f := range cs.Findings.New {
		if f.Rule == inventory.RuleSyntax && f.Location.File == "systems.yaml" {
			syntax++
		}
	}
	if syntax != 1 {
		t.Errorf("new findings = %v, want inventory/syntax in systems.yaml", rulePaths(cs.Findings.New))
	}
	// The other way round, the syntax error is fixed.
	back := ciDiff(t, broken, ciBase)
	found := false
	for _, f := range back.Findings.Fixed {
		found = found || f.Rule == inventory.RuleSyntax
	}
	if !found {
		t.Errorf("fixed = %v, want the syntax error", rulePaths(back.Findings.Fixed))
	}
	// Broken on both sides: nothing new.
	if same := ciDiff(t, broken, broken); !same.Empty() {
		t.Errorf("same broken inventory differs: %+v", same.Findings)
	}
}

// TestDiffRoots: with two trees (ropa diff OLD NEW), findings without a
// path match by file relative to each side's root.
func TestDiffRoots(t *testing.T) {
	prefixed := func(root string, files map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range files {
			out[root+"/"+k] = v
		}
		return out
	}
	broken := ciWith(ciBase, map[string]string{"extra.yaml": "version: 1\n\tbad: tab\n"})
	oi, or := ciAudit(t, prefixed("old", broken))
	ni, nr := ciAudit(t, prefixed("new", broken))
	cs, err := DiffWith(oi, ni, or, nr, DiffOptions{OldRoot: "old", NewRoot: "new/"})
	if err != nil {
		t.Fatal(err)
	}
	if !cs.Empty() {
		t.Errorf("same inventory under two roots differs: new %v fixed %v", rulePaths(cs.Findings.New), rulePaths(cs.Findings.Fixed))
	}
	cs, err = Diff(oi, ni, or, nr)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Findings.New) != 1 || cs.Findings.New[0].Rule != inventory.RuleSyntax {
		t.Errorf("without roots, the syntax error of another file is new: %v", rulePaths(cs.Findings.New))
	}
}

func TestDiffWaiverAdded(t *testing.T) {
	waived := ciWith(ciBase, map[string]string{"waivers.yaml": `version: 1
waivers:
  - {rule: gdpr/data-minimisation, target: data/phone, reason: Next release, approved_by: DPO, expires: 2027-01-01}
`})
	cs := ciDiff(t, ciBase, waived)
	if len(cs.Findings.New) != 0 || len(cs.Findings.Fixed) != 0 {
		t.Errorf("new %v fixed %v, want none", rulePaths(cs.Findings.New), rulePaths(cs.Findings.Fixed))
	}
	if diff := cmp.Diff([]string{"gdpr/data-minimisation data/phone"}, rulePaths(cs.Findings.Waived)); diff != "" {
		t.Errorf("waived (-want +got):\n%s", diff)
	}
	want := []ItemChange{{Section: "waivers", ID: "gdpr/data-minimisation@data/phone", Change: ChangeAdded}}
	if diff := cmp.Diff(want, cs.Items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	// Removing the waiver makes the finding new again.
	back := ciDiff(t, waived, ciBase)
	if diff := cmp.Diff([]string{"gdpr/data-minimisation data/phone"}, rulePaths(back.Findings.New)); diff != "" {
		t.Errorf("new after removing the waiver (-want +got):\n%s", diff)
	}
}

func TestDiffWithoutResults(t *testing.T) {
	cs, err := Diff(ciLoad(t, ciBase), ciLoad(t, ciChanged), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Items) == 0 || len(cs.Findings.New) != 0 || cs.Findings.New == nil {
		t.Errorf("items %d, new findings %#v", len(cs.Items), cs.Findings.New)
	}
	// Empty old side (the inventory is new): everything is added.
	cs, err = Diff(ciLoad(t, nil), ciLoad(t, ciBase), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs.Items {
		if c.Change != ChangeAdded {
			t.Errorf("from nothing: %+v", c)
		}
	}
	if len(cs.Items) != 11 || len(cs.Countries) != 1 {
		t.Errorf("from nothing: %d items, countries %+v", len(cs.Items), cs.Countries)
	}
}

func TestDiffDeterministic(t *testing.T) {
	var first []byte
	for i := range 5 {
		b, err := json.Marshal(ciDiff(t, ciBase, ciChanged))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if string(b) != string(first) {
			t.Fatalf("run %d differs:\n%s", i, cmp.Diff(string(first), string(b)))
		}
	}
}

func TestParseSignificant(t *testing.T) {
	got, err := ParseSignificant([]string{"transfer,basis", " special ", "transfer", ""})
	if err != nil || !cmp.Equal(got, []string{"basis", "special", "transfer"}) {
		t.Errorf("ParseSignificant = %v, %v", got, err)
	}
	if _, err := ParseSignificant([]string{"transfers"}); err == nil || !strings.Contains(err.Error(), `unknown change class "transfers" (want basis, retention, special, transfer)`) {
		t.Errorf("unknown class: %v", err)
	}
}

// TestDiffOwnStaffAndSystemsAreNoTransfer: the diff's transfers are the
// audit's. The controller's own employee abroad (role: internal) and a
// server it runs itself abroad (provider: self) add countries, but no
// transfer; a processor abroad does.
func TestDiffOwnStaffAndSystemsAreNoTransfer(t *testing.T) {
	changed := ciWith(ciBase, map[string]string{"abroad.yaml": `version: 1
recipients:
  - {id: consultant-sg, description: Our own consultant in Singapore, role: internal, countries: [SG]}
  - {id: helpdesk-us, description: Helpdesk, role: processor, countries: [US], contract: DPA-9, transfer: {mechanism: scc, reference: SCC 2021/914 module 2, tia: TIA-9}}
systems:
  - {id: lab-server, description: Our own server at the Indian lab, provider: self, countries: [IN]}
`})
	cs := ciDiff(t, ciBase, changed)
	var transfers []string
	for _, tc := range cs.Transfers {
		transfers = append(transfers, tc.Path+" "+tc.Country)
	}
	if diff := cmp.Diff([]string{"recipients/helpdesk-us US"}, transfers); diff != "" {
		t.Errorf("transfers (-want +got):\n%s", diff)
	}
	var countries []string
	for _, c := range cs.Countries {
		countries = append(countries, c.Country)
	}
	if diff := cmp.Diff([]string{"IN", "SG", "US"}, countries); diff != "" {
		t.Errorf("new countries (-want +got):\n%s", diff)
	}
}
