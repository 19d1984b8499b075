# METADATA
# title: Fails at run time
# custom:
#   id: custom/conflict
#   severity: error
package ropa.rules.custom.conflict

by_id := {a.id: a.purpose | some a in input.activities}

names := {"x": 1, "x": 2} if true

deny contains {"msg": "never", "path": []} if {
	to_number("not a number") > 0
}
