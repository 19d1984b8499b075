# METADATA
# title: Third-country transfer without a safeguard
# description: >-
#   Every system or recipient country outside the EEA must be covered by an
#   adequacy decision in force on the audit date (for the United States, only
#   when the item declares transfer.dpf_certified: true) or by an Art. 46
#   safeguard (transfer.mechanism scc, bcr, code_of_conduct or certification)
#   or by an Art. 49 derogation that names its Art. 49(1) point
#   (transfer.derogation). One finding per system or recipient, naming the
#   uncovered countries. A declared mechanism "adequacy" is not a safeguard:
#   when no decision covers the country, this rule fires and so does
#   gdpr/adequacy-claim (on transfer/mechanism), because the transfer is
#   unlawful and the record makes a false claim.
# related_resources:
#   - description: GDPR Art. 44-46 (transfers to third countries)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: GDPR Art. 30(1)(e) (record of transfers)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: gdpr/third-country-transfer
#   severity: error
#   reference: Art. 44-46, 30(1)(e)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: crm
#         provider: Acme CRM
#         countries: [IN]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     systems:
#       - id: crm
#         provider: Acme CRM
#         countries: [IN]
#         transfer: {mechanism: scc, reference: SCC 2021/914 module 2}  # fixed: Art. 46 safeguard
package ropa.rules.gdpr["third-country-transfer"]

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "recipient"}

_safeguards := {"scc", "bcr", "code_of_conduct", "certification"}

# Art. 49(1) points a-g and second subparagraph.
_derogations := {
	"explicit_consent",
	"contract_with_subject",
	"contract_in_subject_interest",
	"public_interest",
	"legal_claims",
	"vital_interests",
	"public_register",
	"compelling_legitimate_interests",
}

deny contains {"msg": msg, "path": [section, item.id, "transfer"]} if {
	some section, kind in _kinds
	some item in input[section]
	uncovered := _uncovered(item)
	count(uncovered) > 0
	not _safeguarded(item)
	msg := _message(kind, item, concat(", ", sort(uncovered)))
}

# The alias-resolved countries of item outside the EEA and not covered by an
# adequacy decision in force.
_uncovered(item) := {code |
	some c in item.countries
	code := lib.country(c)
	not lib.in_eea(code)
	not _adequate(code, item)
}

_adequate(code, _) if {
	code != "US"
	lib.adequacy_in_force(code)
}

_adequate("US", item) if {
	lib.adequacy_in_force("US")
	item.transfer.dpf_certified == true
}

_safeguarded(item) if item.transfer.mechanism in _safeguards

_safeguarded(item) if {
	item.transfer.mechanism == "derogation"
	item.transfer.derogation in _derogations
}

_message(kind, item, countries) := msg if {
	item.transfer.mechanism == "derogation"
	msg := sprintf("%s %q transfers data to %s under a derogation that names no valid Art. 49(1) point", [kind, item.id, countries])
}

_message(kind, item, countries) := msg if {
	object.get(item, ["transfer", "mechanism"], null) != "derogation"
	msg := sprintf("%s %q transfers data to %s without an adequacy decision or an Art. 46 safeguard", [kind, item.id, countries])
}
