package ropa.rules.gdpr["automated-decision_test"]

import data.ropa.rules.gdpr["automated-decision"] as rule

_data := [
	{"id": "income", "category": "user.financial"},
	{"id": "health", "category": "user.health"},
]

_all := ["human_intervention", "express_view", "contest"]

test_no_exception if {
	rule.deny == {{
		"msg": "activity \"scoring\" takes automated decisions with legal or similarly significant effects without an Art. 22(2) exception (contract, law or explicit_consent)",
		"path": ["activities", "scoring", "automated_decision", "exception"],
	}} with input as {"data": _data, "activities": [
		{"id": "scoring", "data": ["income"], "automated_decision": {"legal_effect": true, "safeguards": _all}},
	]}
}

test_missing_safeguards if {
	rule.deny == {
		{
			"msg": "activity \"loan\" takes automated decisions under the contract exception without the Art. 22(3) safeguards: expressing one's point of view, contesting the decision",
			"path": ["activities", "loan", "automated_decision", "safeguards"],
		},
		{
			"msg": "activity \"offer\" takes automated decisions under the explicit_consent exception without the Art. 22(3) safeguards: human intervention, expressing one's point of view, contesting the decision",
			"path": ["activities", "offer", "automated_decision", "safeguards"],
		},
	} with input as {"data": _data, "activities": [
		{"id": "loan", "data": ["income"], "automated_decision": {"legal_effect": true, "exception": "contract", "safeguards": ["human_intervention"]}},
		{"id": "offer", "data": ["income"], "automated_decision": {"legal_effect": true, "exception": "explicit_consent"}},
	]}
}

test_law_exception_needs_no_listed_safeguards if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "tax", "data": ["income"], "automated_decision": {"legal_effect": true, "exception": "law"}},
	]}
}

test_special_data if {
	rule.deny == {{
		"msg": "activity \"insurance\" bases automated decisions on special-category data (health) without explicit_consent or substantial_public_interest (Art. 9(2)(a) or (g)) in special_condition",
		"path": ["activities", "insurance", "special_condition"],
	}} with input as {"data": _data, "activities": [
		{"id": "insurance", "data": ["health", "income"], "special_condition": "health_or_social_care", "automated_decision": {"legal_effect": true, "exception": "contract", "safeguards": _all}},
	]}
}

test_special_data_with_allowed_condition if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "a", "data": ["health"], "special_condition": ["explicit_consent"], "automated_decision": {"legal_effect": true, "exception": "explicit_consent", "safeguards": _all}},
		{"id": "g", "data": ["health"], "special_condition": "substantial_public_interest", "automated_decision": {"legal_effect": true, "exception": "law"}},
	]}
}

test_no_significant_effect_is_not_article_22 if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "reco", "data": ["health"], "automated_decision": {"legal_effect": false}},
		{"id": "reco2", "data": ["health"], "automated_decision": {}},
		{"id": "manual", "data": ["health"]},
	]}
}
