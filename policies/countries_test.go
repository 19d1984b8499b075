package policies

import (
	"regexp"
	"sort"
	"testing"
)

func TestCountries(t *testing.T) {
	c, err := LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.EEA) != 30 || !c.InEEA("FR") || !c.InEEA(c.Code("el")) || c.InEEA("GB") || c.InEEA(c.Code("UK")) {
		t.Errorf("EEA lookups wrong: %d members", len(c.EEA))
	}
	for _, tc := range []struct {
		code, date, decision string // decision "" = none in force
	}{
		{"GB", "2021-06-27", ""},
		{"GB", "2024-01-01", "(EU) 2021/1772"},
		{"GB", "2025-06-28", "(EU) 2025/1226"},
		{"GB", "2026-06-01", "(EU) 2025/2574"},
		{"GB", "2031-12-27", "(EU) 2025/2574"},
		{"GB", "2031-12-28", ""},
		{"BR", "2026-01-25", ""},
		{"BR", "2026-01-26", "(EU) 2026/179"},
		{"CN", "2026-11-28", ""},
	} {
		d, ok := c.AdequacyInForce(tc.code, tc.date)
		if ok != (tc.decision != "") || d.Decision != tc.decision {
			t.Errorf("AdequacyInForce(%s, %s) = %q, %v, want %q", tc.code, tc.date, d.Decision, ok, tc.decision)
		}
	}
	if d, ok := c.OrganisationAdequacyInForce("EPO", "2026-01-01"); !ok || d.Decision != "(EU) 2025/1382" {
		t.Errorf("EPO decision = %q, %v", d.Decision, ok)
	}
	us, _ := c.AdequacyInForce("US", "2026-01-01")
	if us.Covers("anything", false) || !us.Covers("", true) {
		t.Errorf("the US decision covers only DPF-certified recipients")
	}
	ca, _ := c.AdequacyInForce("CA", "2026-01-01")
	if ca.Covers("", false) || !ca.Covers("subject to PIPEDA", false) {
		t.Errorf("the Canadian decision covers only recipients stating their scope")
	}
}

// Every adequacy entry names its decision and a start date; periods are
// ordered, end >= start, and never overlap (the rules take the one decision
// in force on the audit date).
func TestAdequacyEntries(t *testing.T) {
	c, err := LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	check := func(key string, a Adequacy) {
		if a.Name == "" || len(a.Decisions) == 0 {
			t.Errorf("%s: no name or no decision", key)
		}
		ds := append([]Decision(nil), a.Decisions...)
		sort.Slice(ds, func(i, j int) bool { return ds[i].Start < ds[j].Start })
		for i, d := range ds {
			if d.Decision == "" || !date.MatchString(d.Start) {
				t.Errorf("%s: decision %q without a reference or a start date (%q)", key, d.Decision, d.Start)
			}
			if d.End != "" && (!date.MatchString(d.End) || d.End < d.Start) {
				t.Errorf("%s %s: end %q before start %q", key, d.Decision, d.End, d.Start)
			}
			if d.Source == "" && d.Note == "" {
				t.Errorf("%s %s: neither a source nor a note", key, d.Decision)
			}
			if i > 0 && (ds[i-1].End == "" || ds[i-1].End >= d.Start) {
				t.Errorf("%s: %s overlaps %s", key, ds[i-1].Decision, d.Decision)
			}
			if d.Requires != "" && d.Requires != "dpf_certified" {
				t.Errorf("%s %s: unknown requires %q", key, d.Decision, d.Requires)
			}
		}
	}
	for code, a := range c.Adequacy {
		if c.InEEA(code) {
			t.Errorf("%s is in the EEA and has an adequacy entry", code)
		}
		check(code, a)
	}
	for key, a := range c.InternationalOrganisations {
		check(key, a)
	}
	if len(c.SCCRepealed) != 3 {
		t.Errorf("scc_repealed has %d entries, want 3", len(c.SCCRepealed))
	}
	for _, s := range c.SCCRepealed {
		if s.Decision == "" || s.Cite == "" || !date.MatchString(s.End) {
			t.Errorf("repealed SCC entry %+v incomplete", s)
		}
	}
}
