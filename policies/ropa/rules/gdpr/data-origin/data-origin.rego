# METADATA
# title: Origin of data not obtained from the data subject
# description: >-
#   Where personal data have not been obtained from the data subject, the
#   controller must tell the data subject "from which source the personal
#   data originate, and if applicable, whether it came from publicly
#   accessible sources" (Art. 14(2)(f)). A data category with
#   source third_party must say where it comes from in origin, so that the
#   notice can state it.
# related_resources:
#   - description: GDPR Art. 14(2)(f)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_14
# custom:
#   id: gdpr/data-origin
#   severity: warning
#   reference: Art. 14(2)(f)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: leads, category: user.contact.email, source: third_party}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - {id: leads, category: user.contact.email, source: third_party, origin: Trade-fair organiser's attendee list}  # fixed: source named
package ropa.rules.gdpr["data-origin"]

warn contains {"msg": msg, "path": ["data", d.id, "origin"]} if {
	some d in input.data
	d.source == "third_party"
	not _text(object.get(d, "origin", null))
	msg := sprintf("data category %q is obtained from a third party but does not say where it comes from (origin)", [d.id])
}

_text(v) if {
	is_string(v)
	trim_space(v) != ""
}
