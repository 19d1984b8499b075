package ropa.rules.gdpr["dpo-contact_test"]

import data.ropa.rules.gdpr["dpo-contact"] as rule

test_dpo_with_contact if {
	count(rule.warn) == 0 with input as {"controller": {"name": "Rackslab", "dpo": {"name": "Jane Doe", "contact": "dpo@example.org"}}}
}

test_dpo_without_contact if {
	rule.warn == {{
		"msg": "the DPO \"Jane Doe\" has no contact details (they must be published and given in the privacy notice)",
		"path": ["controller", "dpo"],
	}} with input as {"controller": {"name": "Rackslab", "dpo": {"name": "Jane Doe"}}}
}

test_unnamed_dpo_with_blank_contact if {
	rule.warn == {{
		"msg": "the DPO has no contact details (they must be published and given in the privacy notice)",
		"path": ["controller", "dpo"],
	}} with input as {"controller": {"name": "Rackslab", "dpo": {"contact": ""}}}
}

# a missing DPO is gdpr/dpo-required's concern, even when one is mandatory
test_no_dpo_is_not_this_rule if {
	count(rule.warn) == 0 with input as {"controller": {"name": "Town hall", "public_authority": true}}
	count(rule.warn) == 0 with input as {"activities": []}
}
