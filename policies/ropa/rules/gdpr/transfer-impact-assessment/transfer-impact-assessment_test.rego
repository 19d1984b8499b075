package ropa.rules.gdpr["transfer-impact-assessment_test"]

import data.ropa.rules.gdpr["transfer-impact-assessment"] as rule

_now := time.parse_ns("2006-01-02", "2026-06-01")

test_scc_without_tia if {
	findings := rule.warn with input as {"recipients": [{"id": "crm", "role": "processor", "countries": ["US", "IN", "FR"], "transfer": {"mechanism": "scc"}}]}
		with time.now_ns as _now
	findings == {{
		"msg": "recipient \"crm\" transfers data to IN, US under scc without a transfer impact assessment reference (transfer.tia)",
		"path": ["recipients", "crm", "transfer", "tia"],
	}}
}

test_with_tia_or_adequacy_or_not_a_transfer if {
	count(rule.warn) == 0 with input as {
		"recipients": [
			{"id": "a", "countries": ["IN"], "transfer": {"mechanism": "bcr", "tia": "TIA-1"}},
			{"id": "b", "countries": ["CH", "US"], "transfer": {"mechanism": "scc", "dpf_certified": true}},
			{"id": "c", "role": "internal", "countries": ["IN"], "transfer": {"mechanism": "scc"}},
			{"id": "d", "countries": ["IN"], "transfer": {"mechanism": "derogation", "derogation": "explicit_consent"}},
		],
		"systems": [{"id": "own", "provider": "self", "countries": ["IN"], "transfer": {"mechanism": "scc"}}],
	}
		with time.now_ns as _now
}
