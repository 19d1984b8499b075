package ropa.rules.gdpr["criminal-data_test"]

import data.ropa.rules.gdpr["criminal-data"] as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health"},
	{"id": "record", "category": "user.criminal_history"},
	{"id": "offences", "category": "user.criminal_history.offences"},
]

test_ordinary_and_art9_data_need_no_art10_condition if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "care", "data": ["identity", "records"]}]}
}

test_criminal_data_with_legal_authorisation if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "vetting", "data": ["record"], "special_condition": "legal_authorisation", "legal_provision": "Code de procédure pénale art. 776"}]}
}

test_criminal_data_without_condition if {
	rule.deny == {{
		"msg": "activity \"vetting\" uses criminal-convictions data (offences, record) without official_authority or legal_authorisation in special_condition",
		"path": ["activities", "vetting", "special_condition"],
	}} with input as {"data": _data, "activities": [{"id": "vetting", "data": ["record", "offences"]}]}
}

test_criminal_data_with_art9_condition if {
	rule.deny == {{
		"msg": "activity \"vetting\" uses criminal-convictions data (offences) but special_condition explicit_consent is neither official_authority nor legal_authorisation",
		"path": ["activities", "vetting", "special_condition"],
	}} with input as {"data": _data, "activities": [{"id": "vetting", "data": ["offences"], "special_condition": "explicit_consent"}]}
}

test_official_authority_needs_no_legal_provision if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "court", "data": ["record"], "special_condition": ["official_authority"]}]}
}

test_legal_authorisation_without_legal_provision if {
	rule.deny == {{
		"msg": "activity \"vetting\" uses criminal-convictions data (record) under legal_authorisation but has no legal_provision naming the Union or member-state law that authorises it",
		"path": ["activities", "vetting", "legal_provision"],
	}} with input as {"data": _data, "activities": [
		{"id": "vetting", "data": ["record"], "special_condition": ["explicit_consent", "legal_authorisation"], "legal_provision": ""},
	]}
}

test_legal_authorisation_without_criminal_data_is_silent if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "hr", "data": ["identity"], "special_condition": "legal_authorisation"}]}
}
