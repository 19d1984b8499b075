# METADATA
# title: Mandatory data protection officer
# description: >-
#   Art. 37(1) requires a data protection officer where (a) the processing is
#   carried out by a public authority or body, except for courts acting in
#   their judicial capacity; (b) the core activities of the controller consist
#   of processing operations which require regular and systematic monitoring
#   of data subjects on a large scale; or (c) the core activities consist of
#   processing on a large scale of Art. 9 data or Art. 10 data. ropa reads (a)
#   from controller.public_authority; (b) from an activity with core: true
#   whose risk flags systematic_monitoring and large_scale; (c) from an
#   activity with core: true, risk.large_scale and a data category tagged
#   Art. 9 or Art. 10 in the taxonomy. WP243 rev.01 (Guidelines on DPOs,
#   endorsed by the EDPB) explains the notions in section 2.1.2 ("core
#   activities": the key operations necessary to achieve the controller's
#   goals, including those inextricably linked to them, recital 97), section
#   2.1.3 ("large scale": number of subjects, volume, duration, geographical
#   extent) and section 2.1.4 ("regular and systematic monitoring"); the
#   controller records these judgements as core and risk flags. Courts acting in their
#   judicial capacity are exempt under point (a): the inventory has no field
#   for it, so a court waives this finding with that reason.
# related_resources:
#   - description: GDPR Art. 37(1)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_37
#   - description: WP243 rev.01, Guidelines on Data Protection Officers, section 2.1
#     ref: https://ec.europa.eu/newsroom/article29/items/612048
# custom:
#   id: gdpr/dpo-required
#   severity: error
#   reference: Art. 37(1)(a)-(c)
#   example: |
#     version: 1
#     controller: {name: Example Clinic, contact: privacy@example.org, country: FR}
#     data:
#       - {id: records, category: user.health}
#     activities:
#       - id: care
#         core: true
#         data: [records]
#         risk: {large_scale: true}
#   fix: |
#     version: 1
#     controller:
#       name: Example Clinic
#       contact: privacy@example.org
#       country: FR
#       dpo: {name: Jane Doe, contact: dpo@example.org}  # fixed: DPO designated
#     data:
#       - {id: records, category: user.health}
#     activities:
#       - id: care
#         core: true
#         data: [records]
#         risk: {large_scale: true}
package ropa.rules.gdpr["dpo-required"]

import data.ropa.lib

deny contains {"msg": msg, "path": ["controller", "dpo"]} if {
	input.controller
	not input.controller.dpo
	reasons := array.concat(_authority_reason, sort(_activity_reasons))
	count(reasons) > 0
	msg := sprintf("a DPO is mandatory but none is declared: %s", [concat("; ", reasons)])
}

_authority_reason := ["the controller is a public authority or body (Art. 37(1)(a))"] if {
	input.controller.public_authority == true
} else := []

_activity_reasons contains sprintf("core activity %q monitors data subjects regularly and systematically on a large scale (Art. 37(1)(b))", [a.id]) if {
	some a in input.activities
	a.core == true
	a.risk.large_scale == true
	a.risk.systematic_monitoring == true
}

_activity_reasons contains sprintf("core activity %q processes Art. 9/10 data on a large scale (Art. 37(1)(c))", [a.id]) if {
	some a in input.activities
	a.core == true
	a.risk.large_scale == true
	_uses_special(a)
}

# ids of the data categories that carry an Art. 9 or Art. 10 tag, built once.
_special_ids := {d.id | some d in input.data; lib.special_tag(d.category)}

_uses_special(a) if {
	some id in a.data
	id in _special_ids
}
