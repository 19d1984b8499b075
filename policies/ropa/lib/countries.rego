# Country helpers over data.ropa.reference.countries: alias resolution, EEA
# membership and adequacy decisions in force on the audit date.
package ropa.lib

_countries_ref := data.ropa.reference.countries

_countries_eea := {code | some code in _countries_ref.eea}

# The audit date (time.now_ns(), set by ropa from --as-of) truncated to its
# UTC calendar day, so that a decision is in force for the whole of its first
# and last day.
_countries_audit_day_ns := time.parse_ns("2006-01-02", time.format([time.now_ns(), "UTC", "2006-01-02"]))

# country(c) is the ISO 3166-1 alpha-2 code of c with aliases resolved
# (UK -> GB, EL -> GR).
country(c) := code if {
	u := upper(trim_space(c))
	code := object.get(_countries_ref.aliases, u, u)
}

# in_eea(c) holds when the alias-resolved country c is in the EEA
# (EU27 + Iceland, Liechtenstein, Norway).
in_eea(c) if country(c) in _countries_eea

# adequacy_in_force(c) holds when a Commission adequacy decision covers c on
# the audit date: start <= audit date and (no end or audit date <= end).
# US is covered here; the DPF-certification condition is for rules to check.
adequacy_in_force(c) if {
	decision := _countries_ref.adequacy[country(c)]
	time.parse_ns("2006-01-02", decision.start) <= _countries_audit_day_ns
	not _countries_ended(decision)
}

_countries_ended(decision) if _countries_audit_day_ns > time.parse_ns("2006-01-02", decision.end)
