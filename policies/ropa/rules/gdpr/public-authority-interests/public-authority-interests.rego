# METADATA
# title: Legitimate interests and public authorities
# description: >-
#   "Point (f) of the first subparagraph shall not apply to processing
#   carried out by public authorities in the performance of their tasks"
#   (Art. 6(1), second subparagraph); recital 47 explains that the
#   legislator must provide by law the basis for processing by public
#   authorities. A controller declared as a public authority
#   (controller.public_authority) must rely on a public task (Art. 6(1)(e))
#   or a legal obligation (Art. 6(1)(c)) instead. Processing outside the
#   authority's tasks is not caught by the exclusion: such an activity should
#   be waived with the reason.
# related_resources:
#   - description: GDPR Art. 6(1), second subparagraph
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
# custom:
#   id: gdpr/public-authority-interests
#   severity: error
#   reference: Art. 6(1) second subparagraph
#   example: |
#     version: 1
#     controller: {name: Ville d'Exemple, contact: dpo@example.org, country: FR, public_authority: true, dpo: {name: DPO, contact: dpo@example.org}}
#     activities:
#       - id: library-loans
#         lawful_basis: legitimate_interests
#         legitimate_interest: {interest: Running the library, assessment: LIA-1}
#   fix: |
#     version: 1
#     controller: {name: Ville d'Exemple, contact: dpo@example.org, country: FR, public_authority: true, dpo: {name: DPO, contact: dpo@example.org}}
#     activities:
#       - id: library-loans
#         lawful_basis: public_task  # fixed: Art. 6(1)(e)
#         legal_provision: Code du patrimoine L310-1
package ropa.rules.gdpr["public-authority-interests"]

deny contains {"msg": msg, "path": ["activities", a.id, "lawful_basis"]} if {
	input.controller.public_authority == true
	some a in input.activities
	a.lawful_basis == "legitimate_interests"
	msg := sprintf("activity %q relies on legitimate interests, which a public authority cannot use for processing in the performance of its tasks: rely on public_task or legal_obligation", [a.id])
}
