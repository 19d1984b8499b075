package ropa.rules.gdpr["dpia-required_test"]

import data.ropa.rules.gdpr["dpia-required"] as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health"},
	{"id": "offences", "category": "user.criminal_history.offences"},
	{"id": "classes", "category": "user.demographic.protected_classifications"},
	{"id": "position", "category": "user.location.precise"},
	{"id": "images", "category": "user.content.self_image"},
]

test_no_art35_3_case if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "billing", "data": ["identity"]},
		# evaluation without a significant decision
		{"id": "scoring", "data": ["identity"], "risk": {"evaluation_or_scoring": true}},
		# a significant decision without evaluation
		{"id": "decision", "data": ["identity"], "automated_decision": {"legal_effect": true}},
		{"id": "no-effect", "data": ["identity"], "risk": {"evaluation_or_scoring": true}, "automated_decision": {"legal_effect": false}},
		# special data, not on a large scale
		{"id": "care", "data": ["records"], "risk": {"large_scale": false}},
		# large scale, highly personal but not Art. 9/10
		{"id": "maps", "data": ["position"], "risk": {"large_scale": true}},
		# monitoring of a public area, not on a large scale
		{"id": "cctv", "data": ["images"], "risk": {"public_area": true, "systematic_monitoring": true}},
		# large-scale monitoring, not of a public area
		{"id": "tracking", "data": ["identity"], "risk": {"systematic_monitoring": true, "large_scale": true}},
	]}
}

test_a_with_legal_effect if {
	rule.deny == {{
		"msg": "activity \"credit\" has no DPIA reference but is an Art. 35(3) case: (a) an evaluation of personal aspects on which decisions with legal or similarly significant effects are based",
		"path": ["activities", "credit", "dpia"],
	}} with input as {"data": _data, "activities": [{
		"id": "credit",
		"data": ["identity"],
		"risk": {"evaluation_or_scoring": true},
		"automated_decision": {"legal_effect": true},
	}]}
}

test_a_with_the_automated_decision_criterion if {
	count(rule.deny) == 1 with input as {"data": _data, "activities": [{
		"id": "credit",
		"risk": {"evaluation_or_scoring": true, "automated_decision": true},
	}]}
}

test_b_large_scale_criminal_data if {
	rule.deny == {{
		"msg": "activity \"vetting\" has no DPIA reference but is an Art. 35(3) case: (b) large-scale processing of Art. 9/10 data",
		"path": ["activities", "vetting", "dpia"],
	}} with input as {"data": _data, "activities": [{"id": "vetting", "data": ["identity", "offences"], "risk": {"large_scale": true}}]}
}

test_b_protected_classifications if {
	count(rule.deny) == 1 with input as {"data": _data, "activities": [{"id": "hr", "data": ["classes"], "risk": {"large_scale": true}}]}
}

test_c_public_area if {
	rule.deny == {{
		"msg": "activity \"cctv\" has no DPIA reference but is an Art. 35(3) case: (c) large-scale systematic monitoring of a publicly accessible area",
		"path": ["activities", "cctv", "dpia"],
	}} with input as {"data": _data, "activities": [{
		"id": "cctv",
		"data": ["images"],
		"risk": {"public_area": true, "systematic_monitoring": true, "large_scale": true},
	}]}
}

test_several_points_one_finding if {
	rule.deny == {{
		"msg": "activity \"city\" has no DPIA reference but is an Art. 35(3) case: (b) large-scale processing of Art. 9/10 data; (c) large-scale systematic monitoring of a publicly accessible area",
		"path": ["activities", "city", "dpia"],
	}} with input as {"data": _data, "activities": [{
		"id": "city",
		"data": ["records", "images"],
		"risk": {"public_area": true, "systematic_monitoring": true, "large_scale": true},
	}]}
}

test_dpia_reference_silences if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{
		"id": "vetting",
		"data": ["offences"],
		"risk": {"large_scale": true},
		"dpia": "DPIA-2025-01",
	}]}
}

test_blank_dpia_reference_does_not if {
	count(rule.deny) == 1 with input as {"data": _data, "activities": [{
		"id": "vetting",
		"data": ["offences"],
		"risk": {"large_scale": true},
		"dpia": " ",
	}]}
}
