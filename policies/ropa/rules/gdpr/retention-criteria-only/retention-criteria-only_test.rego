package ropa.rules.gdpr["retention-criteria-only_test"]

import data.ropa.rules.gdpr["retention-criteria-only"] as rule

test_period_with_or_without_criteria if {
	count(rule.warn) == 0 with input as {"activities": [
		{"id": "billing", "retention": {"period": "P10Y"}},
		{"id": "support", "retention": {"period": "P3Y", "criteria": "until closed, at most three years"}},
		{"id": "none"},
	]}
}

test_criteria_only if {
	rule.warn == {{
		"msg": "activity \"support\" gives retention criteria but no retention period",
		"path": ["activities", "support", "retention"],
	}} with input as {"activities": [{"id": "support", "retention": {"criteria": "until the ticket is closed"}}]}
}
