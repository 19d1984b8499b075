package ropa.rules.gdpr["processor-contract_test"]

import data.ropa.rules.gdpr["processor-contract"] as rule

test_processor_without_contract if {
	findings := rule.deny with input as {"recipients": [
		{"id": "payroll", "role": "processor"},
		{"id": "blank", "role": "processor", "contract": "  "},
	]}
	findings == {
		{
			"msg": "recipient \"payroll\" is a processor without an Art. 28(3) contract reference",
			"path": ["recipients", "payroll", "contract"],
		},
		{
			"msg": "recipient \"blank\" is a processor without an Art. 28(3) contract reference",
			"path": ["recipients", "blank", "contract"],
		},
	}
}

test_processor_with_contract if {
	count(rule.deny) == 0 with input as {"recipients": [{"id": "payroll", "role": "processor", "contract": "DPA-2024-03"}]}
}

test_other_roles_need_no_contract if {
	count(rule.deny) == 0 with input as {"recipients": [
		{"id": "tax", "role": "authority"},
		{"id": "partner", "role": "controller"},
		{"id": "staff", "role": "internal"},
	]}
}

test_system_with_provider_without_contract if {
	findings := rule.deny with input as {"systems": [
		{"id": "hosting", "provider": "OVHcloud", "countries": ["FR"]},
		{"id": "nas", "countries": ["FR"]},
		{"id": "ok", "provider": "OVHcloud", "contract": "DPA-OVH-2024"},
		{"id": "own", "provider": "self"},
	]}
	findings == {
		{
			"msg": "system \"hosting\" is run by provider \"OVHcloud\", a processor, without an Art. 28(3) contract reference (declare provider: self if the controller runs it)",
			"path": ["systems", "hosting", "contract"],
		},
		{
			"msg": "system \"nas\" is run by an undeclared provider, a processor, without an Art. 28(3) contract reference (declare provider: self if the controller runs it)",
			"path": ["systems", "nas", "contract"],
		},
	}
}
