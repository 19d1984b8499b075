package policies

import "testing"

func TestCountries(t *testing.T) {
	c, err := LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.EEA) != 30 || !c.InEEA("FR") || !c.InEEA(c.Code("el")) || c.InEEA("GB") || c.InEEA(c.Code("UK")) {
		t.Errorf("EEA lookups wrong: %d members", len(c.EEA))
	}
	for _, tc := range []struct {
		code, date string
		want       bool
	}{
		{"GB", "2031-12-27", true},
		{"GB", "2031-12-28", false},
		{"BR", "2026-01-25", false},
		{"BR", "2026-01-26", true},
		{"CN", "2026-11-28", false},
	} {
		if _, got := c.AdequacyInForce(tc.code, tc.date); got != tc.want {
			t.Errorf("AdequacyInForce(%s, %s) = %v, want %v", tc.code, tc.date, got, tc.want)
		}
	}
}

func TestTaxonomy(t *testing.T) {
	tax, err := LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"user.name":                          "",
		"user.authorization.credentials":     "",
		"user.criminal_history":              "art10",
		"user.criminal_history.convictions":  "art10",
		"user.health_and_medical":            "art9",
		"user.health_and_medical.some.child": "art9", // inherits from its parent
	} {
		if got := tax.SpecialTag(key); got != want {
			t.Errorf("SpecialTag(%q) = %q, want %q", key, got, want)
		}
	}
}
