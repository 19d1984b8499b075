package gen

// The tables below give the generated inventories their shape: templates
// of activities, data categories, subjects, systems, recipients, security
// measures and cookies, modelled on what a mid-size European company
// declares. Every item of a section is "template i mod len(table)", so the
// proportions hold at any size.

// subjectKinds are the categories of data subjects. Items are
// subjectKinds[j%len] (the first of each kind keeps the bare name).
var subjectKinds = []struct{ slug, desc, kind string }{
	{"customer", "Active customers", "customer"},
	{"prospect", "Prospective customers", "prospect"},
	{"website-visitor", "Visitors of the public web sites", "visitor"},
	{"account-user", "Users of the customer portal", "user"},
	{"employee", "Employees and interns", "employee"},
	{"candidate", "Job applicants", "candidate"},
	{"patient", "Patients of the occupational health service", "patient"},
	{"supplier-contact", "Contacts at suppliers", "supplier_contact"},
	{"young-player", "Players under 15 of the games portal", "child"},
}

const (
	sCustomer = iota
	sProspect
	sVisitor
	sAccountUser
	sEmployee
	sCandidate
	sPatient
	sSupplier
	sChild
)

// dataKind is a template of data category.
type dataKind struct {
	slug, desc, category string
	fields               []string
	source, protection   string
	special              string // "", "art9" or "art10" (mirrors the taxonomy)
}

var dataKinds = []dataKind{
	{"identity", "Names, first names, civility", "user.name", []string{"last_name", "first_name", "civility"}, "data_subject", "", ""},
	{"email", "E-mail address", "user.contact.email", []string{"email"}, "data_subject", "", ""},
	{"phone", "Telephone number", "user.contact.phone_number", []string{"phone_number"}, "data_subject", "", ""},
	{"postal-address", "Postal address", "user.contact.address", []string{"street", "postal_code", "city", "country"}, "data_subject", "", ""},
	{"credentials", "Username and password of the customer portal", "user.authorization.credentials", []string{"username", "password"}, "data_subject", "hashed", ""},
	{"bank-account", "IBAN and BIC", "user.financial.bank_account", []string{"iban", "bic"}, "data_subject", "encrypted", ""},
	{"ip-address", "IP address of the device", "user.device.ip_address", []string{"ip_address"}, "automatic", "pseudonymised", ""},
	{"device-id", "Device identifiers", "user.device.device_id", []string{"device_id", "user_agent"}, "automatic", "", ""},
	{"browsing", "Pages visited and navigation paths", "user.behavior.browsing_history", []string{"url", "referrer", "timestamp"}, "automatic", "", ""},
	{"purchase-history", "Orders and invoices", "user.behavior.purchase_history", []string{"order_id", "items", "amount"}, "data_subject", "", ""},
	{"health-record", "Fitness-for-work assessments", "user.health.medical_diagnosis", []string{"assessment", "restrictions"}, "data_subject", "encrypted", "art9"},
	{"union-membership", "Trade-union membership for dues deduction", "user.demographic.union_membership", []string{"union"}, "data_subject", "", "art9"},
	{"criminal-record", "Criminal record extract", "user.criminal_history.convictions", []string{"extract"}, "third_party", "encrypted", "art10"},
	{"national-id", "National identification number", "user.government_id.national_identification_number", []string{"nin"}, "data_subject", "encrypted", ""},
	{"cv", "Curriculum vitae and cover letter", "user.professional_information", []string{"cv", "cover_letter"}, "data_subject", "", ""},
	{"fingerprint", "Fingerprint template of the badge readers", "user.biometric.fingerprint", []string{"template"}, "data_subject", "encrypted", "art9"},
	{"support-messages", "Messages sent to the support desk", "user.content.private", []string{"subject", "body"}, "data_subject", "", ""},
	{"cookie-id", "Cookie identifiers", "user.device.cookie_id", []string{"cookie_id"}, "automatic", "pseudonymised", ""},
	{"location", "Precise location of the device", "user.location.precise", []string{"latitude", "longitude"}, "automatic", "", ""},
}

const (
	dIdentity = iota
	dEmail
	dPhone
	dAddress
	dCredentials
	dBank
	dIP
	dDevice
	dBrowsing
	dPurchases
	dHealth
	dUnion
	dCriminal
	dNationalID
	dCV
	dFingerprint
	dSupport
	dCookieID
	dLocation
)

// activityKind is a template of processing activity.
type activityKind struct {
	slug, name, purpose, use string
	interest                 string   // with legitimate interests
	bases                    []string // lawful bases, the first the most common
	subjects                 []int    // subjectKinds
	data                     []int    // dataKinds; special kinds get special_condition
	condition                string   // special_condition when the data is special
	law                      string   // legal_provision (Art. 6(3), 9(2)(b)-(j), 10)
	retention                [3]string
	risk                     []string // WP248 flags always set (dpia reference declared)
	analytics                bool     // may carry CNIL-exempt audience cookies
}

