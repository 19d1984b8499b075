package ropa.rules.gdpr["controller-identity_test"]

import data.ropa.rules.gdpr["controller-identity"] as rule

test_complete_controller if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Rackslab", "contact": "contact@example.org", "country": "FR"}}
}

test_missing_contact_and_country if {
	rule.deny == {
		{"msg": "controller \"Rackslab\" has no contact details", "path": ["controller", "contact"]},
		{"msg": "controller \"Rackslab\" has no country of establishment", "path": ["controller", "country"]},
	} with input as {"controller": {"name": "Rackslab"}}
}

test_blank_contact if {
	rule.deny == {{"msg": "controller \"Rackslab\" has no contact details", "path": ["controller", "contact"]}} with input as {"controller": {"name": "Rackslab", "contact": "  ", "country": "FR"}}
}

test_unnamed_controller if {
	rule.deny == {{"msg": "the controller has no country of establishment", "path": ["controller", "country"]}} with input as {"controller": {"contact": "x@example.org"}}
}

test_no_controller if {
	rule.deny == {{"msg": "the inventory declares no controller", "path": ["controller"]}} with input as {"activities": []}
}
