package notice

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

// GapRule says which notice item a rule's finding concerns. The notice
// shows a gap marker for every unwaived finding of these rules, at the
// place of the item; Mandatory items (Art. 13(1)-(2), 14(1)-(2)) make the
// notice incomplete. Other findings (password storage, DPIA, contracts)
// do not concern the notice.
type GapRule struct {
	Rule, Item, Article string
	Mandatory           bool
	// PathSuffix, when set, limits the mapping to the findings whose path
	// ends so (the other findings of the rule do not concern the notice).
	PathSuffix string
}

// GapRules is the mapping, in the order of the notice.
var GapRules = []GapRule{
	{"gdpr/controller-identity", "controller contact details", "Art. 13(1)(a)", true, ""},
	{"gdpr/representative", "representative in the Union", "Art. 13(1)(a)", true, ""},
	{"gdpr/dpo-contact", "DPO contact details", "Art. 13(1)(b)", true, ""},
	{"gdpr/purpose", "purpose", "Art. 13(1)(c)", true, ""},
	{"gdpr/lawful-basis", "lawful basis", "Art. 13(1)(c)", true, ""},
	{"gdpr/legal-provision", "law relied on", "Art. 6(3)", false, ""},
	{"gdpr/legitimate-interest", "legitimate interest (the interest pursued is mandatory, Art. 13(1)(d); the balancing-test reference is not)", "Art. 13(1)(d)", true, ""},
	{"gdpr/consent-withdrawal", "how to withdraw consent", "Art. 13(2)(c)", true, ""},
	{"gdpr/retention", "retention period", "Art. 13(2)(a)", true, ""},
	{"gdpr/retention-criteria-only", "retention period (criteria are given, which Art. 13(2)(a) accepts when a period is not possible)", "Art. 13(2)(a)", false, ""},
	{"gdpr/third-country-transfer", "transfer safeguard", "Art. 13(1)(f)", true, ""},
	{"gdpr/adequacy-claim", "transfer safeguard", "Art. 13(1)(f)", true, ""},
	{"gdpr/unknown-location", "recipient location", "Art. 13(1)(e)-(f)", false, ""},
	{"gdpr/automated-decision", "automated decision safeguards", "Art. 13(2)(f), 22(3)", true, ""},
	{"gdpr/data-origin", "source of the data", "Art. 14(2)(f)", true, ""},
	{"gdpr/rights", "rights and how to exercise them", "Art. 13(2)(b)-(d)", true, ""},
	{"eprivacy/cookie-consent", "cookie consent", "ePrivacy Art. 5(3)", false, ""},
	{"cnil/audience-measurement", "audience-measurement data retention", "CNIL 2020-091", false, "/audience_measurement/data_retention"},
}

// rightsOrder is the order of the rights in the notice.
var rightsOrder = []string{"access", "rectification", "erasure", "restriction", "objection", "portability", "withdraw_consent", "post_mortem", "complaint"}

type builder struct {
	r    *audit.Result
	m    *inventory.Model
	tr   *translator
	fi   *findingIndex
	ref  *policies.Countries
	auth *Authorities
	gaps []Gap

	data       map[string]inventory.DataCategory
	recipients map[string]inventory.Recipient
	activities map[string]inventory.Activity
	subjects   map[string]inventory.Subject
}

func newBuilder(r *audit.Result, tr *translator) (*builder, error) {
	ref, err := policies.LoadCountries()
	if err != nil {
		return nil, err
	}
	auth, err := LoadAuthorities()
	if err != nil {
		return nil, err
	}
	b := &builder{r: r, m: r.Inventory.Model(), tr: tr, fi: newFindingIndex(r.Findings), ref: ref, auth: auth,
		data: map[string]inventory.DataCategory{}, recipients: map[string]inventory.Recipient{},
		activities: map[string]inventory.Activity{}, subjects: map[string]inventory.Subject{}}
	for _, d := range b.m.Data {
		b.data[d.ID] = d
	}
	for _, x := range b.m.Recipients {
		b.recipients[x.ID] = x
	}
	for _, x := range b.m.Activities {
		b.activities[x.ID] = x
	}
	for _, x := range b.m.Subjects {
		b.subjects[x.ID] = x
	}
	return b, nil
}

// Helpers to build paragraphs.

func txt(s string) Span { return Span{Text: s} }

func para(spans ...Span) Para { return Para(spans) }

func p(spans ...Span) Block { return Block{Kind: "p", Items: []Para{para(spans...)}} }

func ul(items []Para) Block { return Block{Kind: "ul", Items: items} }

// gap records a gap revealed by findings and returns its marker, or
// false when there is no unwaived finding.
func (b *builder) gap(fs []inventory.Finding, itemKey string, mandatory bool) (Span, bool) {
	if len(fs) == 0 {
		return Span{}, false
	}
	item := b.tr.T(itemKey)
	for _, f := range fs {
		b.gaps = append(b.gaps, Gap{Item: item, Rule: f.Rule, Path: f.Path, Mandatory: mandatory})
	}
	return b.marker(itemKey), true
}

