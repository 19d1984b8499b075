package ropa.rules.gdpr["adequacy-claim_test"]

import data.ropa.rules.gdpr["adequacy-claim"] as rule

_now := time.parse_ns("2006-01-02", "2026-06-01")

test_adequacy_for_country_without_decision if {
	findings := rule.deny with input as {"recipients": [{"id": "dev", "countries": ["FR", "IN"], "transfer": {"mechanism": "adequacy"}}]}
		with time.now_ns as _now
	findings == {{
		"msg": "recipient \"dev\" claims an adequacy decision for IN (no decision in force on the audit date)",
		"path": ["recipients", "dev", "transfer", "mechanism"],
	}}
}

test_adequacy_for_us_without_dpf if {
	findings := rule.deny with input as {"systems": [{
		"id": "cloud", "countries": ["US", "CN"],
		"transfer": {"mechanism": "adequacy", "dpf_certified": false},
	}]}
		with time.now_ns as _now
	findings == {{
		"msg": "system \"cloud\" claims an adequacy decision for CN (no decision in force on the audit date), US (not DPF-certified, as decision (EU) 2023/1795 requires)",
		"path": ["systems", "cloud", "transfer", "mechanism"],
	}}
}

test_adequacy_for_us_with_dpf_and_adequate_countries if {
	count(rule.deny) == 0 with input as {"recipients": [{
		"id": "crm", "countries": ["US", "CH", "UK", "FR", "NZ"],
		"transfer": {"mechanism": "adequacy", "dpf_certified": true},
	}]}
		with time.now_ns as _now
}

test_partial_decision_without_scope if {
	findings := rule.deny with input as {"recipients": [{"id": "tokyo", "countries": ["JP"], "transfer": {"mechanism": "adequacy"}}]}
		with time.now_ns as _now
	findings == {{
		"msg": "recipient \"tokyo\" claims an adequacy decision for JP (decision (EU) 2019/419 covers only personal information handling business operators subject to the APPI as complemented by the Supplementary Rules (Annex I), Art. 1(1); some sectors excluded, Art. 1(2): transfer.scope does not say why the recipient is inside it)",
		"path": ["recipients", "tokyo", "transfer", "mechanism"],
	}}
	count(rule.deny) == 0 with input as {"recipients": [{"id": "tokyo", "countries": ["JP"], "transfer": {"mechanism": "adequacy", "scope": "business operator under the APPI, bound by the Supplementary Rules"}}]}
		with time.now_ns as _now
}

test_international_organisation if {
	count(rule.deny) == 0 with input as {"recipients": [{"id": "epo", "international_organisation": "epo", "transfer": {"mechanism": "adequacy"}}]}
		with time.now_ns as _now
	rule.deny == {{
		"msg": "recipient \"un\" claims an adequacy decision for international organisation un (no decision in force on the audit date)",
		"path": ["recipients", "un", "transfer", "mechanism"],
	}} with input as {"recipients": [{"id": "un", "international_organisation": "un", "transfer": {"mechanism": "adequacy"}}]}
		with time.now_ns as _now
}

test_uk_after_end_date if {
	inp := {"recipients": [{"id": "london", "countries": ["UK"], "transfer": {"mechanism": "adequacy"}}]}
	count(rule.deny) == 0 with input as inp with time.now_ns as _now
	rule.deny == {{
		"msg": "recipient \"london\" claims an adequacy decision for GB (no decision in force on the audit date)",
		"path": ["recipients", "london", "transfer", "mechanism"],
	}} with input as inp with time.now_ns as time.parse_ns("2006-01-02", "2032-01-01")
}

test_brazil_before_start_date if {
	inp := {"recipients": [{"id": "sp", "countries": ["BR"], "transfer": {"mechanism": "adequacy"}}]}
	count(rule.deny) == 0 with input as inp with time.now_ns as _now
	rule.deny == {{
		"msg": "recipient \"sp\" claims an adequacy decision for BR (no decision in force on the audit date)",
		"path": ["recipients", "sp", "transfer", "mechanism"],
	}} with input as inp with time.now_ns as time.parse_ns("2006-01-02", "2026-01-25")
}

test_other_mechanisms_are_not_claims if {
	count(rule.deny) == 0 with input as {"recipients": [{"id": "dev", "countries": ["IN"], "transfer": {"mechanism": "scc"}}]}
		with time.now_ns as _now
}
