# METADATA
# title: Criminal convictions and offences
# description: >-
#   Processing of personal data relating to criminal convictions and
#   offences or related security measures "shall be carried out only under
#   the control of official authority or when the processing is authorised by
#   Union or Member State law providing for appropriate safeguards for the
#   rights and freedoms of data subjects" (Art. 10, first sentence). An
#   activity using such data must say which of the two applies
#   (special_condition official_authority or legal_authorisation); when it
#   relies on an authorisation by law, legal_provision must name that law.
# related_resources:
#   - description: GDPR Art. 10
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_10
# custom:
#   id: gdpr/criminal-data
#   severity: error
#   reference: Art. 10
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: record, category: user.criminal_history}
#     activities:
#       - id: background-check
#         data: [record]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: record, category: user.criminal_history}
#     activities:
#       - id: background-check
#         data: [record]
#         special_condition: legal_authorisation  # fixed: authorised by member-state law
#         legal_provision: Code de procédure pénale art. 776  # fixed: the law that authorises it
package ropa.rules.gdpr["criminal-data"]

import data.ropa.lib

_conditions := {"official_authority", "legal_authorisation"}

# ids of the data categories tagged Art. 10, built once.
_art10_ids := {d.id | some d in input.data; lib.special_tag(d.category) == "art10"}

# The activities that use art10 data, with the ids they use: one pass over
# the activities for both deny rules.
_users := [[a, used] |
	art10 := _art10_ids # a local: looked up once, not once per data id
	some a in input.activities
	used := {id | some id in a.data; art10[id]}
	count(used) > 0
]

deny contains {"msg": msg, "path": ["activities", a.id, "special_condition"]} if {
	some [a, used] in _users
	declared := _declared(a)
	count(declared & _conditions) == 0
	msg := sprintf("activity %q uses criminal-convictions data (%s) %s", [a.id, concat(", ", sort(used)), _problem(declared)])
}

deny contains {"msg": msg, "path": ["activities", a.id, "legal_provision"]} if {
	some [a, used] in _users
	"legal_authorisation" in _declared(a)
	not _text(object.get(a, "legal_provision", null))
	msg := sprintf("activity %q uses criminal-convictions data (%s) under legal_authorisation but has no legal_provision naming the Union or member-state law that authorises it", [a.id, concat(", ", sort(used))])
}

# special_condition is one value or a list.
_declared(a) := _as_set(object.get(a, "special_condition", null))

_as_set(v) := {v} if is_string(v)

_as_set(v) := {c | some c in v} if is_array(v)

_as_set(v) := set() if {
	not is_string(v)
	not is_array(v)
}

_problem(declared) := "without official_authority or legal_authorisation in special_condition" if count(declared) == 0

_problem(declared) := sprintf("but special_condition %s is neither official_authority nor legal_authorisation", [concat(", ", sort(declared))]) if {
	count(declared) > 0
}

_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
