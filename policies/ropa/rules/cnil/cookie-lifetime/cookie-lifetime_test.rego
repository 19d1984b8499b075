package ropa.rules.cnil["cookie-lifetime_test"]

import data.ropa.rules.cnil["cookie-lifetime"] as rule

_fr := {"name": "Example SAS", "country": "FR"}

test_audience_cookie_over_13_months if {
	findings := rule.warn with input as {"controller": _fr, "cookies": [
		{"name": "_ga", "purpose": "audience_measurement", "consent": "required", "lifetime": "P2Y"},
		{"name": "_gb", "purpose": "audience_measurement", "lifetime": "P396D"},
	]}
	findings == {
		{"msg": "audience-measurement cookie \"_ga\" lasts P2Y, longer than the 13 months the CNIL recommends (a recommendation, CNIL 2020-092 and 2020-091 art. 5)", "path": ["cookies", "_ga", "lifetime"]},
		{"msg": "audience-measurement cookie \"_gb\" lasts P396D, longer than the 13 months the CNIL recommends (a recommendation, CNIL 2020-092 and 2020-091 art. 5)", "path": ["cookies", "_gb", "lifetime"]},
	}
}

test_audience_cookies_within_13_months if {
	count(rule.warn) == 0 with input as {"controller": _fr, "cookies": [
		{"name": "a", "purpose": "audience_measurement", "lifetime": "P13M"},
		{"name": "b", "purpose": "audience_measurement", "lifetime": "P1Y1M"},
		{"name": "c", "purpose": "audience_measurement", "lifetime": "P395D"},
		{"name": "d", "purpose": "audience_measurement", "lifetime": "PT30M"},
		{"name": "e", "purpose": "audience_measurement"},
	]}
}

# No current CNIL text sets a lifetime for other purposes (the 2013
# recommendation is repealed).
test_other_purposes_are_not_checked if {
	count(rule.warn) == 0 with input as {"controller": _fr, "cookies": [
		{"name": "lang", "purpose": "preferences", "consent": "exempt", "lifetime": "P2Y"},
		{"name": "_fbp", "purpose": "advertising", "consent": "required", "lifetime": "P3Y"},
		{"name": "sid", "purpose": "strictly_necessary", "lifetime": "P5Y"},
	]}
}

# Reported as an error by cnil/audience-measurement instead.
test_exempt_audience_cookie_is_left_to_audience_measurement if {
	count(rule.warn) == 0 with input as {"controller": _fr, "cookies": [
		{"name": "_pk_id", "purpose": "audience_measurement", "consent": "exempt", "lifetime": "P2Y"},
	]}
}

test_outside_the_french_market if {
	cookies := [{"name": "_ga", "purpose": "audience_measurement", "consent": "required", "lifetime": "P2Y"}]
	count(rule.warn) == 0 with input as {"controller": {"name": "Example GmbH", "country": "DE"}, "cookies": cookies}
	count(rule.warn) == 1 with input as {"controller": {"name": "Example GmbH", "country": "DE", "markets": ["FR"]}, "cookies": cookies}
}
