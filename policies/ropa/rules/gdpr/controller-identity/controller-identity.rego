# METADATA
# title: Controller identity
# description: >-
#   The record of processing and the privacy notice must give the name and
#   contact details of the controller; ropa also needs its country of
#   establishment to decide whether Art. 27 and Chapter V apply.
# related_resources:
#   - description: GDPR Art. 30(1)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
#   - description: GDPR Art. 13(1)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/controller-identity
#   severity: error
#   reference: Art. 30(1)(a), 13(1)(a)
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

deny contains {"msg": msg, "path": ["controller", field]} if {
	c := input.controller
	some field in ["contact", "country"]
	not _has_text(c, field)
	msg := sprintf("%s has no %s", [_label, _missing[field]])
}

_missing := {
	"contact": "contact details",
	"country": "country of establishment",
}

_label := sprintf("controller %q", [input.controller.name]) if {
	_has_text(input.controller, "name")
} else := "the controller"

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
