package ropa.rules.gdpr["password-storage_test"]

import data.ropa.rules.gdpr["password-storage"] as rule

test_hashed_credentials if {
	count(rule.deny) == 0 with input as {"data": [
		{"id": "credentials", "category": "user.authorization.credentials", "protection": "hashed"},
		{"id": "password", "category": "user.authorization.password", "protection": "hashed"},
		{"id": "contact", "category": "user.contact.email", "protection": "encrypted"},
		{"id": "email", "category": "user.contact.email"},
	]}
}

test_encrypted_credentials if {
	rule.deny == {{
		"msg": "data category \"credentials\" (user.authorization.credentials) is stored encrypted: passwords must be hashed with a slow salted hash",
		"path": ["data", "credentials", "protection"],
	}} with input as {"data": [{"id": "credentials", "category": "user.authorization.credentials", "protection": "encrypted"}]}
}

test_plaintext_and_undeclared_passwords if {
	rule.deny == {
		{
			"msg": "data category \"pw\" (user.authorization.password) is stored in plaintext: passwords must be hashed with a slow salted hash",
			"path": ["data", "pw", "protection"],
		},
		{
			"msg": "data category \"tokens\" (user.authorization.credentials.api_token) declares no protection: passwords must be hashed with a slow salted hash",
			"path": ["data", "tokens", "protection"],
		},
	} with input as {"data": [
		{"id": "pw", "category": "user.authorization.password", "protection": "plaintext"},
		{"id": "tokens", "category": "user.authorization.credentials.api_token"},
	]}
}

test_similar_prefix_is_not_a_password if {
	count(rule.deny) == 0 with input as {"data": [{"id": "x", "category": "user.authorization.passwordless_hint"}]}
}

test_replayed_credentials_encrypted if {
	count(rule.deny) == 0 with input as {"data": [
		{"id": "smtp", "category": "user.authorization.credentials", "protection": "encrypted", "replayed": true},
		{"id": "login", "category": "user.authorization.credentials", "protection": "hashed", "replayed": false},
	]}
}

test_replayed_credentials_plaintext_or_undeclared if {
	rule.deny == {
		{
			"msg": "data category \"smtp\" (user.authorization.credentials) is stored in plaintext: credentials replayed to another service cannot be hashed and must be encrypted",
			"path": ["data", "smtp", "protection"],
		},
		{
			"msg": "data category \"api\" (user.authorization.credentials.api_token) declares no protection: credentials replayed to another service cannot be hashed and must be encrypted",
			"path": ["data", "api", "protection"],
		},
	} with input as {"data": [
		{"id": "smtp", "category": "user.authorization.credentials", "protection": "plaintext", "replayed": true},
		{"id": "api", "category": "user.authorization.credentials.api_token", "replayed": true},
	]}
}

test_replayed_credentials_declared_hashed if {
	rule.deny == {{
		"msg": "data category \"smtp\" (user.authorization.password) is declared hashed: credentials replayed to another service cannot be hashed and must be encrypted",
		"path": ["data", "smtp", "protection"],
	}} with input as {"data": [{"id": "smtp", "category": "user.authorization.password", "protection": "hashed", "replayed": true}]}
}

test_replayed_flag_on_other_data_is_ignored if {
	count(rule.deny) == 0 with input as {"data": [{"id": "email", "category": "user.contact.email", "protection": "plaintext", "replayed": true}]}
}
