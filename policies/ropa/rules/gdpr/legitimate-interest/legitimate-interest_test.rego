package ropa.rules.gdpr["legitimate-interest_test"]

import data.ropa.rules.gdpr["legitimate-interest"] as rule

test_complete_legitimate_interest if {
	count(rule.deny) == 0 with input as {"activities": [{
		"id": "fraud",
		"lawful_basis": "legitimate_interests",
		"legitimate_interest": {"interest": "Preventing payment fraud", "assessment": "LIA-2024-01"},
	}]}
}

test_other_basis_needs_nothing if {
	count(rule.deny) == 0 with input as {"activities": [{"id": "billing", "lawful_basis": "contract"}]}
}

test_no_legitimate_interest_block if {
	rule.deny == {{
		"msg": "activity \"stats\" relies on legitimate interests but does not state the interest pursued nor the reference of its balancing-test assessment",
		"path": ["activities", "stats", "legitimate_interest"],
	}} with input as {"activities": [{"id": "stats", "lawful_basis": "legitimate_interests"}]}
}

test_missing_assessment if {
	rule.deny == {{
		"msg": "activity \"stats\" relies on legitimate interests but does not state the reference of its balancing-test assessment",
		"path": ["activities", "stats", "legitimate_interest"],
	}} with input as {"activities": [{
		"id": "stats",
		"lawful_basis": "legitimate_interests",
		"legitimate_interest": {"interest": "Audience measurement", "assessment": ""},
	}]}
}

test_missing_interest if {
	rule.deny == {{
		"msg": "activity \"stats\" relies on legitimate interests but does not state the interest pursued",
		"path": ["activities", "stats", "legitimate_interest"],
	}} with input as {"activities": [{
		"id": "stats",
		"lawful_basis": "legitimate_interests",
		"legitimate_interest": {"assessment": "LIA-1"},
	}]}
}
