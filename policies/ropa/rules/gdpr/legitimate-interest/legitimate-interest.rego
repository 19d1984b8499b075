# METADATA
# title: Legitimate interests
# description: >-
#   Processing is lawful under Art. 6(1)(f) only where it "is necessary for
#   the purposes of the legitimate interests pursued by the controller or by
#   a third party, except where such interests are overridden by the
#   interests or fundamental rights and freedoms of the data subject". The
#   interest pursued must be told to data subjects (Art. 13(1)(d); Art.
#   14(2)(b) for data not obtained from them), and the controller must be
#   able to demonstrate the balancing (accountability, Art. 5(2)): the
#   activity states the interest and references its legitimate interest
#   assessment.
# related_resources:
#   - description: GDPR Art. 6(1)(f)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
#   - description: GDPR Art. 13(1)(d)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#   - description: GDPR Art. 5(2) (accountability)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
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
