# Country helpers over data.ropa.reference.countries: alias resolution, EEA
# membership, the adequacy decisions in force on the audit date (one period
# per decision, for countries and international organisations), partial
# decisions and their scope, and the repealed standard contractual clauses.
package ropa.lib

_countries_ref := data.ropa.reference.countries

_countries_eea := {code | some code in _countries_ref.eea}

# The audit date (time.now_ns(), set by ropa from --as-of) truncated to its
# UTC calendar day, so that a decision is in force for the whole of its first
# and last day.
_countries_audit_day_ns := time.parse_ns("2006-01-02", time.format([time.now_ns(), "UTC", "2006-01-02"]))

_countries_day(d) := time.parse_ns("2006-01-02", d)

# country(c) is the ISO 3166-1 alpha-2 code of c with aliases resolved
# (UK -> GB, EL -> GR).
country(c) := code if {
	u := upper(trim_space(c))
	code := object.get(_countries_ref.aliases, u, u)
}

# in_eea(c) holds when the alias-resolved country c is in the EEA
# (EU27 + Iceland, Liechtenstein, Norway).
in_eea(c) if country(c) in _countries_eea

_countries_in_force(d) if {
	_countries_day(d.start) <= _countries_audit_day_ns
	not _countries_ended(d)
}

_countries_ended(d) if _countries_audit_day_ns > _countries_day(d.end)

# adequacy_decision(c) is the Commission adequacy decision covering country c
# on the audit date (an object with decision, start, end, scope, requires,
# source): the periods of one country never overlap, so at most one is in
# force. Rules name its `decision` in their messages.
adequacy_decision(c) := d if {
	some d in _countries_ref.adequacy[country(c)].decisions
	_countries_in_force(d)
}

# adequacy_in_force(c) holds when a decision (full or partial) covers
# country c on the audit date.
adequacy_in_force(c) if adequacy_decision(c)

# adequacy_lapsed(c) is the latest decision for country c whose period ended
# before the audit date, when none is in force (for messages).
adequacy_lapsed(c) := d if {
	not adequacy_in_force(c)
	ended := [x | some x in _countries_ref.adequacy[country(c)].decisions; _countries_ended(x)]
	count(ended) > 0
	ends := [x.end | some x in ended]
	some d in ended
	d.end == max(ends)
}

# io_decision(o) is the adequacy decision covering the international
# organisation o (a key of international_organisations, e.g. epo) on the
# audit date.
io_decision(o) := d if {
	some d in _countries_ref.international_organisations[lower(trim_space(o))].decisions
	_countries_in_force(d)
}

# io_known(o) holds when o is a key of the reference data.
io_known(o) if _countries_ref.international_organisations[lower(trim_space(o))]

# decision_covers(d, item) holds when decision d applies to the system or
# recipient item: a full decision always; a partial one (with scope) only
# when the item says why it is inside the scope (transfer.scope), or for a
# decision that requires a certification (US: dpf_certified) when the item
# declares it.
decision_covers(d, _) if not d.scope

decision_covers(d, item) if {
	d.scope
	not d.requires
	is_string(item.transfer.scope)
	trim_space(item.transfer.scope) != ""
}

decision_covers(d, item) if {
	d.scope
	d.requires
	item.transfer[d.requires] == true
}

# disclosure(section, item) holds when the system or recipient is another
# entity than the controller: a system whose provider is not `self` (any
# other value, or none: the provider is a processor), or a recipient whose
# role is not `internal`. The controller's own staff and systems abroad are
# not a transfer (EDPB Guidelines 05/2021, second criterion).
disclosure("systems", item) if object.get(item, "provider", "") != "self"

disclosure("recipients", item) if object.get(item, "role", "") != "internal"

# destinations(item) are the places item is located outside the EEA:
# {"kind": "country", "code": CODE} per alias-resolved country, and
# {"kind": "io", "code": key} for an international organisation (always a
# Chapter V destination, Art. 44 and 4(26)).
destinations(item) := {x |
	some c in object.get(item, "countries", [])
	code := country(c)
	not in_eea(code)
	x := {"kind": "country", "code": code}
} | {x |
	o := item.international_organisation
	is_string(o)
	trim_space(o) != ""
	x := {"kind": "io", "code": lower(trim_space(o))}
}

# destination_decision(dest) is the decision in force for a destination.
destination_decision(dest) := adequacy_decision(dest.code) if dest.kind == "country"

destination_decision(dest) := io_decision(dest.code) if dest.kind == "io"

# adequate(dest, item) holds when a decision in force covers item at dest.
adequate(dest, item) if decision_covers(destination_decision(dest), item)

_countries_lapsed(dest) := adequacy_lapsed(dest.code) if dest.kind == "country"

_countries_hint(d) := "declare transfer.dpf_certified: true if the recipient is certified" if d.requires == "dpf_certified"

_countries_hint(d) := "say in transfer.scope why the recipient is inside it" if not d.requires

# scc_repealed_cited(ref) is the set of repealed SCC decisions (e.g.
# "2010/87/EU") that the text ref cites (e.g. "SCC 2010/87/EU module 2"),
# when the audit date is after the end of their transition period
# (Implementing Decision (EU) 2021/914 Art. 4).
scc_repealed_cited(ref) := {d.decision |
	is_string(ref)
	some d in _countries_ref.scc_repealed
	regex.match(sprintf(`(^|[^0-9])%s([^0-9]|$)`, [replace(d.cite, "/", `\s*/\s*`)]), ref)
	_countries_audit_day_ns > _countries_day(d.end)
}
