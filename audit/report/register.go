package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/ropa-project/ropa/internal/errw"
	"github.com/ropa-project/ropa/internal/markdown"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

// The Art. 30 register: the record of processing activities of an
// inventory, one row per activity, as a controller shows it to the
// supervisory authority. It is built from the declarations alone (no
// rules run), so `ropa register` works on an inventory with findings; the
// HTML report embeds the same register.

// Register formats (ropa register -f).
const (
	RegisterMarkdown = "markdown"
	RegisterCSV      = "csv"
	RegisterHTML     = "html"
)

// RegisterFormats lists the formats of the register, sorted.
func RegisterFormats() []string {
	return []string{RegisterCSV, RegisterHTML, RegisterMarkdown}
}

// Register is the Art. 30(1) record of processing activities.
type Register struct {
	// AsOf is the date of the record, YYYY-MM-DD; adequacy decisions are
	// assessed on that date.
	AsOf       string
	Controller ControllerInfo
	Activities []RegisterRow
	// Files is the number of inventory files the register was built from.
	Files int
}

// ControllerInfo is the Art. 30(1)(a) identity block of the register.
// Missing values are empty strings: renderers print "not declared".
type ControllerInfo struct {
	Name, Contact, Country                    string
	DPOName, DPOContact                       string
	RepresentativeName, RepresentativeContact string
	PublicAuthority                           bool
}

// RegisterRow is one processing activity of the register.
type RegisterRow struct {
	ID      string
	Name    string
	Purpose string
	// LawfulBasis is the Art. 6(1) basis in words with its point;
	// LawfulDetails adds the legitimate interest, the consent mechanism and
	// the Art. 9(2)/10 condition.
	LawfulBasis   string
	LawfulDetails []string
	Subjects      []string
	Data          []string
	Recipients    []string
	// Transfers lists each transfer outside the EEA with its safeguard;
	// empty when the activity's recipients and systems are all in the EEA
	// (or declare no country).
	Transfers []TransferLine
	// TransferGap is set when a transfer has no valid safeguard.
	TransferGap bool
	Retention   string
	// NoRetention is set when neither a period nor criteria is declared.
	NoRetention bool
	Security    []string
	DPIA        string
	// Silent names the lists the activity does not declare at all
	// ("subjects", "data", "recipients", "security"). An empty list is
	// printed "not declared" when silent, "none" when declared empty.
	Silent []string
}

// The words of the register for a missing value: the inventory is silent
// (notDeclared) or declares an empty list (none). HTML, Markdown and CSV
// print the same.
const (
	notDeclared = "not declared"
	none        = "none"
)

// Empty is what the register prints for an empty list of the activity:
// "not declared" or "none".
func (row RegisterRow) Empty(list string) string {
	if slices.Contains(row.Silent, list) {
		return notDeclared
	}
	return none
}

// cell is a list of the activity, or its Empty word.
func (row RegisterRow) cell(list string, xs []string) []string {
	if len(xs) == 0 {
		return []string{row.Empty(list)}
	}
	return xs
}

