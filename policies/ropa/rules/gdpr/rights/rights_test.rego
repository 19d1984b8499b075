package ropa.rules.gdpr.rights_test

import data.ropa.rules.gdpr.rights as rule

_base := ["access", "rectification", "erasure", "restriction", "complaint"]

_all := array.concat(_base, ["objection", "portability", "withdraw_consent", "post_mortem"])

test_complete_rights if {
	count(rule.warn) == 0 with input as {
		"rights": {"contact": "privacy@example.org", "supported": _all},
		"activities": [
			{"id": "billing", "lawful_basis": "contract"},
			{"id": "newsletter", "lawful_basis": "consent", "use": "marketing.communications.email"},
		],
	}
}

# only the always-required rights when no activity triggers the others
test_base_rights_suffice_without_triggers if {
	count(rule.warn) == 0 with input as {
		"rights": {"contact": "privacy@example.org", "supported": _base},
		"activities": [
			{"id": "billing", "lawful_basis": "legal_obligation", "use": "essential.service.payment_processing"},
			{"id": "rescue", "lawful_basis": "vital_interests"},
		],
	}
	count(rule.warn) == 0 with input as {"rights": {"contact": "privacy@example.org", "supported": _base}}
}

test_no_rights_section if {
	rule.warn == {{
		"msg": "the inventory has no rights section telling data subjects how to exercise their rights",
		"path": ["rights"],
	}} with input as {"activities": []}
}

test_no_contact if {
	rule.warn == {{
		"msg": "rights has no contact for data subjects to exercise their rights (Art. 12(2))",
		"path": ["rights", "contact"],
	}} with input as {"rights": {"supported": _base, "contact": ""}}
}

test_missing_base_rights if {
	rule.warn == {{
		"msg": "rights.supported lacks complaint (Art. 13(2)(d), 77), restriction (Art. 18)",
		"path": ["rights", "supported"],
	}} with input as {"rights": {"contact": "privacy@example.org", "supported": ["access", "rectification", "erasure"]}}
}

test_no_supported_list if {
	rule.warn == {
		{"msg": "rights has no contact for data subjects to exercise their rights (Art. 12(2))", "path": ["rights", "contact"]},
		{
			"msg": "rights.supported lacks access (Art. 15), complaint (Art. 13(2)(d), 77), erasure (Art. 17), rectification (Art. 16), restriction (Art. 18)",
			"path": ["rights", "supported"],
		},
	} with input as {"rights": {}}
}

test_portability_for_contract if {
	rule.warn == {{
		"msg": "rights.supported lacks portability (Art. 20(1): activity \"shop\" relies on consent, explicit consent or contract)",
		"path": ["rights", "supported"],
	}} with input as {
		"rights": {"contact": "privacy@example.org", "supported": _base},
		"activities": [{"id": "shop", "lawful_basis": "contract"}],
	}
}

test_portability_and_withdrawal_for_explicit_consent if {
	rule.warn == {{
		"msg": "rights.supported lacks portability (Art. 20(1): activity \"trial\" relies on consent, explicit consent or contract), withdraw_consent (Art. 7(3), 13(2)(c): activity \"trial\" relies on consent or explicit consent)",
		"path": ["rights", "supported"],
	}} with input as {
		"rights": {"contact": "privacy@example.org", "supported": _base},
		"activities": [{"id": "trial", "lawful_basis": "public_task", "special_condition": ["explicit_consent"]}, {"id": "x", "lawful_basis": "legal_obligation"}],
	}
		with input.rights.supported as array.concat(_base, ["objection"])
}

test_explicit_consent_as_a_string if {
	rule.warn == {{
		"msg": "rights.supported lacks withdraw_consent (Art. 7(3), 13(2)(c): activity \"trial\" relies on consent or explicit consent)",
		"path": ["rights", "supported"],
	}} with input as {
		"rights": {"contact": "privacy@example.org", "supported": array.concat(_base, ["portability", "objection"])},
		"activities": [{"id": "trial", "lawful_basis": "legitimate_interests", "special_condition": "explicit_consent"}],
	}
}

test_objection_for_legitimate_interests_and_public_task if {
	rule.warn == {{
		"msg": "rights.supported lacks objection (Art. 21(1)-(2): activity \"audience\" (and 1 more) relies on public task or legitimate interests, or is direct marketing)",
		"path": ["rights", "supported"],
	}} with input as {
		"rights": {"contact": "privacy@example.org", "supported": _base},
		"activities": [
			{"id": "permits", "lawful_basis": "public_task"},
			{"id": "audience", "lawful_basis": "legitimate_interests"},
		],
	}
}

test_objection_for_marketing_use if {
	count(rule.warn) == 1 with input as {
		"rights": {"contact": "privacy@example.org", "supported": array.concat(_base, ["portability", "withdraw_consent"])},
		"activities": [{"id": "promo", "lawful_basis": "consent", "use": "marketing.advertising.profiling"}],
	}
	count(rule.warn) == 1 with input as {
		"rights": {"contact": "privacy@example.org", "supported": _base},
		"activities": [{"id": "promo", "lawful_basis": "legal_obligation", "use": "marketing"}],
	}
}

# "marketingish" is not under marketing
test_marketing_prefix_is_exact if {
	count(rule.warn) == 0 with input as {
		"rights": {"contact": "privacy@example.org", "supported": _base},
		"activities": [{"id": "promo", "lawful_basis": "legal_obligation", "use": "marketingish"}],
	}
}

test_all_missing_sorted if {
	rule.warn == {{
		"msg": "rights.supported lacks complaint (Art. 13(2)(d), 77), objection (Art. 21(1)-(2): activity \"newsletter\" relies on public task or legitimate interests, or is direct marketing), portability (Art. 20(1): activity \"billing\" (and 1 more) relies on consent, explicit consent or contract), restriction (Art. 18), withdraw_consent (Art. 7(3), 13(2)(c): activity \"newsletter\" relies on consent or explicit consent)",
		"path": ["rights", "supported"],
	}} with input as {
		"rights": {"contact": "privacy@example.org", "supported": ["erasure", "access", "rectification"]},
		"activities": [
			{"id": "newsletter", "lawful_basis": "consent", "use": "marketing.communications.email"},
			{"id": "billing", "lawful_basis": "contract"},
		],
	}
}
