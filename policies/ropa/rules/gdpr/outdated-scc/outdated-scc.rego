# METADATA
# title: Transfer on repealed standard contractual clauses
# description: >-
#   Commission Implementing Decision (EU) 2021/914 of 4 June 2021 adopted the
#   current standard contractual clauses (GDPR Art. 46(2)(c)) and, by its
#   Art. 4, repealed Decisions 2001/497/EC and 2010/87/EU with effect from 27
#   September 2021 (Decision 2004/915/EC had amended 2001/497/EC by adding a
#   second set of controller-to-controller clauses and falls with it).
#   Contracts concluded on the old clauses before that date remained
#   appropriate safeguards only until 27 December 2022 (Art. 4(4)). An scc
#   transfer whose reference cites one of the repealed decisions after that
#   date relies on clauses that no longer provide Art. 46 safeguards.
#   The repealed decisions and their end date are reference data.
# related_resources:
#   - description: Implementing Decision (EU) 2021/914, Art. 4
#     ref: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj
#   - description: GDPR Art. 46(2)(c) (standard data protection clauses)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_46
# custom:
#   id: gdpr/outdated-scc
#   severity: error
#   reference: Implementing Decision (EU) 2021/914 Art. 4
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - id: support
#         role: processor
#         countries: [IN]
#         contract: DPA-2019-04
#         transfer: {mechanism: scc, reference: SCC 2010/87/EU, tia: TIA-2019-01}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - id: support
#         role: processor
#         countries: [IN]
#         contract: DPA-2019-04
#         transfer: {mechanism: scc, reference: SCC 2021/914 module 2, tia: TIA-2019-01}  # fixed: the 2021 clauses
package ropa.rules.gdpr["outdated-scc"]

import data.ropa.lib

_kinds := {"systems": "system", "recipients": "recipient"}

deny contains {"msg": msg, "path": [section, item.id, "transfer", "reference"]} if {
	some section, kind in _kinds
	some item in input[section]
	item.transfer.mechanism == "scc"
	cited := lib.scc_repealed_cited(item.transfer.reference)
	count(cited) > 0
	msg := sprintf(
		"%s %q relies on standard contractual clauses of Decision %s, repealed by Implementing Decision (EU) 2021/914 (valid only until 2022-12-27); conclude the 2021/914 clauses",
		[kind, item.id, concat(", ", sort(cited))],
	)
}
