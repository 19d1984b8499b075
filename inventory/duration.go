package inventory

import (
	"regexp"
	"strconv"
)

// durationRE is the schema's grammar for durations ($defs/duration): whole
// numbers, components in order, at least one.
var durationRE = regexp.MustCompile(`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// DurationUnits are the units of DurationPart, in the order of ISO 8601.
var DurationUnits = []string{"year", "month", "week", "day", "hour", "minute", "second"}

// DurationPart is one component of an ISO 8601 duration, e.g. 3 "year".
type DurationPart struct {
	N    int
	Unit string
}

// ParseDuration splits an ISO 8601 duration of the schema's grammar into
// its non-empty components, in order ("P1Y6M" is 1 year, 6 month), so that
// reports can spell it out; ok is false for anything else. It does not say
// how long a duration is: lengths and comparisons are the rule library's
// (data.ropa.lib.duration_days, through audit.Engine.DurationDays).
func ParseDuration(d string) (parts []DurationPart, ok bool) {
	m := durationRE.FindStringSubmatch(d)
	if m == nil || d == "P" || d == "PT" || d[len(d)-1] == 'T' {
		return nil, false
	}
	for i, u := range DurationUnits {
		if m[i+1] == "" {
			continue
		}
		n, err := strconv.Atoi(m[i+1])
		if err != nil {
			return nil, false
		}
		parts = append(parts, DurationPart{N: n, Unit: u})
	}
	return parts, len(parts) > 0
}
