package ropa.rules.gdpr["data-subjects_test"]

import data.ropa.rules.gdpr["data-subjects"] as rule

test_subjects_and_data_declared if {
	count(rule.deny) == 0 with input as {"activities": [{"id": "billing", "subjects": ["customer"], "data": ["identity"]}]}
}

test_no_subjects if {
	rule.deny == {{
		"msg": "activity \"billing\" declares no categories of data subjects",
		"path": ["activities", "billing", "subjects"],
	}} with input as {"activities": [{"id": "billing", "subjects": [], "data": ["identity"]}]}
}

test_no_subjects_and_no_data if {
	rule.deny == {
		{"msg": "activity \"billing\" declares no categories of data subjects", "path": ["activities", "billing", "subjects"]},
		{"msg": "activity \"billing\" declares no categories of personal data", "path": ["activities", "billing", "data"]},
	} with input as {"activities": [{"id": "billing", "data": []}]}
}
