# METADATA
# title: Security measures
# description: >-
#   The record of processing contains, where possible, a general description
#   of the technical and organisational security measures referred to in
#   Art. 32(1) (Art. 30(1)(g)); each activity should reference the measures
#   that protect it.
# related_resources:
#   - description: GDPR Art. 30(1)(g)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
#   - description: GDPR Art. 32
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
# custom:
#   id: gdpr/security-measures
#   severity: warning
#   reference: Art. 30(1)(g), 32
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     security_measures:
#       - {id: tls, description: TLS 1.3 in transit, kind: encryption}
#     activities:
#       - id: billing
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     security_measures:
#       - {id: tls, description: TLS 1.3 in transit, kind: encryption}
#     activities:
#       - id: billing
#         security: [tls]  # fixed: security measure referenced
package ropa.rules.gdpr["security-measures"]

warn contains {"msg": msg, "path": ["activities", a.id, "security"]} if {
	some a in input.activities
	is_object(a)
	not _non_empty_list(object.get(a, "security", null))
	msg := sprintf("activity %q references no security measure", [a.id])
}

# _non_empty_list takes the value, not the object and a key: cheaper per
# activity.
_non_empty_list(v) if {
	is_array(v)
	count(v) > 0
}
