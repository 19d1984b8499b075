package ropa.rules.eprivacy["cookie-consent_test"]

import data.ropa.rules.eprivacy["cookie-consent"] as rule

_fr := {"name": "Example SAS", "country": "FR"}

_de := {"name": "Example GmbH", "country": "DE"}

test_exempt_advertising_cookie if {
	findings := rule.deny with input as {"controller": _fr, "cookies": [{"name": "_fbp", "purpose": "advertising", "consent": "exempt"}]}
	findings == {{
		"msg": "cookie \"_fbp\" is exempt from consent but its purpose \"advertising\" requires consent",
		"path": ["cookies", "_fbp", "consent"],
	}}
}

test_exempt_cookie_without_purpose if {
	findings := rule.deny with input as {"controller": _fr, "cookies": [{"name": "mystery", "consent": "exempt"}]}
	findings == {{
		"msg": "cookie \"mystery\" is exempt from consent but declares no purpose",
		"path": ["cookies", "mystery", "consent"],
	}}
}

test_exempt_purposes_and_consented_cookies_in_france if {
	count(rule.deny) == 0 with input as {"controller": _fr, "cookies": [
		{"name": "session", "purpose": "strictly_necessary", "consent": "exempt"},
		{"name": "session2", "purpose": "strictly_necessary"},
		{"name": "_pk_id", "purpose": "audience_measurement", "consent": "exempt"},
		{"name": "_fbp", "purpose": "advertising", "consent": "required"},
	]}
}

# The issue's false alarm: a language cookie the user chose is exempt.
test_user_chosen_language_cookie_is_exempt if {
	count(rule.deny) == 0 with input as {"controller": _de, "cookies": [{"name": "lang", "purpose": "preferences", "consent": "exempt"}]}
	count(rule.deny) == 0 with input as {"controller": _fr, "cookies": [{"name": "lang", "purpose": "preferences", "consent": "exempt"}]}
}

test_audience_exemption_refused_in_germany if {
	findings := rule.deny with input as {"controller": _de, "cookies": [{"name": "_pk_id", "purpose": "audience_measurement", "consent": "exempt"}]}
	count(findings) == 1
	some f in findings
	f.path == ["cookies", "_pk_id", "consent"]
	startswith(f.msg, "cookie \"_pk_id\" is exempt from consent as audience measurement, but not every market grants that exemption: DE (TDDDG § 25: no recognised exemption")
}

test_audience_exemption_needs_every_market if {
	findings := rule.deny with input as {
		"controller": object.union(_fr, {"markets": ["FR", "BE", "DE"]}),
		"cookies": [{"name": "_pk_id", "purpose": "audience_measurement", "consent": "exempt"}],
	}
	some f in findings
	contains(f.msg, "BE (the Belgian DPA grants none")
	contains(f.msg, "; DE (TDDDG § 25")
	not contains(f.msg, "FR (")
}

test_audience_exemption_without_markets if {
	rule.deny == {{
		"msg": "cookie \"_pk_id\" is exempt from consent as audience measurement, but the controller declares no market (controller.markets) whose authority grants that exemption",
		"path": ["cookies", "_pk_id", "consent"],
	}} with input as {"controller": {"name": "Example Inc", "country": "US"}, "cookies": [{"name": "_pk_id", "purpose": "audience_measurement", "consent": "exempt"}]}
}

# A German shop whose trackers are on consent: silent.
test_german_shop_with_trackers_on_consent if {
	count(rule.deny) == 0 with input as {"controller": _de, "cookies": [
		{"name": "_pk_id", "purpose": "audience_measurement", "consent": "required"},
		{"name": "_fbp", "purpose": "advertising", "consent": "required"},
		{"name": "sid", "purpose": "strictly_necessary", "consent": "exempt"},
	]}
}

test_consent_not_declared if {
	rule.deny == {
		{"msg": "cookie \"_ga\" has purpose \"audience_measurement\" but does not declare consent (required or exempt)", "path": ["cookies", "_ga", "consent"]},
		{"msg": "cookie \"x\" declares neither a purpose nor consent (required or exempt)", "path": ["cookies", "x", "consent"]},
	} with input as {"controller": _fr, "cookies": [
		{"name": "_ga", "purpose": "audience_measurement"},
		{"name": "x"},
		{"name": "sid", "purpose": "strictly_necessary"},
	]}
}
