# METADATA
# title: Consent and its withdrawal
# description: >-
#   Where processing is based on consent, "the controller shall be able to
#   demonstrate that the data subject has consented" (Art. 7(1)): the
#   activity must say how consent is collected and recorded. The data subject
#   "shall have the right to withdraw his or her consent at any time" and "it
#   shall be as easy to withdraw consent as to give it" (Art. 7(3)); the
#   notice must state that right where processing is based on Art. 6(1)(a)
#   or on Art. 9(2)(a) (Art. 13(2)(c), Art. 14(2)(d)). Both apply to consent
#   as the lawful basis and to explicit consent as the Art. 9(2)(a)
#   condition for special-category data, whatever the Art. 6 basis.
# related_resources:
#   - description: GDPR Art. 7(1) and 7(3)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#   - description: GDPR Art. 13(2)(c)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/consent-withdrawal
#   severity: error
#   reference: Art. 7(1), 7(3), 13(2)(c)
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
	some a in _candidates
	is_object(a)
	reliance := _reliance(a)
	not _complete(object.get(a, ["consent", "mechanism"], null), object.get(a, ["consent", "withdrawal"], null)) # the common case, in one check
	consent := object.get(a, "consent", {})
	missing := [what |
		some field in ["mechanism", "withdrawal"]
		not _has_text(consent, field)
		what := _what[field]
	]
	count(missing) > 0
	msg := sprintf("activity %q relies on %s but does not say %s", [a.id, reliance, concat(" nor ", missing)])
}

# The activities that may rely on consent: consent as the lawful basis, or
# a special_condition (explicit consent). Two cheap passes over the
# activities instead of calling _reliance on each.
_candidates := array.concat(
	[a | some a in input.activities; a.lawful_basis == "consent"],
	[a | some a in input.activities; a.special_condition; not a.lawful_basis == "consent"],
)

_what := {
	"mechanism": "how consent is collected",
	"withdrawal": "how it can be withdrawn",
}

# _reliance names the consent the activity relies on; undefined when none.
_reliance(a) := "consent" if {
	a.lawful_basis == "consent"
	not _explicit(a)
}

_reliance(a) := "explicit consent (Art. 9(2)(a))" if {
	not a.lawful_basis == "consent"
	_explicit(a)
}

_reliance(a) := "consent and explicit consent (Art. 9(2)(a))" if {
	a.lawful_basis == "consent"
	_explicit(a)
}

# special_condition is one value or a list.
_explicit(a) if a.special_condition == "explicit_consent"

_explicit(a) if {
	is_array(a.special_condition)
	"explicit_consent" in a.special_condition
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
