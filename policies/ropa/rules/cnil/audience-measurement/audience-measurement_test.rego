package ropa.rules.cnil["audience-measurement_test"]

import data.ropa.rules.cnil["audience-measurement"] as rule

_good_cookie := {
	"name": "_pk_id",
	"provider": "Matomo (self-hosted)",
	"activity": "audience-measurement",
	"purpose": "audience_measurement",
	"lifetime": "P13M",
	"consent": "exempt",
	"audience_measurement": {
		"ip_anonymisation_bytes": 2,
		"cross_site_tracking": false,
		"combined_with_other_data": false,
		"data_retention": "P25M",
	},
}

_activity(use) := {"id": "audience-measurement", "use": use}

_inventory(cookie, use) := {
	"controller": {"name": "Example SAS", "country": "FR"},
	"cookies": [cookie],
	"activities": [_activity(use)],
}

test_compliant_cookie if {
	count(rule.deny) == 0 with input as _inventory(_good_cookie, "analytics.reporting.content_performance")
}

test_compliant_cookie_variants if {
	cookie := object.union(_good_cookie, {"lifetime": "P1Y1M", "audience_measurement": {"data_retention": "P2Y1M", "ip_anonymisation_bytes": 3}})
	count(rule.deny) == 0 with input as _inventory(cookie, "analytics.reporting")
	count(rule.deny) == 0 with input as _inventory(object.union(_good_cookie, {"lifetime": "P395D"}), "analytics.reporting.system.performance")
}

test_cookie_that_needs_consent_is_not_checked if {
	cookie := object.union(_good_cookie, {"consent": "required", "lifetime": "P2Y", "audience_measurement": {"cross_site_tracking": true}})
	count(rule.deny) == 0 with input as _inventory(cookie, "marketing.advertising")
}

test_lifetime_too_long if {
	cookie := object.union(_good_cookie, {"lifetime": "P396D"})
	rule.deny == {{
		"msg": "cookie \"_pk_id\" lasts P396D, longer than the 13-month tracker lifetime the CNIL recommends for the audience-measurement exemption (2020-091 art. 5)",
		"path": ["cookies", "_pk_id", "lifetime"],
	}} with input as _inventory(cookie, "analytics.reporting")
}

test_lifetime_missing if {
	cookie := object.remove(_good_cookie, ["lifetime"])
	rule.deny == {{
		"msg": "cookie \"_pk_id\" is exempt as audience measurement but declares no lifetime (the CNIL recommends at most 13 months, 2020-091 art. 5)",
		"path": ["cookies", "_pk_id", "lifetime"],
	}} with input as _inventory(cookie, "analytics.reporting")
}

test_data_retention_too_long if {
	cookie := object.union(_good_cookie, {"audience_measurement": {"data_retention": "P26M"}})
	rule.deny == {{
		"msg": "cookie \"_pk_id\" keeps its audience data for P26M, longer than the 25 months the CNIL recommends for the audience-measurement exemption (2020-091 art. 5)",
		"path": ["cookies", "_pk_id", "audience_measurement", "data_retention"],
	}} with input as _inventory(cookie, "analytics.reporting")
}

test_ip_anonymisation_too_weak if {
	cookie := object.union(_good_cookie, {"audience_measurement": {"ip_anonymisation_bytes": 1}})
	rule.deny == {{
		"msg": "cookie \"_pk_id\" anonymises only 1 byte(s) of the IP address, fewer than the 2 the CNIL configuration guidance for exempt tools requires",
		"path": ["cookies", "_pk_id", "audience_measurement", "ip_anonymisation_bytes"],
	}} with input as _inventory(cookie, "analytics.reporting")
}

test_cross_site_tracking if {
	cookie := object.union(_good_cookie, {"audience_measurement": {"cross_site_tracking": true}})
	rule.deny == {{
		"msg": "cookie \"_pk_id\" tracks users across sites or apps, which the CNIL audience-measurement exemption excludes (2020-091 art. 5: no global tracking of navigation)",
		"path": ["cookies", "_pk_id", "audience_measurement", "cross_site_tracking"],
	}} with input as _inventory(cookie, "analytics.reporting")
}

test_combined_with_other_data if {
	cookie := object.union(_good_cookie, {"audience_measurement": {"combined_with_other_data": true}})
	rule.deny == {{
		"msg": "cookie \"_pk_id\" combines its data with other processing, which the CNIL audience-measurement exemption excludes (2020-091 art. 5: no combination with other processing)",
		"path": ["cookies", "_pk_id", "audience_measurement", "combined_with_other_data"],
	}} with input as _inventory(cookie, "analytics.reporting")
}

