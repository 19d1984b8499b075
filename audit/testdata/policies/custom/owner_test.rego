package ropa.rules.custom["activity-name_test"]

import data.ropa.rules.custom["activity-name"] as rule

test_fires if {
	rule.warn == {{"msg": "activity \"x\" has no name", "path": ["activities", "x", "name"]}} with input as {"activities": [{"id": "x"}]}
}

test_silent if {
	count(rule.warn) == 0 with input as {"activities": [{"id": "x", "name": "X"}]}
}
