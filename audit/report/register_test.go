package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

func renderRegister(t *testing.T, name, format string) []byte {
	t.Helper()
	r := auditFixture(t, name)
	reg, err := NewRegister(r.Inventory, r.AsOf)
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
		"| Not declared |", // payroll retention
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

func TestTransferAssessment(t *testing.T) {
	ref, err := policies.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code, mech, derog string
		dpf               bool
		asOf              string
		want              transferStatus
	}{
		{"FR", "", "", false, "2026-11-28", transferEEA},
		{"GB", "", "", false, "2026-11-28", transferAdequacy},
		{"GB", "", "", false, "2032-01-01", transferNone}, // decision ended 2031-12-27
		{"BR", "", "", false, "2025-06-01", transferNone}, // before 2026-01-26
		{"BR", "", "", false, "2026-11-28", transferAdequacy},
		{"US", "", "", false, "2026-11-28", transferNone},
		{"US", "adequacy", "", true, "2026-11-28", transferAdequacy},
		{"US", "adequacy", "", false, "2026-11-28", transferNone},
		{"US", "scc", "", false, "2026-11-28", transferSafeguard},
		{"IN", "derogation", "explicit_consent", false, "2026-11-28", transferSafeguard},
		{"IN", "derogation", "", false, "2026-11-28", transferNone},
		{"IN", "adequacy", "", false, "2026-11-28", transferNone},
	} {
		var tr *inventory.Transfer
		if c.mech != "" || c.dpf {
			tr = &inventory.Transfer{Mechanism: c.mech, Derogation: c.derog, DPFCertified: c.dpf}
		}
		if got := assess(ref, c.code, tr, c.asOf); got.Status != c.want {
			t.Errorf("%s %s/%s dpf=%v on %s: %v (%s), want %v", c.code, c.mech, c.derog, c.dpf, c.asOf, got.Status, got.Text, c.want)
		}
	}
	if got := countryName(ref, "IN"); got != "India (IN)" {
		t.Errorf("countryName(IN) = %q", got)
	}
	if got := normCountries(ref, []string{"uk", "GB", "EL"}); strings.Join(got, ",") != "GB,GR" {
		t.Errorf("normCountries = %v", got)
	}
}