test_missing_audience_measurement_block if {
	cookie := object.remove(_good_cookie, ["audience_measurement"])
	rule.deny == {
		{
			"msg": "cookie \"_pk_id\" is exempt as audience measurement but declares no data retention (the CNIL recommends at most 25 months, 2020-091 art. 5)",
			"path": ["cookies", "_pk_id", "audience_measurement", "data_retention"],
		},
		{
			"msg": "cookie \"_pk_id\" is exempt as audience measurement but declares no IP anonymisation (at least 2 bytes, CNIL configuration guidance for exempt tools)",
			"path": ["cookies", "_pk_id", "audience_measurement", "ip_anonymisation_bytes"],
		},
	} with input as _inventory(cookie, "analytics.reporting")
}

test_activity_use_outside_reporting if {
	rule.deny == {{
		"msg": "cookie \"_pk_id\" is exempt as audience measurement but its activity \"audience-measurement\" has use \"marketing.advertising.profiling\", outside analytics.reporting (2020-091 art. 5: purpose strictly limited to audience measurement)",
		"path": ["cookies", "_pk_id", "activity"],
	}} with input as _inventory(_good_cookie, "marketing.advertising.profiling")
	count(rule.deny) == 1 with input as _inventory(_good_cookie, "analytics")
	count(rule.deny) == 1 with input as _inventory(_good_cookie, "analytics.reportingx")
}

test_activity_use_excluded if {
	rule.deny == {{
		"msg": "cookie \"_pk_id\" is exempt as audience measurement but its activity \"audience-measurement\" has use \"analytics.reporting.ad_performance\", which measures advertising, excluded by the CNIL exemption (2020-091 art. 5: audience measurement only)",
		"path": ["cookies", "_pk_id", "activity"],
	}} with input as _inventory(_good_cookie, "analytics.reporting.ad_performance")
	count(rule.deny) == 1 with input as _inventory(_good_cookie, "analytics.reporting.campaign_insights")
	count(rule.deny) == 1 with input as _inventory(_good_cookie, "analytics.reporting.campaign_insights.sub")
}

test_activity_without_use if {
	rule.deny == {{
		"msg": "cookie \"_pk_id\" is exempt as audience measurement but its activity \"audience-measurement\" declares no data use (the CNIL exemption requires a purpose strictly limited to audience measurement, 2020-091 art. 5)",
		"path": ["cookies", "_pk_id", "activity"],
	}} with input as {"controller": {"country": "FR"}, "cookies": [_good_cookie], "activities": [{"id": "audience-measurement"}]}
}

test_cookie_without_activity_is_not_checked_on_use if {
	count(rule.deny) == 0 with input as {"controller": {"country": "FR"}, "cookies": [object.remove(_good_cookie, ["activity"])]}
}

test_every_condition_fails_at_once if {
	cookie := object.union(_good_cookie, {
		"lifetime": "P2Y",
		"audience_measurement": {
			"ip_anonymisation_bytes": 0,
			"cross_site_tracking": true,
			"combined_with_other_data": true,
			"data_retention": "P3Y",
		},
	})
	paths := {f.path | some f in rule.deny} with input as _inventory(cookie, "marketing.advertising")
	paths == {
		["cookies", "_pk_id", "lifetime"],
		["cookies", "_pk_id", "audience_measurement", "data_retention"],
		["cookies", "_pk_id", "audience_measurement", "ip_anonymisation_bytes"],
		["cookies", "_pk_id", "audience_measurement", "cross_site_tracking"],
		["cookies", "_pk_id", "audience_measurement", "combined_with_other_data"],
		["cookies", "_pk_id", "activity"],
	}
}

# The issue's false alarm: CNIL doctrine applied to a German shop.
test_german_market_is_not_checked if {
	cookie := object.union(_good_cookie, {"lifetime": "P2Y", "audience_measurement": {"cross_site_tracking": true}})
	inv := object.union(_inventory(cookie, "marketing.advertising"), {"controller": {"name": "Example GmbH", "country": "DE"}})
	count(rule.deny) == 0 with input as inv
}

test_french_market_of_a_foreign_controller_is_checked if {
	cookie := object.union(_good_cookie, {"lifetime": "P2Y"})
	inv := object.union(_inventory(cookie, "analytics.reporting"), {"controller": {"name": "Example GmbH", "country": "DE", "markets": ["DE", "FR"]}})
	count(rule.deny) == 1 with input as inv
}