func (b *builder) marker(itemKey string) Span {
	return Span{Text: b.tr.T("gap", "item", b.tr.T(itemKey)), Gap: true}
}

func (b *builder) controllerName() string {
	if c := b.m.Controller; c != nil && strings.TrimSpace(c.Name) != "" {
		return c.Name
	}
	return b.tr.T("controller.unnamed")
}

// country is the country's name in the notice's language.
func (b *builder) country(c string) string {
	code := b.ref.Code(c)
	if r, err := language.ParseRegion(code); err == nil {
		if n := display.Regions(language.Make(b.tr.lang)).Name(r); n != "" {
			return n
		}
	}
	return code
}

func (b *builder) countries(cs []string) string {
	var names []string
	for _, c := range cs {
		n := b.country(c)
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return b.tr.List(names)
}

func (b *builder) activityName(a inventory.Activity) string {
	if strings.TrimSpace(a.Name) != "" {
		return a.Name
	}
	return a.ID
}

func (b *builder) build() *Notice {
	name := b.controllerName()
	n := &Notice{
		Lang:     b.tr.lang,
		Title:    b.tr.T("title", "controller", name),
		Subtitle: b.tr.T("subtitle", "controller", name, "date", b.tr.Date(b.r.AsOf)),
		AsOf:     b.r.AsOf,
	}
	// The full notice first: building it records the gaps, which the
	// first layer reuses.
	full := []Section{
		b.controllerSection(),
		b.purposesSection(),
		b.dataSection(),
		b.recipientsSection(),
		b.transfersSection(),
		b.retentionSection(),
		b.automatedSection(),
		b.cookiesSection(),
		b.rightsSection(),
	}
	n.Summary = b.summarySection(full)
	n.Sections = full
	n.Footer = para(txt(b.tr.T("footer", "version", audit.Version(), "date", b.tr.Date(b.r.AsOf), "files", strconv.Itoa(len(b.r.Inventory.Files)))))
	n.Gaps = b.gaps
	return n
}

// 1. Controller, DPO, representative (Art. 13(1)(a)-(b), 14(1)(a)-(b)).
func (b *builder) controllerSection() Section {
	s := Section{ID: "controller", Title: b.tr.T("h.controller")}
	c := b.m.Controller
	if c == nil {
		c = &inventory.Controller{}
	}
	name := b.controllerName()
	s.Blocks = append(s.Blocks, p(txt(b.tr.T("controller.is", "controller", name))))
	contact := para(txt(b.tr.T("controller.contact") + " "))
	switch g, ok := b.gap(b.fi.exactly("gdpr/controller-identity", "controller", "controller/contact"), "item.controller_contact", true); {
	case ok:
		contact = append(contact, g)
	case c.Contact != "":
		contact = append(contact, contactSpan(c.Contact))
	default:
		contact = append(contact, txt(b.tr.T("none.declared")))
	}
	items := []Para{contact}
	if c.Country != "" {
		items = append(items, para(txt(b.tr.T("controller.country", "country", b.country(c.Country)))))
	}
	// DPO (Art. 13(1)(b)): "where applicable".
	dpoGap, hasDPOGap := b.gap(b.fi.at("gdpr/dpo-contact", "controller/dpo"), "item.dpo_contact", true)
	if d := c.DPO; d != nil || hasDPOGap {
		line := para(txt(b.tr.T("controller.dpo") + " "))
		if d != nil && d.Name != "" {
			line = append(line, txt(d.Name))
			if d.Contact != "" || hasDPOGap {
				line = append(line, txt(b.tr.T("sep.comma")))
			}
		}
		if d != nil && d.Contact != "" {
			line = append(line, contactSpan(d.Contact))
		} else if hasDPOGap {
			line = append(line, dpoGap)
		}
		items = append(items, line)
	}
	repGap, hasRepGap := b.gap(b.fi.at("gdpr/representative", "controller"), "item.representative", true)
	if r := c.Representative; r != nil || hasRepGap {
		line := para(txt(b.tr.T("controller.representative") + " "))
		if r != nil && r.Name != "" {
			line = append(line, txt(r.Name))
			if r.Contact != "" {
				line = append(line, txt(b.tr.T("sep.comma")), contactSpan(r.Contact))
			}
		}
		if hasRepGap {
			line = append(line, repGap)
		}
		items = append(items, line)
	}
	s.Blocks = append(s.Blocks, ul(items))
	return s
}

// contactSpan links an e-mail address or a URL; other contacts are text.
func contactSpan(c string) Span {
	c = strings.TrimSpace(c)
	switch {
	case strings.HasPrefix(c, "https://") || strings.HasPrefix(c, "http://"):
		return Span{Text: c, Href: c}
	case strings.Count(c, "@") == 1 && !strings.ContainsAny(c, " <>\"'") && strings.Contains(c[strings.Index(c, "@"):], "."):
		return Span{Text: c, Href: "mailto:" + c}
	}
	return txt(c)
}

// 2. Purposes and lawful bases (Art. 13(1)(c)-(d), 13(2)(e), 14(1)(c), 14(2)(b)).
func (b *builder) purposesSection() Section {
	s := Section{ID: "purposes", Title: b.tr.T("h.purposes")}
	if len(b.m.Activities) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("purposes.none"))))
		return s
	}
	s.Blocks = append(s.Blocks, p(txt(b.tr.T("purposes.intro"))))
	for _, a := range b.m.Activities {
		sub := Section{ID: "activity-" + a.ID, Title: b.activityName(a)}
		base := "activities/" + a.ID
		var items []Para
		// Purpose.
		line := para(txt(b.tr.T("purpose.label") + " "))
		if g, ok := b.gap(b.fi.at("gdpr/purpose", base), "item.purpose", true); ok {
			line = append(line, g)
		} else {
			line = append(line, txt(cmpOr(a.Purpose, b.activityName(a))))
		}
		items = append(items, line)
		// Lawful basis.
		line = para(txt(b.tr.T("basis.label") + " "))
		if g, ok := b.gap(b.fi.at("gdpr/lawful-basis", base), "item.lawful_basis", true); ok {
			line = append(line, g)
		} else if a.LawfulBasis != "" {
			line = append(line, txt(b.basis(a.LawfulBasis)))
		}
		items = append(items, line)
		// Legitimate interest (Art. 13(1)(d)).
		if a.LawfulBasis == "legitimate_interests" || a.LegitimateInterest != nil {
			li := a.LegitimateInterest
			if li == nil {
				li = &inventory.LegitimateInterest{}
			}
			fs := b.fi.at("gdpr/legitimate-interest", base)
			line = para(txt(b.tr.T("interest.label") + " "))
			if li.Interest != "" {
				line = append(line, txt(li.Interest))
			} else if g, ok := b.gap(fs, "item.interest", true); ok {
				line = append(line, g)
				fs = nil
			}
			if li.Assessment != "" {
				line = append(line, txt(" "+b.tr.T("interest.assessment", "ref", li.Assessment)))
			} else if g, ok := b.gap(fs, "item.assessment", false); ok {
				line = append(line, txt(" "), g)
			}
			items = append(items, line)
		}
		// Consent (Art. 13(2)(c)).
		if a.LawfulBasis == "consent" || a.Consent != nil || slices.Contains(a.SpecialCondition, "explicit_consent") {
			cs := a.Consent
			if cs == nil {
				cs = &inventory.Consent{}
			}
			if cs.Mechanism != "" {
				items = append(items, para(txt(b.tr.T("consent.mechanism", "mechanism", cs.Mechanism))))
			}
			line = para(txt(b.tr.T("consent.withdrawal") + " "))
			if cs.Withdrawal != "" {
				line = append(line, txt(cs.Withdrawal))
			} else if g, ok := b.gap(b.fi.at("gdpr/consent-withdrawal", base), "item.withdrawal", true); ok {
				line = append(line, g)
			} else {
				line = append(line, txt(b.tr.T("none.declared")))
			}
			items = append(items, line)
			if cs.Parental {
				items = append(items, para(txt(b.tr.T("consent.parental"))))
			}
		}
		// Special categories condition and the law relied on.
		for _, c := range a.SpecialCondition {
			k := "condition." + c
			if b.tr.Has(k) {
				items = append(items, para(txt(b.tr.T(k))))
			} else {
				items = append(items, para(txt(b.tr.T("condition.other", "condition", c))))
			}
		}
		if a.LegalProvision != "" {
			items = append(items, para(txt(b.tr.T("provision.label")+" "), txt(a.LegalProvision)))
		} else if g, ok := b.gap(b.fi.at("gdpr/legal-provision", base), "item.legal_provision", false); ok {
			items = append(items, para(txt(b.tr.T("provision.label")+" "), g))
		}
		// Statutory or contractual requirement (Art. 13(2)(e)).
		if a.Required != "" {
			k := "required." + a.Required
			if b.tr.Has(k) {
				items = append(items, para(txt(b.tr.T(k))))
			}
		}
		// Data subjects and data.
		if len(a.Subjects) > 0 {
			var names []string
			for _, id := range a.Subjects {
				names = append(names, b.subjectLabel(id))
			}
			items = append(items, para(txt(b.tr.T("subjects.label")+" "), txt(strings.Join(names, "; "))))
		}
		if len(a.Data) > 0 {
			var names []string
			for _, id := range a.Data {
				names = append(names, b.dataLabel(id))
			}
			items = append(items, para(txt(b.tr.T("data.label")+" "), txt(strings.Join(names, "; "))))
		}
		if len(a.Recipients) > 0 {
			var names []string
			for _, id := range a.Recipients {
				names = append(names, b.recipientLabel(id))
			}
			items = append(items, para(txt(b.tr.T("recipients.label")+" "), txt(strings.Join(names, "; "))))
		}
		// Retention.
		items = append(items, append(para(txt(b.tr.T("retention.label")+" ")), b.retention(a)...))
		sub.Blocks = append(sub.Blocks, ul(items))
		s.Subs = append(s.Subs, sub)
	}
	return s
}

