# METADATA
# title: Processor without a contract
# description: >-
#   A recipient whose role is "processor" must reference the Art. 28(3)
#   contract (or other legal act) that binds it to the controller; a missing
#   or blank contract reference is reported.
# related_resources:
#   - description: GDPR Art. 28(3) (processor contract)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: gdpr/processor-contract
#   severity: error
#   reference: Art. 28(3)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - id: payroll
#         role: processor
#         countries: [FR]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - id: payroll
#         role: processor
#         countries: [FR]
#         contract: DPA-2025-01  # fixed: Art. 28(3) contract referenced
package ropa.rules.gdpr["processor-contract"]

deny contains {"msg": msg, "path": ["recipients", r.id, "contract"]} if {
	some r in input.recipients
	r.role == "processor"
	not _has_contract(r)
	msg := sprintf("recipient %q is a processor without an Art. 28(3) contract reference", [r.id])
}

_has_contract(r) if {
	is_string(r.contract)
	trim_space(r.contract) != ""
}
