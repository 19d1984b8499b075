package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/ropa-project/ropa/inventory"
)

// TransfersQuery is the rule of the bundle's library that assesses every
// system and recipient under Chapter V. gdpr/third-country-transfer fires on
// the destinations it finds uncovered; reports read the same assessment
// through Engine.AssessTransfers instead of re-deciding it in Go.
const TransfersQuery = "data.ropa.lib.transfer_assessments"

// TransferAssessment is how one destination (a country code, or an
// international organisation key) of a system or recipient is covered on
// the audit date.
type TransferAssessment struct {
	// Kind is "country" or "io" (international organisation).
	Kind string `json:"kind"`
	// Status is TransferAdequacy, TransferSafeguard or TransferNone.
	Status string `json:"status"`
	// Decision is the adequacy decision relied on (status adequacy).
	Decision string `json:"decision,omitempty"`
	// Mechanism and Derogation are the declared safeguard (status
	// safeguard): scc, bcr, code_of_conduct, certification, or derogation
	// with its Art. 49(1) point.
	Mechanism  string `json:"mechanism,omitempty"`
	Derogation string `json:"derogation,omitempty"`
	// Reason says why a decision does not apply (status none): a partial
	// decision without scope, a decision that ended. Empty when no
	// decision exists.
	Reason string `json:"reason,omitempty"`
}

// Transfer statuses.
const (
	TransferAdequacy  = "adequacy"
	TransferSafeguard = "safeguard"
	TransferNone      = "none"
)

// Transfers holds the assessments by section ("systems", "recipients"),
// item id and destination. Items without a destination outside the EEA,
// and the controller's own staff and systems, are absent.
type Transfers map[string]map[string]map[string]TransferAssessment

// Of returns the assessments of one system or recipient.
func (t Transfers) Of(section, id string) map[string]TransferAssessment { return t[section][id] }

// AssessTransfers evaluates TransfersQuery on the systems and recipients of
// inv as of asOf.
func (e *Engine) AssessTransfers(ctx context.Context, inv *inventory.Inventory, asOf time.Time) (Transfers, error) {
	e.transfersOnce.Do(func() {
		e.transfersQuery, e.transfersErr = rego.New(
			rego.Query(TransfersQuery),
			rego.Compiler(e.compiler),
			rego.Store(e.store),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
	})
	if e.transfersErr != nil {
		return nil, fmt.Errorf("prepare transfer assessment: %w", e.transfersErr)
	}
	// Only these two sections matter: the conversion stays small.
	doc := map[string]any{}
	for _, s := range []string{"systems", "recipients"} {
		if v, ok := inv.Document[s]; ok {
			doc[s] = v
		}
	}
	input, err := inputValue(doc)
	if err != nil {
		return nil, fmt.Errorf("convert inventory for the transfer assessment: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.transfersQuery.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(asOf))
	if err != nil {
		return nil, fmt.Errorf("assess transfers: %w", err)
	}
	out := Transfers{}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return out, nil
	}
	// The value is plain JSON: a round trip decodes it into the typed map.
	b, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		return nil, fmt.Errorf("assess transfers: %w", err)
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("assess transfers: %w", err)
	}
	return out, nil
}