func (b *builder) basis(basis string) string {
	if k := "basis." + basis; b.tr.Has(k) {
		return b.tr.T(k)
	}
	return basis
}

func (b *builder) subjectLabel(id string) string {
	if s, ok := b.subjects[id]; ok && s.Description != "" {
		return s.Description
	}
	return id
}

func (b *builder) dataLabel(id string) string {
	if d, ok := b.data[id]; ok && d.Description != "" {
		return d.Description
	}
	return id
}

func (b *builder) recipientLabel(id string) string {
	if r, ok := b.recipients[id]; ok && r.Description != "" {
		return r.Description
	}
	return id
}

// retention words an activity's retention rule (Art. 13(2)(a)).
func (b *builder) retention(a inventory.Activity) Para {
	base := "activities/" + a.ID
	rt := a.Retention
	if rt == nil || rt.Period == "" && rt.Criteria == "" {
		if g, ok := b.gap(b.fi.at("gdpr/retention", base), "item.retention_period", true); ok {
			return para(g)
		}
		return para(txt(b.tr.T("none.declared")))
	}
	var out Para
	if rt.Period != "" {
		d := b.tr.Duration(rt.Period)
		if rt.After != "" {
			out = append(out, txt(b.tr.T("retention.period_after", "duration", d, "after", b.tr.After(rt.After))))
		} else {
			out = append(out, txt(b.tr.T("retention.period", "duration", d)))
		}
		if rt.Basis != "" {
			out = append(out, txt(" "+b.tr.T("retention.basis", "basis", rt.Basis)))
		}
	}
	if rt.Criteria != "" {
		if len(out) > 0 {
			out = append(out, txt(" "))
		}
		out = append(out, txt(b.tr.T("retention.criteria", "criteria", strings.Join(strings.Fields(rt.Criteria), " "))))
		if rt.Period == "" {
			if g, ok := b.gap(b.fi.at("gdpr/retention-criteria-only", base), "item.retention_period", false); ok {
				out = append(out, txt(" "), g)
			}
		}
	}
	return out
}

