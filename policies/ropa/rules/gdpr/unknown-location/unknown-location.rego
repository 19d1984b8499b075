# METADATA
# title: Recipient or provider without a location
# description: >-
#   The record must identify transfers to third countries or international
#   organisations (GDPR Art. 30(1)(e)), and whether Chapter V applies
#   (Art. 44) depends on where the importer is. A system whose provider is
#   not `self`, and a processor, controller or joint_controller recipient,
#   that declares neither countries nor an international organisation cannot
#   be checked for transfers: the location is reported as unknown. Internal
#   recipients and authorities are not reported (an authority's location is
#   usually that of the controller).
# related_resources:
#   - description: GDPR Art. 30(1)(e) (record of transfers)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
#   - description: GDPR Art. 44 (general principle for transfers)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_44
# custom:
#   id: gdpr/unknown-location
#   severity: warning
#   reference: Art. 30(1)(e), 44
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - {id: mailing, role: processor, contract: DPA-2025-05}
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     recipients:
#       - {id: mailing, role: processor, contract: DPA-2025-05, countries: [DE]}  # fixed: location declared
package ropa.rules.gdpr["unknown-location"]

_roles := {"processor", "controller", "joint_controller"}

warn contains {"msg": msg, "path": ["systems", s.id, "countries"]} if {
	some s in input.systems
	object.get(s, "provider", "") != "self"
	not _located(s)
	msg := sprintf("system %q declares no country and no international organisation, so its transfers cannot be checked", [s.id])
}

warn contains {"msg": msg, "path": ["recipients", r.id, "countries"]} if {
	some r in input.recipients
	r.role in _roles
	not _located(r)
	msg := sprintf("recipient %q (%s) declares no country and no international organisation, so its transfers cannot be checked", [r.id, r.role])
}

_located(item) if count(object.get(item, "countries", [])) > 0

_located(item) if {
	is_string(item.international_organisation)
	trim_space(item.international_organisation) != ""
}
