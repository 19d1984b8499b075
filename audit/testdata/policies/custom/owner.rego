# METADATA
# title: Every activity names an owner in its name
# description: House rule of Example SAS, to show user rules.
# custom:
#   id: custom/activity-name
#   severity: warning
#   reference: internal policy P-12
package ropa.rules.custom["activity-name"]

warn contains {"msg": sprintf("activity %q has no name", [a.id]), "path": ["activities", a.id, "name"]} if {
	some a in input.activities
	not a.name
}
