package policies

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestTaxonomyEntryInSync decodes the taxonomy with unknown fields
// disallowed: a tag added to data.json without its TaxonomyEntry field
// fails here.
func TestTaxonomyEntryInSync(t *testing.T) {
	b, err := FS.ReadFile(TaxonomyPath)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var tax Taxonomy
	if err := dec.Decode(&tax); err != nil {
		t.Fatalf("%s does not match policies.TaxonomyEntry: %v", TaxonomyPath, err)
	}
}

// TestTaxonomyHighlyPersonal: location, financial and private-communication
// keys, and every key under them, carry the WP248 rev.01 criterion 4 tag;
// no other key does.
func TestTaxonomyHighlyPersonal(t *testing.T) {
	tax, err := LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	roots := []string{"user.location", "user.financial", "user.content.private"}
	under := func(key string) bool {
		for _, r := range roots {
			if key == r || strings.HasPrefix(key, r+".") {
				return true
			}
		}
		return false
	}
	for _, r := range roots {
		if _, ok := tax.DataCategories[r]; !ok {
			t.Errorf("taxonomy lacks %s", r)
		}
	}
	for _, k := range []string{"user.location.precise", "user.location.coarse", "user.financial.bank_account", "user.financial.credit_card"} {
		if !tax.DataCategories[k].HighlyPersonal {
			t.Errorf("%s is not tagged highly_personal", k)
		}
	}
	for key, e := range tax.DataCategories {
		if e.HighlyPersonal != under(key) {
			t.Errorf("%s: highly_personal = %v, want %v", key, e.HighlyPersonal, under(key))
		}
		if e.HighlyPersonal && e.Special != "" {
			t.Errorf("%s is tagged both highly_personal and %s", key, e.Special)
		}
	}
}

// TestTaxonomyProtectedClassifications: the grouping key counts as Art. 9
// data for every rule, and is marked as only possibly so.
func TestTaxonomyProtectedClassifications(t *testing.T) {
	tax, err := LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	const key = "user.demographic.protected_classifications"
	if got := tax.SpecialTag(key); got != "art9" {
		t.Errorf("SpecialTag(%q) = %q, want art9", key, got)
	}
	if got := tax.SpecialTag(key + ".disability"); got != "art9" {
		t.Errorf("a key under %s does not inherit art9: %q", key, got)
	}
	if !tax.DataCategories[key].SpecialPossible {
		t.Errorf("%s is not marked special_possible", key)
	}
	for k, e := range tax.DataCategories {
		if e.SpecialPossible && k != key {
			t.Errorf("%s is marked special_possible; only %s groups Art. 9 characteristics", k, key)
		}
	}
}
