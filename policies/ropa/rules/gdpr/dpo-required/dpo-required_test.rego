package ropa.rules.gdpr["dpo-required_test"]

import data.ropa.rules.gdpr["dpo-required"] as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health.medical_diagnosis"},
	{"id": "offences", "category": "user.criminal_history"},
	{"id": "classes", "category": "user.demographic.protected_classifications"},
]

test_no_dpo_not_mandatory if {
	count(rule.deny) == 0 with input as {
		"controller": {"name": "Rackslab", "public_authority": false},
		"data": _data,
		"activities": [
			# special data on a large scale, but not a core activity
			{"id": "hr", "data": ["records"], "risk": {"large_scale": true}},
			# core, special data, but not on a large scale
			{"id": "care", "core": true, "data": ["records"], "risk": {"large_scale": false}},
			# core, large scale, but neither special data nor monitoring
			{"id": "shop", "core": true, "data": ["identity"], "risk": {"large_scale": true}},
			# core, monitoring, but not on a large scale
			{"id": "tracking", "core": true, "data": ["identity"], "risk": {"systematic_monitoring": true}},
			# large-scale monitoring, but not core
			{"id": "cctv", "data": ["identity"], "risk": {"systematic_monitoring": true, "large_scale": true}},
		],
	}
}

test_public_authority_without_dpo if {
	rule.deny == {{
		"msg": "a DPO is mandatory but none is declared: the controller is a public authority or body (Art. 37(1)(a))",
		"path": ["controller", "dpo"],
	}} with input as {"controller": {"name": "Town hall", "public_authority": true}}
}

test_core_large_scale_special_data if {
	rule.deny == {{
		"msg": "a DPO is mandatory but none is declared: core activity \"care\" processes Art. 9/10 data on a large scale (Art. 37(1)(c))",
		"path": ["controller", "dpo"],
	}} with input as {
		"controller": {"name": "Clinic"},
		"data": _data,
		"activities": [{"id": "care", "core": true, "data": ["identity", "records"], "risk": {"large_scale": true}}],
	}
}

# protected classifications count as Art. 9 data
test_core_large_scale_protected_classifications if {
	count(rule.deny) == 1 with input as {
		"controller": {"name": "Agency"},
		"data": _data,
		"activities": [{"id": "matching", "core": true, "data": ["classes"], "risk": {"large_scale": true}}],
	}
}

test_all_reasons_listed if {
	rule.deny == {{
		"msg": "a DPO is mandatory but none is declared: the controller is a public authority or body (Art. 37(1)(a)); core activity \"cctv\" monitors data subjects regularly and systematically on a large scale (Art. 37(1)(b)); core activity \"vetting\" processes Art. 9/10 data on a large scale (Art. 37(1)(c))",
		"path": ["controller", "dpo"],
	}} with input as {
		"controller": {"name": "Town hall", "public_authority": true},
		"data": _data,
		"activities": [
			{"id": "vetting", "core": true, "data": ["offences"], "risk": {"large_scale": true}},
			{"id": "cctv", "core": true, "data": [], "risk": {"large_scale": true, "systematic_monitoring": true}},
		],
	}
}

test_mandatory_dpo_declared if {
	count(rule.deny) == 0 with input as {
		"controller": {"name": "Town hall", "public_authority": true, "dpo": {"name": "Jane Doe"}},
		"data": _data,
		"activities": [{"id": "cctv", "core": true, "risk": {"large_scale": true, "systematic_monitoring": true}}],
	}
}

test_no_controller_is_left_to_controller_identity if {
	count(rule.deny) == 0 with input as {
		"data": _data,
		"activities": [{"id": "care", "core": true, "data": ["records"], "risk": {"large_scale": true}}],
	}
}
