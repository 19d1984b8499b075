# Chapter V assessment of every system and recipient: for each destination
# outside the EEA, whether an adequacy decision, an Art. 46 safeguard or an
# Art. 49 derogation covers it. gdpr/third-country-transfer fires on the
# destinations this library finds uncovered, and the register, the HTML
# report, the data-flow diagrams and the privacy notice read the same
# assessment through ropa (data.ropa.lib.transfer_assessments), so the
# reports can never say "covered" where the rule says "not".
package ropa.lib

# Art. 46(2)(c), 47, 46(2)(e), 46(2)(f).
transfer_safeguards := {"scc", "bcr", "code_of_conduct", "certification"}

# Art. 49(1) points (a)-(g) and the second subparagraph.
transfer_derogations := {
	"explicit_consent",
	"contract_with_subject",
	"contract_in_subject_interest",
	"public_interest",
	"legal_claims",
	"vital_interests",
	"public_register",
	"compelling_legitimate_interests",
}

# transfer_safeguarded(item) holds when item declares an Art. 46 safeguard or
# an Art. 49 derogation that names its point.
transfer_safeguarded(item) if item.transfer.mechanism in transfer_safeguards

transfer_safeguarded(item) if {
	item.transfer.mechanism == "derogation"
	item.transfer.derogation in transfer_derogations
}

# transfer_assessment(section, item) maps each destination of a disclosure
# outside the EEA (a country code, or an international organisation key) to
# how it is covered on the audit date:
#   {"kind": "country"|"io", "status": "adequacy", "decision": D}
#   {"kind": ..., "status": "safeguard", "mechanism": M, "derogation": P}
#   {"kind": ..., "status": "none", "reason": R, "hint": H}
# where R is "" when no decision exists, or says why a decision does not
# apply (partial decision without scope, decision ended), and H (when
# present) what to declare if the item is in fact inside a partial
# decision's scope. Empty for the
# controller's own staff and systems (no disclosure, no transfer).
transfer_assessment(section, item) := {dest.code: a |
	disclosure(section, item)
	some dest in destinations(item)
	a := _transfer_assess(dest, item)
}

_transfer_assess(dest, item) := {"kind": dest.kind, "status": "adequacy", "decision": d.decision} if {
	d := destination_decision(dest)
	decision_covers(d, item)
}

_transfer_assess(dest, item) := {
	"kind": dest.kind, "status": "safeguard",
	"mechanism": item.transfer.mechanism,
	"derogation": object.get(item.transfer, "derogation", ""),
} if {
	not adequate(dest, item)
	transfer_safeguarded(item)
}

_transfer_assess(dest, item) := object.union({"kind": dest.kind, "status": "none", "reason": ""}, _transfer_why(dest, item)) if {
	not adequate(dest, item)
	not transfer_safeguarded(item)
}

# Why no decision applies, for a destination that has or had one: the fact
# (reason, for the register) and what to declare (hint, for the rule).
_transfer_why(dest, item) := {
	"reason": sprintf("adequacy decision %s covers only %s", [d.decision, d.scope]),
	"hint": _countries_hint(d),
} if {
	d := destination_decision(dest)
	not decision_covers(d, item)
}

_transfer_why(dest, _) := {"reason": sprintf("adequacy decision %s ended on %s", [d.decision, d.end])} if {
	not destination_decision(dest)
	d := _countries_lapsed(dest)
}

_transfer_why(dest, _) := {} if {
	not destination_decision(dest)
	not _countries_lapsed(dest)
}

# transfer_assessments is the assessment of the whole inventory, by section
# and id: {"systems": {id: {dest: assessment}}, "recipients": {...}}. Items
# with no destination outside the EEA are left out. ropa evaluates this rule
# for its reports.
transfer_assessments := {section: {item.id: a |
	some item in input[section]
	is_string(item.id)
	a := transfer_assessment(section, item)
	count(a) > 0
} |
	some section in ["systems", "recipients"]
}
