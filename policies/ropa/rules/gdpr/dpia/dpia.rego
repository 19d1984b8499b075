# METADATA
# title: Data protection impact assessment (WP248 criteria)
# description: >-
#   A DPIA is required for processing likely to result in a high risk
#   (Art. 35(1)). WP248 rev.01 (Guidelines on DPIA, endorsed by the EDPB),
#   section III.B.a, lists nine criteria: 1 evaluation or scoring; 2
#   automated decision-making with legal or similar significant effect; 3
#   systematic monitoring, including of a publicly accessible area; 4
#   sensitive data or data of a highly personal nature; 5 data processed on a
#   large scale; 6 matching or combining datasets; 7 data concerning
#   vulnerable data subjects; 8 innovative use or applying new technological
#   or organisational solutions; 9 processing that prevents data subjects
#   from exercising a right or using a service or a contract. In most cases,
#   processing meeting two criteria requires a DPIA. ropa counts the risk
#   flags, and derives three criteria from the declarations: criterion 2 from
#   automated_decision.legal_effect; criterion 4 from the data categories
#   tagged Art. 9, Art. 10 or highly_personal in the taxonomy (location,
#   financial data, private communications); criterion 7 from subjects of kind
#   child, patient, employee or candidate, or marked vulnerable: true.
#   risk.public_area is systematic monitoring of a publicly accessible area:
#   with systematic_monitoring it counts as criterion 3 once. An activity that
#   is an Art. 35(3) case is reported by gdpr/dpia-required (an error) and
#   not here: one finding per activity.
# related_resources:
#   - description: GDPR Art. 35(1)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_35
#   - description: WP248 rev.01, Guidelines on DPIA, section III.B.a
#     ref: https://ec.europa.eu/newsroom/article29/items/611236
# custom:
#   id: gdpr/dpia
#   severity: warning
#   reference: Art. 35(1); WP248 rev.01
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: staff, kind: employee}
#     data:
#       - {id: position, category: user.location.precise}
#     activities:
#       - id: fleet-tracking
#         subjects: [staff]
#         data: [position]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: staff, kind: employee}
#     data:
#       - {id: position, category: user.location.precise}
#     activities:
#       - id: fleet-tracking
#         subjects: [staff]
#         data: [position]
#         dpia: DPIA-2025-02  # fixed: DPIA carried out and referenced
package ropa.rules.gdpr.dpia

import data.ropa.lib
import data.ropa.rules.gdpr["dpia-required"] as required

warn contains {"msg": msg, "path": ["activities", a.id, "dpia"]} if {
	sensitive := _sensitive_ids # locals: looked up once, not once per id
	vulnerable := _vulnerable_ids
	some a in input.activities
	not _has_text(a, "dpia")
	met := _criteria(a, sensitive, vulnerable)
	count(met) >= 2
	count(required.art35_3_points(a)) == 0
	names := [sprintf("%d %s", [n, _names[n]]) | some n in sort(met)]
	msg := sprintf(
		"activity %q has no DPIA reference but meets %d WP248 criteria (%s); two criteria in most cases require a DPIA",
		[a.id, count(met), concat(", ", names)],
	)
}

_names := {
	1: "evaluation or scoring",
	2: "automated decision with legal or similar effect",
	3: "systematic monitoring",
	4: "sensitive or highly personal data",
	5: "large scale",
	6: "matching or combining datasets",
	7: "vulnerable subjects",
	8: "innovative technology",
	9: "prevents exercising a right or using a service",
}

# The risk flags, by criterion. Criterion 3 has two flags and counts once.
_flags := {
	"evaluation_or_scoring": 1,
	"automated_decision": 2,
	"systematic_monitoring": 3,
	"public_area": 3,
	"large_scale": 5,
	"matching_datasets": 6,
	"vulnerable_subjects": 7,
	"innovative_technology": 8,
	"prevents_rights": 9,
}

# The criteria an activity meets: its risk flags that are true (only the
# flags it has are visited), then the three derived from other fields.
_criteria(a, sensitive, vulnerable) := ({n |
	some flag, v in a.risk
	v == true
	n := _flags[flag]
} | {2 | a.automated_decision.legal_effect == true}) | ({4 |
	some id in a.data
	sensitive[id]
} | {7 |
	some id in a.subjects
	vulnerable[id]
})

_sensitive_ids := {d.id |
	some d in input.data
	_sensitive(d.category)
}

_sensitive(category) if lib.special_tag(category)

_sensitive(category) if lib.highly_personal(category)

_vulnerable_kinds := {"child", "patient", "employee", "candidate"}

_vulnerable_ids := {s.id |
	some s in input.subjects
	_vulnerable(s)
}

_vulnerable(s) if s.kind in _vulnerable_kinds

_vulnerable(s) if s.vulnerable == true

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
