# METADATA
# title: Hosting outside the EEA despite an EEA-hosting commitment
# description: >-
#   When the privacy notice promises EEA hosting (commitments.hosting: eea),
#   every system must be in EEA countries only; a system with any country
#   outside the EEA is reported, whatever its transfer safeguards or adequacy
#   decisions (the promise is about location, not lawfulness).
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

deny contains {"msg": msg, "path": ["systems", s.id, "countries"]} if {
	input.commitments.hosting == "eea"
	some s in input.systems
	outside := {code |
		some c in s.countries
		code := lib.country(c)
		not lib.in_eea(code)
	}
	count(outside) > 0
	msg := sprintf(
		"system %q is hosted in %s, outside the EEA, although the commitments say hosting: eea",
		[s.id, concat(", ", sort(outside))],
	)
}
