package ropa.rules.eprivacy["cookie-purpose-mismatch_test"]

import data.ropa.rules.eprivacy["cookie-purpose-mismatch"] as rule

_inventory(purpose, use) := {
	"controller": {"name": "X", "country": "FR"},
	"activities": [{"id": "act", "use": use}],
	"cookies": [{"name": "c", "activity": "act", "purpose": purpose, "consent": "exempt"}],
}

test_profiling_behind_audience_label if {
	rule.deny == {{
		"msg": "cookie \"c\" is labelled audience_measurement but its activity \"act\" has use \"personalize.content.profiling\" (profiling): a tracker serving advertising, marketing or profiling is not exempt from consent; declare its real purpose and require consent",
		"path": ["cookies", "c", "purpose"],
	}} with input as _inventory("audience_measurement", "personalize.content.profiling")
}

test_every_exempt_label_and_tracking_use if {
	every purpose in ["strictly_necessary", "preferences", "audience_measurement"] {
		every use in [
			"marketing", "marketing.communications.email", "marketing.advertising.profiling",
			"personalize.profiling", "personalize.content.profiled", "x.advertising",
		] {
			count(rule.deny) == 1 with input as _inventory(purpose, use)
		}
	}
}

test_kind_named_once if {
	some f in rule.deny with input as _inventory("preferences", "marketing.advertising.profiling")
	contains(f.msg, "(marketing)")
}

test_compliant_uses_are_silent if {
	every use in [
		"essential.service", "essential.service.authentication", "analytics.reporting.content_performance",
		"personalize.content.limited", "functional.storage",
	] {
		count(rule.deny) == 0 with input as _inventory("strictly_necessary", use)
	}
}

test_tracking_purposes_are_not_checked_here if {
	count(rule.deny) == 0 with input as _inventory("advertising", "marketing.advertising")
	count(rule.deny) == 0 with input as _inventory("social_media", "marketing.advertising")
}

test_no_activity_or_no_use if {
	count(rule.deny) == 0 with input as {"cookies": [{"name": "c", "purpose": "preferences"}]}
	count(rule.deny) == 0 with input as {"activities": [{"id": "act"}], "cookies": [{"name": "c", "activity": "act", "purpose": "preferences"}]}
	count(rule.deny) == 0 with input as {"activities": [], "cookies": [{"name": "c", "activity": "ghost", "purpose": "preferences"}]}
}