var activityKinds = []activityKind{
	{"billing", "Billing", "Billing and collection of payments", "essential.service.payment_processing", "recovery of unpaid invoices",
		[]string{"legal_obligation", "contract"}, []int{sCustomer}, []int{dIdentity, dEmail, dAddress, dBank, dPurchases}, "", "Code de commerce L123-22",
		[3]string{"P10Y", "end_of_financial_year", "Code de commerce L123-22"}, nil, false},
	{"customer-accounts", "Customer accounts", "Management of customer accounts on the portal", "essential.service.authentication", "account security",
		[]string{"contract"}, []int{sCustomer, sAccountUser}, []int{dIdentity, dEmail, dCredentials, dIP}, "", "",
		[3]string{"P3Y", "account_closure", ""}, nil, false},
	{"support", "Customer support", "Handling of support requests", "essential.service.operations.support", "quality of service",
		[]string{"contract", "legitimate_interests"}, []int{sCustomer, sAccountUser}, []int{dIdentity, dEmail, dPhone, dSupport}, "", "",
		[3]string{"P3Y", "ticket_closure", ""}, nil, false},
	{"newsletter", "Newsletter", "Sending of the newsletter to subscribers", "marketing.communications.email", "customer loyalty",
		[]string{"consent"}, []int{sCustomer, sProspect}, []int{dEmail, dIdentity}, "", "",
		[3]string{"P3Y", "last_contact", "CNIL recommendation"}, nil, false},
	{"prospecting", "Prospecting", "Commercial prospecting by e-mail and telephone", "marketing.communications.email", "business development",
		[]string{"legitimate_interests"}, []int{sProspect}, []int{dIdentity, dEmail, dPhone}, "", "",
		[3]string{"P3Y", "last_contact", "CNIL recommendation"}, nil, false},
	{"audience", "Audience measurement", "Statistics of visits to improve the web sites", "analytics.reporting.content_performance", "site improvement",
		[]string{"legitimate_interests"}, []int{sVisitor}, []int{dIP, dDevice, dBrowsing, dCookieID}, "", "",
		[3]string{"P25M", "collection", ""}, nil, true},
	{"ad-targeting", "Targeted advertising", "Display of advertising based on browsing interests", "marketing.advertising.profiling", "advertising revenue",
		[]string{"consent"}, []int{sVisitor, sCustomer}, []int{dCookieID, dBrowsing, dPurchases, dDevice}, "", "",
		[3]string{"P13M", "collection", ""}, []string{"evaluation_or_scoring", "large_scale"}, false},
	{"recruitment", "Recruitment", "Selection of job applicants", "employment.recruitment", "hiring",
		[]string{"legitimate_interests", "contract"}, []int{sCandidate}, []int{dIdentity, dEmail, dPhone, dCV}, "", "",
		[3]string{"P2Y", "last_contact", "CNIL recommendation"}, nil, false},
	{"payroll", "Payroll", "Payment of salaries and social contributions", "essential.legal_obligation", "staff administration",
		[]string{"legal_obligation"}, []int{sEmployee}, []int{dIdentity, dAddress, dBank, dNationalID, dUnion}, "employment_social_security", "Code du travail L3243-4",
		[3]string{"P5Y", "end_of_employment", "Code du travail L3243-4"}, nil, false},
	{"occupational-health", "Occupational health", "Medical follow-up of employees", "essential.legal_obligation", "staff health",
		[]string{"legal_obligation"}, []int{sEmployee, sPatient}, []int{dIdentity, dHealth}, "health_or_social_care", "Code de la santé publique R4127-45",
		[3]string{"P50Y", "end_of_employment", "Code de la santé publique R4127-45"}, []string{"vulnerable_subjects", "large_scale"}, false},
	{"background-checks", "Background checks", "Vetting of applicants for regulated positions", "essential.legal_obligation", "regulatory compliance",
		[]string{"legal_obligation"}, []int{sCandidate}, []int{dIdentity, dCriminal}, "legal_authorisation", "Code monétaire et financier L500-1",
		[3]string{"P6M", "decision", "Code monétaire et financier L500-1"}, nil, false},
	{"fraud-detection", "Fraud detection", "Detection of payment fraud", "essential.fraud_detection", "fraud prevention",
		[]string{"legitimate_interests"}, []int{sCustomer}, []int{dIdentity, dIP, dPurchases, dBank, dLocation}, "", "",
		[3]string{"P1Y", "transaction", ""}, []string{"evaluation_or_scoring", "automated_decision"}, false},
	{"security-logging", "Security logging", "Logging of access to information systems", "essential.service.security", "network security",
		[]string{"legitimate_interests", "legal_obligation"}, []int{sAccountUser, sEmployee}, []int{dIP, dDevice, dCredentials}, "", "Code des postes et des communications électroniques L34-1",
		[3]string{"P1Y", "collection", "CNIL recommendation"}, nil, false},
	{"personalisation", "Personalisation", "Recommendation of products from purchase history", "personalize.content.profiling", "relevant offers",
		[]string{"consent", "legitimate_interests"}, []int{sCustomer}, []int{dPurchases, dBrowsing, dCookieID}, "", "",
		[3]string{"P2Y", "last_purchase", ""}, []string{"evaluation_or_scoring"}, false},
	{"access-control", "Physical access control", "Badge access to restricted areas", "essential.service.security", "site security",
		[]string{"legitimate_interests"}, []int{sEmployee}, []int{dIdentity, dFingerprint}, "employment_social_security", "CNIL règlement type biométrie 2019-001, Code du travail L1121-1",
		[3]string{"P3M", "end_of_employment", ""}, nil, false},
	{"supplier-management", "Supplier management", "Management of supplier relationships", "essential.service.operations", "supplier relations",
		[]string{"contract"}, []int{sSupplier}, []int{dIdentity, dEmail, dPhone}, "", "",
		[3]string{"P5Y", "end_of_contract", ""}, nil, false},
}

