# METADATA
# title: Password storage
# description: >-
#   Art. 32(1) requires technical measures "to ensure a level of security
#   appropriate to the risk", including "the pseudonymisation and encryption
#   of personal data" (point (a)). For passwords and other authentication
#   secrets the controller checks, the state of the art is a non-reversible,
#   slow, salted hash: encryption is reversible by whoever holds the key. The
#   CNIL's recommendation on passwords (délibération 2022-100 of 21 July
#   2022, guidance for controllers using password authentication, adopted
#   under Art. 32) states that state of the art for storage. Credentials the
#   controller must itself present to another service (replayed: true, e.g.
#   SMTP relay or API credentials) cannot be hashed, since they must be
#   recovered to be used: they must then be encrypted, never plaintext.
# related_resources:
#   - description: GDPR Art. 32(1)(a)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#   - description: CNIL délibération 2022-100 (recommendation on passwords)
#     ref: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046432885
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

# Secrets the controller verifies: hashed.
deny contains {"msg": msg, "path": ["data", d.id, "protection"]} if {
	some d in input.data
	_is_secret(d.category)
	not d.replayed == true
	object.get(d, "protection", null) != "hashed"
	msg := sprintf("data category %q (%s) %s: passwords must be hashed with a slow salted hash", [d.id, d.category, _how(d)])
}

# Secrets the controller presents to another service: encrypted.
deny contains {"msg": msg, "path": ["data", d.id, "protection"]} if {
	some d in input.data
	_is_secret(d.category)
	d.replayed == true
	object.get(d, "protection", null) != "encrypted"
	msg := sprintf("data category %q (%s) %s: credentials replayed to another service cannot be hashed and must be encrypted", [d.id, d.category, _how(d)])
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

_how(d) := "is declared hashed" if d.protection == "hashed"
