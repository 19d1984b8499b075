# METADATA
# title: Retention criteria without a period
# description: >-
#   Personal data must be kept no longer than necessary (storage limitation,
#   Art. 5(1)(e)). The privacy notice must give the period for which the data
#   will be stored, or, only if that is not possible, the criteria used to
#   determine that period (Art. 13(2)(a); Art. 14(2)(a)). Criteria alone are
#   therefore the exception: a period (even a maximum) is expected, and it is
#   what lets ropa check the data is not kept longer than necessary.
# related_resources:
#   - description: GDPR Art. 5(1)(e)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#   - description: GDPR Art. 13(2)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/retention-criteria-only
#   severity: warning
#   reference: Art. 5(1)(e), 13(2)(a)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: support
#         retention: {criteria: Until the ticket is closed}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: support
#         retention: {criteria: Until the ticket is closed, period: P2Y}  # fixed: maximum period
package ropa.rules.gdpr["retention-criteria-only"]

warn contains {"msg": msg, "path": ["activities", a.id, "retention"]} if {
	some a in input.activities
	is_object(a)
	_text(object.get(a, ["retention", "criteria"], null))
	not _text(object.get(a, ["retention", "period"], null))
	msg := sprintf("activity %q gives retention criteria but no retention period", [a.id])
}

# _text is true for a string that is not blank. It takes the value, not
# the object and a key: a lookup done by object.get in the caller is much
# cheaper per activity than a dynamic key in a function.
_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
