package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

func renderRegister(t *testing.T, name, format string) []byte {
	t.Helper()
	r := auditFixture(t, name)
	reg, err := NewRegister(r.Inventory, r.AsOf, r.Transfers)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := WriteRegister(&a, reg, format); err != nil {
		t.Fatal(err)
	}
	if err := WriteRegister(&b, reg, format); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("register %s differs between two renderings", format)
	}
	return a.Bytes()
}

func TestRegisterGolden(t *testing.T) {
	ext := map[string]string{RegisterMarkdown: "register.md", RegisterCSV: "register.csv", RegisterHTML: "register.html"}
	for _, name := range fixtures {
		for _, format := range RegisterFormats() {
			t.Run(name+"/"+format, func(t *testing.T) {
				got := renderRegister(t, name, format)
				golden(t, name+"."+ext[format], got)
				if format == RegisterHTML {
					checkSelfContained(t, got)
					checkAccessible(t, got)
				}
			})
		}
	}
}

func TestRegisterCSV(t *testing.T) {
	for _, name := range fixtures {
		recs, err := csv.NewReader(bytes.NewReader(renderRegister(t, name, RegisterCSV))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		acts := auditFixture(t, name).Summary.Activities
		if len(recs) != acts+1 {
			t.Errorf("%s: %d records, want a header and %d activities", name, len(recs), acts)
		}
		if strings.Join(recs[0], ",") != strings.Join(registerColumns, ",") {
			t.Errorf("%s: header %v", name, recs[0])
		}
	}
	recs, _ := csv.NewReader(bytes.NewReader(renderRegister(t, "reports", RegisterCSV))).ReadAll()
	ad := recs[4]
	if ad[0] != "ad-campaigns" || !strings.Contains(ad[8], "ad-network → United States (US): NO SAFEGUARD DECLARED") {
		t.Errorf("ad-campaigns record = %q", ad)
	}
	if got := csvSafe("=HYPERLINK(\"x\")"); got != "'=HYPERLINK(\"x\")" {
		t.Errorf("csvSafe = %q", got)
	}
	if got := csvSafe("plain"); got != "plain" {
		t.Errorf("csvSafe = %q", got)
	}
}

func TestRegisterMarkdownDocument(t *testing.T) {
	md := string(renderRegister(t, "reports", RegisterMarkdown))
	// Controller identity and DPO come first, then the table.
	ctrl := strings.Index(md, "| Name | Clinique Exemple SAS |")
	dpo := strings.Index(md, "| Data protection officer | Camille Martin, contact: dpo@clinique.example |")
	table := strings.Index(md, "| Activity | Purpose | Lawful basis |")
	if ctrl < 0 || dpo < 0 || table < 0 || !(ctrl < dpo && dpo < table) {
		t.Errorf("controller %d, DPO %d, table %d:\n%s", ctrl, dpo, table, md)
	}
	for _, want := range []string{
		"| Patient care and medical records (`patient-care`)<br>DPIA: DPIA-2025-01 |",
		"Condition Art. 9(2)(h): health or social care",
		"20 years after last visit; basis: Code de la santé publique R1112-7",
		"offsite-backup (Example Backup Ltd) → United Kingdom (GB): adequacy decision (EU) 2025/2574",
		"crm (Example CRM Inc.) → United States (US): standard contractual clauses (Art. 46(2)(c)) — SCC 2021/914 module 2",
		"| not declared |", // payroll retention
	} {
		if !strings.Contains(md, want) {
			t.Errorf("register lacks %q", want)
		}
	}
	rs := string(renderRegister(t, "rackslab", RegisterMarkdown))
	if !strings.Contains(rs, "| Data protection officer | Data protection officer, contact: not declared |") {
		t.Errorf("rackslab DPO without contact not shown as such")
	}
}

func TestRegisterUnknownFormat(t *testing.T) {
	err := WriteRegister(&bytes.Buffer{}, &Register{}, "pdf")
	if err == nil || !strings.Contains(err.Error(), `unknown register format "pdf"`) {
		t.Errorf("err = %v", err)
	}
}

// TestSafeguardText: the register words the rules' assessment, it does
// not re-decide it.
func TestSafeguardText(t *testing.T) {
	for _, c := range []struct {
		a    audit.TransferAssessment
		t    *inventory.Transfer
		want string
	}{
		{audit.TransferAssessment{Status: audit.TransferAdequacy, Decision: "(EU) 2025/2574"}, nil, "adequacy decision (EU) 2025/2574"},
		{audit.TransferAssessment{Status: audit.TransferAdequacy, Decision: "(EU) 2023/1795"}, &inventory.Transfer{Mechanism: "adequacy", DPFCertified: true}, "adequacy decision (EU) 2023/1795 (EU-US Data Privacy Framework, certified)"},
		{audit.TransferAssessment{Status: audit.TransferAdequacy, Decision: "2002/2/EC"}, &inventory.Transfer{Mechanism: "adequacy", Scope: "subject to PIPEDA"}, "adequacy decision 2002/2/EC (within its scope: subject to PIPEDA)"},
		{audit.TransferAssessment{Status: audit.TransferSafeguard, Mechanism: "scc"}, &inventory.Transfer{Mechanism: "scc", Reference: "SCC 2021/914 module 2"}, "standard contractual clauses (Art. 46(2)(c)) — SCC 2021/914 module 2"},
		{audit.TransferAssessment{Status: audit.TransferSafeguard, Mechanism: "derogation", Derogation: "explicit_consent"}, &inventory.Transfer{Mechanism: "derogation"}, "derogation, Art. 49(1)(a): explicit consent"},
		{audit.TransferAssessment{Status: audit.TransferNone, Reason: "adequacy decision (EU) 2023/1795 covers only certified organisations"}, nil, "NO SAFEGUARD DECLARED (adequacy decision (EU) 2023/1795 covers only certified organisations)"},
		{audit.TransferAssessment{Status: audit.TransferNone, Reason: "adequacy decision 2002/2/EC covers only PIPEDA"}, &inventory.Transfer{Mechanism: "adequacy"}, "NO VALID SAFEGUARD (adequacy claimed; adequacy decision 2002/2/EC covers only PIPEDA)"},
		{audit.TransferAssessment{Status: audit.TransferNone}, &inventory.Transfer{Mechanism: "adequacy"}, "NO VALID SAFEGUARD (adequacy claimed, no decision in force)"},
		{audit.TransferAssessment{Status: audit.TransferNone}, &inventory.Transfer{Mechanism: "derogation"}, "NO VALID SAFEGUARD (derogation without a valid Art. 49(1) point)"},
		{audit.TransferAssessment{Status: audit.TransferNone}, nil, "NO SAFEGUARD DECLARED"},
	} {
		if got := safeguardText(c.a, c.t); got != c.want {
			t.Errorf("safeguardText(%+v, %+v) = %q, want %q", c.a, c.t, got, c.want)
		}
	}
	ref, err := policies.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	if got := countryName(ref, "IN"); got != "India (IN)" {
		t.Errorf("countryName(IN) = %q", got)
	}
	if got := destinationName(ref, "epo", audit.TransferAssessment{Kind: "io"}); got != "European Patent Organisation (international organisation)" {
		t.Errorf("destinationName(epo) = %q", got)
	}
	if got := normCountries(ref, []string{"uk", "GB", "EL"}); strings.Join(got, ",") != "GB,GR" {
		t.Errorf("normCountries = %v", got)
	}
}

// TestRegisterAgreesWithTransferRule is the differential test: across
// generated inventories, the register, the transfers-by-country table and
// the data-flow diagram say "no valid safeguard" for exactly the systems
// and recipients on which gdpr/third-country-transfer fires, and nowhere
// else.
func TestRegisterAgreesWithTransferRule(t *testing.T) {
	for _, n := range []int{200, 1000} {
		r := generated(t, n)
		fired := map[string]bool{}
		for _, f := range r.Findings {
			if f.Rule == "gdpr/third-country-transfer" {
				fired[strings.TrimSuffix(f.Path, "/transfer")] = true
			}
		}
		if len(fired) == 0 {
			t.Fatalf("%d activities: the generator made no uncovered transfer", n)
		}
		m := r.Inventory.Model()
		byCountry, err := transfersByCountry(m, r.AsOf, r.Transfers)
		if err != nil {
			t.Fatal(err)
		}
		table := map[string]bool{}
		for _, ct := range byCountry {
			for _, e := range ct.Entries {
				if e.Gap {
					table[e.Kind+"s/"+e.ID] = true
				}
			}
		}
		if diff := cmp.Diff(fired, table); diff != "" {
			t.Errorf("%d activities: transfers table vs rule (-rule +table):\n%s", n, diff)
		}
		g, err := buildFlow(m, r.Transfers)
		if err != nil {
			t.Fatal(err)
		}
		diagram := map[string]bool{}
		for _, node := range g.Nodes {
			if node.Gap {
				diagram[map[flowKind]string{kindRecipient: "recipients/", kindSystem: "systems/"}[node.Kind]+node.ID] = true
			}
		}
		if diff := cmp.Diff(fired, diagram); diff != "" {
			t.Errorf("%d activities: diagram vs rule (-rule +diagram):\n%s", n, diff)
		}
		// The register rows: an activity shows a gap exactly when one of
		// its recipients or systems is one the rule fires on.
		reg, err := NewRegister(r.Inventory, r.AsOf, r.Transfers)
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range m.Activities {
			want := false
			for _, id := range a.Recipients {
				want = want || fired["recipients/"+id]
			}
			for _, id := range a.Systems {
				want = want || fired["systems/"+id]
			}
			if got := reg.Activities[i].TransferGap; got != want {
				t.Errorf("%d activities: activity %s: register gap %v, rule %v", n, a.ID, got, want)
			}
		}
	}
}

// silentInventory has an activity silent on every list and one that
// declares every list empty.
const silentInventory = `version: 1
controller: {name: Silent SAS, country: FR}
activities:
  - id: silent
    name: Silent activity
  - id: empty
    name: Empty lists
    purpose: Nothing at all
    lawful_basis: contract
    subjects: []
    data: []
    recipients: []
    systems: []
    security: []
`

// TestRegisterNeverBlank: no cell of the register is empty, in any format,
// and the three formats tell "not declared" (silent) from "none"
// (declared empty) the same way.
func TestRegisterNeverBlank(t *testing.T) {
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "silent.yaml", Data: []byte(silentInventory)}})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := NewRegister(inv, "2026-11-28", assessTransfers(t, inv))
	if err != nil {
		t.Fatal(err)
	}
	out := func(format string, opt RegisterOptions) string {
		var b bytes.Buffer
		if err := WriteRegisterWith(&b, reg, format, opt); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	col := map[string]int{}
	for i, c := range registerColumns {
		col[c] = i
	}
	recs, err := csv.NewReader(strings.NewReader(out(RegisterCSV, RegisterOptions{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for i, v := range rec {
			if strings.TrimSpace(v) == "" {
				t.Errorf("CSV %s: column %s is blank", rec[0], registerColumns[i])
			}
		}
	}
	silent, empty := recs[1], recs[2]
	for _, c := range []string{"data_subjects", "data_categories", "recipients", "security_measures", "purpose", "lawful_basis", "retention"} {
		if silent[col[c]] != "not declared" {
			t.Errorf("CSV silent/%s = %q, want not declared", c, silent[col[c]])
		}
	}
	for _, c := range []string{"data_subjects", "data_categories", "recipients", "security_measures", "transfers_outside_eea"} {
		if empty[col[c]] != "none" {
			t.Errorf("CSV empty/%s = %q, want none", c, empty[col[c]])
		}
	}
	for c, want := range map[string]string{"controller": "Silent SAS", "dpo": "not declared", "representative": "not required (established in the EEA)", "record_date": "2026-11-28", "controller_country": "France (FR)"} {
		if silent[col[c]] != want {
			t.Errorf("CSV %s = %q, want %q", c, silent[col[c]], want)
		}
	}
	if bom := out(RegisterCSV, RegisterOptions{BOM: true}); !strings.HasPrefix(bom, "\ufeffactivity_id,") {
		t.Errorf("CSV with BOM starts %q", bom[:20])
	}
	if strings.HasPrefix(out(RegisterCSV, RegisterOptions{}), "\ufeff") {
		t.Error("CSV without the option has a BOM")
	}

	md := out(RegisterMarkdown, RegisterOptions{})
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| ") && (strings.Contains(l, "|  |") || strings.Contains(l, "| |")) && !strings.HasPrefix(l, "| | |") {
			t.Errorf("Markdown row with a blank cell: %s", l)
		}
	}
	for _, want := range []string{
		"| Silent activity (`silent`) | not declared | not declared | not declared | not declared | not declared | none | not declared | not declared |",
		"| Empty lists (`empty`) | Nothing at all | Contract — Art. 6(1)(b) | none | none | none | none | not declared | none |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %s\n%s", want, md)
		}
	}

	html := out(RegisterHTML, RegisterOptions{})
	if strings.Contains(html, "<td></td>") {
		t.Error("HTML register has an empty cell")
	}
	row := func(id string) string {
		i := strings.Index(html, `<tr id="activity-`+id+`"`)
		j := strings.Index(html[i:], "</tr>")
		return html[i : i+j]
	}
	if s := row("silent"); strings.Count(s, ">not declared<") != 7 {
		t.Errorf("HTML silent row says \"not declared\" %d times, want 7: %s", strings.Count(s, ">not declared<"), s)
	}
	if s := row("empty"); strings.Count(s, "<td>none</td>") != 5 {
		t.Errorf("HTML empty row says \"none\" %d times, want 5: %s", strings.Count(s, "<td>none</td>"), s)
	}
}
