# METADATA
# title: Data minimisation
# description: >-
#   Personal data must be limited to what is necessary for the purposes; a
#   data category that no processing activity uses should not be collected.
# related_resources:
#   - description: GDPR Art. 5(1)(c)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
# custom:
#   id: gdpr/data-minimisation
#   severity: warning
#   reference: Art. 5(1)(c)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: email, category: user.contact.email}
#       - {id: phone, category: user.contact.phone_number}
#     activities:
#       - {id: newsletter, data: [email]}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:  # fixed: phone removed, no activity needs it
#       - {id: email, category: user.contact.email}
#     activities:
#       - {id: newsletter, data: [email]}
package ropa.rules.gdpr["data-minimisation"]

# ids of the data categories some activity uses, built once.
_used := {id | some a in input.activities; some id in a.data}

warn contains {"msg": msg, "path": ["data", d.id]} if {
	used := _used # a local: looked up once, not once per data category
	some d in input.data
	not d.id in used
	msg := sprintf("data category %q is used by no activity", [d.id])
}