// 3. Categories of data and their source (Art. 14(1)(d), 14(2)(f)).
func (b *builder) dataSection() Section {
	s := Section{ID: "data", Title: b.tr.T("h.data")}
	if len(b.m.Data) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("data.none"))))
		return s
	}
	t := Block{Kind: "table", Caption: b.tr.T("data.caption"), Head: []string{b.tr.T("data.col.category"), b.tr.T("data.col.source")}}
	for _, d := range b.m.Data {
		var src Para
		switch d.Source {
		case "data_subject", "automatic":
			src = para(txt(b.tr.T("source." + d.Source)))
		case "third_party":
			src = para(txt(b.tr.T("source.third_party") + " "))
			if d.Origin != "" {
				src = append(src, txt(d.Origin))
			} else if g, ok := b.gap(b.fi.at("gdpr/data-origin", "data/"+d.ID), "item.origin", true); ok {
				src = append(src, g)
			} else {
				src = append(src, txt(b.tr.T("none.declared")))
			}
		default:
			src = para(txt(b.tr.T("none.declared")))
		}
		t.Rows = append(t.Rows, []Para{para(txt(cmpOr(d.Description, d.ID))), src})
	}
	s.Blocks = append(s.Blocks, t)
	if c := b.m.Commitments; c != nil && c.SpecialData == "none" && len(b.fi.byRule["commitment/special-data"]) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("commitment.special_data"))))
	}
	return s
}

