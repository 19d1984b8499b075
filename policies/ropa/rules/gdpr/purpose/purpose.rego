# METADATA
# title: Purpose of processing
# description: >-
#   Every processing activity must state its purpose: data is collected for
#   specified, explicit and legitimate purposes, recorded in the register.
# related_resources:
#   - description: GDPR Art. 5(1)(b)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#   - description: GDPR Art. 30(1)(b)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
# custom:
#   id: gdpr/purpose
#   severity: error
#   reference: Art. 5(1)(b), 30(1)(b)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: billing
#         lawful_basis: contract
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: billing
#         lawful_basis: contract
#         purpose: Invoicing customers and collecting payments  # fixed: purpose stated
package ropa.rules.gdpr.purpose

deny contains {"msg": msg, "path": ["activities", a.id, "purpose"]} if {
	some a in input.activities
	not _has_text(a, "purpose")
	msg := sprintf("activity %q has no purpose", [a.id])
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
