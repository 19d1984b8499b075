# METADATA
# title: Processor without a contract
# description: >-
#   Processing by a processor must be governed by a contract or other legal
#   act that binds it to the controller and sets out the subject-matter,
#   duration, nature and purpose of the processing (GDPR Art. 28(3)). A
#   recipient whose role is "processor", and a system whose provider is not
#   `self` (the provider stores or processes the data on the controller's
#   behalf; a system without provider is assumed run by one), must reference
#   that contract; a missing or blank reference is reported. A system run by
#   the controller's own legal entity declares provider: self.
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

deny contains {"msg": msg, "path": ["systems", s.id, "contract"]} if {
	some s in input.systems
	object.get(s, "provider", "") != "self"
	not _has_contract(s)
	msg := sprintf("system %q is run by %s, a processor, without an Art. 28(3) contract reference (declare provider: self if the controller runs it)", [s.id, _provider(s)])
}

_provider(s) := sprintf("provider %q", [p]) if {
	p := object.get(s, "provider", "")
	is_string(p)
	trim_space(p) != ""
}

_provider(s) := "an undeclared provider" if {
	p := object.get(s, "provider", "")
	not _named(p)
}

_named(p) if {
	is_string(p)
	trim_space(p) != ""
}

_has_contract(r) if {
	is_string(r.contract)
	trim_space(r.contract) != ""
}
