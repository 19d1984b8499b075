# METADATA
# title: Protection of special-category and criminal data
# description: >-
#   The controller must implement measures "to ensure a level of security
#   appropriate to the risk", including "the pseudonymisation and encryption
#   of personal data" (Art. 32(1)(a)), taking into account "the nature,
#   scope, context and purposes of processing" and the risk to the rights and
#   freedoms of natural persons. Data of the special categories of Art. 9(1)
#   and criminal-offence data of Art. 10 carry the highest risk. An activity
#   that uses such data stored in plaintext (or with no protection declared)
#   and none of whose security measures is encryption or pseudonymisation
#   shows neither of the measures Art. 32(1)(a) names. A warning: other
#   measures may be appropriate, which the controller should record.
# related_resources:
#   - description: GDPR Art. 32(1)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#   - description: GDPR Art. 9(1) and Art. 10
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_9
# custom:
#   id: gdpr/special-data-protection
#   severity: warning
#   reference: Art. 32(1)(a), 9
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: sick-notes, category: user.health, protection: plaintext}
#     security_measures:
#       - {id: badges, kind: access_control}
#     activities:
#       - id: sick-leave
#         data: [sick-notes]
#         security: [badges]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: sick-notes, category: user.health, protection: plaintext}
#     security_measures:
#       - {id: badges, kind: access_control}
#       - {id: disk-encryption, kind: encryption}
#     activities:
#       - id: sick-leave
#         data: [sick-notes]
#         security: [badges, disk-encryption]  # fixed: encrypted at rest
package ropa.rules.gdpr["special-data-protection"]

import data.ropa.lib

# ids of the Art. 9/10 data categories stored in plaintext or with no
# declared protection, built once.
_exposed_ids := {d.id |
	some d in input.data
	lib.special_tag(d.category)
	not _protected(d)
}

# ids of the security measures that encrypt or pseudonymise, built once.
_protective_ids := {m.id | some m in input.security_measures; m.kind in {"encryption", "pseudonymisation"}}

warn contains {"msg": msg, "path": ["activities", a.id, "security"]} if {
	exposed := _exposed_ids # locals: looked up once
	count(exposed) > 0
	protective := _protective_ids
	some a in input.activities
	used := {id | some id in a.data; exposed[id]}
	count(used) > 0
	not _protects(object.get(a, "security", []), protective)
	msg := sprintf("activity %q uses special-category or criminal data stored without protection (%s) and none of its security measures is encryption or pseudonymisation", [a.id, concat(", ", sort(used))])
}

_protects(security, protective) if {
	some id in security
	protective[id]
}

_protected(d) if d.protection in {"hashed", "encrypted", "pseudonymised", "anonymised"}
