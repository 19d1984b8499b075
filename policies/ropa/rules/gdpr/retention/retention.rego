# METADATA
# title: Retention period
# description: >-
#   Personal data must be kept in identifiable form no longer than necessary
#   for the purposes (storage limitation, Art. 5(1)(e)), and the record of
#   processing contains, where possible, the envisaged time limits for
#   erasure (Art. 30(1)(f)). Every activity must say how long its data is
#   kept: a period, or the criteria used to determine it.
# related_resources:
#   - description: GDPR Art. 5(1)(e)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#   - description: GDPR Art. 30(1)(f)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
# custom:
#   id: gdpr/retention
#   severity: error
#   reference: Art. 5(1)(e), 30(1)(f)
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
#         retention: {period: P10Y, after: end_of_financial_year}  # fixed: retention period
package ropa.rules.gdpr.retention

deny contains {"msg": msg, "path": ["activities", a.id, "retention"]} if {
	some a in input.activities
	is_object(a)
	not _text(object.get(a, ["retention", "period"], null))
	not _text(object.get(a, ["retention", "criteria"], null))
	msg := sprintf("activity %q has no retention period or criteria", [a.id])
}

# _text is true for a string that is not blank. It takes the value, not
# the object and a key: a lookup done by object.get in the caller is much
# cheaper per activity than a dynamic key in a function.
_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
