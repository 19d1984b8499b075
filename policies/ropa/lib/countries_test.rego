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
