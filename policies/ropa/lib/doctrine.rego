# National doctrine helpers over data.ropa.reference.doctrine: positions of
# the national authorities that differ from one member state to another, each
# recognised only where ropa's reference data cites its source.
package ropa.lib

_doctrine_audience := data.ropa.reference.doctrine.audience_measurement_exemption

# audience_exemption_granted(c) holds when the national authority of the
# alias-resolved country c exempts audience-measurement trackers from consent
# (under its own conditions, which national rules such as
# cnil/audience-measurement check).
audience_exemption_granted(c) if _doctrine_audience[country(c)].granted == true

# audience_exemption_refusals maps each market that does not grant the
# audience-measurement exemption to the reason, naming its source; a market
# the reference data does not know is refused (no cited source).
audience_exemption_refusals[m] := reason if {
	some m in markets
	not audience_exemption_granted(m)
	reason := object.get(
		object.get(_doctrine_audience, m, {}), "reason",
		"ropa's reference data cites no source granting an exemption",
	)
}

# audience_exemption_recognised holds when there is at least one market and
# every market grants the exemption (Art. 5(3) ePrivacy is transposed
# nationally: a tracker set for residents of a market that refuses the
# exemption needs their consent).
audience_exemption_recognised if {
	count(markets) > 0
	count(audience_exemption_refusals) == 0
}
