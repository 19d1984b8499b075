# METADATA
# title: Automated individual decisions
# description: >-
#   The data subject has the right not to be subject to a decision based
#   solely on automated processing, including profiling, which produces legal
#   effects or similarly significantly affects him or her (Art. 22(1)). Such
#   a decision is allowed only if it is necessary for a contract, authorised
#   by Union or member-state law laying down suitable safeguards, or based on
#   explicit consent (Art. 22(2)(a)-(c)). For the contract and explicit
#   consent exceptions the controller must implement "at least the right to
#   obtain human intervention on the part of the controller, to express his
#   or her point of view and to contest the decision" (Art. 22(3)). Such
#   decisions "shall not be based on special categories of personal data
#   referred to in Article 9(1), unless point (a) or (g) of Article 9(2)
#   applies" with suitable safeguards (Art. 22(4)). WP29 Guidelines on
#   automated individual decision-making and profiling (WP251 rev.01,
#   endorsed by the EDPB) explain each condition. A score can itself be the
#   decision: the CJEU held that the automated establishment of a
#   probability value is an automated individual decision where a third
#   party draws strongly on it to establish, implement or terminate a
#   contract with the person (C-634/21 SCHUFA, 7 December 2023, para. 73 and
#   operative part); declare such scoring with automated_decision.
# related_resources:
#   - description: GDPR Art. 22
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_22
#   - description: WP251 rev.01, Guidelines on automated individual decision-making and profiling
#     ref: https://ec.europa.eu/newsroom/article29/items/612053
#   - description: CJEU C-634/21 SCHUFA Holding (Scoring)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62021CJ0634
# custom:
#   id: gdpr/automated-decision
#   severity: error
#   reference: Art. 22(2)-(4)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: credit-check
#         lawful_basis: contract
#         automated_decision: {legal_effect: true, exception: contract, safeguards: [human_intervention]}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: credit-check
#         lawful_basis: contract
#         automated_decision: {legal_effect: true, exception: contract, safeguards: [human_intervention, express_view, contest]}  # fixed: Art. 22(3) safeguards
package ropa.rules.gdpr["automated-decision"]

import data.ropa.lib

_safeguards := {
	"human_intervention": "human intervention",
	"express_view": "expressing one's point of view",
	"contest": "contesting the decision",
}

# ids of the data categories tagged Art. 9, built once.
_art9_ids := {d.id | some d in input.data; lib.special_tag(d.category) == "art9"}

# Art. 22(2): an exception is needed.
deny contains {"msg": msg, "path": ["activities", a.id, "automated_decision", "exception"]} if {
	some a in _significant
	not _text(object.get(a.automated_decision, "exception", null))
	msg := sprintf("activity %q takes automated decisions with legal or similarly significant effects without an Art. 22(2) exception (contract, law or explicit_consent)", [a.id])
}

# Art. 22(3): contract and explicit consent need the three safeguards.
deny contains {"msg": msg, "path": ["activities", a.id, "automated_decision", "safeguards"]} if {
	some a in _significant
	exception := a.automated_decision.exception
	exception in {"contract", "explicit_consent"}
	declared := {s | some s in object.get(a.automated_decision, "safeguards", [])}
	missing := [_safeguards[s] | some s in ["human_intervention", "express_view", "contest"]; not s in declared]
	count(missing) > 0
	msg := sprintf("activity %q takes automated decisions under the %s exception without the Art. 22(3) safeguards: %s", [a.id, exception, concat(", ", missing)])
}

# Art. 22(4): no special-category data unless Art. 9(2)(a) or (g).
deny contains {"msg": msg, "path": ["activities", a.id, "special_condition"]} if {
	art9 := _art9_ids # a local: looked up once
	count(art9) > 0
	some a in _significant
	used := {id | some id in a.data; art9[id]}
	count(used) > 0
	count(_declared(a) & {"explicit_consent", "substantial_public_interest"}) == 0
	msg := sprintf("activity %q bases automated decisions on special-category data (%s) without explicit_consent or substantial_public_interest (Art. 9(2)(a) or (g)) in special_condition", [a.id, concat(", ", sort(used))])
}

# The activities deciding with legal or similarly significant effect: one
# pass for the three rules.
_significant := [a | some a in input.activities; a.automated_decision.legal_effect == true]

# special_condition is one value or a list.
_declared(a) := _as_set(object.get(a, "special_condition", null))

_as_set(v) := {v} if is_string(v)

_as_set(v) := {c | some c in v} if is_array(v)

_as_set(v) := set() if {
	not is_string(v)
	not is_array(v)
}

_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
