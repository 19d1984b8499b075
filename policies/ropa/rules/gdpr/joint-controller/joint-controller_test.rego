package ropa.rules.gdpr["joint-controller_test"]

import data.ropa.rules.gdpr["joint-controller"] as rule

test_joint_controller_without_arrangement if {
	findings := rule.deny with input as {"recipients": [
		{"id": "a", "role": "joint_controller"},
		{"id": "b", "role": "joint_controller", "contract": " "},
		{"id": "c", "role": "joint_controller", "contract": "JCA-1"},
		{"id": "d", "role": "controller"},
	]}
	findings == {
		{"msg": "recipient \"a\" is a joint controller without a reference to the Art. 26 arrangement (contract)", "path": ["recipients", "a", "contract"]},
		{"msg": "recipient \"b\" is a joint controller without a reference to the Art. 26 arrangement (contract)", "path": ["recipients", "b", "contract"]},
	}
}
