package ropa.rules.gdpr["special-category_test"]

import data.ropa.rules.gdpr["special-category"] as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health.medical_diagnosis"},
	{"id": "dna", "category": "user.health.genetic"},
	{"id": "faith", "category": "user.demographic.religious_belief"},
	{"id": "convictions", "category": "user.criminal_history"},
]

test_ordinary_data_needs_no_condition if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "billing", "data": ["identity"]}]}
}

test_special_data_with_valid_condition if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "care", "data": ["identity", "records"], "special_condition": "health_or_social_care"},
		{"id": "research", "data": ["dna"], "special_condition": "archiving_research_statistics"},
	]}
}

test_special_data_without_condition if {
	rule.deny == {{
		"msg": "activity \"care\" uses special-category data (dna, records) without an Art. 9(2) condition in special_condition",
		"path": ["activities", "care", "special_condition"],
	}} with input as {"data": _data, "activities": [{"id": "care", "data": ["records", "identity", "dna", "records"]}]}
}

test_special_data_with_art10_condition if {
	rule.deny == {{
		"msg": "activity \"parish\" uses special-category data (faith) but special_condition official_authority is not an Art. 9(2) condition",
		"path": ["activities", "parish", "special_condition"],
	}} with input as {"data": _data, "activities": [{"id": "parish", "data": ["faith"], "special_condition": "official_authority"}]}
}

test_criminal_data_is_left_to_criminal_data if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "vetting", "data": ["convictions"]}]}
}

test_condition_list_accepted if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{
		"id": "vetting",
		"data": ["convictions", "records"],
		"special_condition": ["legal_authorisation", "employment_social_security"],
	}]}
}

test_duplicate_data_ids_do_not_break_evaluation if {
	count(rule.deny) == 1 with input as {
		"data": [{"id": "x", "category": "user.health"}, {"id": "x", "category": "user.name"}],
		"activities": [{"id": "a", "data": ["x"]}],
	}
}