// 4. Recipients by category (Art. 13(1)(e), 14(1)(e)).
func (b *builder) recipientsSection() Section {
	s := Section{ID: "recipients", Title: b.tr.T("h.recipients")}
	if len(b.m.Recipients) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("recipients.none"))))
		return s
	}
	users := map[string][]string{}
	for _, a := range b.m.Activities {
		for _, id := range a.Recipients {
			users[id] = append(users[id], b.activityName(a))
		}
	}
	t := Block{Kind: "table", Caption: b.tr.T("recipients.caption"), Head: []string{b.tr.T("recipients.col.category"), b.tr.T("recipients.col.recipient"), b.tr.T("recipients.col.purposes")}}
	for _, role := range []string{"internal", "processor", "joint_controller", "controller", "authority", ""} {
		for _, r := range b.m.Recipients {
			if r.Role != role && !(role == "" && !slices.Contains([]string{"internal", "processor", "joint_controller", "controller", "authority"}, r.Role)) {
				continue
			}
			cat := b.tr.T("role.other")
			if k := "role." + r.Role; r.Role != "" && b.tr.Has(k) {
				cat = b.tr.T(k)
			}
			who := para(txt(cmpOr(r.Description, r.ID)))
			if len(r.Countries) > 0 {
				who = append(who, txt(" ("+b.countries(r.Countries)+")"))
			}
			var purposes Para
			if u := users[r.ID]; len(u) > 0 {
				purposes = para(txt(strings.Join(u, "; ")))
			} else {
				purposes = para(txt(b.tr.T("recipients.no_purpose")))
			}
			t.Rows = append(t.Rows, []Para{para(txt(cat)), who, purposes})
		}
	}
	s.Blocks = append(s.Blocks, t)
	return s
}

// 5. Hosting and transfers outside the EEA (Art. 13(1)(f), 14(1)(f)).
func (b *builder) transfersSection() Section {
	s := Section{ID: "transfers", Title: b.tr.T("h.transfers")}
	var hosting []string
	for _, sys := range b.m.Systems {
		hosting = append(hosting, sys.Countries...)
	}
	if len(hosting) > 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("hosting.countries", "countries", b.countries(b.uniq(hosting))))))
	}
	if c := b.m.Commitments; c != nil && c.Hosting == "eea" && len(b.fi.byRule["commitment/hosting"]) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("commitment.hosting"))))
	}
	// The destinations and how they are covered come from the rules'
	// Chapter V assessment (audit.Result.Transfers): the notice says what
	// the audit found, and marks a gap where gdpr/third-country-transfer
	// or gdpr/adequacy-claim fired.
	var items []Para
	add := func(section, id, label string, t *inventory.Transfer) {
		assessed := b.r.Transfers.Of(section, id)
		for _, dest := range slices.Sorted(maps.Keys(assessed)) {
			a := assessed[dest]
			line := para(txt(b.tr.T("transfer.to", "who", label, "country", b.country(dest)) + " "))
			if a.Kind == "io" {
				line = para(txt(b.tr.T("transfer.io", "who", label, "org", dest) + " "))
			}
			path := section + "/" + id
			fs := append(b.fi.at("gdpr/third-country-transfer", path), b.fi.at("gdpr/adequacy-claim", path)...)
			if g, ok := b.gap(fs, "item.safeguard", true); ok {
				line = append(line, g)
			} else {
				line = append(line, txt(b.safeguard(a, t)))
			}
			items = append(items, line)
		}
	}
	for _, sys := range b.m.Systems {
		add("systems", sys.ID, cmpOr(sys.Provider, cmpOr(sys.Description, sys.ID)), sys.Transfer)
	}
	for _, r := range b.m.Recipients {
		add("recipients", r.ID, cmpOr(r.Description, r.ID), r.Transfer)
	}
	if len(items) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("transfer.none"))))
	} else {
		s.Blocks = append(s.Blocks, ul(items))
		s.Blocks = append(s.Blocks, p(append(para(txt(b.tr.T("transfer.copy")+" ")), b.exerciseContact()...)...))
	}
	// Recipients whose location is not declared.
	var unknown []string
	for _, f := range b.fi.byRule["gdpr/unknown-location"] {
		parts := strings.Split(f.Path, "/")
		if len(parts) >= 2 {
			label := parts[1]
			if r, ok := b.recipients[parts[1]]; ok && parts[0] == "recipients" {
				label = cmpOr(r.Description, r.ID)
			}
			unknown = append(unknown, label)
		}
	}
	if len(unknown) > 0 {
		g, _ := b.gap(b.fi.byRule["gdpr/unknown-location"], "item.location", false)
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("transfer.unknown", "who", strings.Join(unknown, "; "))+" "), g))
	}
	return s
}

