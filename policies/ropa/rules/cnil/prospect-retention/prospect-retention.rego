# METADATA
# title: Prospect data kept longer than 3 years
# description: >-
#   The CNIL considers that data on prospects should be kept at most 3 years
#   from their collection or the prospect's last contact. An activity whose
#   subjects include a prospect category (a subject id that is "prospect" or
#   starts with "prospect", e.g. "prospects" or "prospect-b2b") and whose
#   retention.period is longer than 3 years (3 * 365.2425 days) is reported.
#   Retention given as criteria only is not checked here.
# related_resources:
#   - description: GDPR Art. 5(1)(e) (storage limitation)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: CNIL, retention periods (prospects, 3 years from the last contact)
#     ref: https://www.cnil.fr/fr/les-durees-de-conservation-des-donnees
# custom:
#   id: cnil/prospect-retention
#   severity: warning
#   reference: CNIL
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: prospect}
#     activities:
#       - id: prospecting
#         subjects: [prospect]
#         retention: {period: P5Y, after: last_contact}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: prospect}
#     activities:
#       - id: prospecting
#         subjects: [prospect]
#         retention: {period: P3Y, after: last_contact}  # fixed: 3 years at most
package ropa.rules.cnil["prospect-retention"]

import data.ropa.lib

_max_retention := lib.duration_days("P3Y")

warn contains {"msg": msg, "path": ["activities", a.id, "retention"]} if {
	some a in input.activities

	# Inline rather than a helper function: this runs for every subject of
	# every activity.
	prospects := {s | some s in a.subjects; is_string(s); startswith(s, "prospect")}
	count(prospects) > 0
	period := a.retention.period
	lib.duration_days(period) > _max_retention
	msg := sprintf(
		"activity %q keeps data on prospects (%s) for %s, longer than 3 years",
		[a.id, concat(", ", sort(prospects)), period],
	)
}
