package ropa.lib_test

import data.ropa.lib

_countries_day(d) := time.parse_ns("2006-01-02", d)

test_country_resolves_aliases if {
	lib.country("UK") == "GB"
	lib.country("EL") == "GR"
	lib.country("GB") == "GB"
	lib.country("FR") == "FR"
	lib.country("fr") == "FR"
}

test_in_eea if {
	lib.in_eea("FR")
	lib.in_eea("EL")
	lib.in_eea("GR")
	lib.in_eea("NO")
	lib.in_eea("IS")
	lib.in_eea("LI")
	not lib.in_eea("UK")
	not lib.in_eea("GB")
	not lib.in_eea("CH")
	not lib.in_eea("US")
}

test_eea_has_30_sorted_codes if {
	codes := data.ropa.reference.countries.eea
	count(codes) == 30
	codes == sort(codes)
}

test_adequacy_list_is_the_spec_list if {
	object.keys(data.ropa.reference.countries.adequacy) == {
		"AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG",
		"IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY",
	}
}

test_adequacy_in_force if {
	lib.adequacy_in_force("CH") with time.now_ns as _countries_day("2026-06-01")
	lib.adequacy_in_force("JP") with time.now_ns as _countries_day("2026-06-01")
	lib.adequacy_in_force("US") with time.now_ns as _countries_day("2026-06-01")
	lib.adequacy_in_force("GB") with time.now_ns as _countries_day("2026-06-01")
	not lib.adequacy_in_force("FR") with time.now_ns as _countries_day("2026-06-01")
	not lib.adequacy_in_force("CN") with time.now_ns as _countries_day("2026-06-01")
}

test_adequacy_through_alias if {
	lib.adequacy_in_force("UK") with time.now_ns as _countries_day("2026-06-01")
}

test_adequacy_end_date_is_inclusive if {
	# GB until 2031-12-27: in force on its last day, even late in the day.
	lib.adequacy_in_force("GB") with time.now_ns as _countries_day("2031-12-27")
	lib.adequacy_in_force("UK") with time.now_ns as _countries_day("2031-12-27") + ((23 * 3600) * 1000000000)
	not lib.adequacy_in_force("GB") with time.now_ns as _countries_day("2031-12-28")
}

test_adequacy_ended if {
	not lib.adequacy_in_force("GB") with time.now_ns as _countries_day("2032-01-01")
	not lib.adequacy_in_force("UK") with time.now_ns as _countries_day("2032-01-01")
}

test_adequacy_start_date if {
	not lib.adequacy_in_force("BR") with time.now_ns as _countries_day("2026-01-25")
	lib.adequacy_in_force("BR") with time.now_ns as _countries_day("2026-01-26")
	lib.adequacy_in_force("BR") with time.now_ns as _countries_day("2026-06-01")
	not lib.adequacy_in_force("US") with time.now_ns as _countries_day("2023-07-09")
}

test_uk_periods_cite_their_own_decision if {
	lib.adequacy_decision("UK").decision == "(EU) 2021/1772" with time.now_ns as _countries_day("2024-01-01")
	lib.adequacy_decision("GB").decision == "(EU) 2021/1772" with time.now_ns as _countries_day("2025-06-27")
	lib.adequacy_decision("GB").decision == "(EU) 2025/1226" with time.now_ns as _countries_day("2025-06-28")
	lib.adequacy_decision("GB").decision == "(EU) 2025/1226" with time.now_ns as _countries_day("2025-12-27")
	lib.adequacy_decision("GB").decision == "(EU) 2025/2574" with time.now_ns as _countries_day("2025-12-28")
	lib.adequacy_decision("GB").decision == "(EU) 2025/2574" with time.now_ns as _countries_day("2026-06-01")
	not lib.adequacy_decision("GB") with time.now_ns as _countries_day("2021-06-27")
}

test_adequacy_lapsed_names_the_last_decision if {
	lib.adequacy_lapsed("GB").decision == "(EU) 2025/2574" with time.now_ns as _countries_day("2032-01-01")
	not lib.adequacy_lapsed("GB") with time.now_ns as _countries_day("2026-06-01")
	not lib.adequacy_lapsed("IN") with time.now_ns as _countries_day("2026-06-01")
}

test_international_organisation_epo if {
	lib.io_decision("epo").decision == "(EU) 2025/1382" with time.now_ns as _countries_day("2025-07-15")
	lib.io_decision("EPO").decision == "(EU) 2025/1382" with time.now_ns as _countries_day("2026-06-01")
	not lib.io_decision("epo") with time.now_ns as _countries_day("2025-07-14")
	not lib.io_decision("who") with time.now_ns as _countries_day("2026-06-01")
	lib.io_known("epo")
	not lib.io_known("who")
}

test_partial_decisions_need_scope if {
	ca := lib.adequacy_decision("CA") with time.now_ns as _countries_day("2026-06-01")
	not lib.decision_covers(ca, {"id": "x"})
	not lib.decision_covers(ca, {"id": "x", "transfer": {"scope": "  "}})
	lib.decision_covers(ca, {"id": "x", "transfer": {"scope": "commercial organisation subject to PIPEDA"}})
	us := lib.adequacy_decision("US") with time.now_ns as _countries_day("2026-06-01")
	not lib.decision_covers(us, {"id": "x", "transfer": {"scope": "DPF"}})
	lib.decision_covers(us, {"id": "x", "transfer": {"dpf_certified": true}})
	ch := lib.adequacy_decision("CH") with time.now_ns as _countries_day("2026-06-01")
	lib.decision_covers(ch, {"id": "x"})
}

test_partial_decisions_are_the_spec_list if {
	partial := {c | some c, e in data.ropa.reference.countries.adequacy; some d in e.decisions; d.scope}
	partial == {"CA", "IL", "JP", "KR", "US"}
}

test_disclosure if {
	lib.disclosure("systems", {"id": "s"})
	lib.disclosure("systems", {"id": "s", "provider": "Acme"})
	not lib.disclosure("systems", {"id": "s", "provider": "self"})
	lib.disclosure("recipients", {"id": "r"})
	lib.disclosure("recipients", {"id": "r", "role": "processor"})
	not lib.disclosure("recipients", {"id": "r", "role": "internal"})
}

test_scc_repealed_cited if {
	lib.scc_repealed_cited("SCC 2010/87/EU") == {"2010/87/EU"} with time.now_ns as _countries_day("2023-01-01")
	lib.scc_repealed_cited("Decision 2001/497/EC as amended by 2004/915/EC") == {"2001/497/EC", "2004/915/EC"} with time.now_ns as _countries_day("2023-01-01")
	lib.scc_repealed_cited("SCC 2010 / 87") == {"2010/87/EU"} with time.now_ns as _countries_day("2023-01-01")
	count(lib.scc_repealed_cited("SCC 2010/87/EU")) == 0 with time.now_ns as _countries_day("2022-12-27")
	count(lib.scc_repealed_cited("SCC 2021/914 module 2")) == 0 with time.now_ns as _countries_day("2023-01-01")
	count(lib.scc_repealed_cited("SCC 2010/870")) == 0 with time.now_ns as _countries_day("2023-01-01")
}
