# METADATA
# title: Transfer without a transfer impact assessment
# description: >-
#   An Art. 46 safeguard (standard contractual clauses, binding corporate
#   rules, code of conduct, certification) is only appropriate if the
#   exporter has verified, case by case, that the law and practice of the
#   destination allow the importer to comply with it, and has adopted
#   supplementary measures where they do not (CJEU C-311/18 Schrems II,
#   16 July 2020, paras 134-135; EDPB Recommendations 01/2020 on
#   supplementary measures, version 2.0, step 3; SCC 2021/914 Clause 14(b)
#   and (d): the assessment is documented and made available to the
#   supervisory authority). A disclosure to a destination without an
#   applicable adequacy decision that relies on such a safeguard must
#   reference that assessment (transfer.tia). A warning: the assessment may
#   exist without being recorded.
# related_resources:
#   - description: GDPR Art. 46(1) (appropriate safeguards, enforceable rights, effective remedies)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_46
#   - description: CJEU C-311/18 Data Protection Commissioner v Facebook Ireland and Schrems
#     ref: https://curia.europa.eu/juris/liste.jsf?num=C-311/18
#   - description: EDPB Recommendations 01/2020 on measures that supplement transfer tools
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/recommendations/recommendations-012020-measures-supplement-transfer_en
# custom:
#   id: gdpr/transfer-impact-assessment
#   severity: warning
#   reference: Art. 46(1); CJEU C-311/18; EDPB Recommendations 01/2020
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - id: support
#         role: processor
#         countries: [IN]
#         contract: DPA-2025-04
#         transfer: {mechanism: scc, reference: SCC 2021/914 module 2}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - id: support
#         role: processor
#         countries: [IN]
#         contract: DPA-2025-04
#         transfer: {mechanism: scc, reference: SCC 2021/914 module 2, tia: TIA-2025-04}  # fixed: assessment referenced
package ropa.rules.gdpr["transfer-impact-assessment"]

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "recipient"}

warn contains {"msg": msg, "path": [section, item.id, "transfer", "tia"]} if {
	some section, kind in _kinds
	some item in input[section]
	item.transfer.mechanism in lib.transfer_safeguards
	not _has_tia(item)
	assessment := lib.transfer_assessment(section, item)
	relied := sort([code | some code, a in assessment; a.status == "safeguard"])
	count(relied) > 0
	msg := sprintf(
		"%s %q transfers data to %s under %s without a transfer impact assessment reference (transfer.tia)",
		[kind, item.id, concat(", ", relied), item.transfer.mechanism],
	)
}

_has_tia(item) if {
	is_string(item.transfer.tia)
	trim_space(item.transfer.tia) != ""
}
