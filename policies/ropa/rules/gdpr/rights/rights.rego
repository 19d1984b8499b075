# METADATA
# title: Data subject rights
# description: >-
#   The privacy notice must tell data subjects how to exercise their rights
#   (access, rectification, erasure, restriction, objection, portability,
#   withdrawal of consent where processing relies on it) and that they may
#   lodge a complaint with a supervisory authority.
# related_resources:
#   - description: GDPR Art. 13(2)(b)-(d)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#   - description: GDPR Art. 15-22
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_15
# custom:
#   id: gdpr/rights
#   severity: warning
#   reference: Art. 13(2)(b)-(d)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     rights:
#       contact: privacy@example.org
#       supported: [access, rectification, erasure, restriction, objection, portability]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     rights:
#       contact: privacy@example.org
#       supported: [access, rectification, erasure, restriction, objection, portability, complaint]  # fixed: complaint to the authority
package ropa.rules.gdpr.rights

_always := {"access", "rectification", "erasure", "restriction", "objection", "portability", "complaint"}

_required := _always | {"withdraw_consent"} if {
	_uses_consent
} else := _always

_uses_consent if {
	some a in input.activities
	a.lawful_basis == "consent"
}

warn contains {"msg": "the inventory has no rights section telling data subjects how to exercise their rights", "path": ["rights"]} if {
	not input.rights
}

warn contains {"msg": "rights has no contact for data subjects to exercise their rights", "path": ["rights", "contact"]} if {
	rights := input.rights
	not _has_text(rights, "contact")
}

warn contains {"msg": msg, "path": ["rights", "supported"]} if {
	rights := input.rights
	supported := {r | some r in object.get(rights, "supported", [])}
	missing := _required - supported
	count(missing) > 0
	msg := sprintf("rights.supported lacks %s", [concat(", ", sort(missing))])
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
