package ropa.rules.gdpr.representative_test

import data.ropa.rules.gdpr.representative as rule

test_eea_controller_needs_no_representative if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Rackslab", "country": "FR"}}
}

test_el_alias_is_in_the_eea if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme", "country": "EL"}}
}

test_uk_controller_without_representative if {
	rule.deny == {{
		"msg": "controller \"Acme\" is established outside the EEA (GB) and declares no representative in the Union",
		"path": ["controller", "representative"],
	}} with input as {"controller": {"name": "Acme", "country": "UK"}}
}

test_us_controller_with_representative if {
	count(rule.deny) == 0 with input as {"controller": {
		"name": "Acme",
		"country": "US",
		"representative": {"name": "Acme EU Rep", "contact": "rep@example.eu"},
	}}
}

test_incomplete_representative if {
	rule.deny == {{
		"msg": "controller \"Acme\" is established outside the EEA (US) and its representative has no name and no contact details",
		"path": ["controller", "representative"],
	}} with input as {"controller": {"name": "Acme", "country": "US", "representative": {}}}
}

test_representative_without_contact if {
	rule.deny == {{
		"msg": "controller \"Acme\" is established outside the EEA (CH) and its representative has no contact details",
		"path": ["controller", "representative"],
	}} with input as {"controller": {"name": "Acme", "country": "CH", "representative": {"name": "Rep"}}}
}

test_public_authority_is_exempt if {
	count(rule.deny) == 0 with input as {"controller": {"name": "City of Geneva", "country": "CH", "public_authority": true}}
}

test_no_country_is_left_to_controller_identity if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme"}}
}
