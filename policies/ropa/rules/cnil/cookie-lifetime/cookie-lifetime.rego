# METADATA
# title: Audience-measurement cookie lifetime over the CNIL's 13 months
# description: >-
#   French doctrine, applied only when FR is among the controller's markets
#   (lib.markets). The CNIL recommends that audience-measurement trackers
#   live no longer than allows a relevant comparison of audiences over time,
#   such as 13 months, without automatic extension on new visits (CNIL
#   délibérations 2020-091 art. 5 and 2020-092 of 17 September 2020, restated
#   on the CNIL page of 4 July 2025 on audience-measurement tools). It is a
#   recommendation, not a statutory limit, hence a warning. It is checked on
#   audience_measurement cookies that require consent; a consent-exempt one
#   is reported as an error by cnil/audience-measurement instead, so the same
#   lifetime is not reported twice. Other purposes are not checked: the 2013
#   CNIL recommendation that set 13 months for all cookies was repealed by
#   the 2019 guidelines (themselves replaced by 2020-091), and no current
#   CNIL text found sets a lifetime for them. 13 months = 13 * 365.2425 / 12
#   days, so P13M and P1Y1M pass while P396D does not; a cookie without a
#   lifetime is not reported here.
# related_resources:
#   - description: >-
#       CNIL délibération 2020-092 of 17 September 2020 (recommendation on
#       cookies and other trackers)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388197
#   - description: >-
#       CNIL délibération 2020-091 of 17 September 2020 (guidelines), art. 5
#       (audience-measurement trackers)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388179
#   - description: CNIL, Cookies - solutions pour les outils de mesure d'audience (4 July 2025)
#     ref: https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies-solutions-pour-les-outils-de-mesure-daudience
# custom:
#   id: cnil/cookie-lifetime
#   severity: warning
#   reference: CNIL 2020-092 art. 5
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: _ga
#         purpose: audience_measurement
#         consent: required
#         lifetime: P2Y
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: _ga
#         purpose: audience_measurement
#         consent: required
#         lifetime: P13M  # fixed: 13 months at most, as the CNIL recommends
package ropa.rules.cnil["cookie-lifetime"]

import data.ropa.lib

_max_lifetime := lib.duration_days("P13M")

warn contains {"msg": msg, "path": ["cookies", c.name, "lifetime"]} if {
	lib.in_market("FR")
	some c in input.cookies
	c.purpose == "audience_measurement"
	object.get(c, "consent", null) != "exempt"
	lib.duration_days(c.lifetime) > _max_lifetime
	msg := sprintf(
		"audience-measurement cookie %q lasts %s, longer than the 13 months the CNIL recommends (a recommendation, CNIL 2020-092 and 2020-091 art. 5)",
		[c.name, c.lifetime],
	)
}
