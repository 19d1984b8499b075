package ropa.rules.eprivacy["cookie-consent_test"]

import data.ropa.rules.eprivacy["cookie-consent"] as rule

test_exempt_advertising_cookie if {
	findings := rule.deny with input as {"cookies": [{"name": "_fbp", "purpose": "advertising", "consent": "exempt"}]}
	findings == {{
		"msg": "cookie \"_fbp\" is exempt from consent but its purpose \"advertising\" requires consent",
		"path": ["cookies", "_fbp", "consent"],
	}}
}

test_exempt_cookie_without_purpose if {
	findings := rule.deny with input as {"cookies": [{"name": "mystery", "consent": "exempt"}]}
	findings == {{
		"msg": "cookie \"mystery\" is exempt from consent but declares no purpose",
		"path": ["cookies", "mystery", "consent"],
	}}
}

test_exempt_purposes_and_consented_cookies if {
	count(rule.deny) == 0 with input as {"cookies": [
		{"name": "session", "purpose": "strictly_necessary", "consent": "exempt"},
		{"name": "_pk_id", "purpose": "audience_measurement", "consent": "exempt"},
		{"name": "_fbp", "purpose": "advertising", "consent": "required"},
	]}
}
