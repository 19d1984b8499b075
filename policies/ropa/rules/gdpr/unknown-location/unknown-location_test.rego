package ropa.rules.gdpr["unknown-location_test"]

import data.ropa.rules.gdpr["unknown-location"] as rule

test_unlocated_items if {
	findings := rule.warn with input as {
		"systems": [{"id": "cloud", "provider": "Acme"}, {"id": "nas"}, {"id": "own", "provider": "self"}, {"id": "fr", "countries": ["FR"]}],
		"recipients": [
			{"id": "mail", "role": "processor"},
			{"id": "bank", "role": "controller", "countries": []},
			{"id": "partner", "role": "joint_controller", "international_organisation": "epo"},
			{"id": "staff", "role": "internal"},
			{"id": "tax", "role": "authority"},
		],
	}
	findings == {
		{"msg": "system \"cloud\" declares no country and no international organisation, so its transfers cannot be checked", "path": ["systems", "cloud", "countries"]},
		{"msg": "system \"nas\" declares no country and no international organisation, so its transfers cannot be checked", "path": ["systems", "nas", "countries"]},
		{"msg": "recipient \"mail\" (processor) declares no country and no international organisation, so its transfers cannot be checked", "path": ["recipients", "mail", "countries"]},
		{"msg": "recipient \"bank\" (controller) declares no country and no international organisation, so its transfers cannot be checked", "path": ["recipients", "bank", "countries"]},
	}
}
