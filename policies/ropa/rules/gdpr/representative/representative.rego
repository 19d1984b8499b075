# METADATA
# title: Representative in the Union
# description: >-
#   Where Art. 3(2) applies, that is, a controller not established in the
#   Union processes personal data of data subjects in the Union in relation to
#   offering them goods or services (Art. 3(2)(a)) or monitoring their
#   behaviour there (Art. 3(2)(b)), the controller must designate in writing a
#   representative in the Union (Art. 27(1)), whose identity and contact
#   details the privacy notice gives (Art. 13(1)(a)) and whom supervisory
#   authorities and data subjects can address (Art. 27(4)). EDPB Guidelines
#   3/2018 on the territorial scope of the GDPR, section 4, explain the
#   designation and its exemptions. ropa reads "established outside the EEA"
#   from controller.country and the targeted Union residents from the
#   controller's markets (controller.markets: being merely reachable from the
#   Union is not targeting, recital 23). A controller with no country is not
#   checked. Exemptions (Art. 27(2)): a public authority or body
#   (public_authority: true) is exempt, point (b). Point (a), occasional
#   processing that does not include large-scale Art. 9 or Art. 10 data and is
#   unlikely to result in a risk, cannot be read from a record of regular
#   processing activities: a controller that relies on it records its
#   assessment as a waiver of this rule (reason, approver, expiry).
# related_resources:
#   - description: GDPR Art. 27
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_27
#   - description: GDPR Art. 3(2)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_3
#   - description: EDPB Guidelines 3/2018 on the territorial scope of the GDPR (Article 3), section 4
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-32018-territorial-scope-gdpr-article-3-version_en
# custom:
#   id: gdpr/representative
#   severity: error
#   reference: Art. 27, 3(2)
#   example: |
#     version: 1
#     controller:
#       name: Example Inc.
#       contact: privacy@example.com
#       country: US
#       markets: [US, DE]
#   fix: |
#     version: 1
#     controller:
#       name: Example Inc.
#       contact: privacy@example.com
#       country: US
#       markets: [US, DE]
#       representative: {name: Example EU GmbH, contact: eu-rep@example.com}  # fixed: representative in the Union
package ropa.rules.gdpr.representative

import data.ropa.lib

deny contains {"msg": msg, "path": ["controller", "representative"]} if {
	c := input.controller
	_has_text(c, "country")
	not lib.in_eea(c.country)
	not c.public_authority == true
	targeted := sort([m | some m in lib.markets; lib.in_eea(m)])
	count(targeted) > 0
	problem := _problem(c)
	msg := sprintf(
		"%s is established outside the EEA (%s) and targets data subjects in %s (Art. 3(2)), but %s",
		[_label(c), lib.country(c.country), concat(", ", targeted), problem],
	)
}

_problem(c) := "declares no representative in the Union (Art. 27(1))" if not c.representative

_problem(c) := "its representative in the Union has no contact details" if {
	is_object(c.representative)
	not _has_text(c.representative, "contact")
}

_label(c) := sprintf("controller %q", [c.name]) if _has_text(c, "name")

_label(c) := "the controller" if not _has_text(c, "name")

_has_text(obj, key) if {
	v := obj[key]
	is_string(v)
	trim_space(v) != ""
}
