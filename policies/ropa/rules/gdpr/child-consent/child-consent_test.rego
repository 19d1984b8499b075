package ropa.rules.gdpr["child-consent_test"]

import data.ropa.rules.gdpr["child-consent"] as rule

_subjects := [{"id": "pupils", "kind": "child"}, {"id": "parents", "kind": "customer"}]

test_child_consent_without_parental_authorisation if {
	rule.deny == {
		{
			"msg": "activity \"app\" relies on the consent of children (pupils) without consent given or authorised by the holder of parental responsibility (consent.parental: true)",
			"path": ["activities", "app", "consent"],
		},
		{
			"msg": "activity \"game\" relies on the consent of children (pupils) without consent given or authorised by the holder of parental responsibility (consent.parental: true)",
			"path": ["activities", "game", "consent"],
		},
	} with input as {"subjects": _subjects, "activities": [
		{"id": "app", "subjects": ["pupils", "parents"], "lawful_basis": "consent", "consent": {"mechanism": "checkbox"}},
		{"id": "game", "subjects": ["pupils"], "lawful_basis": "consent", "consent": {"parental": false}},
	]}
}

test_silent_twins if {
	count(rule.deny) == 0 with input as {"subjects": _subjects, "activities": [
		{"id": "app", "subjects": ["pupils"], "lawful_basis": "consent", "consent": {"parental": true}},
		{"id": "school", "subjects": ["pupils"], "lawful_basis": "public_task"},
		{"id": "newsletter", "subjects": ["parents"], "lawful_basis": "consent"},
	]}
}
