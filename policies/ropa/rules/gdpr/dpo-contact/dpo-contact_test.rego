package ropa.rules.gdpr["dpo-contact_test"]

import data.ropa.rules.gdpr["dpo-contact"] as rule

test_dpo_with_contact if {
	count(rule.warn) == 0 with input as {"controller": {"name": "Rackslab", "dpo": {"name": "Jane Doe", "contact": "dpo@example.org"}}}
}

test_dpo_without_contact if {
	rule.warn == {{"msg": "the DPO \"Jane Doe\" has no contact details", "path": ["controller", "dpo"]}} with input as {"controller": {"name": "Rackslab", "dpo": {"name": "Jane Doe"}}}
}

test_unnamed_dpo_with_blank_contact if {
	rule.warn == {{"msg": "the DPO has no contact details", "path": ["controller", "dpo"]}} with input as {"controller": {"name": "Rackslab", "dpo": {"contact": ""}}}
}

test_no_dpo_not_mandatory if {
	count(rule.warn) == 0 with input as {
		"controller": {"name": "Rackslab", "public_authority": false},
		"data": [{"id": "health", "category": "user.health"}],
		"activities": [
			# special data, but not on a large scale
			{"id": "care", "data": ["health"], "risk": {"large_scale": false}},
			# large scale, but neither special data nor monitoring
			{"id": "shop", "data": ["identity"], "risk": {"large_scale": true}},
		],
	}
}

test_public_authority_without_dpo if {
	rule.warn == {{
		"msg": "a DPO is mandatory (the controller is a public authority) but none is declared",
		"path": ["controller", "dpo"],
	}} with input as {"controller": {"name": "Town hall", "public_authority": true}}
}

test_large_scale_special_data_without_dpo if {
	rule.warn == {{
		"msg": "a DPO is mandatory (activity \"care\" processes Art. 9/10 data on a large scale) but none is declared",
		"path": ["controller", "dpo"],
	}} with input as {
		"controller": {"name": "Clinic"},
		"data": [{"id": "records", "category": "user.health.medical_diagnosis"}],
		"activities": [{"id": "care", "data": ["records"], "risk": {"large_scale": true}}],
	}
}

test_large_scale_monitoring_and_authority_without_dpo if {
	rule.warn == {{
		"msg": "a DPO is mandatory (the controller is a public authority; activity \"cctv\" monitors data subjects systematically on a large scale; activity \"vetting\" processes Art. 9/10 data on a large scale) but none is declared",
		"path": ["controller", "dpo"],
	}} with input as {
		"controller": {"name": "Town hall", "public_authority": true},
		"data": [{"id": "records", "category": "user.criminal_history"}],
		"activities": [
			{"id": "vetting", "data": ["records"], "risk": {"large_scale": true}},
			{"id": "cctv", "data": [], "risk": {"large_scale": true, "systematic_monitoring": true}},
		],
	}
}

test_mandatory_dpo_declared if {
	count(rule.warn) == 0 with input as {
		"controller": {"name": "Town hall", "public_authority": true, "dpo": {"contact": "dpo@example.org"}},
		"activities": [{"id": "cctv", "risk": {"large_scale": true, "systematic_monitoring": true}}],
	}
}
