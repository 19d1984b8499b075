# METADATA
# title: Law behind a legal obligation or public task
# description: >-
#   "The basis for the processing referred to in point (c) and (e) of
#   paragraph 1 shall be laid down by: (a) Union law; or (b) Member State law
#   to which the controller is subject" (Art. 6(3), first subparagraph). An
#   activity relying on a legal obligation (Art. 6(1)(c)) or on a task in the
#   public interest or official authority (Art. 6(1)(e)) must name that law in
#   legal_provision, so that the register and the notice can show it.
# related_resources:
#   - description: GDPR Art. 6(1)(c), 6(1)(e) and 6(3)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
# custom:
#   id: gdpr/legal-provision
#   severity: warning
#   reference: Art. 6(3)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: invoicing
#         lawful_basis: legal_obligation
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: invoicing
#         lawful_basis: legal_obligation
#         legal_provision: Code de commerce L123-22  # fixed: the law that lays down the obligation
package ropa.rules.gdpr["legal-provision"]

_bases := {
	"legal_obligation": "a legal obligation (Art. 6(1)(c))",
	"public_task": "a public task (Art. 6(1)(e))",
}

warn contains {"msg": msg, "path": ["activities", a.id, "legal_provision"]} if {
	some a in input.activities
	is_object(a)
	basis := _bases[a.lawful_basis]
	not _text(object.get(a, "legal_provision", null))
	msg := sprintf("activity %q relies on %s but has no legal_provision naming the Union or member-state law that lays it down", [a.id, basis])
}

_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
