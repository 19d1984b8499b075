package ropa.rules.gdpr["employee-consent_test"]

import data.ropa.rules.gdpr["employee-consent"] as rule

_subjects := [
	{"id": "staff", "kind": "employee"},
	{"id": "applicants", "kind": "candidate"},
	{"id": "clients", "kind": "customer"},
	{"id": "visitors"},
]

test_consent_from_employees if {
	rule.warn == {{
		"msg": "activity \"photos\" relies on consent from employees or candidates (staff): consent is rarely freely given in the employment relationship; rely on another basis or document why refusal has no consequence",
		"path": ["activities", "photos", "lawful_basis"],
	}} with input as {"subjects": _subjects, "activities": [
		{"id": "photos", "subjects": ["staff", "clients"], "lawful_basis": "consent"},
	]}
}

test_explicit_consent_from_candidates if {
	rule.warn == {{
		"msg": "activity \"tests\" relies on explicit consent (Art. 9(2)(a)) from employees or candidates (applicants): consent is rarely freely given in the employment relationship; rely on another basis or document why refusal has no consequence",
		"path": ["activities", "tests", "special_condition"],
	}} with input as {"subjects": _subjects, "activities": [
		{"id": "tests", "subjects": ["applicants"], "lawful_basis": "contract", "special_condition": ["explicit_consent"]},
	]}
}

test_both_consents_one_finding if {
	rule.warn == {{
		"msg": "activity \"wellness\" relies on consent and explicit consent (Art. 9(2)(a)) from employees or candidates (applicants, staff): consent is rarely freely given in the employment relationship; rely on another basis or document why refusal has no consequence",
		"path": ["activities", "wellness", "lawful_basis"],
	}} with input as {"subjects": _subjects, "activities": [
		{"id": "wellness", "subjects": ["staff", "applicants"], "lawful_basis": "consent", "special_condition": "explicit_consent"},
	]}
}

test_silent_twins if {
	count(rule.warn) == 0 with input as {"subjects": _subjects, "activities": [
		{"id": "payroll", "subjects": ["staff"], "lawful_basis": "contract"},
		{"id": "sick", "subjects": ["staff"], "lawful_basis": "legal_obligation", "special_condition": "employment_social_security"},
		{"id": "newsletter", "subjects": ["clients", "visitors"], "lawful_basis": "consent", "special_condition": "explicit_consent"},
	]}
}

test_no_subjects_section if {
	count(rule.warn) == 0 with input as {"activities": [{"id": "photos", "subjects": ["staff"], "lawful_basis": "consent"}]}
}
