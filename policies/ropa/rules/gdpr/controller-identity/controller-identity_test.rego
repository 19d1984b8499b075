package ropa.rules.gdpr["controller-identity_test"]

import data.ropa.rules.gdpr["controller-identity"] as rule

test_complete_controller if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Rackslab", "contact": "contact@example.org", "country": "FR"}}
}

# a missing country is no longer a finding
test_no_country_is_not_a_finding if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Rackslab", "contact": "contact@example.org"}}
}

test_missing_contact if {
	rule.deny == {{
		"msg": "controller \"Rackslab\" has no contact details (the record and the privacy notice must give them)",
		"path": ["controller", "contact"],
	}} with input as {"controller": {"name": "Rackslab"}}
}

test_blank_contact if {
	rule.deny == {{
		"msg": "controller \"Rackslab\" has no contact details (the record and the privacy notice must give them)",
		"path": ["controller", "contact"],
	}} with input as {"controller": {"name": "Rackslab", "contact": "  ", "country": "FR"}}
}

test_non_string_contact if {
	count(rule.deny) == 1 with input as {"controller": {"name": "Rackslab", "contact": 42}}
}

test_unnamed_controller if {
	rule.deny == {{
		"msg": "the controller has no contact details (the record and the privacy notice must give them)",
		"path": ["controller", "contact"],
	}} with input as {"controller": {"country": "FR"}}
}

test_unnamed_controller_with_contact if {
	count(rule.deny) == 0 with input as {"controller": {"contact": "x@example.org"}}
}

test_no_controller if {
	rule.deny == {{"msg": "the inventory declares no controller", "path": ["controller"]}} with input as {"activities": []}
}
