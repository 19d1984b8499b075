# METADATA
# title: Retention criteria without a period
# description: >-
#   Retention criteria alone are allowed, but a period (even a maximum) is
#   needed to check that data is not kept longer than necessary.
# related_resources:
#   - description: GDPR Art. 5(1)(e)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
# custom:
#   id: gdpr/retention-criteria-only
#   severity: warning
#   reference: Art. 5(1)(e)
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
	retention := object.get(a, "retention", {})
	_has_text(retention, "criteria")
	not _has_text(retention, "period")
	msg := sprintf("activity %q gives retention criteria but no retention period", [a.id])
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
