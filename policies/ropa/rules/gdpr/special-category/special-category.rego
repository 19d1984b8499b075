# METADATA
# title: Special categories of personal data
# description: >-
#   Processing data revealing racial or ethnic origin, political opinions,
#   religious or philosophical beliefs or trade-union membership, genetic
#   data, biometric data for uniquely identifying a person, data concerning
#   health or a person's sex life or sexual orientation is prohibited
#   (Art. 9(1)) unless one of the conditions of Art. 9(2)(a)-(j) applies; an
#   activity using such data must name it in special_condition. Five of those
#   conditions are not self-standing: they need a basis outside the GDPR,
#   which the activity must name in legal_provision. Point (b) (employment,
#   social security and social protection law) applies "in so far as it is
#   authorised by Union or Member State law or a collective agreement
#   pursuant to Member State law"; point (g) (substantial public interest)
#   "on the basis of Union or Member State law"; point (h) (preventive or
#   occupational medicine, diagnosis, health or social care) "on the basis of
#   Union or Member State law or pursuant to contract with a health
#   professional", under the professional-secrecy conditions of Art. 9(3);
#   point (i) (public health) "on the basis of Union or Member State law";
#   point (j) (archiving, research, statistics) "in accordance with
#   Article 89(1) based on Union or Member State law". Points (a), (c), (d),
#   (e) and (f) need no such law.
# related_resources:
#   - description: GDPR Art. 9(1)-(3)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_9
#   - description: GDPR Art. 89(1)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_89
# custom:
#   id: gdpr/special-category
#   severity: error
#   reference: Art. 9(1)-(2)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: sick-notes, category: user.health}
#     activities:
#       - id: sick-leave
#         data: [sick-notes]
#         special_condition: employment_social_security
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: sick-notes, category: user.health}
#     activities:
#       - id: sick-leave
#         data: [sick-notes]
#         special_condition: employment_social_security
#         legal_provision: Code du travail L1226-1  # fixed: the law authorising the Art. 9(2)(b) processing
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

# The conditions that rest on Union or member-state law (for (b) also a
# collective agreement, for (h) also a contract with a health professional),
# with their point and what legal_provision must name.
_needs_law := {
	"employment_social_security": "Art. 9(2)(b): the Union or member-state law or collective agreement",
	"substantial_public_interest": "Art. 9(2)(g): the Union or member-state law",
	"health_or_social_care": "Art. 9(2)(h): the Union or member-state law, or the contract with a health professional",
	"public_health": "Art. 9(2)(i): the Union or member-state law",
	"archiving_research_statistics": "Art. 9(2)(j): the Union or member-state law",
}

# ids of the data categories tagged Art. 9, built once.
_art9_ids := {d.id | some d in input.data; lib.special_tag(d.category) == "art9"}

# The activities that use art9 data, with the ids they use: one pass over
# the activities for both deny rules.
_users := [[a, used] |
	art9 := _art9_ids # a local: looked up once, not once per data id
	some a in input.activities
	used := {id | some id in a.data; art9[id]}
	count(used) > 0
]

deny contains {"msg": msg, "path": ["activities", a.id, "special_condition"]} if {
	some [a, used] in _users
	declared := _declared(a)
	count(declared & _conditions) == 0
	msg := sprintf("activity %q uses special-category data (%s) %s", [a.id, concat(", ", sort(used)), _problem(declared)])
}

deny contains {"msg": msg, "path": ["activities", a.id, "legal_provision"]} if {
	some [a, used] in _users
	not _text(object.get(a, "legal_provision", null))
	some condition in _declared(a)
	what := _needs_law[condition]
	msg := sprintf("activity %q uses special-category data (%s) under %s but has no legal_provision naming it (%s)", [a.id, concat(", ", sort(used)), condition, what])
}

# special_condition is one value or a list.
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

_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
