# METADATA
# title: Special data despite a "no sensitive data" commitment
# description: >-
#   When the privacy notice promises that no sensitive data is collected
#   (commitments.special_data: none), no declared data category may carry an
#   Art. 9 (special categories) or Art. 10 (criminal convictions) tag in the
#   taxonomy, including by inheritance from a parent key.
# related_resources:
#   - description: GDPR Art. 5(1)(a) (lawfulness, fairness, transparency)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: GDPR Art. 13 (information to the data subject)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: GDPR Art. 9 and 10 (special categories, criminal convictions)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: commitment/special-data
#   severity: error
#   reference: Art. 5(1)(a), 13
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     commitments: {special_data: none}
#     data:
#       - {id: allergies, category: user.health.condition}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     commitments: {}  # fixed: "no sensitive data" promise withdrawn (and the privacy notice corrected)
#     data:
#       - {id: allergies, category: user.health.condition}
package ropa.rules.commitment["special-data"]

import data.ropa.lib

_kind := {"art9": "an Art. 9 special category", "art10": "Art. 10 criminal-convictions data"}

deny contains {"msg": msg, "path": ["data", d.id, "category"]} if {
	input.commitments.special_data == "none"
	some d in input.data
	tag := lib.special_tag(d.category)
	msg := sprintf(
		"data %q has category %q, %s, although the commitments say special_data: none",
		[d.id, d.category, _kind[tag]],
	)
}
