# METADATA
# title: Controller identity
# description: >-
#   The record of processing must contain the name and contact details of the
#   controller (Art. 30(1)(a)), and the privacy notice must give the identity
#   and contact details of the controller (Art. 13(1)(a); Art. 14(1)(a) for
#   data not obtained from the subject). The inventory must therefore declare
#   a controller with a contact. The country of establishment is not required
#   by these provisions: when it is missing, ropa cannot decide whether
#   Art. 27 applies (gdpr/representative stays silent), but that is not a
#   finding of its own.
# related_resources:
#   - description: GDPR Art. 13(1)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#   - description: GDPR Art. 30(1)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
# custom:
#   id: gdpr/controller-identity
#   severity: error
#   reference: Art. 13(1)(a), 30(1)(a)
#   example: |
#     version: 1
#     controller: {name: Example SAS, country: FR}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}  # fixed: contact details given
package ropa.rules.gdpr["controller-identity"]

deny contains {"msg": "the inventory declares no controller", "path": ["controller"]} if {
	not input.controller
}

deny contains {"msg": msg, "path": ["controller", "contact"]} if {
	c := input.controller
	not _has_text(c, "contact")
	msg := sprintf("%s has no contact details (the record and the privacy notice must give them)", [_label])
}

_label := sprintf("controller %q", [input.controller.name]) if {
	_has_text(input.controller, "name")
} else := "the controller"

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
