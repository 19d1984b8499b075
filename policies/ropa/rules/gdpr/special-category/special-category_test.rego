package ropa.rules.gdpr["special-category_test"]

import data.ropa.rules.gdpr["special-category"] as rule

_data := [
	{"id": "identity", "category": "user.name"},
	{"id": "records", "category": "user.health.medical_diagnosis"},
	{"id": "dna", "category": "user.health.genetic"},
	{"id": "faith", "category": "user.demographic.religious_belief"},
	{"id": "convictions", "category": "user.criminal_history"},
]

test_ordinary_data_needs_no_condition if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "billing", "data": ["identity"]}]}
}

test_special_data_with_valid_condition if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "care", "data": ["identity", "records"], "special_condition": "health_or_social_care", "legal_provision": "Code de la santé publique L1110-4"},
		{"id": "research", "data": ["dna"], "special_condition": "archiving_research_statistics", "legal_provision": "Code de la santé publique L1121-1"},
	]}
}

test_special_data_without_condition if {
	rule.deny == {{
		"msg": "activity \"care\" uses special-category data (dna, records) without an Art. 9(2) condition in special_condition",
		"path": ["activities", "care", "special_condition"],
	}} with input as {"data": _data, "activities": [{"id": "care", "data": ["records", "identity", "dna", "records"]}]}
}

test_special_data_with_art10_condition if {
	rule.deny == {{
		"msg": "activity \"parish\" uses special-category data (faith) but special_condition official_authority is not an Art. 9(2) condition",
		"path": ["activities", "parish", "special_condition"],
	}} with input as {"data": _data, "activities": [{"id": "parish", "data": ["faith"], "special_condition": "official_authority"}]}
}

test_criminal_data_is_left_to_criminal_data if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{"id": "vetting", "data": ["convictions"]}]}
}

test_condition_list_accepted if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [{
		"id": "vetting",
		"data": ["convictions", "records"],
		"special_condition": ["legal_authorisation", "employment_social_security"],
		"legal_provision": "Code du travail L1121-1",
	}]}
}

test_duplicate_data_ids_do_not_break_evaluation if {
	count(rule.deny) == 1 with input as {
		"data": [{"id": "x", "category": "user.health"}, {"id": "x", "category": "user.name"}],
		"activities": [{"id": "a", "data": ["x"]}],
	}
}

test_law_based_conditions_need_legal_provision if {
	rule.deny == {
		{
			"msg": "activity \"sick-leave\" uses special-category data (records) under employment_social_security but has no legal_provision naming it (Art. 9(2)(b): the Union or member-state law or collective agreement)",
			"path": ["activities", "sick-leave", "legal_provision"],
		},
		{
			"msg": "activity \"care\" uses special-category data (records) under health_or_social_care but has no legal_provision naming it (Art. 9(2)(h): the Union or member-state law, or the contract with a health professional)",
			"path": ["activities", "care", "legal_provision"],
		},
		{
			"msg": "activity \"registry\" uses special-category data (records) under public_health but has no legal_provision naming it (Art. 9(2)(i): the Union or member-state law)",
			"path": ["activities", "registry", "legal_provision"],
		},
		{
			"msg": "activity \"study\" uses special-category data (dna) under archiving_research_statistics but has no legal_provision naming it (Art. 9(2)(j): the Union or member-state law)",
			"path": ["activities", "study", "legal_provision"],
		},
		{
			"msg": "activity \"fraud\" uses special-category data (faith) under substantial_public_interest but has no legal_provision naming it (Art. 9(2)(g): the Union or member-state law)",
			"path": ["activities", "fraud", "legal_provision"],
		},
	} with input as {"data": _data, "activities": [
		{"id": "sick-leave", "data": ["records"], "special_condition": "employment_social_security"},
		{"id": "care", "data": ["records"], "special_condition": ["health_or_social_care"]},
		{"id": "registry", "data": ["records"], "special_condition": "public_health", "legal_provision": "  "},
		{"id": "study", "data": ["dna"], "special_condition": "archiving_research_statistics"},
		{"id": "fraud", "data": ["faith"], "special_condition": "substantial_public_interest"},
	]}
}

test_law_based_conditions_with_legal_provision if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "sick-leave", "data": ["records"], "special_condition": "employment_social_security", "legal_provision": "Collective agreement Syntec art. 43"},
		{"id": "care", "data": ["records"], "special_condition": ["health_or_social_care"], "legal_provision": "Contract with Dr Martin, occupational physician"},
		{"id": "study", "data": ["dna"], "special_condition": "archiving_research_statistics", "legal_provision": "Code de la santé publique L1121-1"},
	]}
}

test_self_standing_conditions_need_no_law if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "a", "data": ["records"], "special_condition": "explicit_consent"},
		{"id": "c", "data": ["records"], "special_condition": "vital_interests"},
		{"id": "d", "data": ["faith"], "special_condition": "not_for_profit_body"},
		{"id": "e", "data": ["faith"], "special_condition": "made_public"},
		{"id": "f", "data": ["records"], "special_condition": "legal_claims"},
	]}
}

test_law_based_condition_without_special_data_is_silent if {
	count(rule.deny) == 0 with input as {"data": _data, "activities": [
		{"id": "payroll", "data": ["identity"], "special_condition": "employment_social_security"},
	]}
}

test_law_based_condition_beside_explicit_consent_still_needs_law if {
	rule.deny == {{
		"msg": "activity \"care\" uses special-category data (records) under public_health but has no legal_provision naming it (Art. 9(2)(i): the Union or member-state law)",
		"path": ["activities", "care", "legal_provision"],
	}} with input as {"data": _data, "activities": [
		{"id": "care", "data": ["records"], "special_condition": ["explicit_consent", "public_health"]},
	]}
}

test_possibly_art9_protected_classifications if {
	count(rule.deny) == 1 with input as {
		"data": [{"id": "diversity", "category": "user.demographic.protected_classifications"}],
		"activities": [{"id": "survey", "data": ["diversity"]}],
	}
		with data.ropa.reference.taxonomy.data_categories as {"user.demographic.protected_classifications": {"special": "art9"}}
}
