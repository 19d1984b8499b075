# Market helpers: the countries whose residents the controller targets
# (controller.markets), which select national doctrine (cnil/* for FR) and
# decide whether a controller outside the EEA needs an Art. 27 representative.
package ropa.lib

# markets is the set of alias-resolved countries the controller targets:
# controller.markets when declared; otherwise the controller's own country
# when it is in the EEA (an EEA controller serves at least its own market);
# otherwise none (a controller outside the EEA must say which EEA markets it
# targets, Art. 3(2)(a), since being reachable from the EEA is not enough,
# recital 23).
markets := {country(m) | some m in input.controller.markets} if is_array(input.controller.markets)

markets := {country(input.controller.country)} if {
	not _markets_declared
	_controller_in_eea
}

markets := set() if {
	not _markets_declared
	not _controller_in_eea
}

# Helper rules: `not is_array(input.controller.markets)` and `not
# in_eea(input.controller.country)` are undefined, not true, when the
# argument is absent (a call on an undefined argument); `not` on a rule is.
_markets_declared if is_array(input.controller.markets)

_controller_in_eea if in_eea(input.controller.country)

# in_market(c) holds when the alias-resolved country c is one of the markets.
in_market(c) if country(c) in markets
