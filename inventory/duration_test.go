package inventory

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseDuration: the same grammar as the schema (whole numbers,
// components in order), split for display.
func TestParseDuration(t *testing.T) {
	for in, want := range map[string][]DurationPart{
		"P10Y":    {{10, "year"}},
		"P1Y6M":   {{1, "year"}, {6, "month"}},
		"PT30M":   {{30, "minute"}},
		"P1DT12H": {{1, "day"}, {12, "hour"}},
		"P2W":     {{2, "week"}},
	} {
		got, ok := ParseDuration(in)
		if !ok || !cmp.Equal(got, want) {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "P", "PT", "P1DT", "1Y", "P1.5Y", "P0,5D", "P1M1Y", "p1y", "P1H", "forever"} {
		if got, ok := ParseDuration(in); ok {
			t.Errorf("ParseDuration(%q) = %v, want invalid", in, got)
		}
	}
}
