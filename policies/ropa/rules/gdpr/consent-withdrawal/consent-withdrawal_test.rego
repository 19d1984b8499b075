package ropa.rules.gdpr["consent-withdrawal_test"]

import data.ropa.rules.gdpr["consent-withdrawal"] as rule

test_complete_consent if {
	count(rule.deny) == 0 with input as {"activities": [{
		"id": "newsletter",
		"lawful_basis": "consent",
		"consent": {"mechanism": "unticked checkbox at sign-up", "withdrawal": "unsubscribe link in every email"},
	}]}
}

test_other_basis_needs_nothing if {
	count(rule.deny) == 0 with input as {"activities": [{"id": "billing", "lawful_basis": "legal_obligation"}]}
}

test_no_consent_block if {
	rule.deny == {{
		"msg": "activity \"newsletter\" relies on consent but does not say how consent is collected nor how it can be withdrawn",
		"path": ["activities", "newsletter", "consent"],
	}} with input as {"activities": [{"id": "newsletter", "lawful_basis": "consent"}]}
}

test_no_withdrawal if {
	rule.deny == {{
		"msg": "activity \"newsletter\" relies on consent but does not say how it can be withdrawn",
		"path": ["activities", "newsletter", "consent"],
	}} with input as {"activities": [{
		"id": "newsletter",
		"lawful_basis": "consent",
		"consent": {"mechanism": "checkbox"},
	}]}
}
