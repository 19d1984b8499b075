# METADATA
# title: Consent of children
# description: >-
#   "Where point (a) of Article 6(1) applies, in relation to the offer of
#   information society services directly to a child, the processing of the
#   personal data of a child shall be lawful where the child is at least 16
#   years old. Where the child is below the age of 16 years, such processing
#   shall be lawful only if and to the extent that consent is given or
#   authorised by the holder of parental responsibility over the child"; a
#   member state may lower that age to no less than 13 (Art. 8(1)), and the
#   controller must make reasonable efforts to verify it (Art. 8(2)). An
#   activity relying on consent for subjects of kind child (below the age of
#   digital consent of the market) must declare consent.parental: true.
# related_resources:
#   - description: GDPR Art. 8(1)-(2)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_8
# custom:
#   id: gdpr/child-consent
#   severity: error
#   reference: Art. 8(1)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: pupils, kind: child}
#     activities:
#       - id: homework-app
#         subjects: [pupils]
#         lawful_basis: consent
#         consent: {mechanism: Checkbox at sign-up, withdrawal: Account settings}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: pupils, kind: child}
#     activities:
#       - id: homework-app
#         subjects: [pupils]
#         lawful_basis: consent
#         consent: {mechanism: Parent confirms by email link, withdrawal: Account settings, parental: true}  # fixed: authorised by the holder of parental responsibility
package ropa.rules.gdpr["child-consent"]

# ids of the subject categories that are children, built once.
_child_ids := {s.id | some s in input.subjects; s.kind == "child"}

deny contains {"msg": msg, "path": ["activities", a.id, "consent"]} if {
	children := _child_ids # a local: looked up once
	count(children) > 0
	some a in input.activities
	is_object(a)
	a.lawful_basis == "consent"
	not object.get(a, ["consent", "parental"], false) == true
	who := {id | some id in a.subjects; id in children}
	count(who) > 0
	msg := sprintf("activity %q relies on the consent of children (%s) without consent given or authorised by the holder of parental responsibility (consent.parental: true)", [a.id, concat(", ", sort(who))])
}
