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
	// Only these two sections matter: the conversion stays small.
	doc := map[string]any{}
	for _, s := range []string{"systems", "recipients"} {
		if v, ok := inv.Document[s]; ok {
			doc[s] = v
		}
	}
	out := Transfers{}
	if err := e.library(ctx, TransfersQuery, doc, asOf, &out); err != nil {
		return nil, fmt.Errorf("assess transfers: %w", err)
	}
	return out, nil
}

// DurationsQuery is the rule of the bundle's library that gives the length
// of ISO 8601 durations: the one duration parser the rules use.
const DurationsQuery = "data.ropa.lib.durations_days"

// DurationDays returns the length in days of each string of ds that is an
// ISO 8601 duration, as the rules compute it (a year is 365.2425 days and
// a month a twelfth of it, so P12M is P1Y); other strings are absent.
func (e *Engine) DurationDays(ctx context.Context, ds []string) (map[string]float64, error) {
	list := make([]any, len(ds))
	for i, d := range ds {
		list[i] = d
	}
	out := map[string]float64{}
	if err := e.library(ctx, DurationsQuery, map[string]any{"durations": list}, time.Now(), &out); err != nil {
		return nil, fmt.Errorf("duration lengths: %w", err)
	}
	return out, nil
}

// library evaluates a rule of the bundle's library (query) on input and
// decodes its JSON value into out. Each query is prepared once per engine.
func (e *Engine) library(ctx context.Context, query string, input map[string]any, asOf time.Time, out any) error {
	e.libMu.Lock()
	pq, ok := e.libQueries[query]
	if !ok {
		var err error
		pq, err = rego.New(
			rego.Query(query),
			rego.Compiler(e.compiler),
			rego.Store(e.store),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			e.libMu.Unlock()
			return fmt.Errorf("prepare %s: %w", query, err)
		}
		if e.libQueries == nil {
			e.libQueries = map[string]rego.PreparedEvalQuery{}
		}
		e.libQueries[query] = pq
	}
	e.libMu.Unlock()
	value, err := inputValue(input, 1)
	if err != nil {
		return fmt.Errorf("convert input: %w", err)
	}
	timeout := e.timeout
	if timeout <= 0 {
		timeout = DefaultTimeout // these inputs are small: systems, recipients, durations
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(value), rego.EvalTime(asOf))
	if err != nil {
		return err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil
	}
	// The value is plain JSON: a round trip decodes it into the typed value.
	b, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}
