# METADATA
# title: Data protection officer
# description: >-
#   A declared DPO needs published contact details. A DPO is mandatory for a
#   public authority, and for core activities that process Art. 9 or Art. 10
#   data on a large scale or systematically monitor data subjects on a large
#   scale.
# related_resources:
#   - description: GDPR Art. 37
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_37
#   - description: GDPR Art. 13(1)(b)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/dpo-contact
#   severity: warning
#   reference: Art. 37(7), 13(1)(b)
#   example: |
#     version: 1
#     controller:
#       name: Example SAS
#       contact: privacy@example.org
#       country: FR
#       dpo: {name: Jane Doe}
#   fix: |
#     version: 1
#     controller:
#       name: Example SAS
#       contact: privacy@example.org
#       country: FR
#       dpo: {name: Jane Doe, contact: dpo@example.org}  # fixed: DPO contact published
package ropa.rules.gdpr["dpo-contact"]

import data.ropa.lib

warn contains {"msg": msg, "path": ["controller", "dpo"]} if {
	dpo := input.controller.dpo
	not _has_text(dpo, "contact")
	msg := sprintf("%s has no contact details", [_dpo_label(dpo)])
}

warn contains {"msg": msg, "path": ["controller", "dpo"]} if {
	not input.controller.dpo
	reasons := array.concat(_authority_reason, sort(_activity_reasons))
	count(reasons) > 0
	msg := sprintf("a DPO is mandatory (%s) but none is declared", [concat("; ", reasons)])
}

_authority_reason := ["the controller is a public authority"] if {
	input.controller.public_authority == true
} else := []

_activity_reasons contains sprintf("activity %q processes Art. 9/10 data on a large scale", [a.id]) if {
	some a in input.activities
	a.risk.large_scale == true
	_uses_special(a)
}

_activity_reasons contains sprintf("activity %q monitors data subjects systematically on a large scale", [a.id]) if {
	some a in input.activities
	a.risk.large_scale == true
	a.risk.systematic_monitoring == true
}

# ids of the data categories that carry an Art. 9 or Art. 10 tag, built once.
_special_ids := {d.id | some d in input.data; lib.special_tag(d.category)}

_uses_special(a) if {
	some id in a.data
	id in _special_ids
}

_dpo_label(dpo) := sprintf("the DPO %q", [dpo.name]) if _has_text(dpo, "name")

_dpo_label(dpo) := "the DPO" if not _has_text(dpo, "name")

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
