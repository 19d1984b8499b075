package ropa.rules.gdpr.rights_test

import data.ropa.rules.gdpr.rights as rule

_all := ["access", "rectification", "erasure", "restriction", "objection", "portability", "complaint"]

test_complete_rights if {
	count(rule.warn) == 0 with input as {
		"rights": {"contact": "privacy@example.org", "supported": array.concat(_all, ["post_mortem"])},
		"activities": [{"id": "billing", "lawful_basis": "contract"}],
	}
}

test_complete_rights_with_consent if {
	count(rule.warn) == 0 with input as {
		"rights": {"contact": "privacy@example.org", "supported": array.concat(_all, ["withdraw_consent"])},
		"activities": [{"id": "newsletter", "lawful_basis": "consent"}],
	}
}

test_no_rights_section if {
	rule.warn == {{
		"msg": "the inventory has no rights section telling data subjects how to exercise their rights",
		"path": ["rights"],
	}} with input as {"activities": []}
}

test_no_contact if {
	rule.warn == {{
		"msg": "rights has no contact for data subjects to exercise their rights",
		"path": ["rights", "contact"],
	}} with input as {"rights": {"supported": _all}}
}

test_missing_rights_sorted if {
	rule.warn == {{
		"msg": "rights.supported lacks complaint, portability, restriction, withdraw_consent",
		"path": ["rights", "supported"],
	}} with input as {
		"rights": {"contact": "privacy@example.org", "supported": ["objection", "access", "erasure", "rectification"]},
		"activities": [{"id": "billing", "lawful_basis": "contract"}, {"id": "newsletter", "lawful_basis": "consent"}],
	}
}

test_no_supported_list if {
	rule.warn == {
		{"msg": "rights has no contact for data subjects to exercise their rights", "path": ["rights", "contact"]},
		{
			"msg": "rights.supported lacks access, complaint, erasure, objection, portability, rectification, restriction",
			"path": ["rights", "supported"],
		},
	} with input as {"rights": {}}
}
