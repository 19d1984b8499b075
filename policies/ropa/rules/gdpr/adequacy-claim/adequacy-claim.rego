# METADATA
# title: Adequacy claimed without a decision in force
# description: >-
#   A system or recipient declaring transfer.mechanism "adequacy" must only
#   be located in the EEA, in countries or at international organisations
#   covered by a Commission adequacy decision in force on the audit date
#   (GDPR Art. 45(1) and (3): a decision may cover a country, a territory,
#   specified sectors, or an international organisation; start date reached,
#   end date not passed). A partial decision applies only when the recipient
#   is inside its scope, which the item must state in transfer.scope (Canada
#   2002/2/EC: PIPEDA; Japan (EU) 2019/419: business operators under the APPI
#   with the Supplementary Rules; Korea (EU) 2022/254: PIPA; Israel
#   2011/61/EU: automated processing); the EU-US decision (EU) 2023/1795
#   covers only organisations certified under the Data Privacy Framework
#   (transfer.dpf_certified: true). The message names the decision relied on.
#   gdpr/third-country-transfer reports the same item on transfer as well,
#   since a false adequacy claim is no safeguard.
# related_resources:
#   - description: GDPR Art. 45 (transfers on the basis of an adequacy decision)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: Commission adequacy decisions
#     ref: https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en
# custom:
#   id: gdpr/adequacy-claim
#   severity: error
#   reference: Art. 45
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: mailing
#         provider: Mailer Inc.
#         countries: [US]
#         contract: DPA-MAILER-2025
#         transfer: {mechanism: adequacy}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: mailing
#         provider: Mailer Inc.
#         countries: [US]
#         contract: DPA-MAILER-2025
#         transfer: {mechanism: adequacy, dpf_certified: true}  # fixed: provider certified under the EU-US DPF
package ropa.rules.gdpr["adequacy-claim"]

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "recipient"}

deny contains {"msg": msg, "path": [section, item.id, "transfer", "mechanism"]} if {
	some section, kind in _kinds
	some item in input[section]
	item.transfer.mechanism == "adequacy"
	reasons := {sprintf("%s (%s)", [k, _reason(dest, item)]) |
		some dest in lib.destinations(item)
		not lib.adequate(dest, item)
		k := _name(dest)
	}
	count(reasons) > 0
	msg := sprintf(
		"%s %q claims an adequacy decision for %s",
		[kind, item.id, concat(", ", sort(reasons))],
	)
}

_name(dest) := dest.code if dest.kind == "country"

_name(dest) := sprintf("international organisation %s", [dest.code]) if dest.kind == "io"

_reason(dest, _) := "no decision in force on the audit date" if not lib.destination_decision(dest)

_reason(dest, _) := sprintf("not DPF-certified, as decision %s requires", [d.decision]) if {
	d := lib.destination_decision(dest)
	d.requires == "dpf_certified"
}

_reason(dest, _) := sprintf("decision %s covers only %s: transfer.scope does not say why the recipient is inside it", [d.decision, d.scope]) if {
	d := lib.destination_decision(dest)
	d.scope
	not d.requires
}
