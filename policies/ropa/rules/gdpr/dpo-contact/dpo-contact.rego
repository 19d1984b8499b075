# METADATA
# title: Data protection officer contact
# description: >-
#   The controller must publish the contact details of its data protection
#   officer and communicate them to the supervisory authority (Art. 37(7)),
#   and the privacy notice must give them (Art. 13(1)(b); Art. 14(1)(b)). A
#   DPO declared without contact details cannot be reached. Whether a DPO is
#   mandatory at all is checked by gdpr/dpo-required.
# related_resources:
#   - description: GDPR Art. 37(7)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_37
#   - description: GDPR Art. 13(1)(b)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
# custom:
#   id: gdpr/dpo-contact
#   severity: warning
#   reference: Art. 37(7), 13(1)(b)
#   example: |
#     version: 1
#     controller:
#       name: Example SAS
#       contact: privacy@example.org
#       country: FR
#       dpo: {name: Jane Doe}
#   fix: |
#     version: 1
#     controller:
#       name: Example SAS
#       contact: privacy@example.org
#       country: FR
#       dpo: {name: Jane Doe, contact: dpo@example.org}  # fixed: DPO contact published
package ropa.rules.gdpr["dpo-contact"]

warn contains {"msg": msg, "path": ["controller", "dpo"]} if {
	dpo := input.controller.dpo
	not _has_text(dpo, "contact")
	msg := sprintf("%s has no contact details (they must be published and given in the privacy notice)", [_dpo_label(dpo)])
}

_dpo_label(dpo) := sprintf("the DPO %q", [dpo.name]) if _has_text(dpo, "name")

_dpo_label(dpo) := "the DPO" if not _has_text(dpo, "name")

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