// NewRegister builds the register of an inventory as of a date
// (YYYY-MM-DD).
//
// transfers is the rules' Chapter V assessment (audit.Engine.AssessTransfers):
// the register states it, it does not re-decide it.
func NewRegister(inv *inventory.Inventory, asOf string, transfers audit.Transfers) (*Register, error) {
	ref, err := policies.LoadCountries()
	if err != nil {
		return nil, err
	}
	m := inv.Model()
	reg := &Register{AsOf: asOf, Files: len(inv.Files)}
	if c := m.Controller; c != nil {
		reg.Controller = ControllerInfo{Name: c.Name, Contact: c.Contact, Country: c.Country, PublicAuthority: c.PublicAuthority}
		if c.DPO != nil {
			reg.Controller.DPOName, reg.Controller.DPOContact = c.DPO.Name, c.DPO.Contact
		}
		if c.Representative != nil {
			reg.Controller.RepresentativeName, reg.Controller.RepresentativeContact = c.Representative.Name, c.Representative.Contact
		}
	}
	ix := newModelIndex(m)
	tax, _ := policies.LoadTaxonomy() // a missing taxonomy only loses the Art. 9 markers
	for _, a := range m.Activities {
		row := RegisterRow{
			ID:            a.ID,
			Name:          cmpOr(a.Name, a.ID),
			Purpose:       a.Purpose,
			LawfulBasis:   lawfulBasisText(a.LawfulBasis),
			LawfulDetails: lawfulDetails(a),
			DPIA:          a.DPIA,
		}
		for _, l := range []struct {
			name string
			ids  []string
		}{{"subjects", a.Subjects}, {"data", a.Data}, {"recipients", a.Recipients}, {"security", a.Security}} {
			if l.ids == nil {
				row.Silent = append(row.Silent, l.name)
			}
		}
		for _, id := range a.Subjects {
			row.Subjects = append(row.Subjects, ix.subjectLabel(id))
		}
		for _, id := range a.Data {
			row.Data = append(row.Data, ix.dataLabel(id, tax))
		}
		for _, id := range a.Recipients {
			row.Recipients = append(row.Recipients, ix.recipientLabel(id))
			if r, ok := ix.recipients[id]; ok {
				row.addTransfers(ref, r.ID, transfers.Of("recipients", r.ID), r.Transfer)
			}
		}
		for _, id := range a.Systems {
			if s, ok := ix.systems[id]; ok {
				row.addTransfers(ref, systemName(s), transfers.Of("systems", s.ID), s.Transfer)
			}
		}
		row.Retention, row.NoRetention = retentionText(a.Retention)
		for _, id := range a.Security {
			if sm, ok := ix.security[id]; ok {
				row.Security = append(row.Security, cmpOr(sm.Description, sm.ID))
			} else {
				row.Security = append(row.Security, id)
			}
		}
		reg.Activities = append(reg.Activities, row)
	}
	return reg, nil
}

func (row *RegisterRow) addTransfers(ref *policies.Countries, who string, assessed map[string]audit.TransferAssessment, t *inventory.Transfer) {
	for _, dest := range slices.Sorted(maps.Keys(assessed)) {
		a := assessed[dest]
		gap := a.Status == audit.TransferNone
		row.Transfers = append(row.Transfers, TransferLine{Text: fmt.Sprintf("%s → %s: %s", who, destinationName(ref, dest, a), safeguardText(a, t)), Gap: gap})
		row.TransferGap = row.TransferGap || gap
	}
}

// HasTransfers reports whether an activity transfers data outside the
// EEA (the printed register then gives that column more room).
func (reg *Register) HasTransfers() bool {
	for _, a := range reg.Activities {
		if len(a.Transfers) > 0 {
			return true
		}
	}
	return false
}

// TransferLine is one transfer of an activity: "who → country:
// safeguard". Gap is set when no valid safeguard covers it.
type TransferLine struct {
	Text string
	Gap  bool
}

func transferTexts(ts []TransferLine) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
}

// modelIndex finds declarations by id.
type modelIndex struct {
	subjects   map[string]inventory.Subject
	data       map[string]inventory.DataCategory
	recipients map[string]inventory.Recipient
	systems    map[string]inventory.System
	security   map[string]inventory.SecurityMeasure
	activities map[string]inventory.Activity
}

func newModelIndex(m *inventory.Model) *modelIndex {
	ix := &modelIndex{
		subjects:   map[string]inventory.Subject{},
		data:       map[string]inventory.DataCategory{},
		recipients: map[string]inventory.Recipient{},
		systems:    map[string]inventory.System{},
		security:   map[string]inventory.SecurityMeasure{},
		activities: map[string]inventory.Activity{},
	}
	for _, x := range m.Subjects {
		ix.subjects[x.ID] = x
	}
	for _, x := range m.Data {
		ix.data[x.ID] = x
	}
	for _, x := range m.Recipients {
		ix.recipients[x.ID] = x
	}
	for _, x := range m.Systems {
		ix.systems[x.ID] = x
	}
	for _, x := range m.SecurityMeasures {
		ix.security[x.ID] = x
	}
	for _, x := range m.Activities {
		ix.activities[x.ID] = x
	}
	return ix
}

