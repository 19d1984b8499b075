package ropa.rules.gdpr["derogation-use_test"]

import data.ropa.rules.gdpr["derogation-use"] as rule

test_derogation_for_processor_and_provider_system if {
	findings := rule.deny with input as {
		"systems": [
			{"id": "helpdesk", "provider": "Helpdesk Inc.", "transfer": {"mechanism": "derogation", "derogation": "explicit_consent"}},
			{"id": "own", "provider": "self", "transfer": {"mechanism": "derogation", "derogation": "explicit_consent"}},
		],
		"recipients": [
			{"id": "support", "role": "processor", "transfer": {"mechanism": "derogation", "derogation": "contract_with_subject"}},
			{"id": "hotel", "role": "controller", "transfer": {"mechanism": "derogation", "derogation": "contract_with_subject"}},
		],
	}
	findings == {
		{
			"msg": "system \"helpdesk\" relies on an Art. 49 derogation, which covers only occasional transfers, not a processor's regular flow; use an adequacy decision or an Art. 46 safeguard",
			"path": ["systems", "helpdesk", "transfer", "mechanism"],
		},
		{
			"msg": "processor recipient \"support\" relies on an Art. 49 derogation, which covers only occasional transfers, not a processor's regular flow; use an adequacy decision or an Art. 46 safeguard",
			"path": ["recipients", "support", "transfer", "mechanism"],
		},
	}
}

test_compelling_legitimate_interests_needs_notice if {
	findings := rule.deny with input as {"recipients": [
		{"id": "a", "role": "controller", "transfer": {"mechanism": "derogation", "derogation": "compelling_legitimate_interests"}},
		{"id": "b", "role": "controller", "transfer": {"mechanism": "derogation", "derogation": "compelling_legitimate_interests", "authority_notified": "CNIL-2025-0042"}},
	]}
	findings == {{
		"msg": "recipient \"a\" relies on compelling legitimate interests (Art. 49(1) second subparagraph) without transfer.authority_notified, the reference of the notice to the supervisory authority",
		"path": ["recipients", "a", "transfer", "authority_notified"],
	}}
}

test_other_mechanisms if {
	count(rule.deny) == 0 with input as {"recipients": [{"id": "s", "role": "processor", "transfer": {"mechanism": "scc"}}]}
}
