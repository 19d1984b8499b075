package ropa.rules.cnil["cookie-lifetime_test"]

import data.ropa.rules.cnil["cookie-lifetime"] as rule

test_cookie_over_13_months if {
	findings := rule.warn with input as {"cookies": [
		{"name": "_ga", "purpose": "audience_measurement", "consent": "required", "lifetime": "P2Y"},
		{"name": "pref", "purpose": "preferences", "consent": "required", "lifetime": "P396D"},
	]}
	findings == {
		{"msg": "cookie \"_ga\" lasts P2Y, longer than 13 months", "path": ["cookies", "_ga", "lifetime"]},
		{"msg": "cookie \"pref\" lasts P396D, longer than 13 months", "path": ["cookies", "pref", "lifetime"]},
	}
}

test_cookies_within_13_months if {
	count(rule.warn) == 0 with input as {"cookies": [
		{"name": "a", "lifetime": "P13M"},
		{"name": "b", "lifetime": "P1Y1M"},
		{"name": "c", "lifetime": "P395D"},
		{"name": "d", "lifetime": "PT30M"},
		{"name": "e"},
		{"name": "f", "lifetime": "forever"},
	]}
}
