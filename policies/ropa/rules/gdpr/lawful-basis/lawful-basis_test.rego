package ropa.rules.gdpr["lawful-basis_test"]

import data.ropa.rules.gdpr["lawful-basis"] as rule

test_lawful_basis_declared if {
	count(rule.deny) == 0 with input as {"activities": [{"id": "billing", "lawful_basis": "legal_obligation"}]}
}

test_no_lawful_basis if {
	rule.deny == {{
		"msg": "activity \"newsletter\" has no lawful basis",
		"path": ["activities", "newsletter", "lawful_basis"],
	}} with input as {"activities": [
		{"id": "billing", "lawful_basis": "contract"},
		{"id": "newsletter"},
	]}
}
