package ropa.rules.gdpr["security-measures_test"]

import data.ropa.rules.gdpr["security-measures"] as rule

test_security_referenced if {
	count(rule.warn) == 0 with input as {"activities": [{"id": "billing", "security": ["encryption-at-rest"]}]}
}

test_no_or_empty_security if {
	rule.warn == {
		{"msg": "activity \"billing\" references no security measure", "path": ["activities", "billing", "security"]},
		{"msg": "activity \"support\" references no security measure", "path": ["activities", "support", "security"]},
	} with input as {"activities": [
		{"id": "billing"},
		{"id": "support", "security": []},
		{"id": "hosting", "security": ["backups"]},
	]}
}
