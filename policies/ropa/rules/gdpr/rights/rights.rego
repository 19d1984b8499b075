# METADATA
# title: Data subject rights
# description: >-
#   The controller must facilitate the exercise of the data subject's rights
#   (Art. 12(2)) and tell data subjects, in the privacy notice, of the
#   existence of their rights (Art. 13(2)(b)-(d); Art. 14(2)(c)-(e)). The
#   inventory's rights section says how (contact) and which rights are
#   supported. Always required: access (Art. 15), rectification (Art. 16),
#   erasure (Art. 17), restriction (Art. 18) and the right to lodge a
#   complaint with a supervisory authority (Art. 13(2)(d), Art. 77).
#   Required depending on the processing: portability when an activity
#   relies on consent (Art. 6(1)(a)), explicit consent (Art. 9(2)(a)) or a
#   contract (Art. 6(1)(b)), Art. 20(1)(a) (ropa assumes processing by
#   automated means, point (b)); objection when an activity relies on public
#   task or legitimate interests (Art. 6(1)(e)-(f), Art. 21(1)) or has a
#   marketing use (direct marketing, Art. 21(2)); withdrawal of consent when
#   an activity relies on consent or explicit consent (Art. 7(3),
#   Art. 13(2)(c)). One finding lists every missing right with the article
#   that requires it and an activity that triggers it.
# related_resources:
#   - description: GDPR Art. 13(2)(b)-(d)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#   - description: GDPR Art. 12
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_12
#   - description: GDPR Art. 15-21
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_15
# custom:
#   id: gdpr/rights
#   severity: warning
#   reference: Art. 12, 13(2)(b)-(d), 15-21
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     rights:
#       contact: privacy@example.org
#       supported: [access, rectification, erasure, restriction]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     rights:
#       contact: privacy@example.org
#       supported: [access, rectification, erasure, restriction, complaint]  # fixed: complaint to the authority
package ropa.rules.gdpr.rights

warn contains {"msg": "the inventory has no rights section telling data subjects how to exercise their rights", "path": ["rights"]} if {
	not input.rights
}

warn contains {"msg": "rights has no contact for data subjects to exercise their rights (Art. 12(2))", "path": ["rights", "contact"]} if {
	rights := input.rights
	not _has_text(rights, "contact")
}

warn contains {"msg": msg, "path": ["rights", "supported"]} if {
	input.rights
	missing := [sprintf("%s (%s)", [r, _why[r]]) | some r in sort(object.keys(_why) - _supported)]
	count(missing) > 0
	msg := sprintf("rights.supported lacks %s", [concat(", ", missing)])
}

_supported := {r | some r in input.rights.supported} if is_array(input.rights.supported)

_supported := set() if not _supported_declared

_supported_declared if is_array(input.rights.supported)

# Why each right is required: always, or because of an activity.
_why := object.union(_always, _conditional)

_always := {
	"access": "Art. 15",
	"rectification": "Art. 16",
	"erasure": "Art. 17",
	"restriction": "Art. 18",
	"complaint": "Art. 13(2)(d), 77",
}

_conditional[right] := sprintf("%s: %s", [_article[right], _example(right, ids)]) if {
	some right, ids in _triggers
	count(ids) > 0
}

_article := {
	"portability": "Art. 20(1)",
	"objection": "Art. 21(1)-(2)",
	"withdraw_consent": "Art. 7(3), 13(2)(c)",
}

_relies := {
	"portability": "relies on consent, explicit consent or contract",
	"objection": "relies on public task or legitimate interests, or is direct marketing",
	"withdraw_consent": "relies on consent or explicit consent",
}

# One pass over the activities per field read; the few activities with a
# special_condition are visited once more.
_triggers := {
	"portability": ({a.id | some a in input.activities; _portable_bases[a.lawful_basis]} | _explicit_consent),
	"objection": (({a.id | some a in input.activities; _objection_bases[a.lawful_basis]} | {a.id | some a in input.activities; a.use == "marketing"}) | {a.id | some a in input.activities; startswith(a.use, "marketing.")}),
	"withdraw_consent": ({a.id | some a in input.activities; a.lawful_basis == "consent"} | _explicit_consent),
}

_portable_bases := {"consent", "contract"}

_objection_bases := {"legitimate_interests", "public_task"}

_explicit_consent := {a.id | some a in input.activities; "explicit_consent" in _conditions(a.special_condition)}

_example(right, ids) := sprintf("activity %q %s", [sort(ids)[0], _relies[right]]) if count(ids) == 1

_example(right, ids) := sprintf("activity %q (and %d more) %s", [sort(ids)[0], count(ids) - 1, _relies[right]]) if count(ids) > 1

_conditions(c) := {c} if is_string(c)

_conditions(c) := {x | some x in c} if is_array(c)

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
