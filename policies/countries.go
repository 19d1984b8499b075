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

// Decision is one Commission adequacy decision (GDPR Art. 45; older ones
// under Directive 95/46/EC Art. 25(6)) for one period.
type Decision struct {
	Decision   string `json:"decision"`             // e.g. "(EU) 2021/1772"
	CELEX      string `json:"celex,omitempty"`      // e.g. "32021D1772"
	Start      string `json:"start"`                // YYYY-MM-DD
	End        string `json:"end,omitempty"`        // YYYY-MM-DD, last day of the period
	Scope      string `json:"scope,omitempty"`      // partial decision: who is inside it
	Requires   string `json:"requires,omitempty"`   // transfer flag standing for the scope (US: dpf_certified)
	Exclusions string `json:"exclusions,omitempty"` // what the decision leaves out
	Amends     string `json:"amends,omitempty"`     // the decision this one amends (extension, renewal)
	Source     string `json:"source,omitempty"`     // URL of the text
	Note       string `json:"note,omitempty"`       // what was (not) verified
}

// Adequacy is a country (or international organisation) with its
// successive adequacy decisions, one period each, never overlapping.
type Adequacy struct {
	Name      string     `json:"name"`
	Decisions []Decision `json:"decisions"`
}

// RepealedSCC is a set of standard contractual clauses repealed by
// Implementing Decision (EU) 2021/914 Art. 4, usable until End.
type RepealedSCC struct {
	Decision string `json:"decision"`
	CELEX    string `json:"celex,omitempty"`
	Cite     string `json:"cite"` // the number a reference cites, e.g. "2010/87"
	End      string `json:"end"`
	Note     string `json:"note,omitempty"`
}

// Countries is the country reference data: the EEA, the aliases ropa
// accepts, the dated adequacy decisions per country and per international
// organisation, and the repealed SCC decisions. Go code (diff, reports)
// reads the same file as the rules, so both judge a country alike.
type Countries struct {
	EEA                        []string            `json:"eea"`
	Aliases                    map[string]string   `json:"aliases"`
	Adequacy                   map[string]Adequacy `json:"adequacy"`
	InternationalOrganisations map[string]Adequacy `json:"international_organisations"`
	SCCRepealed                []RepealedSCC       `json:"scc_repealed"`
	eea                        map[string]bool
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
// start and end days included, as the rules judge it (a partial decision
// is returned too: its Scope says so).
func (c *Countries) AdequacyInForce(code, date string) (Decision, bool) {
	return inForce(c.Adequacy[code].Decisions, date)
}

// OrganisationAdequacyInForce is AdequacyInForce for an international
// organisation key (e.g. "epo").
func (c *Countries) OrganisationAdequacyInForce(key, date string) (Decision, bool) {
	return inForce(c.InternationalOrganisations[strings.ToLower(strings.TrimSpace(key))].Decisions, date)
}

func inForce(ds []Decision, date string) (Decision, bool) {
	for _, d := range ds {
		if d.Start <= date && (d.End == "" || date <= d.End) {
			return d, true
		}
	}
	return Decision{}, false
}

// Covers reports whether decision d applies to a recipient or system that
// declares scope (transfer.scope) and dpfCertified: a full decision always,
// a partial one only when the item says why it is inside the scope.
func (d Decision) Covers(scope string, dpfCertified bool) bool {
	switch {
	case d.Scope == "":
		return true
	case d.Requires == "dpf_certified":
		return dpfCertified
	default:
		return strings.TrimSpace(scope) != ""
	}
}
