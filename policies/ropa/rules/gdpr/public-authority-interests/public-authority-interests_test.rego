package ropa.rules.gdpr["public-authority-interests_test"]

import data.ropa.rules.gdpr["public-authority-interests"] as rule

_activities := [
	{"id": "loans", "lawful_basis": "legitimate_interests"},
	{"id": "permits", "lawful_basis": "public_task"},
]

test_public_authority_relying_on_legitimate_interests if {
	rule.deny == {{
		"msg": "activity \"loans\" relies on legitimate interests, which a public authority cannot use for processing in the performance of its tasks: rely on public_task or legal_obligation",
		"path": ["activities", "loans", "lawful_basis"],
	}} with input as {"controller": {"name": "Town", "public_authority": true}, "activities": _activities}
}

test_private_controller_may_rely_on_legitimate_interests if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Shop", "public_authority": false}, "activities": _activities}
	count(rule.deny) == 0 with input as {"controller": {"name": "Shop"}, "activities": _activities}
	count(rule.deny) == 0 with input as {"activities": _activities}
}

test_public_authority_on_public_task if {
	count(rule.deny) == 0 with input as {"controller": {"name": "Town", "public_authority": true}, "activities": [{"id": "permits", "lawful_basis": "public_task"}]}
}
