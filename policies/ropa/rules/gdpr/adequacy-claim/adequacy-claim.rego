# METADATA
# title: Adequacy claimed without a decision in force
# description: >-
#   A system or recipient declaring transfer.mechanism "adequacy" must only
#   have countries in the EEA or covered by a Commission adequacy decision in
#   force on the audit date (start date reached, end date not passed); for the
#   United States the EU-US Data Privacy Framework decision only covers
#   certified organisations, so the item must declare
#   transfer.dpf_certified: true. gdpr/third-country-transfer reports the same
#   item on transfer as well, since a false adequacy claim is no safeguard.
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
#         transfer: {mechanism: adequacy}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: mailing
#         provider: Mailer Inc.
#         countries: [US]
#         transfer: {mechanism: adequacy, dpf_certified: true}  # fixed: provider certified under the EU-US DPF
package ropa.rules.gdpr["adequacy-claim"]

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "recipient"}

deny contains {"msg": msg, "path": [section, item.id, "transfer", "mechanism"]} if {
	some section, kind in _kinds
	some item in input[section]
	item.transfer.mechanism == "adequacy"
	reasons := _unsupported(item)
	count(reasons) > 0
	msg := sprintf(
		"%s %q claims an adequacy decision for %s",
		[kind, item.id, concat(", ", sort(reasons))],
	)
}

# One "CODE (reason)" per alias-resolved country outside the EEA that no
# adequacy decision in force covers for this item.
_unsupported(item) := {sprintf("%s (%s)", [code, reason]) |
	some c in item.countries
	code := lib.country(c)
	not lib.in_eea(code)
	reason := _reason(code, item)
}

_reason(code, _) := "no decision in force on the audit date" if not lib.adequacy_in_force(code)

_reason("US", item) := "not DPF-certified" if {
	lib.adequacy_in_force("US")
	object.get(item, ["transfer", "dpf_certified"], null) != true
}
