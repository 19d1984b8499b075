# METADATA
# title: Lawful basis
# description: >-
#   "Processing shall be lawful only if and to the extent that at least one"
#   of the six bases of Art. 6(1)(a)-(f) applies (consent, contract, legal
#   obligation, vital interests, public task, legitimate interests); every
#   activity must declare the one it relies on.
# related_resources:
#   - description: GDPR Art. 6(1)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
# custom:
#   id: gdpr/lawful-basis
#   severity: error
#   reference: Art. 6(1)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: billing
#         purpose: Invoicing customers
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: billing
#         purpose: Invoicing customers
#         lawful_basis: contract  # fixed: Art. 6(1)(b) basis declared
package ropa.rules.gdpr["lawful-basis"]

deny contains {"msg": msg, "path": ["activities", a.id, "lawful_basis"]} if {
	some a in input.activities
	is_object(a)
	not _text(object.get(a, "lawful_basis", null))
	msg := sprintf("activity %q has no lawful basis", [a.id])
}

# _text is true for a string that is not blank. It takes the value, not
# the object and a key: a lookup done by object.get in the caller is much
# cheaper per activity than a dynamic key in a function.
_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
