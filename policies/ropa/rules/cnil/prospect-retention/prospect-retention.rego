# METADATA
# title: Prospect or customer-marketing data kept longer than 3 years
# description: >-
#   French doctrine, applied only when FR is among the controller's markets
#   (lib.markets). The CNIL référentiel on the processing of personal data
#   for the management of commercial activities (customers and prospects)
#   recommends keeping a prospect's data at most 3 years from its collection
#   or from the prospect's last contact, and a customer's data used for
#   commercial prospecting at most 3 years from the end of the commercial
#   relationship; it is a reference duration from which a controller may
#   depart with a justification (GDPR Art. 5(1)(e)), hence a warning. An
#   activity is reported when its retention.period is longer than 3 years
#   (3 * 365.2425 days) and it concerns prospect subjects (subjects[].kind:
#   prospect), or it has a marketing data use (use under `marketing`) on
#   customer subjects (kind: customer). For a subject category that declares
#   no kind, an id that is "prospect" or starts with "prospect" (e.g.
#   "prospects", "prospect-b2b") still counts as prospects: the fallback of
#   rule pack 1, kept for inventories written before subjects[].kind existed;
#   a declared kind always wins. Retention given as criteria only is not
#   checked here (gdpr/retention-criteria-only reports it).
# related_resources:
#   - description: CNIL, référentiel relatif aux traitements de données mis en œuvre aux fins de gestion des activités commerciales
#     ref: https://www.cnil.fr/fr/la-cnil-publie-un-referentiel-relatif-aux-traitements-de-donnees-personnelles-mis-en-oeuvre-aux-fins-de-gestion-des-activites-commerciales
#   - description: CNIL, les durées de conservation des données
#     ref: https://www.cnil.fr/fr/les-durees-de-conservation-des-donnees
#   - description: GDPR Art. 5(1)(e) (storage limitation)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
# custom:
#   id: cnil/prospect-retention
#   severity: warning
#   reference: CNIL délibération 2021-131 (référentiel on commercial management)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: leads, kind: prospect}
#     activities:
#       - id: prospecting
#         subjects: [leads]
#         retention: {period: P5Y, after: last_contact}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     subjects:
#       - {id: leads, kind: prospect}
#     activities:
#       - id: prospecting
#         subjects: [leads]
#         retention: {period: P3Y, after: last_contact}  # fixed: 3 years at most
package ropa.rules.cnil["prospect-retention"]

import data.ropa.lib

_max_retention := lib.duration_days("P3Y")

# The retention periods longer than 3 years: an inventory repeats a few
# periods, each parsed once rather than once per activity.
_long_periods := {p |
	some p in {a.retention.period | some a in input.activities}
	lib.duration_days(p) > _max_retention
}

_kinds := {s.id: s.kind | some s in input.subjects; is_string(s.kind)}

warn contains {"msg": msg, "path": ["activities", a.id, "retention"]} if {
	lib.in_market("FR")
	long := _long_periods # a local: looked up once
	some a in input.activities
	period := a.retention.period
	long[period]
	msg := _message(a, period)
}

_prospects(a) := {s | some s in a.subjects; _is_prospect(s)}

_customers(a) := {s | some s in a.subjects; _kinds[s] == "customer"}

_is_prospect(s) if _kinds[s] == "prospect"

_is_prospect(s) if {
	is_string(s)
	not _kinds[s]
	startswith(s, "prospect")
}

_marketing(a) if a.use == "marketing"

_marketing(a) if startswith(a.use, "marketing.")

_message(a, period) := msg if {
	prospects := _prospects(a)
	count(prospects) > 0
	msg := sprintf(
		"activity %q keeps data on prospects (%s) for %s, longer than the 3 years from collection or last contact that the CNIL référentiel on commercial management recommends",
		[a.id, concat(", ", sort(prospects)), period],
	)
}

_message(a, period) := msg if {
	count(_prospects(a)) == 0
	_marketing(a)
	customers := _customers(a)
	count(customers) > 0
	msg := sprintf(
		"activity %q uses customer data (%s) for marketing (%s) and keeps it for %s, longer than the 3 years after the end of the commercial relationship that the CNIL référentiel on commercial management recommends",
		[a.id, concat(", ", sort(customers)), a.use, period],
	)
}
