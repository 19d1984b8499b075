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

test_explicit_consent_condition_without_withdrawal if {
	rule.deny == {{
		"msg": "activity \"trial\" relies on explicit consent (Art. 9(2)(a)) but does not say how it can be withdrawn",
		"path": ["activities", "trial", "consent"],
	}} with input as {"activities": [{
		"id": "trial",
		"lawful_basis": "legitimate_interests",
		"special_condition": ["explicit_consent"],
		"consent": {"mechanism": "signed form"},
	}]}
}

test_explicit_consent_string_condition_without_consent_block if {
	rule.deny == {{
		"msg": "activity \"trial\" relies on explicit consent (Art. 9(2)(a)) but does not say how consent is collected nor how it can be withdrawn",
		"path": ["activities", "trial", "consent"],
	}} with input as {"activities": [{"id": "trial", "lawful_basis": "contract", "special_condition": "explicit_consent"}]}
}

test_consent_and_explicit_consent if {
	rule.deny == {{
		"msg": "activity \"trial\" relies on consent and explicit consent (Art. 9(2)(a)) but does not say how consent is collected",
		"path": ["activities", "trial", "consent"],
	}} with input as {"activities": [{
		"id": "trial",
		"lawful_basis": "consent",
		"special_condition": "explicit_consent",
		"consent": {"withdrawal": "email the DPO"},
	}]}
}

test_explicit_consent_complete if {
	count(rule.deny) == 0 with input as {"activities": [{
		"id": "trial",
		"lawful_basis": "contract",
		"special_condition": ["explicit_consent"],
		"consent": {"mechanism": "signed form, kept in the study file", "withdrawal": "form on the patient portal"},
	}]}
}

test_other_condition_needs_nothing if {
	count(rule.deny) == 0 with input as {"activities": [{"id": "care", "lawful_basis": "contract", "special_condition": ["health_or_social_care"]}]}
}
