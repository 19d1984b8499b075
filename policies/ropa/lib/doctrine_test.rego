package ropa.lib_doctrine_test

import data.ropa.lib

test_france_grants if {
	lib.audience_exemption_granted("FR")
	lib.audience_exemption_granted("fr")
	lib.audience_exemption_recognised with input as {"controller": {"country": "FR"}}
	lib.audience_exemption_refusals == {} with input as {"controller": {"country": "FR"}}
}

test_germany_and_belgium_refuse if {
	not lib.audience_exemption_granted("DE")
	not lib.audience_exemption_granted("BE")
	not lib.audience_exemption_recognised with input as {"controller": {"country": "DE"}}
	refusals := lib.audience_exemption_refusals with input as {"controller": {"country": "FR", "markets": ["FR", "DE", "BE"]}}
	object.keys(refusals) == {"DE", "BE"}
	contains(refusals.DE, "TDDDG § 25")
	contains(refusals.BE, "Belgian DPA grants none")
}

test_every_market_must_grant if {
	not lib.audience_exemption_recognised with input as {"controller": {"country": "FR", "markets": ["FR", "DE"]}}
	lib.audience_exemption_recognised with input as {"controller": {"country": "DE", "markets": ["FR"]}}
}

test_unknown_market_is_refused if {
	refusals := lib.audience_exemption_refusals with input as {"controller": {"country": "FR", "markets": ["FR", "PT"]}}
	refusals == {"PT": "ropa's reference data cites no source granting an exemption"}
}

test_unverified_markets_are_refused if {
	not lib.audience_exemption_granted("NL")
	not lib.audience_exemption_granted("IT")
}

test_no_market_no_exemption if {
	not lib.audience_exemption_recognised with input as {"controller": {"country": "US"}}
	not lib.audience_exemption_recognised with input as {}
}

test_every_source_is_dated_or_linked if {
	every _, entry in data.ropa.reference.doctrine.audience_measurement_exemption {
		is_boolean(entry.granted)
		_granted_has_sources(entry)
	}
}

_granted_has_sources(entry) if entry.granted == false

_granted_has_sources(entry) if {
	entry.granted == true
	count(entry.sources) > 0
	every s in entry.sources {
		startswith(s.url, "https://")
		is_string(s.date)
	}
}