func (ix *modelIndex) subjectLabel(id string) string {
	if s, ok := ix.subjects[id]; ok && s.Description != "" {
		return s.Description
	}
	return id
}

func (ix *modelIndex) dataLabel(id string, tax *policies.Taxonomy) string {
	d, ok := ix.data[id]
	if !ok {
		return id
	}
	label := cmpOr(d.Description, d.ID)
	if tag := specialTag(tax, d.Category); tag != "" {
		label += " [" + tag + "]"
	}
	return label
}

func (ix *modelIndex) recipientLabel(id string) string {
	r, ok := ix.recipients[id]
	if !ok {
		return id
	}
	var extra []string
	if r.Role != "" {
		extra = append(extra, roleText(r.Role))
	}
	if len(r.Countries) > 0 {
		extra = append(extra, strings.Join(r.Countries, ", "))
	}
	if r.Contract != "" {
		extra = append(extra, "contract "+r.Contract)
	}
	label := cmpOr(r.Description, r.ID)
	if len(extra) > 0 {
		label += " (" + strings.Join(extra, "; ") + ")"
	}
	return label
}

func systemName(s inventory.System) string {
	if s.Provider != "" {
		return s.ID + " (" + s.Provider + ")"
	}
	return s.ID
}

// specialTag names the Art. 9 or Art. 10 tag of a taxonomy key.
func specialTag(tax *policies.Taxonomy, key string) string {
	if tax == nil || key == "" {
		return ""
	}
	switch tax.SpecialTag(key) {
	case "art9":
		return "special category, Art. 9"
	case "art10":
		return "criminal data, Art. 10"
	}
	return ""
}

var lawfulBases = map[string]string{
	"consent":              "Consent — Art. 6(1)(a)",
	"contract":             "Contract — Art. 6(1)(b)",
	"legal_obligation":     "Legal obligation — Art. 6(1)(c)",
	"vital_interests":      "Vital interests — Art. 6(1)(d)",
	"public_task":          "Public task — Art. 6(1)(e)",
	"legitimate_interests": "Legitimate interests — Art. 6(1)(f)",
}

func lawfulBasisText(b string) string {
	if b == "" {
		return ""
	}
	if t, ok := lawfulBases[b]; ok {
		return t
	}
	return b
}

var specialConditions = map[string]string{
	"explicit_consent":              "Art. 9(2)(a): explicit consent",
	"employment_social_security":    "Art. 9(2)(b): employment and social security law",
	"vital_interests":               "Art. 9(2)(c): vital interests",
	"not_for_profit_body":           "Art. 9(2)(d): not-for-profit body",
	"made_public":                   "Art. 9(2)(e): made public by the data subject",
	"legal_claims":                  "Art. 9(2)(f): legal claims",
	"substantial_public_interest":   "Art. 9(2)(g): substantial public interest",
	"health_or_social_care":         "Art. 9(2)(h): health or social care",
	"public_health":                 "Art. 9(2)(i): public health",
	"archiving_research_statistics": "Art. 9(2)(j): archiving, research or statistics",
	"official_authority":            "Art. 10: under official authority",
	"legal_authorisation":           "Art. 10: authorised by Union or Member State law",
}

