package ropa.rules.eprivacy["tracking-basis_test"]

import data.ropa.rules.eprivacy["tracking-basis"] as rule

_inventory(purpose, basis) := {
	"controller": {"name": "X", "country": "DE"},
	"activities": [{"id": "ads", "lawful_basis": basis}],
	"cookies": [{"name": "_fbp", "activity": "ads", "purpose": purpose, "consent": "required"}],
}

test_advertising_on_legitimate_interests if {
	rule.deny == {{
		"msg": "cookie \"_fbp\" (advertising) serves activity \"ads\", which relies on legitimate_interests: tracking for advertising or social media needs the user's consent (ePrivacy Art. 5(3); CJEU C-252/21)",
		"path": ["cookies", "_fbp", "activity"],
	}} with input as _inventory("advertising", "legitimate_interests")
}

test_every_other_basis_fires if {
	every purpose in ["advertising", "social_media"] {
		every basis in ["contract", "legitimate_interests", "legal_obligation", "public_task", "vital_interests"] {
			count(rule.deny) == 1 with input as _inventory(purpose, basis)
		}
	}
}

test_consent_is_silent if {
	count(rule.deny) == 0 with input as _inventory("advertising", "consent")
	count(rule.deny) == 0 with input as _inventory("social_media", "consent")
}

test_other_purposes_are_not_checked if {
	every purpose in ["strictly_necessary", "preferences", "audience_measurement"] {
		count(rule.deny) == 0 with input as _inventory(purpose, "legitimate_interests")
	}
}

test_missing_activity_or_basis if {
	count(rule.deny) == 0 with input as {"cookies": [{"name": "_fbp", "purpose": "advertising"}]}
	count(rule.deny) == 0 with input as {"activities": [{"id": "ads"}], "cookies": [{"name": "_fbp", "activity": "ads", "purpose": "advertising"}]}
}
