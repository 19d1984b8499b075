# METADATA
# title: Audience-measurement cookie outside the CNIL exemption
# description: >-
#   A cookie with purpose audience_measurement may only be exempt from consent
#   when it meets every CNIL condition. Each failed condition is one finding:
#   lifetime longer than 13 months (or no lifetime declared); collected data
#   kept longer than 25 months (audience_measurement.data_retention, also
#   reported when not declared, since the limit cannot be checked); IP
#   addresses truncated by fewer than 2 bytes
#   (audience_measurement.ip_anonymisation_bytes, also reported when not
#   declared); cross-site tracking; combination with other data; an activity
#   (the cookie's activity) whose data use is not analytics.reporting or below
#   it, is analytics.reporting.ad_performance or
#   analytics.reporting.campaign_insights (or below), or is not declared.
#   A cookie without an activity reference is not checked on its use.
#   Durations compare as days with Y = 365.2425 days and M = Y/12, so P13M and
#   P1Y1M pass while P396D fails.
# related_resources:
#   - description: >-
#       CNIL deliberation 2020-091 (guidelines on cookies and other trackers),
#       Art. 5 (trackers exempt from consent)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388179
#   - description: CNIL, cookies - solutions for audience-measurement tools
#     ref: https://www.cnil.fr/fr/cookies-solutions-pour-les-outils-de-mesure-daudience
#   - description: ePrivacy Directive Art. 5(3)
#     ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
# custom:
#   id: cnil/audience-measurement
#   severity: error
#   reference: CNIL 2020-091
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
	some c in input.cookies
	c.consent == "exempt"
	c.purpose == "audience_measurement"
]

# Lifetime.

deny contains {"msg": msg, "path": ["cookies", c.name, "lifetime"]} if {
	some c in _exempt_cookies
	lib.duration_days(c.lifetime) > _max_lifetime
	msg := sprintf("cookie %q lasts %s, longer than the 13 months allowed by the CNIL audience-measurement exemption", [c.name, c.lifetime])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "lifetime"]} if {
	some c in _exempt_cookies
	object.get(c, "lifetime", null) == null
	msg := sprintf("cookie %q is exempt as audience measurement but declares no lifetime (at most 13 months)", [c.name])
}

# Retention of the collected data.

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "data_retention"]} if {
	some c in _exempt_cookies
	retention := c.audience_measurement.data_retention
	lib.duration_days(retention) > _max_retention
	msg := sprintf("cookie %q keeps its audience data for %s, longer than the 25 months allowed by the CNIL exemption", [c.name, retention])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "data_retention"]} if {
	some c in _exempt_cookies
	object.get(c, ["audience_measurement", "data_retention"], null) == null
	msg := sprintf("cookie %q is exempt as audience measurement but declares no data retention (at most 25 months)", [c.name])
}

# IP anonymisation.

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "ip_anonymisation_bytes"]} if {
	some c in _exempt_cookies
	bytes := c.audience_measurement.ip_anonymisation_bytes
	is_number(bytes)
	bytes < 2
	msg := sprintf("cookie %q anonymises only %v byte(s) of the IP address, fewer than the 2 required by the CNIL exemption", [c.name, bytes])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "ip_anonymisation_bytes"]} if {
	some c in _exempt_cookies
	not is_number(object.get(c, ["audience_measurement", "ip_anonymisation_bytes"], null))
	msg := sprintf("cookie %q is exempt as audience measurement but declares no IP anonymisation (at least 2 bytes)", [c.name])
}

# Cross-site tracking and combination with other data.

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "cross_site_tracking"]} if {
	some c in _exempt_cookies
	c.audience_measurement.cross_site_tracking == true
	msg := sprintf("cookie %q tracks users across sites, which the CNIL audience-measurement exemption forbids", [c.name])
}

deny contains {"msg": msg, "path": ["cookies", c.name, "audience_measurement", "combined_with_other_data"]} if {
	some c in _exempt_cookies
	c.audience_measurement.combined_with_other_data == true
	msg := sprintf("cookie %q combines its data with other processing, which the CNIL audience-measurement exemption forbids", [c.name])
}

# Purpose of the activity the cookie serves.

deny contains {"msg": msg, "path": ["cookies", c.name, "activity"]} if {
	some c in _exempt_cookies
	activity := _activities[c.activity]
	msg := _use_problem(c, activity)
}

_use_problem(c, activity) := msg if {
	not is_string(object.get(activity, "use", null))
	msg := sprintf("cookie %q is exempt as audience measurement but its activity %q declares no data use", [c.name, activity.id])
}

_use_problem(c, activity) := msg if {
	is_string(activity.use)
	_excluded(activity.use)
	msg := sprintf("cookie %q is exempt as audience measurement but its activity %q has use %q, which the CNIL exemption excludes", [c.name, activity.id, activity.use])
}

_use_problem(c, activity) := msg if {
	is_string(activity.use)
	not _under(activity.use, "analytics.reporting")
	msg := sprintf("cookie %q is exempt as audience measurement but its activity %q has use %q, outside analytics.reporting", [c.name, activity.id, activity.use])
}

_under(use, key) if use == key

_under(use, key) if startswith(use, concat("", [key, "."]))

_excluded(use) if {
	some key in _excluded_uses
	_under(use, key)
}
