package ropa.rules.gdpr.representative_test

import data.ropa.rules.gdpr.representative as rule

test_eea_controller_needs_no_representative if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Rackslab", "country": "FR"}}
	count(rule.deny) == 0 with input as {"controller": {"name": "Rackslab", "country": "FR", "markets": ["FR", "DE", "US"]}}
}

test_el_alias_is_in_the_eea if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme", "country": "EL", "markets": ["GR"]}}
}

# Art. 3(2): no EEA market (the default outside the EEA), no targeting, no
# representative needed.
test_non_eea_controller_without_eea_market if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme", "country": "US"}}
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme", "country": "US", "markets": ["US", "CA"]}}
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme", "country": "UK", "markets": []}}
}

test_uk_controller_targeting_the_eea_without_representative if {
	rule.deny == {{
		"msg": "controller \"Acme\" is established outside the EEA (GB) and targets data subjects in DE, IE (Art. 3(2)), but declares no representative in the Union (Art. 27(1))",
		"path": ["controller", "representative"],
	}} with input as {"controller": {"name": "Acme", "country": "UK", "markets": ["UK", "IE", "DE"]}}
}

test_norway_market_is_in_the_eea if {
	count(rule.deny) == 1 with input as {"controller": {"name": "Acme", "country": "CH", "markets": ["NO"]}}
}

test_us_controller_with_representative if {
	count(rule.deny) == 0 with input as {"controller": {
		"name": "Acme",
		"country": "US",
		"markets": ["FR"],
		"representative": {"name": "Acme EU Rep", "contact": "rep@example.eu"},
	}}
}

test_representative_without_contact if {
	rule.deny == {{
		"msg": "controller \"Acme\" is established outside the EEA (CH) and targets data subjects in FR (Art. 3(2)), but its representative in the Union has no contact details",
		"path": ["controller", "representative"],
	}} with input as {"controller": {"name": "Acme", "country": "CH", "markets": ["FR"], "representative": {"name": "Rep"}}}
}

test_representative_with_blank_contact if {
	count(rule.deny) == 1 with input as {"controller": {"country": "US", "markets": ["FR"], "representative": {"name": "Rep", "contact": " "}}}
}

test_unnamed_controller if {
	rule.deny == {{
		"msg": "the controller is established outside the EEA (US) and targets data subjects in BE (Art. 3(2)), but declares no representative in the Union (Art. 27(1))",
		"path": ["controller", "representative"],
	}} with input as {"controller": {"country": "US", "markets": ["BE"]}}
}

# Art. 27(2)(b)
test_public_authority_is_exempt if {
	count(rule.deny) == 0 with input as {"controller": {"name": "City of Geneva", "country": "CH", "markets": ["FR"], "public_authority": true}}
}

test_public_authority_false_is_not_exempt if {
	count(rule.deny) == 1 with input as {"controller": {"name": "Acme", "country": "CH", "markets": ["FR"], "public_authority": false}}
}

test_no_country_is_not_checked if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme", "markets": ["FR"]}}
	count(rule.deny) == 0 with input as {"controller": {"name": "Acme"}}
}