func (b *builder) uniq(cs []string) []string {
	var out []string
	for _, c := range cs {
		code := b.ref.Code(c)
		if code != "" && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// safeguard words the Chapter V basis the audit found for a transfer it
// did not flag.
func (b *builder) safeguard(a audit.TransferAssessment, t *inventory.Transfer) string {
	withRef := func(s string) string {
		if t != nil && t.Reference != "" {
			return s + " (" + t.Reference + ")"
		}
		return s
	}
	switch {
	case a.Status == audit.TransferAdequacy:
		return b.tr.T("safeguard.adequacy", "decision", a.Decision)
	case a.Mechanism == "derogation":
		if k := "derogation." + a.Derogation; b.tr.Has(k) {
			return withRef(b.tr.T(k))
		}
	case a.Mechanism != "":
		if k := "mechanism." + a.Mechanism; b.tr.Has(k) {
			return withRef(b.tr.T(k))
		}
		return withRef(a.Mechanism)
	}
	return b.tr.T("none.declared")
}

// exerciseContact is where data subjects write: the rights contact, else
// the controller's contact, else a gap marker.
func (b *builder) exerciseContact() Para {
	if b.m.Rights != nil && b.m.Rights.Contact != "" {
		return para(contactSpan(b.m.Rights.Contact))
	}
	if c := b.m.Controller; c != nil && c.Contact != "" {
		return para(contactSpan(c.Contact))
	}
	return para(b.marker("item.rights_contact"))
}

// 6. Retention (Art. 13(2)(a), 14(2)(a)).
func (b *builder) retentionSection() Section {
	s := Section{ID: "retention", Title: b.tr.T("h.retention")}
	if len(b.m.Activities) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("purposes.none"))))
		return s
	}
	t := Block{Kind: "table", Caption: b.tr.T("retention.caption"), Head: []string{b.tr.T("retention.col.purpose"), b.tr.T("retention.col.period")}}
	saved := len(b.gaps)
	for _, a := range b.m.Activities {
		t.Rows = append(t.Rows, []Para{para(txt(b.activityName(a))), b.retention(a)})
	}
	// The purposes section already recorded these gaps.
	b.gaps = b.gaps[:saved]
	s.Blocks = append(s.Blocks, t)
	return s
}

// 7. Automated decisions (Art. 13(2)(f), 14(2)(g), 22).
func (b *builder) automatedSection() Section {
	s := Section{ID: "automated", Title: b.tr.T("h.automated")}
	var items []Para
	for _, a := range b.m.Activities {
		ad := a.AutomatedDecision
		if ad == nil {
			continue
		}
		line := para(txt(b.tr.T("automated.exists", "activity", b.activityName(a))))
		if ad.LegalEffect {
			line = append(line, txt(" "+b.tr.T("automated.legal_effect")))
		}
		if k := "exception." + ad.Exception; ad.Exception != "" && b.tr.Has(k) {
			line = append(line, txt(" "+b.tr.T(k)))
		}
		var sg []string
		for _, x := range ad.Safeguards {
			if k := "ad.safeguard." + x; b.tr.Has(k) {
				sg = append(sg, b.tr.T(k))
			} else {
				sg = append(sg, x)
			}
		}
		if len(sg) > 0 {
			line = append(line, txt(" "+b.tr.T("automated.safeguards", "list", b.tr.List(sg))))
		}
		if g, ok := b.gap(b.fi.at("gdpr/automated-decision", "activities/"+a.ID), "item.automated_safeguards", true); ok {
			line = append(line, txt(" "), g)
		}
		// Format 1.1 has no field for the logic involved.
		line = append(line, txt(" "), b.marker("item.logic"))
		items = append(items, line)
	}
	if len(items) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("automated.none"))))
	} else {
		s.Blocks = append(s.Blocks, ul(items))
	}
	var profiling []string
	for _, a := range b.m.Activities {
		if isProfiling(a) {
			profiling = append(profiling, b.activityName(a))
		}
	}
	if len(profiling) > 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("profiling.list", "list", strings.Join(profiling, "; ")))))
	}
	return s
}

func isProfiling(a inventory.Activity) bool {
	return strings.Contains(a.Use, "profiling") || a.Risk != nil && a.Risk.EvaluationOrScoring
}

