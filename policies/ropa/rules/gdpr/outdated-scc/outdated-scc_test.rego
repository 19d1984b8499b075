package ropa.rules.gdpr["outdated-scc_test"]

import data.ropa.rules.gdpr["outdated-scc"] as rule

_day(d) := time.parse_ns("2006-01-02", d)

test_old_clauses_after_transition if {
	findings := rule.deny with input as {"recipients": [
		{"id": "a", "countries": ["IN"], "transfer": {"mechanism": "scc", "reference": "SCC 2010/87/EU"}},
		{"id": "b", "countries": ["IN"], "transfer": {"mechanism": "scc", "reference": "model clauses 2001/497/EC set II (2004/915/EC)"}},
	]}
		with time.now_ns as _day("2023-01-01")
	findings == {
		{
			"msg": "recipient \"a\" relies on standard contractual clauses of Decision 2010/87/EU, repealed by Implementing Decision (EU) 2021/914 (valid only until 2022-12-27); conclude the 2021/914 clauses",
			"path": ["recipients", "a", "transfer", "reference"],
		},
		{
			"msg": "recipient \"b\" relies on standard contractual clauses of Decision 2001/497/EC, 2004/915/EC, repealed by Implementing Decision (EU) 2021/914 (valid only until 2022-12-27); conclude the 2021/914 clauses",
			"path": ["recipients", "b", "transfer", "reference"],
		},
	}
}

test_old_clauses_during_transition if {
	count(rule.deny) == 0 with input as {"systems": [{"id": "s", "transfer": {"mechanism": "scc", "reference": "SCC 2010/87/EU"}}]}
		with time.now_ns as _day("2022-12-27")
}

test_new_clauses_and_other_mechanisms if {
	count(rule.deny) == 0 with input as {"systems": [
		{"id": "s", "transfer": {"mechanism": "scc", "reference": "SCC 2021/914 module 2"}},
		{"id": "t", "transfer": {"mechanism": "bcr", "reference": "BCR 2010/87"}},
		{"id": "u", "transfer": {"mechanism": "scc"}},
	]}
		with time.now_ns as _day("2026-06-01")
}
