package ropa.rules.gdpr.dpia_test

import data.ropa.rules.gdpr.dpia as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health"},
	{"id": "offences", "category": "user.criminal_history.offences"},
]

test_low_risk_activity if {
	count(rule.warn) == 0 with input as {"data": _data, "activities": [
		{"id": "billing", "data": ["identity"]},
		{"id": "care", "data": ["records"], "risk": {"large_scale": false, "vulnerable_subjects": false}},
		{"id": "scoring", "data": ["identity"], "risk": {"evaluation_or_scoring": true}},
	]}
}

test_two_wp248_criteria if {
	rule.warn == {{
		"msg": "activity \"kids\" has no DPIA reference but meets 2 WP248 criteria (innovative_technology, vulnerable_subjects)",
		"path": ["activities", "kids", "dpia"],
	}} with input as {"data": _data, "activities": [{
		"id": "kids",
		"data": ["identity"],
		"risk": {"vulnerable_subjects": true, "innovative_technology": true, "large_scale": false},
	}]}
}

test_special_data_counts_as_a_criterion if {
	rule.warn == {{
		"msg": "activity \"care\" has no DPIA reference but meets 2 WP248 criteria (special_category_data, vulnerable_subjects)",
		"path": ["activities", "care", "dpia"],
	}} with input as {"data": _data, "activities": [{"id": "care", "data": ["records"], "risk": {"vulnerable_subjects": true}}]}
}

test_art35_3_b_large_scale_criminal_data if {
	rule.warn == {{
		"msg": "activity \"vetting\" has no DPIA reference but is an Art. 35(3)(b) case (criteria met: large_scale, special_category_data)",
		"path": ["activities", "vetting", "dpia"],
	}} with input as {"data": _data, "activities": [{"id": "vetting", "data": ["offences"], "risk": {"large_scale": true}}]}
}

test_art35_3_a_and_c if {
	rule.warn == {{
		"msg": "activity \"credit\" has no DPIA reference but is an Art. 35(3)(a) and (c) case (criteria met: automated_decision, evaluation_or_scoring, large_scale, systematic_monitoring)",
		"path": ["activities", "credit", "dpia"],
	}} with input as {"data": _data, "activities": [{"id": "credit", "data": ["identity"], "risk": {
		"evaluation_or_scoring": true,
		"automated_decision": true,
		"systematic_monitoring": true,
		"large_scale": true,
	}}]}
}

test_dpia_reference_silences if {
	count(rule.warn) == 0 with input as {"data": _data, "activities": [{
		"id": "vetting",
		"data": ["offences"],
		"risk": {"large_scale": true},
		"dpia": "DPIA-2025-01",
	}]}
}
