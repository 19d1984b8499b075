# METADATA
# title: Audience-measurement cookie outside the CNIL exemption
# description: >-
#   French doctrine, applied only when FR is among the controller's markets
#   (lib.markets). A cookie with purpose audience_measurement may be exempt
#   from consent under Loi Informatique et Libertés art. 82 (ePrivacy Art.
#   5(3)) only when it meets every CNIL condition; each failed condition is
#   one finding naming the condition and its source. Conditions of the CNIL
#   guidelines (délibération 2020-091 of 17 September 2020, art. 5, restated
#   on the CNIL page "Cookies : solutions pour les outils de mesure
#   d'audience" of 4 July 2025): a purpose strictly limited to audience
#   measurement for the publisher alone (the activity's data use must be under
#   analytics.reporting, and not analytics.reporting.ad_performance or
#   .campaign_insights, which measure advertising; a missing use is
#   reported); no tracking of the person across sites or apps
#   (cross_site_tracking); no combination (recoupement) with other processing
#   (combined_with_other_data). Recommendations of the same texts: tracker
#   lifetime at most 13 months and collected data kept at most 25 months
#   (missing values are reported, since the limits cannot be checked). IP
#   truncation by at least 2 bytes comes from the CNIL's configuration
#   guidance for exempt tools (e.g. its Matomo guide), not from the
#   deliberations. A cookie without an activity is not checked on its use.
#   The CNIL page of 4 July 2025 is an update of its guidance, not a new
#   deliberation: it keeps the 2020 conditions. Durations compare as days
#   with Y = 365.2425 days and M = Y/12, so P13M and P1Y1M pass while P396D
#   fails.
# related_resources:
#   - description: >-
#       CNIL délibération 2020-091 of 17 September 2020 (guidelines on cookies
#       and other trackers), art. 5 (audience-measurement trackers)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388179
#   - description: >-
#       CNIL délibération 2020-092 of 17 September 2020 (recommendation on
#       cookies and other trackers)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388197
#   - description: CNIL, Cookies - solutions pour les outils de mesure d'audience (4 July 2025)
#     ref: https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies-solutions-pour-les-outils-de-mesure-daudience
#   - description: ePrivacy Directive Art. 5(3)
#     ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
# custom:
#   id: cnil/audience-measurement
#   severity: error
#   reference: CNIL guidelines and recommendation of 17 Sep 2020 (2020-091, 2020-092)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: _pk_id
#         purpose: audience_measurement
#         consent: exempt
#         lifetime: P13M
#         audience_measurement:
#           ip_anonymisation_bytes: 1
#           data_retention: P25M
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: _pk_id
#         purpose: audience_measurement
#         consent: exempt
#         lifetime: P13M
#         audience_measurement:
#           ip_anonymisation_bytes: 2  # fixed: at least 2 bytes of the IP address masked
#           data_retention: P25M
package ropa.rules.cnil["audience-measurement"]

import data.ropa.lib

_max_lifetime := lib.duration_days("P13M")

_max_retention := lib.duration_days("P25M")

_activities := {a.id: a | some a in input.activities}

_excluded_uses := ["analytics.reporting.ad_performance", "analytics.reporting.campaign_insights"]

_exempt_cookies := [c |
	lib.in_market("FR")
	some c in input.cookies
	c.consent == "exempt"
	c.purpose == "audience_measurement"
]

# Lifetime.

deny contains {"msg": msg, "path": ["cookies", c.name, "lifetime"]} if {
	some c in _exempt_cookies
	lib.duration_days(c.lifetime) > _max_lifetime
	msg := sprintf("cookie %q lasts %s, longer than the 13-month tracker lifetime the CNIL recommends for the audience-measurement exemption (2020-091 art. 5)", [c.name, c.lifetime])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "lifetime"]} if {
	some c in _exempt_cookies
	object.get(c, "lifetime", null) == null
	msg := sprintf("cookie %q is exempt as audience measurement but declares no lifetime (the CNIL recommends at most 13 months, 2020-091 art. 5)", [c.name])
}

# Retention of the collected data.

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "data_retention"]} if {
	some c in _exempt_cookies
	retention := c.audience_measurement.data_retention
	lib.duration_days(retention) > _max_retention
	msg := sprintf("cookie %q keeps its audience data for %s, longer than the 25 months the CNIL recommends for the audience-measurement exemption (2020-091 art. 5)", [c.name, retention])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "data_retention"]} if {
	some c in _exempt_cookies
	object.get(c, ["audience_measurement", "data_retention"], null) == null
	msg := sprintf("cookie %q is exempt as audience measurement but declares no data retention (the CNIL recommends at most 25 months, 2020-091 art. 5)", [c.name])
}

# IP anonymisation.

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "ip_anonymisation_bytes"]} if {
	some c in _exempt_cookies
	bytes := c.audience_measurement.ip_anonymisation_bytes
	is_number(bytes)
	bytes < 2
	msg := sprintf("cookie %q anonymises only %v byte(s) of the IP address, fewer than the 2 the CNIL configuration guidance for exempt tools requires", [c.name, bytes])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "ip_anonymisation_bytes"]} if {
	some c in _exempt_cookies
	not is_number(object.get(c, ["audience_measurement", "ip_anonymisation_bytes"], null))
	msg := sprintf("cookie %q is exempt as audience measurement but declares no IP anonymisation (at least 2 bytes, CNIL configuration guidance for exempt tools)", [c.name])
}

# Cross-site tracking and combination with other data.

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "cross_site_tracking"]} if {
	some c in _exempt_cookies
	c.audience_measurement.cross_site_tracking == true
	msg := sprintf("cookie %q tracks users across sites or apps, which the CNIL audience-measurement exemption excludes (2020-091 art. 5: no global tracking of navigation)", [c.name])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "combined_with_other_data"]} if {
	some c in _exempt_cookies
	c.audience_measurement.combined_with_other_data == true
	msg := sprintf("cookie %q combines its data with other processing, which the CNIL audience-measurement exemption excludes (2020-091 art. 5: no combination with other processing)", [c.name])
}

# Purpose of the activity the cookie serves.

deny contains {"msg": msg, "path": ["cookies", c.name, "activity"]} if {
	some c in _exempt_cookies
	activity := _activities[c.activity]
	msg := _use_problem(c, activity)
}

_use_problem(c, activity) := msg if {
	not is_string(object.get(activity, "use", null))
	msg := sprintf("cookie %q is exempt as audience measurement but its activity %q declares no data use (the CNIL exemption requires a purpose strictly limited to audience measurement, 2020-091 art. 5)", [c.name, activity.id])
}

_use_problem(c, activity) := msg if {
	is_string(activity.use)
	_excluded(activity.use)
	msg := sprintf("cookie %q is exempt as audience measurement but its activity %q has use %q, which measures advertising, excluded by the CNIL exemption (2020-091 art. 5: audience measurement only)", [c.name, activity.id, activity.use])
}

_use_problem(c, activity) := msg if {
	is_string(activity.use)
	not _under(activity.use, "analytics.reporting")
	msg := sprintf("cookie %q is exempt as audience measurement but its activity %q has use %q, outside analytics.reporting (2020-091 art. 5: purpose strictly limited to audience measurement)", [c.name, activity.id, activity.use])
}

_under(use, key) if use == key

_under(use, key) if startswith(use, concat("", [key, "."]))

_excluded(use) if {
	some key in _excluded_uses
	_under(use, key)
}