var securityKinds = []struct{ slug, desc, kind string }{
	{"encryption-at-rest", "AES-256 encryption of databases and backups", "encryption"},
	{"encryption-in-transit", "TLS 1.2+ on every connection", "encryption"},
	{"access-control", "Role-based access with quarterly reviews", "access_control"},
	{"mfa", "Multi-factor authentication for staff", "access_control"},
	{"backups", "Daily backups in a second region", "availability"},
	{"restore-tests", "Quarterly restore tests", "restoration"},
	{"pentest", "Yearly penetration test", "testing"},
	{"staff-training", "Yearly data protection training", "organisational"},
	{"pseudonymisation", "Pseudonymised identifiers in analytics", "pseudonymisation"},
}

var systemKinds = []struct{ slug, desc, provider string }{
	{"hosting", "Production hosting", "OVHcloud"},
	{"crm", "Customer relationship management", "Salesforce"},
	{"mailing", "E-mail campaigns", "Brevo"},
	{"analytics", "Web analytics (Matomo, self-hosted)", "self"},
	{"backup", "Off-site backups", "Scaleway"},
	{"hr-suite", "Human resources suite", "Workday"},
	{"ticketing", "Support desk", "Zendesk"},
	{"warehouse", "Data warehouse", "Snowflake"},
}

var recipientKinds = []struct{ slug, desc, role string }{
	{"payment-provider", "Payment service provider", "processor"},
	{"email-provider", "E-mail delivery", "processor"},
	{"it-contractor", "IT maintenance contractor", "processor"},
	{"tax-authority", "Tax administration", "authority"},
	{"group-company", "Other companies of the group", "joint_controller"},
	{"ad-network", "Advertising network", "controller"},
	{"insurer", "Group insurer", "controller"},
	{"internal-team", "Internal departments", "internal"},
}

var cookieKinds = []struct{ slug, provider, purpose, lifetime, consent string }{
	{"session", "first party", "strictly_necessary", "PT30M", "exempt"},
	{"csrf", "first party", "strictly_necessary", "P1D", "exempt"},
	{"_pk_id", "Matomo (self-hosted)", "audience_measurement", "P13M", "exempt"},
	{"_pk_ses", "Matomo (self-hosted)", "audience_measurement", "PT30M", "exempt"},
	{"lang", "first party", "preferences", "P6M", "required"},
	{"_fbp", "Meta", "advertising", "P3M", "required"},
	{"_gcl_au", "Google", "advertising", "P3M", "required"},
	{"li_share", "LinkedIn", "social_media", "P6M", "required"},
}

// Countries by class. EEA codes include the aliases and the ones YAML 1.1
// reads as booleans (NO), to exercise quoting and normalisation.
var (
	eeaCountries      = []string{"FR", "DE", "IE", "NL", "BE", "ES", "IT", "PL", "SE", "DK", "FI", "AT", "PT", "CZ", "LU", "NO", "IS", "LI", "EL", "GR", "RO", "HU", "SK", "SI", "HR", "BG", "EE", "LV", "LT", "MT", "CY"}
	adequateCountries = []string{"CH", "GB", "UK", "JP", "CA", "KR", "NZ", "IL", "UY", "AR", "JE", "GG", "IM", "AD", "FO"}
	// partialScope says why a recipient falls inside a partial adequacy
	// decision (transfer.scope).
	partialScope = map[string]string{
		"CA": "subject to PIPEDA (commercial activities)",
		"JP": "business operator under the APPI, bound by the Supplementary Rules",
		"KR": "personal information controller subject to PIPA",
		"IL": "automated processing in Israel",
	}
	thirdCountries = []string{"IN", "CN", "SG", "AU", "ZA", "MX", "AE", "TR", "MA", "TN", "PH", "VN", "ID", "NG", "KE", "EG"}
)

var derogations = []string{"explicit_consent", "contract_with_subject", "contract_in_subject_interest", "legal_claims"}
