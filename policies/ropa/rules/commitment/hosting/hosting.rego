# METADATA
# title: Hosting outside the EEA despite an EEA-hosting commitment
# description: >-
#   When the privacy notice promises EEA hosting (commitments.hosting: eea),
#   every system, and every processor recipient (it processes the data on the
#   controller's behalf, GDPR Art. 28), must be in EEA countries only; one
#   located outside the EEA is reported, whatever its transfer safeguards or
#   adequacy decisions: the promise is about location, not lawfulness, and a
#   notice that states otherwise is not transparent (Art. 5(1)(a); the notice
#   must tell of transfers, Art. 13(1)(f)).
# related_resources:
#   - description: GDPR Art. 5(1)(a) (lawfulness, fairness, transparency)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: GDPR Art. 13(1)(f) (information on transfers)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: commitment/hosting
#   severity: error
#   reference: Art. 5(1)(a), 13(1)(f)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     commitments: {hosting: eea}
#     systems:
#       - {id: backup, provider: Example Backup AG, countries: [CH]}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     commitments: {hosting: eea}
#     systems:
#       - {id: backup, provider: Example Backup AG, countries: [DE]}  # fixed: moved to the EEA (an adequacy decision is not enough)
package ropa.rules.commitment.hosting

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "processor recipient"}

deny contains {"msg": msg, "path": [section, item.id, "countries"]} if {
	input.commitments.hosting == "eea"
	some section, kind in _kinds
	some item in input[section]
	_located(section, item)
	outside := {code |
		some c in item.countries
		code := lib.country(c)
		not lib.in_eea(code)
	}
	count(outside) > 0
	msg := sprintf(
		"%s %q is located in %s, outside the EEA, although the commitments say hosting: eea",
		[kind, item.id, concat(", ", sort(outside))],
	)
}

_located("systems", _)

_located("recipients", r) if r.role == "processor"
