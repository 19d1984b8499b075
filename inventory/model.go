package inventory

import "gopkg.in/yaml.v3"

// The typed model mirrors inventory format 1.1 (see the SPEC and schema.json).
// Every field is optional here: what the law requires is checked by rules,
// and a field that failed schema validation is simply left empty.

// Controller is the Art. 30(1)(a) identity of the controller.
type Controller struct {
	Name    string `yaml:"name" json:"name"`
	Contact string `yaml:"contact,omitempty" json:"contact,omitempty"`
	Country string `yaml:"country,omitempty" json:"country,omitempty"`
	// Markets are the countries whose residents the controller targets;
	// empty means the default (the controller's country when in the EEA).
	Markets         []string `yaml:"markets,omitempty" json:"markets,omitempty"`
	DPO             *Party   `yaml:"dpo,omitempty" json:"dpo,omitempty"`
	Representative  *Party   `yaml:"representative,omitempty" json:"representative,omitempty"`
	PublicAuthority bool     `yaml:"public_authority,omitempty" json:"public_authority,omitempty"`
}

// Party is a named person or body with a contact (DPO, representative).
type Party struct {
	Name    string `yaml:"name,omitempty" json:"name,omitempty"`
	Contact string `yaml:"contact,omitempty" json:"contact,omitempty"`
}

