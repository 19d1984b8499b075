package ropa.lib_test

import data.ropa.lib

_mock := {"data_categories": {
	"user": {"name": "User", "description": "root"},
	"user.health": {"name": "Health", "description": "h", "special": "art9", "special_category": "health"},
	"user.health.genetic": {"name": "Genetic", "description": "g", "special": "art9", "special_category": "genetic"},
	"user.crime": {"name": "Crime", "description": "c", "special": "art10", "special_category": "criminal_convictions"},
	"user.crime.odd": {"name": "Odd", "description": "tagged differently from its parent", "special": "art9", "special_category": "health"},
	"user.name": {"name": "Name", "description": "n"},
	"user.location": {"name": "Location", "description": "l", "highly_personal": true},
	"user.location.precise": {"name": "Precise", "description": "p", "highly_personal": true},
	"user.content": {"name": "Content", "description": "c"},
	"user.content.private": {"name": "Private", "description": "p", "highly_personal": true},
	"user.flag_false": {"name": "False", "description": "f", "highly_personal": false},
}}

test_special_tag_on_tagged_key if {
	lib.special_tag("user.health") == "art9" with data.ropa.reference.taxonomy as _mock
	lib.special_tag("user.crime") == "art10" with data.ropa.reference.taxonomy as _mock
}

test_special_tag_inherited_from_parent if {
	lib.special_tag("user.health.condition") == "art9" with data.ropa.reference.taxonomy as _mock
	lib.special_tag("user.health.x.y.z") == "art9" with data.ropa.reference.taxonomy as _mock
	lib.special_tag("user.crime.theft") == "art10" with data.ropa.reference.taxonomy as _mock
}

test_special_tag_nearest_parent_wins if {
	lib.special_tag("user.crime.odd") == "art9" with data.ropa.reference.taxonomy as _mock
	lib.special_tag("user.crime.odd.child") == "art9" with data.ropa.reference.taxonomy as _mock
}

test_special_tag_undefined_when_untagged if {
	not lib.special_tag("user") with data.ropa.reference.taxonomy as _mock
	not lib.special_tag("user.name") with data.ropa.reference.taxonomy as _mock
	not lib.special_tag("user.name.first") with data.ropa.reference.taxonomy as _mock
	not lib.special_tag("unknown.key") with data.ropa.reference.taxonomy as _mock
	not lib.special_tag("") with data.ropa.reference.taxonomy as _mock
	not lib.special_tag(42) with data.ropa.reference.taxonomy as _mock
}

test_special_tag_no_prefix_confusion if {
	# "user.healthy" is not under "user.health"
	not lib.special_tag("user.healthy") with data.ropa.reference.taxonomy as _mock
}

# The built-in taxonomy.

test_builtin_art9_keys if {
	every key in [
		"user.demographic.race_ethnicity",
		"user.demographic.political_opinion",
		"user.demographic.religious_belief",
		"user.demographic.philosophical_belief",
		"user.demographic.union_membership",
		"user.demographic.sexual_orientation",
		"user.demographic.sex_life",
		"user.health",
		"user.health.genetic",
		"user.health.medical_diagnosis",
		"user.health_and_medical",
		"user.biometrics",
		"user.biometrics.fingerprint",
		"user.authorization.biometrics",
	] {
		lib.special_tag(key) == "art9"
	}
}

test_builtin_art10_keys if {
	lib.special_tag("user.criminal_history") == "art10"
	lib.special_tag("user.criminal_history.offences") == "art10"
	lib.special_tag("user.criminal_history.convictions") == "art10"
}

test_builtin_ordinary_keys if {
	every key in [
		"user",
		"user.name",
		"user.contact.email",
		"user.device.ip_address",
		"user.authorization.credentials",
		"user.authorization.password",
		"user.financial",
		"user.location.precise",
		"user.behavior.browsing_history",
		"user.demographic",
		"user.demographic.gender",
		"system.operations",
	] {
		not lib.special_tag(key)
	}
}

