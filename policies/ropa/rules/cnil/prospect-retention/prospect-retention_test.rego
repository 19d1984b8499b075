package ropa.rules.cnil["prospect-retention_test"]

import data.ropa.rules.cnil["prospect-retention"] as rule

test_prospects_kept_too_long if {
	findings := rule.warn with input as {"activities": [{
		"id": "newsletter",
		"subjects": ["prospect", "customer", "prospect-b2b"],
		"retention": {"period": "P5Y", "after": "last_contact"},
	}]}
	findings == {{
		"msg": "activity \"newsletter\" keeps data on prospects (prospect, prospect-b2b) for P5Y, longer than 3 years",
		"path": ["activities", "newsletter", "retention"],
	}}
}

test_just_over_three_years if {
	count(rule.warn) == 1 with input as {"activities": [{"id": "leads", "subjects": ["prospects"], "retention": {"period": "P1096D"}}]}
}

test_prospects_within_three_years if {
	count(rule.warn) == 0 with input as {"activities": [
		{"id": "a", "subjects": ["prospect"], "retention": {"period": "P3Y"}},
		{"id": "b", "subjects": ["prospect"], "retention": {"period": "P36M"}},
		{"id": "c", "subjects": ["prospect"], "retention": {"criteria": "until they unsubscribe"}},
		{"id": "d", "subjects": ["prospect"]},
	]}
}

test_other_subjects_are_not_checked if {
	count(rule.warn) == 0 with input as {"activities": [{"id": "billing", "subjects": ["customer"], "retention": {"period": "P10Y"}}]}
}
