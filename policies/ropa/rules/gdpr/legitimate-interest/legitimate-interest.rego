# METADATA
# title: Legitimate interests
# description: >-
#   An activity relying on legitimate interests must state the interest
#   pursued (it is told to data subjects) and reference the balancing test
#   (legitimate interest assessment) that shows it is not overridden by the
#   interests and rights of the data subjects.
# related_resources:
#   - description: GDPR Art. 6(1)(f)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
#   - description: GDPR Art. 13(1)(d)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/legitimate-interest
#   severity: error
#   reference: Art. 6(1)(f), 13(1)(d)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: fraud-prevention
#         lawful_basis: legitimate_interests
#         legitimate_interest: {interest: Preventing payment fraud}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: fraud-prevention
#         lawful_basis: legitimate_interests
#         legitimate_interest: {interest: Preventing payment fraud, assessment: LIA-2025-01}  # fixed: balancing test referenced
package ropa.rules.gdpr["legitimate-interest"]

deny contains {"msg": msg, "path": ["activities", a.id, "legitimate_interest"]} if {
	some a in input.activities
	a.lawful_basis == "legitimate_interests"
	not _complete(object.get(a, ["legitimate_interest", "interest"], null), object.get(a, ["legitimate_interest", "assessment"], null)) # the common case, in one check
	li := object.get(a, "legitimate_interest", {})
	missing := [what |
		some field in ["interest", "assessment"]
		not _has_text(li, field)
		what := _what[field]
	]
	count(missing) > 0
	msg := sprintf("activity %q relies on legitimate interests but does not state %s", [a.id, concat(" nor ", missing)])
}

_what := {
	"interest": "the interest pursued",
	"assessment": "the reference of its balancing-test assessment",
}

_complete(interest, assessment) if {
	_text(interest)
	_text(assessment)
}

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}

# _text is true for a string that is not blank; it takes the value, which
# is cheaper per activity than an object and a key.
_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
