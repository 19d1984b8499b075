package ropa.lib_test

import data.ropa.lib

test_duration_years_months_days if {
	lib.duration_days("P3Y") == 1095.7275
	lib.duration_days("P30D") == 30
	lib.duration_days("P395D") == 395
	lib.duration_days("P1W") == 7
	lib.duration_days("P1Y") == 365.2425
	lib.duration_days("P12M") == 365.2425
}

test_duration_thirteen_months_spelled_two_ways if {
	lib.duration_days("P13M") == lib.duration_days("P1Y1M")
	lib.duration_days("P13M") == 395.679375
	lib.duration_days("P395D") < lib.duration_days("P13M")
	lib.duration_days("P396D") > lib.duration_days("P13M")
}

test_duration_time_part if {
	lib.duration_days("PT12H") == 0.5
	lib.duration_days("P1DT12H") == 1.5
	lib.duration_days("PT36H") == 1.5
	lib.duration_days("PT1440M") == 1
	lib.duration_days("PT86400S") == 1
}

# Fractions are not in the schema's grammar, so not in the library's: the
# two accept the same strings.
test_duration_fractions_are_not_durations if {
	not lib.duration_days("P1.5D")
	not lib.duration_days("P0,5D")
}

test_durations_days_of_input if {
	lib.durations_days == {"P1Y": 365.2425, "P12M": 365.2425, "PT12H": 0.5} with input as {"durations": ["P1Y", "P12M", "PT12H", "P1.5Y", "soon"]}
}

test_duration_malformed_is_undefined if {
	every d in ["", "P", "PT", "P1DT", "3Y", "P3", "P-1D", "P1M1Y", "P1Y2Y", "P1H", "p3y", "P 3Y", "P3Y ", "P1.D"] {
		not lib.duration_days(d)
	}
	not lib.duration_days(3)
	not lib.duration_days(null)
}
