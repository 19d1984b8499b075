# METADATA
# title: Data protection impact assessment
# description: >-
#   A DPIA is required for processing likely to result in a high risk: the
#   cases listed in Art. 35(3), and, following the EDPB-endorsed WP248
#   guidelines, processing meeting two or more of its nine criteria (the
#   eight risk flags of the activity, plus the use of Art. 9 or Art. 10 data).
#   An activity in that situation must reference its DPIA.
# related_resources:
#   - description: GDPR Art. 35
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_35
#   - description: WP248 rev.01, Guidelines on DPIA
#     ref: https://ec.europa.eu/newsroom/article29/items/611236
# custom:
#   id: gdpr/dpia
#   severity: warning
#   reference: Art. 35
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: credit-scoring
#         risk: {evaluation_or_scoring: true, automated_decision: true}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: credit-scoring
#         risk: {evaluation_or_scoring: true, automated_decision: true}
#         dpia: DPIA-2025-01  # fixed: DPIA carried out and referenced
package ropa.rules.gdpr.dpia

import data.ropa.lib

_risk_flags := [
	"evaluation_or_scoring",
	"automated_decision",
	"systematic_monitoring",
	"large_scale",
	"matching_datasets",
	"vulnerable_subjects",
	"innovative_technology",
	"prevents_rights",
]

# The ninth criterion, "sensitive data", is derived from the data used.
_special := "special_category_data"

# Art. 35(3) points, each a pair of criteria.
_art35_3 := {
	"(a)": {"evaluation_or_scoring", "automated_decision"},
	"(b)": {"large_scale", _special},
	"(c)": {"systematic_monitoring", "large_scale"},
}

# ids of the data categories tagged Art. 9 or Art. 10, built once.
_special_ids := {d.id | some d in input.data; lib.special_tag(d.category)}

warn contains {"msg": msg, "path": ["activities", a.id, "dpia"]} if {
	some a in input.activities

	# Two criteria need at least one risk flag (the data adds one at most):
	# activities without a risk object are skipped before any work.
	is_object(a.risk)
	not _has_text(a, "dpia")
	met := _criteria(a)
	count(met) >= 2
	msg := sprintf("activity %q has no DPIA reference but %s", [a.id, _why(met)])
}

_criteria(a) := flags | {_special | _uses_special(a)} if {
	risk := object.get(a, "risk", {})
	flags := {flag | some flag in _risk_flags; risk[flag] == true}
}

_uses_special(a) if {
	some id in a.data
	id in _special_ids
}

_why(met) := sprintf("is an Art. 35(3)%s case (criteria met: %s)", [concat(" and ", points), concat(", ", sort(met))]) if {
	points := sort([point | some point, pair in _art35_3; count(pair - met) == 0])
	count(points) > 0
}

_why(met) := sprintf("meets %d WP248 criteria (%s)", [count(met), concat(", ", sort(met))]) if {
	not _art35_3_case(met)
}

_art35_3_case(met) if {
	some pair in _art35_3
	count(pair - met) == 0
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
