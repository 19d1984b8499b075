package notice

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/ropa-project/ropa/policies"
)

// AuthoritiesPath is the reference table of the EEA supervisory
// authorities in the rule bundle, readable by the rules as
// data.ropa.reference.authorities.
const AuthoritiesPath = "ropa/reference/authorities/data.json"

// Authority is a national supervisory authority (GDPR Art. 51).
type Authority struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Note string `json:"note,omitempty"`
}

// Authorities is the dated table of supervisory authorities by country.
type Authorities struct {
	AsOf        string               `json:"as_of"`
	Source      string               `json:"source"`
	Authorities map[string]Authority `json:"authorities"`
}

var (
	authOnce sync.Once
	auth     *Authorities
	authErr  error
)

// LoadAuthorities parses the embedded table once.
func LoadAuthorities() (*Authorities, error) {
	authOnce.Do(func() {
		b, err := policies.FS.ReadFile(AuthoritiesPath)
		if err != nil {
			authErr = fmt.Errorf("read supervisory authorities: %w", err)
			return
		}
		var a Authorities
		if err := json.Unmarshal(b, &a); err != nil {
			authErr = fmt.Errorf("parse %s: %w", AuthoritiesPath, err)
			return
		}
		auth = &a
	})
	return auth, authErr
}
