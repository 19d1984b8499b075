# ISO 8601 durations: the one parser of the project. The schema accepts the
# same grammar (inventory/schema.json, $defs/duration); ropa's reports ask
# this library for the length of a duration (data.ropa.lib.durations_days)
# instead of computing it again.
package ropa.lib

# PnYnMnWnDTnHnMnS with whole numbers, every component optional but at least
# one present; the schema rejects anything else before rules run.
_duration_re := `^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`

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

_duration_component(s) := to_number(s) if s != ""

# durations_days maps each string of input.durations that is a duration to
# its length in days (ropa's diff compares retention periods with it).
durations_days := {d: days |
	some d in input.durations
	days := duration_days(d)
}
