package ropa.rules.gdpr["third-country-transfer_test"]

import data.ropa.rules.gdpr["third-country-transfer"] as rule

_now := time.parse_ns("2006-01-02", "2026-06-01")

_us_note := "US: adequacy decision (EU) 2023/1795 covers only organisations certified under the EU-US Data Privacy Framework (on the Data Privacy Framework List): declare transfer.dpf_certified: true if the recipient is certified"

test_india_recipient_without_mechanism if {
	findings := rule.deny with input as {"recipients": [{"id": "crm", "role": "processor", "countries": ["IN"]}]}
		with time.now_ns as _now
	findings == {{
		"msg": "recipient \"crm\" transfers data to IN without an adequacy decision or an Art. 46 safeguard",
		"path": ["recipients", "crm", "transfer"],
	}}
}

test_us_recipient_without_mechanism_names_the_dpf_decision if {
	findings := rule.deny with input as {"recipients": [{"id": "crm", "role": "processor", "countries": ["US"]}]}
		with time.now_ns as _now
	findings == {{
		"msg": sprintf("recipient \"crm\" transfers data to US without an adequacy decision or an Art. 46 safeguard; %s", [_us_note]),
		"path": ["recipients", "crm", "transfer"],
	}}
}

test_us_recipient_dpf_certified if {
	count(rule.deny) == 0 with input as {"recipients": [{
		"id": "crm", "countries": ["US"],
		"transfer": {"mechanism": "adequacy", "dpf_certified": true},
	}]}
		with time.now_ns as _now
}

test_us_recipient_with_scc if {
	count(rule.deny) == 0 with input as {"recipients": [{
		"id": "crm", "countries": ["US", "FR"],
		"transfer": {"mechanism": "scc", "reference": "SCC 2021/914 module 2"},
	}]}
		with time.now_ns as _now
}

test_system_countries_sorted_and_eea_or_adequate_ignored if {
	findings := rule.deny with input as {"systems": [{"id": "backup", "countries": ["US", "FR", "CN", "CH", "EL", "IN"]}]}
		with time.now_ns as _now
	findings == {{
		"msg": sprintf("system \"backup\" transfers data to CN, IN, US without an adequacy decision or an Art. 46 safeguard; %s", [_us_note]),
		"path": ["systems", "backup", "transfer"],
	}}
}

# The issue's false alarm: the controller's own employee working abroad.
test_internal_staff_abroad_is_not_a_transfer if {
	count(rule.deny) == 0 with input as {"recipients": [{"id": "staff-in", "role": "internal", "countries": ["IN"]}]}
		with time.now_ns as _now
}

test_self_run_system_abroad_is_not_a_transfer if {
	count(rule.deny) == 0 with input as {"systems": [{"id": "laptop", "provider": "self", "countries": ["IN"]}]}
		with time.now_ns as _now
}

test_system_without_provider_is_a_processor if {
	rule.deny == {{
		"msg": "system \"nas\" transfers data to IN without an adequacy decision or an Art. 46 safeguard",
		"path": ["systems", "nas", "transfer"],
	}} with input as {"systems": [{"id": "nas", "countries": ["IN"]}]}
		with time.now_ns as _now
}

test_partial_decision_needs_scope if {
	inp := {"recipients": [{"id": "tor", "role": "processor", "countries": ["CA"]}]}
	rule.deny == {{
		"msg": "recipient \"tor\" transfers data to CA without an adequacy decision or an Art. 46 safeguard; CA: adequacy decision 2002/2/EC covers only recipients subject to the Personal Information Protection and Electronic Documents Act (PIPEDA): say in transfer.scope why the recipient is inside it",
		"path": ["recipients", "tor", "transfer"],
	}} with input as inp with time.now_ns as _now
	count(rule.deny) == 0 with input as {"recipients": [{
		"id": "tor", "role": "processor", "countries": ["CA", "JP", "KR", "IL"],
		"transfer": {"mechanism": "adequacy", "scope": "commercial organisation subject to PIPEDA / APPI with the supplementary rules / PIPA; automated processing"},
	}]}
		with time.now_ns as _now
}