// 8. Cookies (ePrivacy Art. 5(3); CNIL 2020-091).
func (b *builder) cookiesSection() Section {
	s := Section{ID: "cookies", Title: b.tr.T("h.cookies")}
	if len(b.m.Cookies) == 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("cookies.none"))))
	} else {
		t := Block{Kind: "table", Caption: b.tr.T("cookies.caption"), Head: []string{
			b.tr.T("cookies.col.name"), b.tr.T("cookies.col.provider"), b.tr.T("cookies.col.purpose"),
			b.tr.T("cookies.col.lifetime"), b.tr.T("cookies.col.consent"),
		}}
		var notes []Para
		for _, c := range b.m.Cookies {
			purpose := c.Purpose
			if k := "cookie.purpose." + c.Purpose; b.tr.Has(k) {
				purpose = b.tr.T(k)
			}
			if a, ok := b.activities[c.Activity]; ok {
				purpose += " — " + b.activityName(a)
			}
			lifetime := b.tr.T("none.declared")
			if c.Lifetime != "" {
				lifetime = b.tr.Duration(c.Lifetime)
			}
			consent := para(txt(b.tr.T("none.declared")))
			if k := "cookie.consent." + c.Consent; c.Consent != "" && b.tr.Has(k) {
				consent = para(txt(b.tr.T(k)))
			}
			if g, ok := b.gap(b.fi.at("eprivacy/cookie-consent", "cookies/"+c.Name), "item.cookie_consent", false); ok {
				consent = append(consent, txt(" "), g)
			}
			t.Rows = append(t.Rows, []Para{para(txt(c.Name)), para(txt(cmpOr(c.Provider, b.controllerName()))), para(txt(purpose)), para(txt(lifetime)), consent})
			if am := c.AudienceMeasurement; am != nil {
				line := para(txt(b.tr.T("am.cookie", "name", c.Name, "provider", cmpOr(c.Provider, b.controllerName()))))
				if am.IPAnonymisationBytes != nil && *am.IPAnonymisationBytes > 0 {
					line = append(line, txt(" "+b.tr.T("am.ip", "n", strconv.Itoa(*am.IPAnonymisationBytes))))
				}
				if am.CrossSiteTracking {
					line = append(line, txt(" "+b.tr.T("am.cross_site")))
				} else {
					line = append(line, txt(" "+b.tr.T("am.no_cross_site")))
				}
				if am.CombinedWithOtherData {
					line = append(line, txt(" "+b.tr.T("am.combined")))
				}
				if am.DataRetention != "" {
					line = append(line, txt(" "+b.tr.T("am.retention", "duration", b.tr.Duration(am.DataRetention))))
				} else if g, ok := b.gap(b.fi.at("cnil/audience-measurement", "cookies/"+c.Name+"/audience_measurement/data_retention"), "item.am_retention", false); ok {
					line = append(line, txt(" "+b.tr.T("am.retention_label")+" "), g)
				}
				if c.Consent == "exempt" && b.supports("objection") {
					line = append(line, txt(" "+b.tr.T("am.optout")))
				}
				notes = append(notes, line)
			}
		}
		s.Blocks = append(s.Blocks, t)
		if len(notes) > 0 {
			s.Blocks = append(s.Blocks, ul(notes))
		}
	}
	if r := b.m.Rights; r != nil {
		switch r.DoNotTrack {
		case "honoured":
			s.Blocks = append(s.Blocks, p(txt(b.tr.T("dnt.honoured"))))
		case "ignored":
			s.Blocks = append(s.Blocks, p(txt(b.tr.T("dnt.ignored"))))
		}
	}
	return s
}

func (b *builder) supports(right string) bool {
	return b.m.Rights != nil && slices.Contains(b.m.Rights.Supported, right)
}

// 9. Rights (Art. 13(2)(b)-(d), 14(2)(c)-(e), 15-22, 77).
func (b *builder) rightsSection() Section {
	s := Section{ID: "rights", Title: b.tr.T("h.rights")}
	if b.m.Rights == nil {
		g, ok := b.gap(b.fi.exactly("gdpr/rights", "rights"), "item.rights", true)
		if !ok {
			g = b.marker("item.rights")
		}
		s.Blocks = append(s.Blocks, p(g))
		return s
	}
	// Rights the audit finds missing: the finding on rights/supported
	// names them.
	var lacking []string
	fs := b.fi.exactly("gdpr/rights", "rights/supported")
	for _, f := range fs {
		for _, r := range rightsOrder {
			if !b.supports(r) && containsWord(f.Message, r) {
				lacking = append(lacking, r)
			}
		}
	}
	var items []Para
	for _, r := range rightsOrder {
		switch {
		case b.supports(r):
			line := para(txt(b.tr.T("right." + r)))
			if r == "complaint" {
				line = append(line, txt(" "))
				line = append(line, b.authority()...)
			}
			items = append(items, line)
		case slices.Contains(lacking, r):
			g, _ := b.gap(fs, "right.name."+r, true)
			// One gap per missing right, not one per finding.
			items = append(items, para(g))
		}
	}
	for _, r := range b.m.Rights.Supported {
		if !slices.Contains(rightsOrder, r) {
			items = append(items, para(txt(r)))
		}
	}
	s.Blocks = append(s.Blocks, ul(items))
	line := para(txt(b.tr.T("rights.exercise") + " "))
	if g, ok := b.gap(b.fi.exactly("gdpr/rights", "rights/contact"), "item.rights_contact", true); ok {
		line = append(line, g)
	} else {
		line = append(line, b.exerciseContact()...)
	}
	s.Blocks = append(s.Blocks, p(line...))
	return s
}

func containsWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '"' || r == ';' }) {
		if f == w {
			return true
		}
	}
	return false
}

// authority names the supervisory authority of the controller's country.
func (b *builder) authority() Para {
	c := b.m.Controller
	if c == nil || c.Country == "" {
		return nil
	}
	code := b.ref.Code(c.Country)
	a, ok := b.auth.Authorities[code]
	if !ok {
		return nil
	}
	out := para(txt(b.tr.T("complaint.authority", "country", b.country(code))+" "), txt(a.Name+" — "), Span{Text: a.URL, Href: a.URL}, txt("."))
	if a.Note != "" {
		out = append(out, txt(" "+b.tr.T("complaint.de_note")))
	}
	return out
}

