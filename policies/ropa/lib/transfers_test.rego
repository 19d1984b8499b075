package ropa.lib_transfers_test

import data.ropa.lib

_now := time.parse_ns("2006-01-02", "2026-06-01")

test_assessments_by_status if {
	got := lib.transfer_assessments with input as {
		"systems": [
			{"id": "eu", "countries": ["FR"]},
			{"id": "own", "provider": "self", "countries": ["IN"]},
			{"id": "uk", "countries": ["UK"]},
		],
		"recipients": [
			{"id": "staff", "role": "internal", "countries": ["SG"]},
			{"id": "us", "role": "processor", "countries": ["US", "DE"]},
			{"id": "us-dpf", "role": "processor", "countries": ["US"], "transfer": {"mechanism": "adequacy", "dpf_certified": true}},
			{"id": "in", "role": "processor", "countries": ["IN"], "transfer": {"mechanism": "scc", "reference": "SCC 2021/914"}},
			{"id": "bad", "role": "controller", "countries": ["CN"], "transfer": {"mechanism": "derogation"}},
		],
	}
		with time.now_ns as _now
	got.systems == {"uk": {"GB": {"kind": "country", "status": "adequacy", "decision": "(EU) 2025/2574"}}}
	got.recipients.us.US.status == "none"
	contains(got.recipients.us.US.reason, "2023/1795")
	not got.recipients.us.DE
	got.recipients["us-dpf"].US == {"kind": "country", "status": "adequacy", "decision": "(EU) 2023/1795"}
	got.recipients["in"].IN == {"kind": "country", "status": "safeguard", "mechanism": "scc", "derogation": ""}
	got.recipients.bad.CN == {"kind": "country", "status": "none", "reason": ""}
	not got.recipients.staff
}

test_international_organisation if {
	got := lib.transfer_assessments with input as {"recipients": [
		{"id": "epo", "role": "controller", "international_organisation": "epo"},
		{"id": "who", "role": "controller", "international_organisation": "who"},
	]}
		with time.now_ns as _now
	got.recipients.epo.epo.status == "adequacy"
	got.recipients.who.who == {"kind": "io", "status": "none", "reason": ""}
}
