package inventory

import (
	"os"
	"testing"
)

// TestFormat11Fields loads an inventory using every field format 1.1
// added: none may give a structural finding, and the typed model carries
// them (special_condition as a string and as a list).
func TestFormat11Fields(t *testing.T) {
	b, err := os.ReadFile("testdata/format11/all-fields.yaml")
	if err != nil {
		t.Fatal(err)
	}
	inv := loadOne(t, "all-fields.yaml", string(b))
	match(t, inv.Findings, nil)
	m := inv.Model()
	if got := m.Controller.Markets; len(got) != 2 || got[1] != "DE" {
		t.Errorf("controller.markets = %v, want [FR DE]", got)
	}
	acts := map[string]Activity{}
	for _, a := range m.Activities {
		acts[a.ID] = a
	}
	if got := acts["a"].SpecialCondition; len(got) != 2 || got[1] != "legal_claims" {
		t.Errorf("list special_condition = %v", got)
	}
	if got := acts["b"].SpecialCondition; len(got) != 1 || got[0] != "explicit_consent" {
		t.Errorf("string special_condition = %v", got)
	}
	a := acts["a"]
	if a.AutomatedDecision == nil || a.AutomatedDecision.Exception != "contract" || len(a.AutomatedDecision.Safeguards) != 3 ||
		!a.Consent.Parental || a.LegalProvision != "L1" || a.Required != "contractual" || !a.Core || !a.Risk.PublicArea {
		t.Errorf("activity a lost format 1.1 fields: %+v", a)
	}
	if d := m.Data[0]; !d.Replayed || d.Origin != "partner" {
		t.Errorf("data smtp lost replayed/origin: %+v", d)
	}
	if s := m.Subjects[0]; s.Kind != "child" || !s.Vulnerable {
		t.Errorf("subject lost kind/vulnerable: %+v", s)
	}
	if r := m.Recipients[0]; r.InternationalOrganisation != "epo" {
		t.Errorf("recipient lost international_organisation: %+v", r)
	}
	if tr := m.Recipients[2].Transfer; tr == nil || tr.AuthorityNotified != "CNIL-2026-1" {
		t.Errorf("transfer lost authority_notified: %+v", tr)
	}
	if s := m.Systems[1]; s.Contract != "DPA-1" {
		t.Errorf("system lost contract: %+v", s)
	}
}

// TestFormat11BadValues: the new fields reject what they do not define,
// with one finding each at the offending value.
func TestFormat11BadValues(t *testing.T) {
	inv := loadOne(t, "bad.yaml", `version: 1
controller: {name: X, markets: [FR, FR]}
subjects: [{id: s, kind: robot}]
activities:
  - {id: b, special_condition: [bogus]}
  - {id: c, special_condition: []}
  - {id: d, automated_decision: {exception: whim}}
  - {id: e, required: maybe}
`)
	match(t, inv.Findings, []want{
		{Rule: RuleSchema, Loc: "bad.yaml:2:32", Msg: `"markets" lists "FR" twice`},
		{Rule: RuleSchema, Loc: "bad.yaml:3:26", Msg: `invalid kind "robot"`},
		{Rule: RuleSchema, Loc: "bad.yaml:5:33", Msg: `invalid special_condition "bogus"`},
		{Rule: RuleSchema, Loc: "bad.yaml:6:32", Msg: `"special_condition" must not be an empty list`},
		{Rule: RuleSchema, Loc: "bad.yaml:7:45", Msg: `invalid exception "whim"`},
		{Rule: RuleSchema, Loc: "bad.yaml:8:23", Msg: `invalid required "maybe"`},
	})
}