// Subject is a category of data subjects.
type Subject struct {
	ID          string `yaml:"id" json:"id"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Kind        string `yaml:"kind,omitempty" json:"kind,omitempty"`
	Vulnerable  bool   `yaml:"vulnerable,omitempty" json:"vulnerable,omitempty"`
}

// DataCategory is a category of personal data.
type DataCategory struct {
	ID          string   `yaml:"id" json:"id"`
	Description string   `yaml:"description,omitempty" json:"description,omitempty"`
	Category    string   `yaml:"category,omitempty" json:"category,omitempty"`
	Fields      []string `yaml:"fields,omitempty" json:"fields,omitempty"`
	Source      string   `yaml:"source,omitempty" json:"source,omitempty"`
	Protection  string   `yaml:"protection,omitempty" json:"protection,omitempty"`
	Replayed    bool     `yaml:"replayed,omitempty" json:"replayed,omitempty"`
	Origin      string   `yaml:"origin,omitempty" json:"origin,omitempty"`
}

// Transfer is the Chapter V safeguard of a system or recipient.
type Transfer struct {
	Mechanism    string `yaml:"mechanism,omitempty" json:"mechanism,omitempty"`
	Reference    string `yaml:"reference,omitempty" json:"reference,omitempty"`
	Derogation   string `yaml:"derogation,omitempty" json:"derogation,omitempty"`
	DPFCertified bool   `yaml:"dpf_certified,omitempty" json:"dpf_certified,omitempty"`
	Scope        string `yaml:"scope,omitempty" json:"scope,omitempty"`
	TIA          string `yaml:"tia,omitempty" json:"tia,omitempty"`
	// AuthorityNotified references the notice to the supervisory
	// authority required with the compelling-legitimate-interests
	// derogation (Art. 49(1) second subparagraph).
	AuthorityNotified string `yaml:"authority_notified,omitempty" json:"authority_notified,omitempty"`
}

// System is where data is stored or processed.
type System struct {
	ID          string    `yaml:"id" json:"id"`
	Description string    `yaml:"description,omitempty" json:"description,omitempty"`
	Provider    string    `yaml:"provider,omitempty" json:"provider,omitempty"`
	Countries   []string  `yaml:"countries,omitempty" json:"countries,omitempty"`
	Contract    string    `yaml:"contract,omitempty" json:"contract,omitempty"`
	Transfer    *Transfer `yaml:"transfer,omitempty" json:"transfer,omitempty"`
}

// SelfProvider is the System.Provider of a system the controller's own
// legal entity runs: storing data there is no disclosure to anyone.
const SelfProvider = "self"

// Recipient is an Art. 30(1)(d) recipient of personal data.
type Recipient struct {
	ID          string   `yaml:"id" json:"id"`
	Description string   `yaml:"description,omitempty" json:"description,omitempty"`
	Role        string   `yaml:"role,omitempty" json:"role,omitempty"`
	Countries   []string `yaml:"countries,omitempty" json:"countries,omitempty"`
	// InternationalOrganisation is a key of the reference data (e.g. epo).
	InternationalOrganisation string    `yaml:"international_organisation,omitempty" json:"international_organisation,omitempty"`
	Contract                  string    `yaml:"contract,omitempty" json:"contract,omitempty"`
	Transfer                  *Transfer `yaml:"transfer,omitempty" json:"transfer,omitempty"`
}

// LegitimateInterest records an Art. 6(1)(f) interest and its assessment.
type LegitimateInterest struct {
	Interest   string `yaml:"interest,omitempty" json:"interest,omitempty"`
	Assessment string `yaml:"assessment,omitempty" json:"assessment,omitempty"`
}

// Consent records how consent is collected and withdrawn.
type Consent struct {
	Mechanism  string `yaml:"mechanism,omitempty" json:"mechanism,omitempty"`
	Withdrawal string `yaml:"withdrawal,omitempty" json:"withdrawal,omitempty"`
	Parental   bool   `yaml:"parental,omitempty" json:"parental,omitempty"`
}

// AutomatedDecision is an Art. 22 decision based solely on automated
// processing.
type AutomatedDecision struct {
	LegalEffect bool     `yaml:"legal_effect,omitempty" json:"legal_effect,omitempty"`
	Exception   string   `yaml:"exception,omitempty" json:"exception,omitempty"`
	Safeguards  []string `yaml:"safeguards,omitempty" json:"safeguards,omitempty"`
}

// Conditions is a list of Art. 9(2) / Art. 10 conditions, written in YAML
// as one string or a list of strings.
type Conditions []string

// UnmarshalYAML accepts a scalar or a sequence.
func (c *Conditions) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*c = Conditions{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*c = list
	return nil
}

// Retention is a retention period or the criteria used to set it.
type Retention struct {
	Period   string `yaml:"period,omitempty" json:"period,omitempty"`
	After    string `yaml:"after,omitempty" json:"after,omitempty"`
	Basis    string `yaml:"basis,omitempty" json:"basis,omitempty"`
	Criteria string `yaml:"criteria,omitempty" json:"criteria,omitempty"`
}

// Risk holds the WP248 DPIA criteria of an activity.
type Risk struct {
	EvaluationOrScoring  bool `yaml:"evaluation_or_scoring,omitempty" json:"evaluation_or_scoring,omitempty"`
	AutomatedDecision    bool `yaml:"automated_decision,omitempty" json:"automated_decision,omitempty"`
	SystematicMonitoring bool `yaml:"systematic_monitoring,omitempty" json:"systematic_monitoring,omitempty"`
	LargeScale           bool `yaml:"large_scale,omitempty" json:"large_scale,omitempty"`
	MatchingDatasets     bool `yaml:"matching_datasets,omitempty" json:"matching_datasets,omitempty"`
	VulnerableSubjects   bool `yaml:"vulnerable_subjects,omitempty" json:"vulnerable_subjects,omitempty"`
	InnovativeTechnology bool `yaml:"innovative_technology,omitempty" json:"innovative_technology,omitempty"`
	PreventsRights       bool `yaml:"prevents_rights,omitempty" json:"prevents_rights,omitempty"`
	PublicArea           bool `yaml:"public_area,omitempty" json:"public_area,omitempty"`
}

// Activity is one processing activity, one per purpose.
type Activity struct {
	ID                 string              `yaml:"id" json:"id"`
	Name               string              `yaml:"name,omitempty" json:"name,omitempty"`
	Purpose            string              `yaml:"purpose,omitempty" json:"purpose,omitempty"`
	Use                string              `yaml:"use,omitempty" json:"use,omitempty"`
	LawfulBasis        string              `yaml:"lawful_basis,omitempty" json:"lawful_basis,omitempty"`
	LegitimateInterest *LegitimateInterest `yaml:"legitimate_interest,omitempty" json:"legitimate_interest,omitempty"`
	Consent            *Consent            `yaml:"consent,omitempty" json:"consent,omitempty"`
	LegalProvision     string              `yaml:"legal_provision,omitempty" json:"legal_provision,omitempty"`
	SpecialCondition   Conditions          `yaml:"special_condition,omitempty" json:"special_condition,omitempty"`
	AutomatedDecision  *AutomatedDecision  `yaml:"automated_decision,omitempty" json:"automated_decision,omitempty"`
	Required           string              `yaml:"required,omitempty" json:"required,omitempty"`
	Core               bool                `yaml:"core,omitempty" json:"core,omitempty"`
	Subjects           []string            `yaml:"subjects,omitempty" json:"subjects,omitempty"`
	Data               []string            `yaml:"data,omitempty" json:"data,omitempty"`
	Recipients         []string            `yaml:"recipients,omitempty" json:"recipients,omitempty"`
	Systems            []string            `yaml:"systems,omitempty" json:"systems,omitempty"`
	Retention          *Retention          `yaml:"retention,omitempty" json:"retention,omitempty"`
	Security           []string            `yaml:"security,omitempty" json:"security,omitempty"`
	DPIA               string              `yaml:"dpia,omitempty" json:"dpia,omitempty"`
	Risk               *Risk               `yaml:"risk,omitempty" json:"risk,omitempty"`
}

// AudienceMeasurement holds the CNIL exemption conditions of a cookie.
type AudienceMeasurement struct {
	IPAnonymisationBytes  *int   `yaml:"ip_anonymisation_bytes,omitempty" json:"ip_anonymisation_bytes,omitempty"`
	CrossSiteTracking     bool   `yaml:"cross_site_tracking,omitempty" json:"cross_site_tracking,omitempty"`
	CombinedWithOtherData bool   `yaml:"combined_with_other_data,omitempty" json:"combined_with_other_data,omitempty"`
	DataRetention         string `yaml:"data_retention,omitempty" json:"data_retention,omitempty"`
}

// Cookie is a cookie or similar tracker (ePrivacy Art. 5(3)); cookies are
// identified by name.
type Cookie struct {
	Name                string               `yaml:"name" json:"name"`
	Provider            string               `yaml:"provider,omitempty" json:"provider,omitempty"`
	Activity            string               `yaml:"activity,omitempty" json:"activity,omitempty"`
	Purpose             string               `yaml:"purpose,omitempty" json:"purpose,omitempty"`
	Lifetime            string               `yaml:"lifetime,omitempty" json:"lifetime,omitempty"`
	Consent             string               `yaml:"consent,omitempty" json:"consent,omitempty"`
	AudienceMeasurement *AudienceMeasurement `yaml:"audience_measurement,omitempty" json:"audience_measurement,omitempty"`
}

// SecurityMeasure is an Art. 32 technical or organisational measure.
type SecurityMeasure struct {
	ID          string `yaml:"id" json:"id"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Kind        string `yaml:"kind,omitempty" json:"kind,omitempty"`
}

// Commitments are promises of the privacy notice that rules check.
type Commitments struct {
	SpecialData string `yaml:"special_data,omitempty" json:"special_data,omitempty"`
	Hosting     string `yaml:"hosting,omitempty" json:"hosting,omitempty"`
}

// Rights describes how data subjects exercise their rights.
type Rights struct {
	Contact    string   `yaml:"contact,omitempty" json:"contact,omitempty"`
	Supported  []string `yaml:"supported,omitempty" json:"supported,omitempty"`
	DoNotTrack string   `yaml:"do_not_track,omitempty" json:"do_not_track,omitempty"`
}

// Waiver silences one rule on one target path until it expires.
type Waiver struct {
	Rule       string `yaml:"rule" json:"rule"`
	Target     string `yaml:"target" json:"target"`
	Reason     string `yaml:"reason,omitempty" json:"reason,omitempty"`
	ApprovedBy string `yaml:"approved_by,omitempty" json:"approved_by,omitempty"`
	Expires    string `yaml:"expires,omitempty" json:"expires,omitempty"`
}

// Key is the id-based path segment of a waiver: waivers have no id, so
// findings about them use rule@target.
func (w Waiver) Key() string { return w.Rule + "@" + w.Target }
