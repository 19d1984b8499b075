package ropa.rules.gdpr["special-data-protection_test"]

import data.ropa.rules.gdpr["special-data-protection"] as rule

_data := [
	{"id": "notes", "category": "user.health", "protection": "plaintext"},
	{"id": "faith", "category": "user.demographic.religious_belief"},
	{"id": "record", "category": "user.criminal_history", "protection": "plaintext"},
	{"id": "sealed", "category": "user.health", "protection": "encrypted"},
	{"id": "email", "category": "user.contact.email", "protection": "plaintext"},
]

_measures := [
	{"id": "badges", "kind": "access_control"},
	{"id": "disk", "kind": "encryption"},
	{"id": "tokens", "kind": "pseudonymisation"},
	{"id": "backup"},
]

test_exposed_special_data if {
	rule.warn == {
		{
			"msg": "activity \"hr\" uses special-category or criminal data stored without protection (faith, notes) and none of its security measures is encryption or pseudonymisation",
			"path": ["activities", "hr", "security"],
		},
		{
			"msg": "activity \"vetting\" uses special-category or criminal data stored without protection (record) and none of its security measures is encryption or pseudonymisation",
			"path": ["activities", "vetting", "security"],
		},
	} with input as {"data": _data, "security_measures": _measures, "activities": [
		{"id": "hr", "data": ["notes", "faith", "email"], "security": ["badges", "backup"]},
		{"id": "vetting", "data": ["record"]},
	]}
}

test_silent_twins if {
	count(rule.warn) == 0 with input as {"data": _data, "security_measures": _measures, "activities": [
		{"id": "hr", "data": ["notes", "faith"], "security": ["badges", "disk"]},
		{"id": "research", "data": ["record"], "security": ["tokens"]},
		{"id": "archive", "data": ["sealed"]},
		{"id": "newsletter", "data": ["email"]},
	]}
}

test_unknown_measure_does_not_protect if {
	count(rule.warn) == 1 with input as {"data": _data, "activities": [{"id": "hr", "data": ["notes"], "security": ["disk"]}]}
}