func lawfulDetails(a inventory.Activity) []string {
	var out []string
	if li := a.LegitimateInterest; li != nil {
		if li.Interest != "" {
			out = append(out, "Interest: "+li.Interest)
		}
		out = append(out, "Balancing test: "+cmpOr(li.Assessment, "not referenced"))
	}
	if c := a.Consent; c != nil {
		if c.Mechanism != "" {
			out = append(out, "Consent collected by: "+c.Mechanism)
		}
		if c.Withdrawal != "" {
			out = append(out, "Withdrawal: "+c.Withdrawal)
		}
	}
	for _, c := range a.SpecialCondition {
		out = append(out, "Condition "+cmpOr(specialConditions[c], c))
	}
	if a.LegalProvision != "" {
		out = append(out, "Law relied on: "+a.LegalProvision)
	}
	return out
}

var roles = map[string]string{
	"internal":         "internal",
	"processor":        "processor",
	"controller":       "independent controller",
	"joint_controller": "joint controller",
	"authority":        "public authority",
}

func roleText(r string) string { return cmpOr(roles[r], r) }

// retentionText describes a retention rule; no is set when none is
// declared.
func retentionText(r *inventory.Retention) (text string, none bool) {
	if r == nil || r.Period == "" && r.Criteria == "" {
		return notDeclared, true
	}
	var parts []string
	if r.Period != "" {
		p := humanDuration(r.Period)
		if r.After != "" {
			p += " after " + strings.ReplaceAll(r.After, "_", " ")
		}
		parts = append(parts, p)
	}
	if r.Basis != "" {
		parts = append(parts, "basis: "+r.Basis)
	}
	if r.Criteria != "" {
		parts = append(parts, "criteria: "+r.Criteria)
	}
	return strings.Join(parts, "; "), false
}

// humanDuration spells an ISO 8601 duration out ("P10Y" -> "10 years",
// "PT30M" -> "30 minutes"); anything else is returned as is.
func humanDuration(d string) string {
	parts, ok := inventory.ParseDuration(d)
	if !ok {
		return d
	}
	words := make([]string, len(parts))
	for i, p := range parts {
		words[i] = fmt.Sprintf("%d %ss", p.N, p.Unit)
		if p.N == 1 {
			words[i] = "1 " + p.Unit
		}
	}
	return strings.Join(words, " ")
}

// Countries and Chapter V.

