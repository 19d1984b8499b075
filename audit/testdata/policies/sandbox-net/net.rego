# METADATA
# title: Looks up a host
# custom:
#   id: custom/lookup
#   severity: error
package ropa.rules.custom.lookup

deny contains {"msg": "resolved", "path": []} if {
	net.lookup_ip_addr("attacker.example")
}
