# METADATA
# title: Never finishes in time
# custom:
#   id: custom/slow
#   severity: error
package ropa.rules.custom.slow

deny contains {"msg": "done", "path": []} if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i == j + 100001
}
