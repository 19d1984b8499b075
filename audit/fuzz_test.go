package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ropa-project/ropa/inventory"
)

// FuzzLintAuditAgree is the differential check of the SPEC's gate
// integrity: for any single-file inventory, lint and audit report the same
// structural findings (audit adds nothing lint misses, e.g. a waiver
// naming an unknown rule), and no finding of a rule names a value that the
// schema rejected (such values never reach the rules). Seeds: the clean
// example, the syntax corpus and inventories with rejected values.
//
//	go test ./audit -run '^$' -fuzz FuzzLintAuditAgree -fuzztime 1m
func FuzzLintAuditAgree(f *testing.F) {
	for _, pat := range []string{"../testdata/clean/*.yaml", "../inventory/testdata/syntax/*.yaml", "../testdata/lint/*/*.yaml"} {
		files, _ := filepath.Glob(pat)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"version: 1\ncontroller: {name: A, contact: a@example.org, country: FR}\nrecipients:\n  - {id: crm, description: CRM, role: processor, countries: [France], contract: DPA-1}\n",
		"version: 1\ncontroller: {name: A, contact: a@example.org, country: Frankreich}\ndata:\n  - {id: creds, description: L, category: user.authorization.credentials, source: data_subject, protection: hashd}\n",
		"version: 1\ncontroller: {name: A, contact: a@example.org, country: FR}\nwaivers:\n  - {rule: gdpr/retenton, target: controller, reason: r, approved_by: DPO}\n  - {rule: inventory/schema, target: controller, reason: r, approved_by: DPO}\n",
		"version: 1\ncontroller: {name: A, contact: a@example.org, country: FR}\nactivities:\n  - {id: a, name: A, purpose: P, lawful_basis: consentt, subjects: [x], data: [y], retention: {period: P3Q}}\n",
	} {
		f.Add([]byte(s))
	}
	eng, err := NewEngine(context.Background(), EngineOptions{})
	if err != nil {
		f.Fatal(err)
	}
	asOf := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := inventory.LoadFiles([]inventory.File{{Name: "inv.yaml", Data: data}})
		if err != nil {
			t.Skip(err)
		}
		lint := Lint(inv, asOf)
		res, err := eng.Audit(context.Background(), inv, Options{AsOf: asOf})
		if err != nil {
			t.Skip(err) // a rule error on a strange input is another test's business
		}
		structural := func(fs []Finding) []string {
			var out []string
			for _, f := range fs {
				if IsStructural(f.Rule) {
					out = append(out, fmt.Sprintf("%s %s %s %s", f.Rule, f.Location, f.Path, f.Message))
				}
			}
			slices.Sort(out)
			return out
		}
		if l, a := structural(lint.Findings), structural(res.Findings); !slices.Equal(l, a) {
			t.Errorf("lint and audit disagree on structural findings:\nlint:  %q\naudit: %q", l, a)
		}
		// Values that survived elsewhere in the document may be named
		// legitimately; a rejected value that is nowhere else must not be.
		kept := strings.ToUpper(fmt.Sprint(inv.Document))
		for _, v := range inv.RejectedValues {
			up := strings.ToUpper(v)
			if len(v) < 4 || strings.Contains(kept, up) {
				continue
			}
			for _, f := range res.Findings {
				if !IsStructural(f.Rule) && strings.Contains(strings.ToUpper(f.Message), up) {
					t.Errorf("finding of %s names the rejected value %q: %s", f.Rule, v, f.Message)
				}
			}
		}
	})
}
