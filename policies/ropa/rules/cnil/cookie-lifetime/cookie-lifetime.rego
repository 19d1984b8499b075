# METADATA
# title: Cookie lifetime over 13 months
# description: >-
#   The CNIL recommends that cookies and other trackers, whether or not they
#   need consent, live at most 13 months. Any cookie declaring a longer
#   lifetime is reported (13 months = 13 * 365.2425 / 12 days, so P13M and
#   P1Y1M pass while P396D does not). A cookie without a lifetime is not
#   reported here.
# related_resources:
#   - description: >-
#       CNIL deliberation 2020-092 (recommendation on cookies and other
#       trackers)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000042388197
# custom:
#   id: cnil/cookie-lifetime
#   severity: warning
#   reference: CNIL 2020-092
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: lang
#         purpose: preferences
#         consent: required
#         lifetime: P2Y
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: lang
#         purpose: preferences
#         consent: required
#         lifetime: P13M  # fixed: 13 months at most
package ropa.rules.cnil["cookie-lifetime"]

import data.ropa.lib

_max_lifetime := lib.duration_days("P13M")

warn contains {"msg": msg, "path": ["cookies", c.name, "lifetime"]} if {
	some c in input.cookies
	lib.duration_days(c.lifetime) > _max_lifetime
	msg := sprintf("cookie %q lasts %s, longer than 13 months", [c.name, c.lifetime])
}
