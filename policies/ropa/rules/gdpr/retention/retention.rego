# METADATA
# title: Retention period
# description: >-
#   Every activity must say how long its data is kept (a period, or the
#   criteria used to determine it).
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
	retention := object.get(a, "retention", {})
	not _has_text(retention, "period")
	not _has_text(retention, "criteria")
	msg := sprintf("activity %q has no retention period or criteria", [a.id])
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