// The first layer: who, what for, rights, and what could surprise.
func (b *builder) summarySection(full []Section) Section {
	s := Section{ID: "summary", Title: b.tr.T("h.summary")}
	name := b.controllerName()
	who := para(txt(b.tr.T("summary.who", "controller", name) + " "))
	if c := b.m.Controller; c != nil && c.Contact != "" {
		who = append(who, txt(b.tr.T("controller.contact")+" "), contactSpan(c.Contact), txt("."))
	} else if b.hasGap("gdpr/controller-identity") {
		who = append(who, txt(b.tr.T("controller.contact")+" "), b.marker("item.controller_contact"))
	}
	s.Blocks = append(s.Blocks, p(who...))
	if len(b.m.Activities) > 0 {
		var names []string
		for _, a := range b.m.Activities {
			names = append(names, b.activityName(a))
		}
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("summary.purposes", "n", strconv.Itoa(len(names)))+" "+strings.Join(names, "; ")+".")))
	}
	var surprising []Para
	var decisions []string
	for _, a := range b.m.Activities {
		if a.AutomatedDecision != nil {
			decisions = append(decisions, b.activityName(a))
		}
	}
	if len(decisions) > 0 {
		surprising = append(surprising, para(txt(b.tr.T("summary.automated", "list", strings.Join(decisions, "; ")))))
	}
	var profiling []string
	for _, a := range b.m.Activities {
		if isProfiling(a) {
			profiling = append(profiling, b.activityName(a))
		}
	}
	if len(profiling) > 0 {
		surprising = append(surprising, para(txt(b.tr.T("summary.profiling", "list", strings.Join(profiling, "; ")))))
	}
	var third []string
	for _, sys := range b.m.Systems {
		if sys.Provider == inventory.SelfProvider {
			continue
		}
		for _, c := range b.uniq(sys.Countries) {
			if !b.ref.InEEA(c) {
				third = append(third, b.country(c))
			}
		}
	}
	for _, r := range b.m.Recipients {
		if r.Role == "internal" {
			continue
		}
		for _, c := range b.uniq(r.Countries) {
			if !b.ref.InEEA(c) {
				third = append(third, b.country(c))
			}
		}
	}
	slices.Sort(third)
	third = slices.Compact(third)
	if len(third) > 0 {
		surprising = append(surprising, para(txt(b.tr.T("summary.transfers", "countries", b.tr.List(third)))))
	} else {
		surprising = append(surprising, para(txt(b.tr.T("transfer.none"))))
	}
	var fromOthers []string
	for _, d := range b.m.Data {
		if d.Source == "third_party" {
			fromOthers = append(fromOthers, cmpOr(d.Description, d.ID))
		}
	}
	if len(fromOthers) > 0 {
		surprising = append(surprising, para(txt(b.tr.T("summary.third_party", "list", strings.Join(fromOthers, "; ")))))
	}
	for _, c := range b.m.Cookies {
		if am := c.AudienceMeasurement; am != nil && am.CombinedWithOtherData {
			surprising = append(surprising, para(txt(b.tr.T("summary.combined"))))
			break
		}
	}
	s.Blocks = append(s.Blocks, p(txt(b.tr.T("summary.know"))), ul(surprising))
	// Rights, in one sentence, with the contact.
	var rights []string
	if b.m.Rights != nil {
		for _, r := range rightsOrder {
			if b.supports(r) {
				rights = append(rights, b.tr.T("right.name."+r))
			}
		}
	}
	line := para()
	if len(rights) > 0 {
		line = append(line, txt(b.tr.T("summary.rights", "list", b.tr.List(rights))+" "))
	}
	if b.m.Rights == nil || b.hasGapAt("gdpr/rights", "rights/contact") {
		line = append(line, txt(b.tr.T("rights.exercise")+" "), b.marker("item.rights_contact"))
	} else {
		line = append(line, txt(b.tr.T("rights.exercise")+" "))
		line = append(line, b.exerciseContact()...)
	}
	s.Blocks = append(s.Blocks, p(line...))
	if missing := b.missingItems(); len(missing) > 0 {
		s.Blocks = append(s.Blocks, p(txt(b.tr.T("summary.gaps", "n", strconv.Itoa(len(missing))))))
	}
	var toc []Para
	for _, sec := range full {
		toc = append(toc, para(Span{Text: sec.Title, Href: "#" + sec.ID}))
	}
	s.Blocks = append(s.Blocks, p(txt(b.tr.T("summary.more"))), ul(toc))
	return s
}

func (b *builder) hasGap(rule string) bool {
	for _, g := range b.gaps {
		if g.Rule == rule {
			return true
		}
	}
	return false
}

func (b *builder) hasGapAt(rule, path string) bool {
	for _, g := range b.gaps {
		if g.Rule == rule && g.Path == path {
			return true
		}
	}
	return false
}

// missingItems counts the distinct mandatory items missing.
func (b *builder) missingItems() []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range b.gaps {
		k := g.Item + "\x00" + g.Path
		if g.Mandatory && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
