# METADATA
# title: Cookie exempt from consent without an exempt purpose
# description: >-
#   ePrivacy Directive Art. 5(3) requires the user's consent before
#   information is stored on or read from the terminal equipment, except for
#   the sole purpose of carrying out a transmission or where strictly
#   necessary for a service the user explicitly requested. A cookie may
#   therefore be declared consent `exempt` only when its purpose is
#   strictly_necessary; preferences (a user-interface customisation the user
#   chose, such as a language or font preference: Article 29 Working Party
#   Opinion 04/2012 on cookie consent exemption (WP194), section on
#   user-interface customisation cookies, which it lists among the cookies
#   exempted under criterion B); or audience_measurement where every market
#   of the controller (lib.markets: controller.markets, default the
#   controller's EEA country) grants a national exemption, since Art. 5(3) is
#   transposed nationally and the exemption for audience measurement is a
#   national position (France: CNIL délibération 2020-091, art. 5; Germany:
#   TDDDG § 25 recognises none; Belgium: the APD/GBA grants none; see
#   policies/ropa/reference/doctrine). The message names each market that
#   refuses it. A cookie whose purpose is not strictly_necessary must declare
#   `consent` (required or exempt), so that the declaration can be checked.
# related_resources:
#   - description: ePrivacy Directive 2002/58/EC Art. 5(3)
#     ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
#   - description: Article 29 Working Party, Opinion 04/2012 on Cookie Consent Exemption (WP194)
#     ref: https://ec.europa.eu/justice/article-29/documentation/opinion-recommendation/files/2012/wp194_en.pdf
#   - description: CNIL délibération 2020-091 (guidelines on cookies and other trackers), art. 5
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388179
#   - description: TDDDG § 25 (Germany)
#     ref: https://www.gesetze-im-internet.de/ttdsg/__25.html
# custom:
#   id: eprivacy/cookie-consent
#   severity: error
#   reference: ePrivacy Directive Art. 5(3)
#   example: |
#     version: 1
#     controller: {name: Example GmbH, contact: privacy@example.org, country: DE}
#     cookies:
#       - name: _pk_id
#         provider: Matomo (self-hosted)
#         purpose: audience_measurement
#         consent: exempt
#   fix: |
#     version: 1
#     controller: {name: Example GmbH, contact: privacy@example.org, country: DE}
#     cookies:
#       - name: _pk_id
#         provider: Matomo (self-hosted)
#         purpose: audience_measurement
#         consent: required  # fixed: Germany (TDDDG § 25) grants no audience-measurement exemption
package ropa.rules.eprivacy["cookie-consent"]

import data.ropa.lib

_always_exempt := {"strictly_necessary", "preferences"}

_consent_values := {"required", "exempt"}

deny contains {"msg": msg, "path": ["cookies", c.name, "consent"]} if {
	some c in input.cookies
	c.consent == "exempt"
	msg := _exempt_problem(c)
}

deny contains {"msg": msg, "path": ["cookies", c.name, "consent"]} if {
	some c in input.cookies
	not object.get(c, "consent", null) in _consent_values
	object.get(c, "purpose", null) != "strictly_necessary"
	msg := _undeclared_message(c)
}

# Exempt cookies.

_exempt_problem(c) := msg if {
	c.purpose == "audience_measurement"
	not lib.audience_exemption_recognised
	msg := _audience_message(c)
}

_exempt_problem(c) := sprintf("cookie %q is exempt from consent but its purpose %q requires consent", [c.name, c.purpose]) if {
	is_string(c.purpose)
	not c.purpose in _always_exempt
	c.purpose != "audience_measurement"
}

_exempt_problem(c) := sprintf("cookie %q is exempt from consent but declares no purpose", [c.name]) if {
	not is_string(object.get(c, "purpose", null))
}

_audience_message(c) := msg if {
	count(lib.markets) > 0
	refusals := [sprintf("%s (%s)", [m, lib.audience_exemption_refusals[m]]) | some m in sort(object.keys(lib.audience_exemption_refusals))]
	msg := sprintf(
		"cookie %q is exempt from consent as audience measurement, but not every market grants that exemption: %s; it needs consent there",
		[c.name, concat("; ", refusals)],
	)
}

_audience_message(c) := msg if {
	count(lib.markets) == 0
	msg := sprintf(
		"cookie %q is exempt from consent as audience measurement, but the controller declares no market (controller.markets) whose authority grants that exemption",
		[c.name],
	)
}

# Cookies that do not say whether they need consent.

_undeclared_message(c) := sprintf("cookie %q has purpose %q but does not declare consent (required or exempt)", [c.name, c.purpose]) if {
	is_string(c.purpose)
}

_undeclared_message(c) := sprintf("cookie %q declares neither a purpose nor consent (required or exempt)", [c.name]) if {
	not is_string(object.get(c, "purpose", null))
}
