// Package policies embeds ropa's built-in rule pack: an OPA bundle of Rego
// rules (ropa/rules), their library (ropa/lib) and the reference data they
// read (ropa/reference). The same files run unmodified under the OPA CLI.
package policies

import (
	"embed"
	"encoding/json"
	"fmt"
	"sync"
)

// FS holds the bundle, rooted so that FS paths start with "ropa/".
//
//go:embed ropa
var FS embed.FS

// TaxonomyEntry is one key of the data-category or data-use taxonomy.
type TaxonomyEntry struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Special is "art9" or "art10" for keys that are special categories
	// (GDPR Art. 9) or criminal-convictions data (Art. 10).
	Special         string `json:"special,omitempty"`
	SpecialCategory string `json:"special_category,omitempty"`
	// SpecialPossible marks a key tagged Special because it groups
	// characteristics among which are Art. 9 ones (protected
	// classifications): every rule treats it as special data.
	SpecialPossible bool `json:"special_possible,omitempty"`
	// HighlyPersonal marks data of a highly personal nature in the sense of
	// WP248 rev.01 criterion 4 (location, financial data, private
	// communications); keys under a tagged key inherit it.
	HighlyPersonal bool `json:"highly_personal,omitempty"`
}

// Taxonomy is the reference taxonomy the rules read as
// data.ropa.reference.taxonomy; lint reads the same file.
type Taxonomy struct {
	DataCategories map[string]TaxonomyEntry `json:"data_categories"`
	DataUses       map[string]TaxonomyEntry `json:"data_uses"`
}

// TaxonomyPath is the taxonomy's file in FS.
const TaxonomyPath = "ropa/reference/taxonomy/data.json"

var (
	taxOnce sync.Once
	tax     *Taxonomy
	taxErr  error
)

// LoadTaxonomy parses the embedded taxonomy once.
func LoadTaxonomy() (*Taxonomy, error) {
	taxOnce.Do(func() {
		b, err := FS.ReadFile(TaxonomyPath)
		if err != nil {
			taxErr = fmt.Errorf("read taxonomy: %w", err)
			return
		}
		var t Taxonomy
		if err := json.Unmarshal(b, &t); err != nil {
			taxErr = fmt.Errorf("parse %s: %w", TaxonomyPath, err)
			return
		}
		tax = &t
	})
	return tax, taxErr
}

// SpecialTag returns the Art. 9/10 tag of a data-category key: the tag of
// the key or of its nearest tagged parent, since a category under a tagged
// key inherits the tag.
func (t *Taxonomy) SpecialTag(key string) string {
	for k := key; k != ""; k = parentKey(k) {
		if e, ok := t.DataCategories[k]; ok && e.Special != "" {
			return e.Special
		}
	}
	return ""
}

func parentKey(k string) string {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == '.' {
			return k[:i]
		}
	}
	return ""
}
