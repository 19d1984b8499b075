package ropa.rules.gdpr["data-origin_test"]

import data.ropa.rules.gdpr["data-origin"] as rule

test_third_party_without_origin if {
	rule.warn == {
		{
			"msg": "data category \"leads\" is obtained from a third party but does not say where it comes from (origin)",
			"path": ["data", "leads", "origin"],
		},
		{
			"msg": "data category \"scores\" is obtained from a third party but does not say where it comes from (origin)",
			"path": ["data", "scores", "origin"],
		},
	} with input as {"data": [
		{"id": "leads", "category": "user.contact.email", "source": "third_party"},
		{"id": "scores", "category": "user.financial", "source": "third_party", "origin": ""},
	]}
}

test_origin_given_or_not_needed if {
	count(rule.warn) == 0 with input as {"data": [
		{"id": "leads", "category": "user.contact.email", "source": "third_party", "origin": "Business register (public)"},
		{"id": "email", "category": "user.contact.email", "source": "data_subject"},
		{"id": "logs", "category": "user.device", "source": "automatic"},
		{"id": "other", "category": "user.name"},
	]}
}
