# METADATA
# title: Representative in the Union
# description: >-
#   A controller established outside the EEA must designate in writing a
#   representative in the Union, with a name and contact details (public
#   authorities are exempt, Art. 27(2)(b)).
# related_resources:
#   - description: GDPR Art. 27
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_27
# custom:
#   id: gdpr/representative
#   severity: error
#   reference: Art. 27
#   example: |
#     version: 1
#     controller:
#       name: Example Inc.
#       contact: privacy@example.com
#       country: US
#   fix: |
#     version: 1
#     controller:
#       name: Example Inc.
#       contact: privacy@example.com
#       country: US
#       representative: {name: Example EU SAS, contact: eu-rep@example.com}  # fixed: representative in the Union
package ropa.rules.gdpr.representative

import data.ropa.lib

deny contains {"msg": msg, "path": ["controller", "representative"]} if {
	c := input.controller
	_has_text(c, "country")
	not lib.in_eea(c.country)
	object.get(c, "public_authority", false) != true
	problem := _problem(c)
	msg := sprintf("%s is established outside the EEA (%s) and %s", [_label(c), lib.country(c.country), problem])
}

_problem(c) := "declares no representative in the Union" if not c.representative

_problem(c) := sprintf("its representative has no %s", [concat(" and no ", missing)]) if {
	rep := c.representative
	missing := [what |
		some field in ["name", "contact"]
		not _has_text(rep, field)
		what := _missing[field]
	]
	count(missing) > 0
}

_missing := {"name": "name", "contact": "contact details"}

_label(c) := sprintf("controller %q", [c.name]) if _has_text(c, "name")

_label(c) := "the controller" if not _has_text(c, "name")

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
