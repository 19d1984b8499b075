package ropa.rules.commitment["special-data_test"]

import data.ropa.rules.commitment["special-data"] as rule

_taxonomy := {"data_categories": {
	"user": {"name": "User", "description": "u"},
	"user.name": {"name": "Name", "description": "n"},
	"user.health": {"name": "Health", "description": "h", "special": "art9", "special_category": "health"},
	"user.criminal_history": {"name": "Criminal", "description": "c", "special": "art10", "special_category": "criminal_convictions"},
}}

test_special_data_despite_commitment if {
	findings := rule.deny with input as {
		"commitments": {"special_data": "none"},
		"data": [
			{"id": "identity", "category": "user.name"},
			{"id": "sick-notes", "category": "user.health.condition"},
			{"id": "records", "category": "user.criminal_history"},
		],
	}
		with data.ropa.reference.taxonomy as _taxonomy
	findings == {
		{
			"msg": "data \"sick-notes\" has category \"user.health.condition\", an Art. 9 special category, although the commitments say special_data: none",
			"path": ["data", "sick-notes", "category"],
		},
		{
			"msg": "data \"records\" has category \"user.criminal_history\", Art. 10 criminal-convictions data, although the commitments say special_data: none",
			"path": ["data", "records", "category"],
		},
	}
}

test_builtin_taxonomy_health_key if {
	count(rule.deny) == 1 with input as {"commitments": {"special_data": "none"}, "data": [{"id": "h", "category": "user.health"}]}
}

test_no_special_data if {
	count(rule.deny) == 0 with input as {
		"commitments": {"special_data": "none"},
		"data": [{"id": "identity", "category": "user.name"}, {"id": "nocat"}],
	}
		with data.ropa.reference.taxonomy as _taxonomy
}

test_no_commitment if {
	count(rule.deny) == 0 with input as {"data": [{"id": "sick-notes", "category": "user.health"}]}
		with data.ropa.reference.taxonomy as _taxonomy
}
