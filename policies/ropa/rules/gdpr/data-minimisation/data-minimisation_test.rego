package ropa.rules.gdpr["data-minimisation_test"]

import data.ropa.rules.gdpr["data-minimisation"] as rule

test_all_data_used if {
	count(rule.warn) == 0 with input as {
		"data": [{"id": "identity"}, {"id": "contact"}],
		"activities": [{"id": "billing", "data": ["identity"]}, {"id": "support", "data": ["contact", "identity"]}],
	}
}

test_unused_data if {
	rule.warn == {{"msg": "data category \"legacy\" is used by no activity", "path": ["data", "legacy"]}} with input as {
		"data": [{"id": "identity"}, {"id": "legacy"}],
		"activities": [{"id": "billing", "data": ["identity"]}],
	}
}

test_no_activities if {
	rule.warn == {{"msg": "data category \"identity\" is used by no activity", "path": ["data", "identity"]}} with input as {"data": [{"id": "identity"}]}
}
