# METADATA
# title: Consent and its withdrawal
# description: >-
#   An activity relying on consent must say how consent is collected and how
#   the data subject can withdraw it, as easily as it was given.
# related_resources:
#   - description: GDPR Art. 7(3)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#   - description: GDPR Art. 13(2)(c)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/consent-withdrawal
#   severity: error
#   reference: Art. 7(3), 13(2)(c)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: newsletter
#         lawful_basis: consent
#         consent: {mechanism: Unticked box on the signup form}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: newsletter
#         lawful_basis: consent
#         consent: {mechanism: Unticked box on the signup form, withdrawal: Unsubscribe link in every email}  # fixed: withdrawal path
package ropa.rules.gdpr["consent-withdrawal"]

deny contains {"msg": msg, "path": ["activities", a.id, "consent"]} if {
	some a in input.activities
	a.lawful_basis == "consent"
	not _complete(object.get(a, ["consent", "mechanism"], null), object.get(a, ["consent", "withdrawal"], null)) # the common case, in one check
	consent := object.get(a, "consent", {})
	missing := [what |
		some field in ["mechanism", "withdrawal"]
		not _has_text(consent, field)
		what := _what[field]
	]
	count(missing) > 0
	msg := sprintf("activity %q relies on consent but does not say %s", [a.id, concat(" nor ", missing)])
}

_what := {
	"mechanism": "how consent is collected",
	"withdrawal": "how it can be withdrawn",
}

_complete(mechanism, withdrawal) if {
	_text(mechanism)
	_text(withdrawal)
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
