# METADATA
# title: Advertising or social-media tracker without consent as lawful basis
# description: >-
#   An advertising or social_media cookie reads or stores information on the
#   user's terminal for a purpose that is not strictly necessary, so ePrivacy
#   Directive Art. 5(3) already requires the user's consent for the tracker;
#   the processing of the data it collects needs a lawful basis under GDPR
#   Art. 6(1), and the Court of Justice held in C-252/21 Meta Platforms v
#   Bundeskartellamt (4 July 2023) that personalised advertising is not
#   objectively indispensable to a social network's contract with its users
#   (Art. 6(1)(b)) and that a user cannot reasonably expect, without consent,
#   the processing of their data for personalised advertising, so that the
#   operator's interests are overridden (Art. 6(1)(f)). The EDPB Guidelines
#   8/2020 on the targeting of social media users likewise note that where
#   targeting relies on cookies, Art. 5(3) consent is required and the
#   consent must meet Art. 7 GDPR. The rule fires when the cookie's activity
#   (cookie.activity) declares a lawful_basis other than consent; an activity
#   without a basis is left to gdpr/lawful-basis.
# related_resources:
#   - description: GDPR Art. 6(1)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
#   - description: ePrivacy Directive 2002/58/EC Art. 5(3)
#     ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
#   - description: CJEU C-252/21 Meta Platforms and Others v Bundeskartellamt, 4 July 2023
#     ref: https://curia.europa.eu/juris/liste.jsf?num=C-252/21
#   - description: EDPB Guidelines 8/2020 on the targeting of social media users
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-82020-targeting-social-media-users_en
# custom:
#   id: eprivacy/tracking-basis
#   severity: error
#   reference: Art. 6(1); ePrivacy Art. 5(3); CJEU C-252/21 §§ 115-117; EDPB Guidelines 8/2020
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: ads
#         purpose: Personalised advertising
#         lawful_basis: legitimate_interests
#         legitimate_interest: {interest: Advertising revenue, assessment: LIA-2025-01}
#     cookies:
#       - {name: _fbp, activity: ads, purpose: advertising, consent: required}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - id: ads
#         purpose: Personalised advertising
#         lawful_basis: consent  # fixed: personalised advertising relies on consent
#         consent: {mechanism: CMP record, withdrawal: Cookie settings link}
#     cookies:
#       - {name: _fbp, activity: ads, purpose: advertising, consent: required}
package ropa.rules.eprivacy["tracking-basis"]

_tracking_purposes := {"advertising", "social_media"}

_activities := {a.id: a | some a in input.activities}

deny contains {"msg": msg, "path": ["cookies", c.name, "activity"]} if {
	some c in input.cookies
	c.purpose in _tracking_purposes
	activity := _activities[c.activity]
	is_string(activity.lawful_basis)
	activity.lawful_basis != "consent"
	msg := sprintf(
		"cookie %q (%s) serves activity %q, which relies on %s: tracking for advertising or social media needs the user's consent (ePrivacy Art. 5(3); CJEU C-252/21)",
		[c.name, c.purpose, activity.id, activity.lawful_basis],
	)
}
