# METADATA
# title: Data subjects and data categories
# description: >-
#   The record of processing activities contains "a description of the
#   categories of data subjects and of the categories of personal data"
#   (Art. 30(1)(c)): every activity declares both.
# related_resources:
#   - description: GDPR Art. 30(1)(c)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
# custom:
#   id: gdpr/data-subjects
#   severity: error
#   reference: Art. 30(1)(c)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: customer}
#     data:
#       - {id: email, category: user.contact.email}
#     activities:
#       - id: billing
#         data: [email]
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: customer}
#     data:
#       - {id: email, category: user.contact.email}
#     activities:
#       - id: billing
#         data: [email]
#         subjects: [customer]  # fixed: data subjects declared
package ropa.rules.gdpr["data-subjects"]

deny contains {"msg": msg, "path": ["activities", a.id, field]} if {
	some a in input.activities
	is_object(a)
	not _declares_both(a) # the common case, in one check
	some field, what in _what
	not _non_empty_list(object.get(a, field, null))
	msg := sprintf("activity %q declares no %s", [a.id, what])
}

_what := {
	"subjects": "categories of data subjects",
	"data": "categories of personal data",
}

# _declares_both: both lists have a first item (a string or an object has
# no item 0), so both are non-empty lists.
_declares_both(a) if {
	_ = a.subjects[0]
	_ = a.data[0]
}

# _non_empty_list takes the value, not the object and a key: cheaper per
# activity.
_non_empty_list(v) if {
	is_array(v)
	count(v) > 0
}
