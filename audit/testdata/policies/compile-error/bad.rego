package ropa.rules.custom.bad

deny contains {"msg": msg, "path": []} if {
	msg := undefined_function(input)
}
