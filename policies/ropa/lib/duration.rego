# ISO 8601 durations.
package ropa.lib

# PnYnMnWnDTnHnMnS; every component optional (at least one present), numbers
# may carry a decimal fraction ("." or ",").
_duration_re := `^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$`

# Seconds per component: Y = 365.2425 days, M = Y/12, W = 7 days, D, H, M, S.
# Exact integers, so that equal durations written differently (P13M, P1Y1M)
# give exactly the same number of days.
_duration_seconds := [31556952, 2629746, 604800, 86400, 3600, 60, 1]

# duration_days(d) is the ISO 8601 duration d as a number of days; undefined
# when d is not a string or not a well-formed duration.
duration_days(d) := days if {
	is_string(d)
	not endswith(d, "T")
	d != "P"
	groups := regex.find_all_string_submatch_n(_duration_re, d, 1)[0]
	seconds := sum([(_duration_component(groups[i + 1]) * factor) | some i, factor in _duration_seconds])
	days := seconds / 86400
}

_duration_component(s) := 0 if s == ""

_duration_component(s) := to_number(replace(s, ",", ".")) if s != ""
