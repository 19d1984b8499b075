package ropa.rules.cnil["prospect-retention_test"]

import data.ropa.rules.cnil["prospect-retention"] as rule

_fr := {"name": "Example SAS", "country": "FR"}

test_prospects_kept_too_long if {
	findings := rule.warn with input as {
		"controller": _fr,
		"subjects": [{"id": "leads", "kind": "prospect"}, {"id": "customer", "kind": "customer"}],
		"activities": [{
			"id": "newsletter",
			"subjects": ["leads", "customer", "prospect-b2b"],
			"retention": {"period": "P5Y", "after": "last_contact"},
		}],
	}
	findings == {{
		"msg": "activity \"newsletter\" keeps data on prospects (leads, prospect-b2b) for P5Y, longer than the 3 years from collection or last contact that the CNIL référentiel on commercial management recommends",
		"path": ["activities", "newsletter", "retention"],
	}}
}

test_id_fallback_only_without_kind if {
	count(rule.warn) == 1 with input as {"controller": _fr, "activities": [{"id": "leads", "subjects": ["prospects"], "retention": {"period": "P1096D"}}]}

	# a declared kind wins over the id
	count(rule.warn) == 0 with input as {
		"controller": _fr,
		"subjects": [{"id": "prospectors", "kind": "employee"}],
		"activities": [{"id": "hr", "subjects": ["prospectors"], "retention": {"period": "P5Y"}}],
	}
}

test_customer_marketing_kept_too_long if {
	rule.warn == {{
		"msg": "activity \"offers\" uses customer data (clients) for marketing (marketing.communications.email) and keeps it for P5Y, longer than the 3 years after the end of the commercial relationship that the CNIL référentiel on commercial management recommends",
		"path": ["activities", "offers", "retention"],
	}} with input as {
		"controller": _fr,
		"subjects": [{"id": "clients", "kind": "customer"}],
		"activities": [{"id": "offers", "use": "marketing.communications.email", "subjects": ["clients"], "retention": {"period": "P5Y"}}],
	}
}

test_customers_without_marketing_are_not_checked if {
	count(rule.warn) == 0 with input as {
		"controller": _fr,
		"subjects": [{"id": "clients", "kind": "customer"}],
		"activities": [
			{"id": "billing", "use": "essential.service.payment_processing", "subjects": ["clients"], "retention": {"period": "P10Y"}},
			{"id": "accounts", "subjects": ["clients"], "retention": {"period": "P10Y"}},
		],
	}
}

test_within_three_years if {
	count(rule.warn) == 0 with input as {"controller": _fr, "subjects": [{"id": "p", "kind": "prospect"}], "activities": [
		{"id": "a", "subjects": ["p"], "retention": {"period": "P3Y"}},
		{"id": "b", "subjects": ["p"], "retention": {"period": "P36M"}},
		{"id": "c", "subjects": ["p"], "retention": {"criteria": "until they unsubscribe"}},
		{"id": "d", "subjects": ["p"]},
	]}
}

test_outside_the_french_market if {
	inv := {"subjects": [{"id": "p", "kind": "prospect"}], "activities": [{"id": "a", "subjects": ["p"], "retention": {"period": "P5Y"}}]}
	count(rule.warn) == 0 with input as object.union(inv, {"controller": {"name": "Example GmbH", "country": "DE"}})
	count(rule.warn) == 1 with input as object.union(inv, {"controller": {"name": "Example GmbH", "country": "DE", "markets": ["DE", "FR"]}})
}
