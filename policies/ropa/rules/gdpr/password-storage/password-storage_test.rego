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