test_international_organisation if {
	rule.deny == {{
		"msg": "recipient \"who\" transfers data to international organisation who without an adequacy decision or an Art. 46 safeguard",
		"path": ["recipients", "who", "transfer"],
	}} with input as {"recipients": [{"id": "who", "role": "controller", "international_organisation": "who"}]}
		with time.now_ns as _now
	count(rule.deny) == 0 with input as {"recipients": [{"id": "epo", "role": "controller", "international_organisation": "epo"}]}
		with time.now_ns as _now
	count(rule.deny) == 1 with input as {"recipients": [{"id": "epo", "role": "controller", "international_organisation": "epo"}]}
		with time.now_ns as time.parse_ns("2006-01-02", "2025-07-01")
}

test_adequacy_claim_without_decision_is_no_safeguard if {
	findings := rule.deny with input as {"recipients": [{"id": "dev", "countries": ["IN"], "transfer": {"mechanism": "adequacy"}}]}
		with time.now_ns as _now
	findings == {{
		"msg": "recipient \"dev\" transfers data to IN without an adequacy decision or an Art. 46 safeguard",
		"path": ["recipients", "dev", "transfer"],
	}}
}

test_derogation_with_valid_point if {
	count(rule.deny) == 0 with input as {"recipients": [{
		"id": "travel", "countries": ["CN"],
		"transfer": {"mechanism": "derogation", "derogation": "contract_with_subject"},
	}]}
		with time.now_ns as _now
}

test_derogation_without_point if {
	findings := rule.deny with input as {"recipients": [
		{"id": "a", "countries": ["CN"], "transfer": {"mechanism": "derogation"}},
		{"id": "b", "countries": ["CN"], "transfer": {"mechanism": "derogation", "derogation": "because"}},
	]}
		with time.now_ns as _now
	findings == {
		{
			"msg": "recipient \"a\" transfers data to CN under a derogation that names no valid Art. 49(1) point",
			"path": ["recipients", "a", "transfer"],
		},
		{
			"msg": "recipient \"b\" transfers data to CN under a derogation that names no valid Art. 49(1) point",
			"path": ["recipients", "b", "transfer"],
		},
	}
}

test_uk_alias_covered_in_each_period if {
	inp := {"systems": [{"id": "london", "countries": ["UK"]}]}
	count(rule.deny) == 0 with input as inp with time.now_ns as time.parse_ns("2006-01-02", "2024-01-01")
	count(rule.deny) == 0 with input as inp with time.now_ns as time.parse_ns("2006-01-02", "2025-09-01")
	count(rule.deny) == 0 with input as inp with time.now_ns as _now
	count(rule.deny) == 0 with input as inp with time.now_ns as time.parse_ns("2006-01-02", "2031-12-27")
}

test_uk_after_adequacy_end if {
	findings := rule.deny with input as {"systems": [{"id": "london", "countries": ["UK"]}]}
		with time.now_ns as time.parse_ns("2006-01-02", "2032-01-01")
	findings == {{
		"msg": "system \"london\" transfers data to GB without an adequacy decision or an Art. 46 safeguard; GB: adequacy decision (EU) 2025/2574 ended on 2031-12-27",
		"path": ["systems", "london", "transfer"],
	}}
}

test_brazil_before_and_after_start if {
	inp := {"recipients": [{"id": "sp", "countries": ["BR"]}]}
	count(rule.deny) == 0 with input as inp with time.now_ns as _now
	rule.deny == {{
		"msg": "recipient \"sp\" transfers data to BR without an adequacy decision or an Art. 46 safeguard",
		"path": ["recipients", "sp", "transfer"],
	}} with input as inp with time.now_ns as time.parse_ns("2006-01-02", "2026-01-25")
}

test_eea_only_and_empty_inventory if {
	count(rule.deny) == 0 with input as {"systems": [{"id": "ovh", "countries": ["FR", "DE"]}], "recipients": [{"id": "x"}]}
		with time.now_ns as _now
	count(rule.deny) == 0 with input as {} with time.now_ns as _now
}