// normCountries resolves aliases and drops duplicates, keeping order.
func normCountries(ref *policies.Countries, cs []string) []string {
	var out []string
	for _, c := range cs {
		code := ref.Code(c)
		if code != "" && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// countryName is "United States (US)"; unknown codes stay as they are.
func countryName(ref *policies.Countries, code string) string {
	if a, ok := ref.Adequacy[code]; ok && a.Name != "" {
		return a.Name + " (" + code + ")"
	}
	if r, err := language.ParseRegion(code); err == nil {
		if n := display.English.Regions().Name(r); n != "" && n != code {
			return n + " (" + code + ")"
		}
	}
	return code
}

var mechanisms = map[string]string{
	"scc":             "standard contractual clauses (Art. 46(2)(c))",
	"bcr":             "binding corporate rules (Art. 47)",
	"code_of_conduct": "code of conduct (Art. 46(2)(e))",
	"certification":   "certification (Art. 46(2)(f))",
}

var derogations = map[string]string{
	"explicit_consent":                "Art. 49(1)(a): explicit consent",
	"contract_with_subject":           "Art. 49(1)(b): contract with the data subject",
	"contract_in_subject_interest":    "Art. 49(1)(c): contract in the data subject's interest",
	"public_interest":                 "Art. 49(1)(d): important reasons of public interest",
	"legal_claims":                    "Art. 49(1)(e): legal claims",
	"vital_interests":                 "Art. 49(1)(f): vital interests",
	"public_register":                 "Art. 49(1)(g): public register",
	"compelling_legitimate_interests": "Art. 49(1), second subparagraph: compelling legitimate interests",
}

// safeguardText says in words how the rules found a transfer covered: the
// decision, the safeguard or derogation with its reference, or why nothing
// valid covers it.
func safeguardText(a audit.TransferAssessment, t *inventory.Transfer) string {
	withRef := func(s string) string {
		if t != nil && t.Reference != "" {
			return s + " — " + t.Reference
		}
		return s
	}
	switch a.Status {
	case audit.TransferAdequacy:
		switch {
		case t != nil && t.DPFCertified:
			return "adequacy decision " + a.Decision + " (EU-US Data Privacy Framework, certified)"
		case t != nil && t.Scope != "":
			return "adequacy decision " + a.Decision + " (within its scope: " + t.Scope + ")"
		}
		return "adequacy decision " + a.Decision
	case audit.TransferSafeguard:
		if a.Mechanism == "derogation" {
			return withRef("derogation, " + cmpOr(derogations[a.Derogation], a.Derogation))
		}
		return withRef(cmpOr(mechanisms[a.Mechanism], a.Mechanism))
	}
	mechanism := ""
	if t != nil {
		mechanism = t.Mechanism
	}
	switch {
	case mechanism == "adequacy" && a.Reason != "":
		return "NO VALID SAFEGUARD (adequacy claimed; " + a.Reason + ")"
	case mechanism == "adequacy":
		return "NO VALID SAFEGUARD (adequacy claimed, no decision in force)"
	case mechanism == "derogation":
		return "NO VALID SAFEGUARD (derogation without a valid Art. 49(1) point)"
	case a.Reason != "":
		return "NO SAFEGUARD DECLARED (" + a.Reason + ")"
	}
	return "NO SAFEGUARD DECLARED"
}

// destinationName is "United States (US)", or the name of an international
// organisation.
func destinationName(ref *policies.Countries, dest string, a audit.TransferAssessment) string {
	if a.Kind == "io" {
		if o, ok := ref.InternationalOrganisations[dest]; ok && o.Name != "" {
			return o.Name + " (international organisation)"
		}
		return dest + " (international organisation)"
	}
	return countryName(ref, dest)
}

// Third-country transfers grouped by country (HTML report).

// countryTransfers lists what goes to one country outside the EEA.
type countryTransfers struct {
	Code, Name string
	// Adequacy describes the decision in force on the audit date, or says
	// there is none.
	Adequacy string
	Scope    string
	Entries  []transferEntry
	Gap      bool
}

type transferEntry struct {
	Kind       string // "system" or "recipient"
	ID         string
	Label      string
	Safeguard  string
	Gap        bool
	Activities []string
}

func transfersByCountry(m *inventory.Model, asOf string, transfers audit.Transfers) ([]countryTransfers, error) {
	ref, err := policies.LoadCountries()
	if err != nil {
		return nil, err
	}
	users := map[string][]string{} // "recipients/x" -> activity names
	for _, a := range m.Activities {
		for _, id := range a.Recipients {
			users["recipients/"+id] = append(users["recipients/"+id], cmpOr(a.Name, a.ID))
		}
		for _, id := range a.Systems {
			users["systems/"+id] = append(users["systems/"+id], cmpOr(a.Name, a.ID))
		}
	}
	byCode := map[string]*countryTransfers{}
	add := func(kind, section, id, label string, t *inventory.Transfer) {
		assessed := transfers.Of(section, id)
		for _, dest := range slices.Sorted(maps.Keys(assessed)) {
			a := assessed[dest]
			ct := byCode[dest]
			if ct == nil {
				ct = &countryTransfers{Code: dest, Name: destinationName(ref, dest, a), Adequacy: "No adequacy decision in force on " + asOf}
				d, ok := ref.AdequacyInForce(dest, asOf)
				if a.Kind == "io" {
					d, ok = ref.OrganisationAdequacyInForce(dest, asOf)
				}
				if ok {
					ct.Adequacy = "Adequacy decision " + d.Decision + " (since " + d.Start
					if d.End != "" {
						ct.Adequacy += ", until " + d.End
					}
					ct.Adequacy += ")"
					ct.Scope = d.Scope
				}
				byCode[dest] = ct
			}
			gap := a.Status == audit.TransferNone
			ct.Entries = append(ct.Entries, transferEntry{Kind: kind, ID: id, Label: label, Safeguard: safeguardText(a, t), Gap: gap, Activities: users[section+"/"+id]})
			ct.Gap = ct.Gap || gap
		}
	}
	for _, s := range m.Systems {
		add("system", "systems", s.ID, cmpOr(s.Description, s.ID), s.Transfer)
	}
	for _, r := range m.Recipients {
		add("recipient", "recipients", r.ID, cmpOr(r.Description, r.ID), r.Transfer)
	}
	out := make([]countryTransfers, 0, len(byCode))
	for _, ct := range byCode {
		out = append(out, *ct)
	}
	slices.SortFunc(out, func(a, b countryTransfers) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

// Rendering.

// RegisterOptions tune the rendering of a register.
type RegisterOptions struct {
	// BOM starts a CSV register with a UTF-8 byte order mark, for
	// spreadsheets that do not assume UTF-8.
	BOM bool
}

// WriteRegister renders a register in one of RegisterFormats.
func WriteRegister(w io.Writer, reg *Register, format string) error {
	return WriteRegisterWith(w, reg, format, RegisterOptions{})
}

// WriteRegisterWith renders a register in one of RegisterFormats with
// options.
func WriteRegisterWith(w io.Writer, reg *Register, format string, opt RegisterOptions) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case RegisterMarkdown:
		err = registerMarkdown(&buf, reg)
	case RegisterCSV:
		err = registerCSV(&buf, reg, opt)
	case RegisterHTML:
		err = registerHTML(&buf, reg)
	default:
		return fmt.Errorf("unknown register format %q (want %s)", format, strings.Join(RegisterFormats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("render register: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// RegisterFromResult builds the register of an audited inventory, as of
// the audit date.
func RegisterFromResult(r *audit.Result) (*Register, error) {
	if r.Inventory == nil {
		return &Register{AsOf: r.AsOf}, nil
	}
	return NewRegister(r.Inventory, r.AsOf, r.Transfers)
}

func registerMarkdown(w io.Writer, reg *Register) error {
	ew := errw.New(w)
	c := reg.Controller
	ew.Printf("# Record of processing activities\n\n")
	ew.Printf("GDPR Article 30(1) record of %s, as of %s.\n\n", mdText(cmpOr(c.Name, "the controller")), reg.AsOf)
	ew.Printf("## Controller\n\n")
	ew.Printf("| | |\n|---|---|\n")
	for _, kv := range controllerFields(c) {
		ew.Printf("| %s | %s |\n", kv[0], mdCell(kv[1]))
	}
	ew.Printf("\n## Processing activities\n\n")
	if len(reg.Activities) == 0 {
		ew.Printf("No processing activity is declared.\n")
		return ew.Err
	}
	ew.Printf("| Activity | Purpose | Lawful basis | Data subjects | Categories of personal data | Recipients | Transfers outside the EEA | Retention | Security measures |\n")
	ew.Printf("|---|---|---|---|---|---|---|---|---|\n")
	for _, a := range reg.Activities {
		basis := append([]string{cmpOr(a.LawfulBasis, notDeclared)}, a.LawfulDetails...)
		name := mdText(a.Name) + " (`" + a.ID + "`)"
		if a.DPIA != "" {
			name += "<br>DPIA: " + mdText(a.DPIA)
		}
		ew.Printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			name, mdCell(cmpOr(a.Purpose, notDeclared)), mdList(basis), mdList(a.cell("subjects", a.Subjects)), mdList(a.cell("data", a.Data)),
			mdList(a.cell("recipients", a.Recipients)), mdList(orNone(transferTexts(a.Transfers), none)), mdCell(a.Retention), mdList(a.cell("security", a.Security)))
	}
	ew.Printf("\nGenerated by ropa %s from %s.\n", audit.Version(), plural(reg.Files, "inventory file"))
	return ew.Err
}

func controllerFields(c ControllerInfo) [][2]string {
	dpo := cmpOr(c.DPOName, notDeclared)
	if c.DPOName != "" || c.DPOContact != "" {
		dpo = cmpOr(c.DPOName, "(unnamed)") + ", contact: " + cmpOr(c.DPOContact, notDeclared)
	}
	rep := notDeclared
	if c.RepresentativeName != "" || c.RepresentativeContact != "" {
		rep = cmpOr(c.RepresentativeName, "(unnamed)") + ", contact: " + cmpOr(c.RepresentativeContact, notDeclared)
	}
	country := notDeclared
	if c.Country != "" {
		if ref, err := policies.LoadCountries(); err == nil {
			code := ref.Code(c.Country)
			country = countryName(ref, code)
			if rep == notDeclared && ref.InEEA(code) {
				rep = "not required (established in the EEA)" // Art. 27(1) read with Art. 3(2)
			}
		} else {
			country = c.Country
		}
	}
	return [][2]string{
		{"Name", cmpOr(c.Name, notDeclared)},
		{"Contact", cmpOr(c.Contact, notDeclared)},
		{"Country", country},
		{"Data protection officer", dpo},
		{"Representative in the Union (Art. 27)", rep},
	}
}

func orNone(xs []string, word string) []string {
	if len(xs) == 0 {
		return []string{word}
	}
	return xs
}

// registerColumns are the CSV header of the register: one row per
// activity, then the Art. 30(1)(a) identity of the controller and the
// date of the record, repeated on every row so that a filtered or sorted
// sheet keeps them.
var registerColumns = []string{
	"activity_id", "activity", "purpose", "lawful_basis", "lawful_basis_details",
	"data_subjects", "data_categories", "recipients", "transfers_outside_eea",
	"retention", "security_measures", "dpia",
	"controller", "controller_contact", "controller_country", "dpo", "representative", "record_date",
}

// utf8BOM marks a file as UTF-8 for spreadsheets that otherwise guess a
// legacy encoding (Excel).
const utf8BOM = "\ufeff"

func registerCSV(w io.Writer, reg *Register, opt RegisterOptions) error {
	if opt.BOM {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	join := func(xs []string) string { return strings.Join(xs, "; ") }
	if err := cw.Write(registerColumns); err != nil {
		return err
	}
	var ctl []string
	for _, kv := range controllerFields(reg.Controller) {
		ctl = append(ctl, kv[1])
	}
	for _, a := range reg.Activities {
		rec := []string{
			a.ID, a.Name, cmpOr(a.Purpose, notDeclared), cmpOr(a.LawfulBasis, notDeclared), cmpOr(join(a.LawfulDetails), none),
			join(a.cell("subjects", a.Subjects)), join(a.cell("data", a.Data)), join(a.cell("recipients", a.Recipients)),
			cmpOr(join(transferTexts(a.Transfers)), none),
			a.Retention, join(a.cell("security", a.Security)), cmpOr(a.DPIA, notDeclared),
		}
		rec = append(rec, ctl...)
		rec = append(rec, reg.AsOf)
		for i, v := range rec {
			rec[i] = csvSafe(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses spreadsheet formulas: a cell starting with = + - @ (or
// a tab or carriage return) is prefixed with a quote, as OWASP advises
// for CSV files opened in spreadsheets.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Markdown helpers shared with the markdown report.

// mdText escapes user text for Markdown (internal/markdown).
func mdText(s string) string { return markdown.Escape(s) }

// mdCell is mdText for a table cell.
func mdCell(s string) string { return strings.TrimSpace(mdText(s)) }

// mdList renders a list in one table cell, one item a line.
func mdList(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = mdCell(x)
	}
	return strings.Join(out, "<br>")
}
