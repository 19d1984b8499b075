# METADATA
# title: Special categories of personal data
# description: >-
#   Processing data revealing racial or ethnic origin, political opinions,
#   religious or philosophical beliefs, trade-union membership, genetic or
#   biometric data, health data or data concerning sex life or sexual
#   orientation is prohibited unless one of the conditions of Art. 9(2)
#   applies; an activity using such data must name it in special_condition.
# related_resources:
#   - description: GDPR Art. 9
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_9
# custom:
#   id: gdpr/special-category
#   severity: error
#   reference: Art. 9
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: sick-notes, category: user.health}
#     activities:
#       - id: sick-leave
#         data: [sick-notes]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: sick-notes, category: user.health}
#     activities:
#       - id: sick-leave
#         data: [sick-notes]
#         special_condition: employment_social_security  # fixed: Art. 9(2)(b) condition
package ropa.rules.gdpr["special-category"]

import data.ropa.lib

# Art. 9(2) points (a) to (j).
_conditions := {
	"explicit_consent",
	"employment_social_security",
	"vital_interests",
	"not_for_profit_body",
	"made_public",
	"legal_claims",
	"substantial_public_interest",
	"health_or_social_care",
	"public_health",
	"archiving_research_statistics",
}

# ids of the data categories tagged Art. 9, built once.
_art9_ids := {d.id | some d in input.data; lib.special_tag(d.category) == "art9"}

deny contains {"msg": msg, "path": ["activities", a.id, "special_condition"]} if {
	art9 := _art9_ids # a local: looked up once, not once per data id
	some a in input.activities
	used := {id | some id in a.data; id in art9}
	count(used) > 0
	declared := _declared(a)
	count(declared & _conditions) == 0
	msg := sprintf("activity %q uses special-category data (%s) %s", [a.id, concat(", ", sort(used)), _problem(declared)])
}

# special_condition is one value; a list is accepted too.
_declared(a) := _as_set(object.get(a, "special_condition", null))

_as_set(v) := {v} if is_string(v)

_as_set(v) := {c | some c in v} if is_array(v)

_as_set(v) := set() if {
	not is_string(v)
	not is_array(v)
}

_problem(declared) := "without an Art. 9(2) condition in special_condition" if count(declared) == 0

_problem(declared) := sprintf("but special_condition %s is not an Art. 9(2) condition", [concat(", ", sort(declared))]) if {
	count(declared) > 0
}
