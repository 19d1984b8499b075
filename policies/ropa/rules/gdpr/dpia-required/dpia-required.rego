# METADATA
# title: Mandatory data protection impact assessment
# description: >-
#   Where processing is likely to result in a high risk, the controller must
#   carry out a DPIA prior to the processing (Art. 35(1)). Art. 35(3) names
#   three cases where it is in particular required: (a) a systematic and
#   extensive evaluation of personal aspects based on automated processing,
#   including profiling, on which decisions are based that produce legal
#   effects or similarly significantly affect the person; (b) processing on a
#   large scale of Art. 9(1) data or Art. 10 data; (c) a systematic monitoring
#   of a publicly accessible area on a large scale (recital 91: especially
#   with optic-electronic devices). ropa reads (a) from risk.evaluation_or_scoring
#   with automated_decision.legal_effect or risk.automated_decision (the
#   decision itself need not be solely automated); (b) from risk.large_scale
#   and a data category tagged Art. 9 or Art. 10 (protected classifications
#   included); (c) from risk.public_area with systematic_monitoring and
#   large_scale. Such an activity must reference its DPIA (dpia). The WP248
#   rev.01 criteria beyond these cases are gdpr/dpia's (a warning), which
#   stays silent for an activity this rule already reports.
# related_resources:
#   - description: GDPR Art. 35(1) and 35(3)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_35
#   - description: WP248 rev.01, Guidelines on DPIA
#     ref: https://ec.europa.eu/newsroom/article29/items/611236
# custom:
#   id: gdpr/dpia-required
#   severity: error
#   reference: Art. 35(1), 35(3)(a)-(c)
#   example: |
#     version: 1
#     controller: {name: Example Bank, contact: privacy@example.org, country: FR}
#     activities:
#       - id: credit-scoring
#         risk: {evaluation_or_scoring: true}
#         automated_decision: {legal_effect: true, exception: contract, safeguards: [human_intervention, express_view, contest]}
#   fix: |
#     version: 1
#     controller: {name: Example Bank, contact: privacy@example.org, country: FR}
#     activities:
#       - id: credit-scoring
#         risk: {evaluation_or_scoring: true}
#         automated_decision: {legal_effect: true, exception: contract, safeguards: [human_intervention, express_view, contest]}
#         dpia: DPIA-2025-01  # fixed: DPIA carried out and referenced
package ropa.rules.gdpr["dpia-required"]

import data.ropa.lib

deny contains {"msg": msg, "path": ["activities", a.id, "dpia"]} if {
	some a in input.activities
	a.risk # every Art. 35(3) case needs a risk flag: most activities stop here
	not _has_text(a, "dpia")
	points := art35_3_points(a)
	count(points) > 0
	reasons := [sprintf("%s %s", [p, _labels[p]]) | some p in sort(points)]
	msg := sprintf("activity %q has no DPIA reference but is an Art. 35(3) case: %s", [a.id, concat("; ", reasons)])
}

_labels := {
	"(a)": "an evaluation of personal aspects on which decisions with legal or similarly significant effects are based",
	"(b)": "large-scale processing of Art. 9/10 data",
	"(c)": "large-scale systematic monitoring of a publicly accessible area",
}

# art35_3_points(a) is the set of Art. 35(3) points the activity falls under
# (also read by gdpr/dpia, which leaves these activities to this rule).
art35_3_points(a) := {p | some p in ["(a)", "(b)", "(c)"]; _case(p, a)}

_case("(a)", a) if {
	a.risk.evaluation_or_scoring == true
	_significant_decision(a)
}

_case("(b)", a) if {
	a.risk.large_scale == true
	_uses_special(a)
}

_case("(c)", a) if {
	a.risk.public_area == true
	a.risk.systematic_monitoring == true
	a.risk.large_scale == true
}

_significant_decision(a) if a.automated_decision.legal_effect == true

_significant_decision(a) if a.risk.automated_decision == true

# ids of the data categories tagged Art. 9 or Art. 10, built once.
_special_ids := {d.id | some d in input.data; lib.special_tag(d.category)}

_uses_special(a) if {
	some id in a.data
	id in _special_ids
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