test_builtin_every_special_key_names_its_category if {
	categories := {
		"protected_classifications",
		"race_ethnicity", "political_opinion", "religious_philosophical_belief",
		"trade_union_membership", "genetic", "biometric", "health",
		"sex_life_sexual_orientation", "criminal_convictions",
	}
	every c in data.ropa.reference.taxonomy.data_categories {
		_well_formed(c, categories)
	}

	# every Art. 9 / Art. 10 category is represented
	categories == {c.special_category | some c in data.ropa.reference.taxonomy.data_categories; c.special}
}

_well_formed(c, _) if {
	not c.special
	not c.special_possible
}

_well_formed(c, categories) if {
	c.special in {"art9", "art10"}
	c.special_category in categories
	art10 := c.special == "art10"
	criminal := c.special_category == "criminal_convictions"
	art10 == criminal

	# only the grouping key is "possibly" Art. 9, and it says so
	possible := object.get(c, "special_possible", false) == true
	grouping := c.special_category == "protected_classifications"
	possible == grouping
}

test_builtin_every_key_has_its_parent if {
	every section in ["data_categories", "data_uses"] {
		every key, entry in data.ropa.reference.taxonomy[section] {
			is_string(entry.name)
			is_string(entry.description)
			_parent_known(section, key)
		}
	}
}

_parent_known(_, key) if not contains(key, ".")

_parent_known(section, key) if {
	parts := split(key, ".")
	parent := concat(".", array.slice(parts, 0, count(parts) - 1))
	data.ropa.reference.taxonomy[section][parent]
}

# protected_classifications groups characteristics among which are Art. 9
# ones: it counts as special data for every rule (SPEC).
test_builtin_protected_classifications_is_art9 if {
	lib.special_tag("user.demographic.protected_classifications") == "art9"
	lib.special_tag("user.demographic.protected_classifications.any") == "art9"
	data.ropa.reference.taxonomy.data_categories["user.demographic.protected_classifications"].special_possible == true
}

test_highly_personal_on_tagged_key if {
	lib.highly_personal("user.location") with data.ropa.reference.taxonomy as _mock
	lib.highly_personal("user.content.private") with data.ropa.reference.taxonomy as _mock
}

test_highly_personal_inherited if {
	lib.highly_personal("user.location.precise") with data.ropa.reference.taxonomy as _mock
	lib.highly_personal("user.location.anything.deeper") with data.ropa.reference.taxonomy as _mock
	lib.highly_personal("user.content.private.messages") with data.ropa.reference.taxonomy as _mock
}

test_highly_personal_undefined_when_untagged if {
	not lib.highly_personal("user") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal("user.content") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal("user.content.public") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal("user.locations") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal("user.flag_false") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal("user.health") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal("") with data.ropa.reference.taxonomy as _mock
	not lib.highly_personal(42) with data.ropa.reference.taxonomy as _mock
}

# WP248 rev.01 criterion 4: location, financial and private-communication
# keys, and every key under them, in the built-in taxonomy.
test_builtin_highly_personal_keys if {
	every key in [
		"user.location",
		"user.location.precise",
		"user.location.coarse",
		"user.location.imprecise",
		"user.financial",
		"user.financial.bank_account",
		"user.financial.credit_card",
		"user.financial.account_number",
		"user.content.private",
	] {
		lib.highly_personal(key)
	}
	every key, entry in data.ropa.reference.taxonomy.data_categories {
		_tag_matches_prefix(key, entry)
	}
}

test_builtin_not_highly_personal if {
	every key in ["user", "user.name", "user.content", "user.content.public", "user.contact.email", "user.health"] {
		not lib.highly_personal(key)
	}
}

_highly_personal_roots := ["user.location", "user.financial", "user.content.private"]

_under_root(key) if {
	some root in _highly_personal_roots
	key == root
}

_under_root(key) if {
	some root in _highly_personal_roots
	startswith(key, concat("", [root, "."]))
}

# every key under a root carries the tag itself (not only by inheritance),
# and no key outside the roots carries it
_tag_matches_prefix(key, entry) if {
	_under_root(key)
	entry.highly_personal == true
}

_tag_matches_prefix(key, entry) if {
	not _under_root(key)
	not entry.highly_personal
}
