package ropa.rules.gdpr.purpose_test

import data.ropa.rules.gdpr.purpose as rule

test_activity_with_purpose if {
	count(rule.deny) == 0 with input as {"activities": [{"id": "billing", "purpose": "Billing; collection of payments"}]}
}

test_no_activities if {
	count(rule.deny) == 0 with input as {}
}

test_missing_and_blank_purpose if {
	rule.deny == {
		{"msg": "activity \"billing\" has no purpose", "path": ["activities", "billing", "purpose"]},
		{"msg": "activity \"support\" has no purpose", "path": ["activities", "support", "purpose"]},
	} with input as {"activities": [
		{"id": "billing"},
		{"id": "support", "purpose": " \t"},
		{"id": "hosting", "purpose": "Hosting"},
	]}
}
