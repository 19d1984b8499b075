# METADATA
# title: Art. 49 derogation used for regular transfers or without notice
# description: >-
#   The Art. 49 derogations are exceptions, to be interpreted restrictively
#   and used for occasional transfers, not for regular ones (recital 111: the
#   contract and legal-claims derogations apply to transfers that are
#   occasional; EDPB Guidelines 2/2018 on derogations of Article 49, section
#   1 "General": the derogations must not become the rule and cannot ground
#   systematic, repetitive transfers, which call for an Art. 45 decision or
#   an Art. 46 safeguard). A system whose provider is not `self`, and a
#   processor recipient, receive data as a regular flow, so a derogation
#   cannot cover them. Compelling legitimate interests (Art. 49(1) second
#   subparagraph) further require that the controller inform the supervisory
#   authority of the transfer (EDPB Guidelines 2/2018, section 2.8): the
#   record must reference that notice (transfer.authority_notified).
# related_resources:
#   - description: GDPR Art. 49 (derogations for specific situations) and recital 111
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_49
#   - description: EDPB Guidelines 2/2018 on derogations of Article 49
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-22018-derogations-article-49-under-regulation_en
# custom:
#   id: gdpr/derogation-use
#   severity: error
#   reference: Art. 49; EDPB Guidelines 2/2018
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: helpdesk
#         provider: Helpdesk Inc.
#         countries: [IN]
#         contract: DPA-2025-02
#         transfer: {mechanism: derogation, derogation: explicit_consent}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: helpdesk
#         provider: Helpdesk Inc.
#         countries: [IN]
#         contract: DPA-2025-02
#         transfer: {mechanism: scc, reference: SCC 2021/914 module 2, tia: TIA-2025-02}  # fixed: Art. 46 safeguard for a regular flow
package ropa.rules.gdpr["derogation-use"]

deny contains {"msg": msg, "path": [section, item.id, "transfer", "mechanism"]} if {
	some section, kind in {"systems": "system", "recipients": "processor recipient"}
	some item in input[section]
	item.transfer.mechanism == "derogation"
	_regular(section, item)
	msg := sprintf(
		"%s %q relies on an Art. 49 derogation, which covers only occasional transfers, not a processor's regular flow; use an adequacy decision or an Art. 46 safeguard",
		[kind, item.id],
	)
}

deny contains {"msg": msg, "path": [section, item.id, "transfer", "authority_notified"]} if {
	some section, kind in {"systems": "system", "recipients": "recipient"}
	some item in input[section]
	item.transfer.mechanism == "derogation"
	item.transfer.derogation == "compelling_legitimate_interests"
	not _notified(item)
	msg := sprintf(
		"%s %q relies on compelling legitimate interests (Art. 49(1) second subparagraph) without transfer.authority_notified, the reference of the notice to the supervisory authority",
		[kind, item.id],
	)
}

_regular("systems", s) if object.get(s, "provider", "") != "self"

_regular("recipients", r) if r.role == "processor"

_notified(item) if {
	is_string(item.transfer.authority_notified)
	trim_space(item.transfer.authority_notified) != ""
}
