package policies

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// CountriesPath is the country reference data in FS, read by the rules as
// data.ropa.reference.countries.
const CountriesPath = "ropa/reference/countries/data.json"

// Adequacy is one Commission adequacy decision (GDPR Art. 45).
type Adequacy struct {
	Name     string `json:"name"`
	Decision string `json:"decision"`
	Start    string `json:"start"`           // YYYY-MM-DD
	End      string `json:"end,omitempty"`   // YYYY-MM-DD, when the decision lapses
	Scope    string `json:"scope,omitempty"` // e.g. DPF-certified organisations only
}

// Countries is the country reference data: the EEA, the aliases ropa
// accepts and the dated adequacy decisions. Go code (diff, reports) reads
// the same file as the rules, so both judge a country alike.
type Countries struct {
	EEA      []string            `json:"eea"`
	Aliases  map[string]string   `json:"aliases"`
	Adequacy map[string]Adequacy `json:"adequacy"`
	eea      map[string]bool
}

var (
	countriesOnce sync.Once
	countries     *Countries
	countriesErr  error
)

// LoadCountries parses the embedded country reference data once.
func LoadCountries() (*Countries, error) {
	countriesOnce.Do(func() {
		b, err := FS.ReadFile(CountriesPath)
		if err != nil {
			countriesErr = fmt.Errorf("read country reference data: %w", err)
			return
		}
		var c Countries
		if err := json.Unmarshal(b, &c); err != nil {
			countriesErr = fmt.Errorf("parse %s: %w", CountriesPath, err)
			return
		}
		c.eea = make(map[string]bool, len(c.EEA))
		for _, code := range c.EEA {
			c.eea[code] = true
		}
		countries = &c
	})
	return countries, countriesErr
}

// Code resolves case and aliases: "uk" and "UK" are GB, "EL" is GR.
func (c *Countries) Code(s string) string {
	u := strings.ToUpper(strings.TrimSpace(s))
	if a, ok := c.Aliases[u]; ok {
		return a
	}
	return u
}

// InEEA reports whether an alias-resolved code is in the EEA.
func (c *Countries) InEEA(code string) bool { return c.eea[code] }

// AdequacyInForce returns the decision covering code on date (YYYY-MM-DD),
// start and end days included, as the rules judge it.
func (c *Countries) AdequacyInForce(code, date string) (Adequacy, bool) {
	a, ok := c.Adequacy[code]
	if !ok || a.Start > date || a.End != "" && date > a.End {
		return Adequacy{}, false
	}
	return a, true
}
