# METADATA
# title: Consent of employees and candidates
# description: >-
#   Consent must be freely given (Art. 4(11)); "when assessing whether
#   consent is freely given, utmost account shall be taken" of the
#   circumstances (Art. 7(4)), and consent "should not provide a valid legal
#   ground for the processing of personal data in a specific case where there
#   is a clear imbalance between the data subject and the controller"
#   (recital 43). The EDPB Guidelines 05/2020 on consent, section 3.1.1
#   (imbalance of power), para. 21-22, find that imbalance in the employment
#   context: given the dependency of the employer/employee relationship, an
#   employee (or a candidate, a future employee) can seldom refuse consent
#   without fear of detriment, so the EDPB deems it problematic for employers
#   to rely on consent for current or future employees, save in exceptional
#   cases where refusing has no consequence at all. The same holds for
#   explicit consent as the Art. 9(2)(a) condition. A warning: the activity
#   should rely on another basis (contract, legal obligation, legitimate
#   interests; Art. 9(2)(b) for special data) or document why refusal has no
#   consequence.
# related_resources:
#   - description: GDPR Art. 4(11) (consent must be freely given)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_4
#   - description: GDPR Art. 7(4) and recital 43
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#   - description: EDPB Guidelines 05/2020 on consent under Regulation 2016/679
#     ref: https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-052020-consent-under-regulation-2016679_en
# custom:
#   id: gdpr/employee-consent
#   severity: warning
#   reference: Art. 4(11), 7(4), recital 43, EDPB Guidelines 05/2020
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: staff, kind: employee}
#     activities:
#       - id: badge-photos
#         subjects: [staff]
#         lawful_basis: consent
#         consent: {mechanism: Signed form, withdrawal: Email to HR}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: staff, kind: employee}
#     activities:
#       - id: badge-photos
#         subjects: [staff]
#         lawful_basis: legitimate_interests  # fixed: not consent from employees
#         legitimate_interest: {interest: Securing access to the premises, assessment: LIA-2025-02}
package ropa.rules.gdpr["employee-consent"]

# ids of the subject categories that are employees or candidates, built once.
_work_ids := {s.id | some s in input.subjects; s.kind in {"employee", "candidate"}}

warn contains {"msg": msg, "path": ["activities", a.id, field]} if {
	work := _work_ids # a local: looked up once
	count(work) > 0
	some a in _candidates
	is_object(a)
	some field, reliance in _reliance(a)
	who := {id | some id in a.subjects; work[id]}
	count(who) > 0
	msg := sprintf("activity %q relies on %s from employees or candidates (%s): consent is rarely freely given in the employment relationship; rely on another basis or document why refusal has no consequence", [a.id, reliance, concat(", ", sort(who))])
}

# The activities that may rely on consent: consent as the lawful basis, or
# a special_condition (explicit consent). Two cheap passes over the
# activities instead of calling _reliance on each.
_candidates := array.concat(
	[a | some a in input.activities; a.lawful_basis == "consent"],
	[a | some a in input.activities; a.special_condition; not a.lawful_basis == "consent"],
)

# _reliance maps the field to report to the consent relied on: one finding
# per activity, on lawful_basis when consent is the basis.
_reliance(a) := {"lawful_basis": "consent"} if {
	a.lawful_basis == "consent"
	not _explicit(a)
}

_reliance(a) := {"lawful_basis": "consent and explicit consent (Art. 9(2)(a))"} if {
	a.lawful_basis == "consent"
	_explicit(a)
}

_reliance(a) := {"special_condition": "explicit consent (Art. 9(2)(a))"} if {
	not a.lawful_basis == "consent"
	_explicit(a)
}

# special_condition is one value or a list.
_explicit(a) if a.special_condition == "explicit_consent"

_explicit(a) if {
	is_array(a.special_condition)
	"explicit_consent" in a.special_condition
}
