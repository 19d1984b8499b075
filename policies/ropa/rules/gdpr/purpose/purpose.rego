# METADATA
# title: Purpose of processing
# description: >-
#   Personal data must be "collected for specified, explicit and legitimate
#   purposes" (Art. 5(1)(b), purpose limitation), and the record of
#   processing activities contains "the purposes of the processing"
#   (Art. 30(1)(b)): every activity states its purpose.
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
	is_object(a)
	not _text(object.get(a, "purpose", null))
	msg := sprintf("activity %q has no purpose", [a.id])
}

# _text is true for a string that is not blank. It takes the value, not
# the object and a key: a lookup done by object.get in the caller is much
# cheaper per activity than a dynamic key in a function.
_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
