package ropa.lib_markets_test

import data.ropa.lib

test_declared_markets_win if {
	lib.markets == {"DE", "GB"} with input as {"controller": {"country": "FR", "markets": ["DE", "UK"]}}
}

test_default_is_eea_country if {
	lib.markets == {"FR"} with input as {"controller": {"country": "FR"}}
	lib.in_market("fr") with input as {"controller": {"country": "FR"}}
}

test_default_outside_eea_is_none if {
	lib.markets == set() with input as {"controller": {"country": "US"}}
	lib.markets == set() with input as {"controller": {"name": "X"}}
	lib.markets == set() with input as {}
}

test_empty_markets_list if {
	lib.markets == set() with input as {"controller": {"country": "FR", "markets": []}}
}
