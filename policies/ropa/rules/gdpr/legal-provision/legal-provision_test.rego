package ropa.rules.gdpr["legal-provision_test"]

import data.ropa.rules.gdpr["legal-provision"] as rule

test_legal_obligation_and_public_task_without_law if {
	rule.warn == {
		{
			"msg": "activity \"invoicing\" relies on a legal obligation (Art. 6(1)(c)) but has no legal_provision naming the Union or member-state law that lays it down",
			"path": ["activities", "invoicing", "legal_provision"],
		},
		{
			"msg": "activity \"permits\" relies on a public task (Art. 6(1)(e)) but has no legal_provision naming the Union or member-state law that lays it down",
			"path": ["activities", "permits", "legal_provision"],
		},
	} with input as {"activities": [
		{"id": "invoicing", "lawful_basis": "legal_obligation"},
		{"id": "permits", "lawful_basis": "public_task", "legal_provision": " "},
	]}
}

test_law_named if {
	count(rule.warn) == 0 with input as {"activities": [
		{"id": "invoicing", "lawful_basis": "legal_obligation", "legal_provision": "Code de commerce L123-22"},
		{"id": "permits", "lawful_basis": "public_task", "legal_provision": "Code de l'urbanisme L421-1"},
	]}
}

test_other_bases_need_no_law if {
	count(rule.warn) == 0 with input as {"activities": [
		{"id": "a", "lawful_basis": "contract"},
		{"id": "b", "lawful_basis": "consent"},
		{"id": "c", "lawful_basis": "legitimate_interests"},
		{"id": "d", "lawful_basis": "vital_interests"},
		{"id": "e"},
	]}
}
