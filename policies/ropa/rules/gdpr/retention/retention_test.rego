package ropa.rules.gdpr.retention_test

import data.ropa.rules.gdpr.retention as rule

test_period_or_criteria if {
	count(rule.deny) == 0 with input as {"activities": [
		{"id": "billing", "retention": {"period": "P10Y", "after": "end_of_contract"}},
		{"id": "support", "retention": {"criteria": "until the ticket is closed"}},
	]}
}

test_no_retention if {
	rule.deny == {{
		"msg": "activity \"billing\" has no retention period or criteria",
		"path": ["activities", "billing", "retention"],
	}} with input as {"activities": [{"id": "billing"}]}
}

test_retention_without_period_or_criteria if {
	rule.deny == {{
		"msg": "activity \"billing\" has no retention period or criteria",
		"path": ["activities", "billing", "retention"],
	}} with input as {"activities": [{"id": "billing", "retention": {"after": "end_of_contract", "criteria": ""}}]}
}
