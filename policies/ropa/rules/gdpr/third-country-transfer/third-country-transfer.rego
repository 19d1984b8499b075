# METADATA
# title: Third-country transfer without a safeguard
# description: >-
#   A disclosure to another entity located outside the EEA or at an
#   international organisation is a transfer (GDPR Art. 44; Art. 4(26) defines
#   international organisation; EDPB Guidelines 05/2021 on the interplay
#   between Art. 3 and Chapter V, version 2.0: the three cumulative criteria,
#   the second being that the exporter discloses the data to another
#   controller, joint controller or processor). It needs an adequacy decision
#   in force on the audit date (Art. 45(1)) that covers the recipient (a
#   partial decision only with transfer.scope stating why the recipient is
#   inside it; the EU-US decision (EU) 2023/1795 only with
#   transfer.dpf_certified: true), or an Art. 46(2) safeguard (scc, bcr,
#   code_of_conduct, certification), or an Art. 49(1) derogation naming its
#   point; Art. 30(1)(e) requires the record to identify the transfers.
#   Systems whose provider is not `self` are processors and count; recipients
#   with role `internal` (the controller's own staff, e.g. an employee working
#   from a third country, Example 5 of Guidelines 05/2021) and systems with
#   provider `self` are not transfers. One finding per system or recipient,
#   naming each uncovered destination and, where a decision exists but does
#   not apply, that decision. A declared mechanism "adequacy" is no safeguard:
#   gdpr/adequacy-claim reports the false claim as well.
# related_resources:
#   - description: GDPR Art. 44-46 and 49 (transfers to third countries or international organisations)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_44
#   - description: GDPR Art. 30(1)(e) (record of transfers)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
#   - description: EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-052021-interplay-between-application-article-3_en
#   - description: Commission adequacy decisions
#     ref: https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en
# custom:
#   id: gdpr/third-country-transfer
#   severity: error
#   reference: Art. 44-46, 49, 30(1)(e)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: crm
#         provider: Acme CRM
#         countries: [IN]
#         contract: DPA-ACME-2025
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: crm
#         provider: Acme CRM
#         countries: [IN]
#         contract: DPA-ACME-2025
#         transfer: {mechanism: scc, reference: SCC 2021/914 module 2, tia: TIA-2025-01}  # fixed: Art. 46 safeguard
package ropa.rules.gdpr["third-country-transfer"]

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "recipient"}

# The assessment is data.ropa.lib.transfer_assessment, which the register,
# the HTML report and the notice read too: this rule and the reports cannot
# disagree on what is covered.
deny contains {"msg": msg, "path": [section, item.id, "transfer"]} if {
	some section, kind in _kinds
	some item in input[section]
	assessment := lib.transfer_assessment(section, item)
	uncovered := sort([code | some code, a in assessment; a.status == "none"])
	count(uncovered) > 0
	places := concat(", ", [_place(code, assessment[code]) | some code in uncovered])
	notes := [_note(code, assessment[code]) |
		some code in uncovered
		assessment[code].reason != ""
	]
	msg := concat("; ", array.concat([_message(kind, item, places)], notes))
}

_note(code, a) := sprintf("%s: %s: %s", [_place(code, a), a.reason, a.hint]) if a.hint

_note(code, a) := sprintf("%s: %s", [_place(code, a), a.reason]) if not a.hint

_place(code, a) := code if a.kind == "country"

_place(code, a) := sprintf("international organisation %s", [code]) if a.kind == "io"

_message(kind, item, places) := msg if {
	item.transfer.mechanism == "derogation"
	msg := sprintf("%s %q transfers data to %s under a derogation that names no valid Art. 49(1) point", [kind, item.id, places])
}

_message(kind, item, places) := msg if {
	object.get(item, ["transfer", "mechanism"], null) != "derogation"
	msg := sprintf("%s %q transfers data to %s without an adequacy decision or an Art. 46 safeguard", [kind, item.id, places])
}
