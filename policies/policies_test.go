package policies

import "testing"

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
