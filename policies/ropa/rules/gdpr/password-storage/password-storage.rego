# METADATA
# title: Password storage
# description: >-
#   Passwords and other authentication secrets must be stored hashed with a
#   slow, salted hash function: encryption is reversible by whoever holds the
#   key, which is not an appropriate level of security.
# related_resources:
#   - description: GDPR Art. 32
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
# custom:
#   id: gdpr/password-storage
#   severity: error
#   reference: Art. 32
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - id: credentials
#         category: user.authorization.credentials
#         protection: encrypted
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     data:
#       - id: credentials
#         category: user.authorization.credentials
#         protection: hashed  # fixed: slow salted hash (e.g. Argon2id)
package ropa.rules.gdpr["password-storage"]

_secret_keys := ["user.authorization.credentials", "user.authorization.password"]

deny contains {"msg": msg, "path": ["data", d.id, "protection"]} if {
	some d in input.data
	_is_secret(d.category)
	object.get(d, "protection", null) != "hashed"
	msg := sprintf("data category %q (%s) %s: passwords must be hashed with a slow salted hash", [d.id, d.category, _how(d)])
}

_is_secret(key) if {
	some root in _secret_keys
	key == root
}

_is_secret(key) if {
	some root in _secret_keys
	startswith(key, concat("", [root, "."]))
}

_how(d) := "declares no protection" if not d.protection

_how(d) := "is stored in plaintext" if d.protection == "plaintext"

_how(d) := sprintf("is stored %s", [d.protection]) if {
	is_string(d.protection)
	not d.protection in {"plaintext", "hashed"}
}
