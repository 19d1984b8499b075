# METADATA
# title: Joint controller without an arrangement
# description: >-
#   Joint controllers must determine their respective responsibilities in a
#   transparent arrangement between them (GDPR Art. 26(1)) that duly reflects
#   their roles and relationships vis-a-vis the data subjects, and whose
#   essence is made available to them (Art. 26(2)); see also EDPB Guidelines
#   07/2020 on controller and processor, Part II section 2. A recipient with
#   role joint_controller must reference that arrangement (contract).
# related_resources:
#   - description: GDPR Art. 26 (joint controllers)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_26
#   - description: EDPB Guidelines 07/2020 on the concepts of controller and processor
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-072020-concepts-controller-and-processor-gdpr_en
# custom:
#   id: gdpr/joint-controller
#   severity: error
#   reference: Art. 26(1)-(2)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - {id: event-partner, role: joint_controller, countries: [FR]}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - {id: event-partner, role: joint_controller, countries: [FR], contract: JCA-2025-01}  # fixed: Art. 26 arrangement referenced
package ropa.rules.gdpr["joint-controller"]

deny contains {"msg": msg, "path": ["recipients", r.id, "contract"]} if {
	some r in input.recipients
	r.role == "joint_controller"
	not _has_arrangement(r)
	msg := sprintf("recipient %q is a joint controller without a reference to the Art. 26 arrangement (contract)", [r.id])
}

_has_arrangement(r) if {
	is_string(r.contract)
	trim_space(r.contract) != ""
}
