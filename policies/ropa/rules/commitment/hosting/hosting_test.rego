package ropa.rules.commitment.hosting_test

import data.ropa.rules.commitment.hosting as rule

test_system_outside_eea_despite_commitment if {
	findings := rule.deny with input as {
		"commitments": {"hosting": "eea"},
		"systems": [
			{"id": "hosting", "countries": ["FR"]},
			{"id": "backup", "provider": "self", "countries": ["FR", "US", "CH", "UK"]},
		],
	}
	findings == {{
		"msg": "system \"backup\" is located in CH, GB, US, outside the EEA, although the commitments say hosting: eea",
		"path": ["systems", "backup", "countries"],
	}}
}

test_processor_recipient_outside_eea if {
	findings := rule.deny with input as {
		"commitments": {"hosting": "eea"},
		"recipients": [
			{"id": "support", "role": "processor", "countries": ["IN"], "transfer": {"mechanism": "scc"}},
			{"id": "partner", "role": "controller", "countries": ["US"]},
			{"id": "staff", "role": "internal", "countries": ["US"]},
			{"id": "payroll", "role": "processor", "countries": ["DE"]},
		],
	}
	findings == {{
		"msg": "processor recipient \"support\" is located in IN, outside the EEA, although the commitments say hosting: eea",
		"path": ["recipients", "support", "countries"],
	}}
}

test_system_in_eea if {
	count(rule.deny) == 0 with input as {
		"commitments": {"hosting": "eea"},
		"systems": [{"id": "hosting", "countries": ["FR", "EL", "NO"]}, {"id": "nowhere"}],
	}
}

test_no_commitment if {
	count(rule.deny) == 0 with input as {"systems": [{"id": "backup", "countries": ["US"]}]}
}
