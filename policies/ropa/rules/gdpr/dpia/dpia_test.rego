package ropa.rules.gdpr.dpia_test

import data.ropa.rules.gdpr.dpia as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health"},
	{"id": "offences", "category": "user.criminal_history.offences"},
	{"id": "position", "category": "user.location.precise"},
	{"id": "iban", "category": "user.financial.bank_account"},
	{"id": "messages", "category": "user.content.private"},
	{"id": "images", "category": "user.content.self_image"},
]

_subjects := [
	{"id": "customers", "kind": "customer"},
	{"id": "pupils", "kind": "child"},
	{"id": "patients", "kind": "patient"},
	{"id": "staff", "kind": "employee"},
	{"id": "applicants", "kind": "candidate"},
	{"id": "tenants", "kind": "other", "vulnerable": true},
	{"id": "members", "kind": "member", "vulnerable": false},
]

_in(activities) := {"data": _data, "subjects": _subjects, "activities": activities}

test_low_risk_activities if {
	count(rule.warn) == 0 with input as _in([
		{"id": "billing", "subjects": ["customers"], "data": ["identity"]},
		# one criterion each
		{"id": "care", "subjects": ["customers"], "data": ["records"], "risk": {"large_scale": false}},
		{"id": "scoring", "subjects": ["members"], "data": ["identity"], "risk": {"evaluation_or_scoring": true}},
		{"id": "payroll", "subjects": ["staff"], "data": ["identity"]},
		{"id": "maps", "subjects": ["customers"], "data": ["position", "iban"]},
		# public_area with systematic_monitoring is criterion 3 once
		{"id": "cctv", "subjects": ["customers"], "data": ["images"], "risk": {"public_area": true, "systematic_monitoring": true}},
		# automated_decision flag and legal_effect are criterion 2 once
		{"id": "decide", "data": ["identity"], "risk": {"automated_decision": true}, "automated_decision": {"legal_effect": true}},
	])
}

test_two_flags if {
	rule.warn == {{
		"msg": "activity \"kids\" has no DPIA reference but meets 2 WP248 criteria (7 vulnerable subjects, 8 innovative technology); two criteria in most cases require a DPIA",
		"path": ["activities", "kids", "dpia"],
	}} with input as _in([{
		"id": "kids",
		"data": ["identity"],
		"risk": {"vulnerable_subjects": true, "innovative_technology": true, "large_scale": false},
	}])
}

test_vulnerable_kinds_and_special_data if {
	rule.warn == {
		{
			"msg": "activity \"care\" has no DPIA reference but meets 2 WP248 criteria (4 sensitive or highly personal data, 7 vulnerable subjects); two criteria in most cases require a DPIA",
			"path": ["activities", "care", "dpia"],
		},
		{
			"msg": "activity \"school\" has no DPIA reference but meets 2 WP248 criteria (4 sensitive or highly personal data, 7 vulnerable subjects); two criteria in most cases require a DPIA",
			"path": ["activities", "school", "dpia"],
		},
		{
			"msg": "activity \"vetting\" has no DPIA reference but meets 2 WP248 criteria (4 sensitive or highly personal data, 7 vulnerable subjects); two criteria in most cases require a DPIA",
			"path": ["activities", "vetting", "dpia"],
		},
		{
			"msg": "activity \"housing\" has no DPIA reference but meets 2 WP248 criteria (4 sensitive or highly personal data, 7 vulnerable subjects); two criteria in most cases require a DPIA",
			"path": ["activities", "housing", "dpia"],
		},
	} with input as _in([
		{"id": "care", "subjects": ["patients"], "data": ["records"]},
		{"id": "school", "subjects": ["pupils"], "data": ["messages"]},
		{"id": "vetting", "subjects": ["applicants"], "data": ["offences"]},
		{"id": "housing", "subjects": ["tenants", "customers"], "data": ["iban"]},
	])
}

test_highly_personal_location_on_employees if {
	count(rule.warn) == 1 with input as _in([{"id": "fleet", "subjects": ["staff"], "data": ["position"]}])
}

test_public_area_and_another_criterion if {
	rule.warn == {{
		"msg": "activity \"cctv\" has no DPIA reference but meets 2 WP248 criteria (3 systematic monitoring, 8 innovative technology); two criteria in most cases require a DPIA",
		"path": ["activities", "cctv", "dpia"],
	}} with input as _in([{
		"id": "cctv",
		"data": ["images"],
		"risk": {"public_area": true, "systematic_monitoring": true, "innovative_technology": true},
	}])
}

test_legal_effect_is_criterion_2 if {
	count(rule.warn) == 1 with input as _in([{
		"id": "eligibility",
		"data": ["identity"],
		"risk": {"matching_datasets": true},
		"automated_decision": {"legal_effect": true},
	}])
}

# Art. 35(3) cases are gdpr/dpia-required's: one finding per activity.
test_art35_3_cases_left_to_dpia_required if {
	count(rule.warn) == 0 with input as _in([
		{"id": "vetting", "subjects": ["applicants"], "data": ["offences"], "risk": {"large_scale": true}},
		{"id": "credit", "data": ["identity"], "risk": {"evaluation_or_scoring": true, "automated_decision": true}},
		{"id": "city", "data": ["images"], "risk": {"public_area": true, "systematic_monitoring": true, "large_scale": true}},
	])
}

test_dpia_reference_silences if {
	count(rule.warn) == 0 with input as _in([{
		"id": "care",
		"subjects": ["patients"],
		"data": ["records"],
		"dpia": "DPIA-2025-01",
	}])
}

test_unknown_references_are_ignored if {
	count(rule.warn) == 0 with input as _in([{"id": "x", "subjects": ["ghost"], "data": ["nothing"], "risk": {"large_scale": true}}])
}
