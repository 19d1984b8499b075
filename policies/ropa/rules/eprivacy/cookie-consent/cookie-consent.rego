# METADATA
# title: Cookie exempt from consent without an exempt purpose
# description: >-
#   Storing or reading information on a user's terminal needs consent unless
#   it is strictly necessary for the service the user asked for. A cookie
#   declared consent "exempt" must therefore have the purpose
#   strictly_necessary or audience_measurement (the latter being checked in
#   depth by cnil/audience-measurement); any other purpose, or none, is
#   reported.
# related_resources:
#   - description: ePrivacy Directive Art. 5(3)
#     ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
# custom:
#   id: eprivacy/cookie-consent
#   severity: error
#   reference: ePrivacy Art. 5(3)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: _fbp
#         provider: Meta
#         purpose: advertising
#         consent: exempt
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     cookies:
#       - name: _fbp
#         provider: Meta
#         purpose: advertising
#         consent: required  # fixed: advertising cookies need consent
package ropa.rules.eprivacy["cookie-consent"]

_exempt_purposes := {"strictly_necessary", "audience_measurement"}

deny contains {"msg": msg, "path": ["cookies", c.name, "consent"]} if {
	some c in input.cookies
	c.consent == "exempt"
	not _exempt_purpose(c)
	msg := _message(c)
}

_exempt_purpose(c) if c.purpose in _exempt_purposes

_message(c) := sprintf("cookie %q is exempt from consent but its purpose %q requires consent", [c.name, c.purpose]) if is_string(c.purpose)

_message(c) := sprintf("cookie %q is exempt from consent but declares no purpose", [c.name]) if not is_string(object.get(c, "purpose", null))
