package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// The DPO report (ropa audit -f html) and the register document (ropa
// register -f html): one self-contained HTML file each, the stylesheet
// inline, the data-flow diagram an inline SVG drawn by flow.go, no script
// and no external resource (the only links are legal references). Both
// print on A4, the wide tables on landscape pages.

//go:embed html.tmpl
var htmlSource string

//go:embed report.css
var reportCSS string

var htmlTemplates = template.Must(template.New("html").Parse(htmlSource))

// htmlPage is what every page template needs.
type htmlPage struct {
	Title          string
	Version        string
	CSS            template.CSS
	AsOf           string
	ControllerName string
	// Files is "11 files".
	Files string
}

// htmlReport is the data of the "report" template.
type htmlReport struct {
	htmlPage
	Summary          audit.Summary
	StatusText       string
	StatusClass      string
	RuleCount        int
	RulesWith        struct{ Errors, Warnings, Waived int }
	ByArticle        []articleKey
	Groups           []htmlRuleGroup
	Register         *Register
	ControllerFields [][2]string
	Transfers        []countryTransfers
	Retention        []retentionRow
	Cookies          []cookieRow
	FlowSVG          template.HTML
	FlowNote         string
	FlowGrouped      string
	Waivers          []waiverRow
}

type htmlRuleGroup struct {
	ruleGroup
	Anchor string
	Refs   []legalRef
}

type retentionRow struct {
	Activity string
	Period   string
	ISO      string
	After    string
	Basis    string
	Data     []string
	Missing  bool
}

type cookieRow struct {
	Name, Provider, Purpose, Lifetime, ISO, Consent, Activity string
}

type waiverRow struct {
	inventory.Waiver
	Status  string
	Badge   string
	Problem bool
	Count   int
}

// waiverSoon is how close to its expiry a waiver is flagged.
const waiverSoon = 30

func writeHTML(w io.Writer, r *audit.Result) error {
	data, err := newHTMLReport(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := htmlTemplates.ExecuteTemplate(&buf, "report", data); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func newPage(title, asOf, controller string, files int) htmlPage {
	return htmlPage{
		Title:          title,
		Version:        audit.Version(),
		CSS:            template.CSS(reportCSS),
		AsOf:           asOf,
		ControllerName: cmpOr(controller, "the controller"),
		Files:          plural(files, "inventory file"),
	}
}

func newHTMLReport(r *audit.Result) (*htmlReport, error) {
	var m *inventory.Model
	files := r.Summary.Files
	if r.Inventory != nil {
		m = r.Inventory.Model()
	} else {
		m = &inventory.Model{}
	}
	name := ""
	if m.Controller != nil {
		name = m.Controller.Name
	}
	title := "Audit of " + cmpOr(name, "the inventory") + " — " + r.AsOf
	d := &htmlReport{htmlPage: newPage(title, r.AsOf, name, files), Summary: r.Summary, RuleCount: len(r.Rules)}
	switch s := r.Summary; {
	case s.Errors > 0:
		d.StatusText, d.StatusClass = fmt.Sprintf("The audit found %s and %s.", plural(s.Errors, "error"), plural(s.Warnings, "warning")), "s-fail"
	case s.Warnings > 0:
		d.StatusText, d.StatusClass = fmt.Sprintf("The audit found no error and %s.", plural(s.Warnings, "warning")), "s-warn"
	default:
		d.StatusText, d.StatusClass = "The audit found no error and no warning.", "s-pass"
	}

	for _, g := range groupByRule(r) {
		d.Groups = append(d.Groups, htmlRuleGroup{ruleGroup: g, Anchor: anchor(g.Rule.ID), Refs: legalRefs(g.Rule.Reference, g.Rule.URL)})
		if g.Errors > 0 {
			d.RulesWith.Errors++
		}
		if g.Warnings > 0 {
			d.RulesWith.Warnings++
		}
		if g.Waived > 0 {
			d.RulesWith.Waived++
		}
	}
	d.ByArticle = countByArticle(r)

	reg, err := RegisterFromResult(r)
	if err != nil {
		return nil, err
	}
	d.Register = reg
	d.ControllerFields = controllerFields(reg.Controller)
	if d.Transfers, err = transfersByCountry(m, r.AsOf, r.Transfers); err != nil {
		return nil, err
	}

	ix := newModelIndex(m)
	for _, a := range m.Activities {
		row := retentionRow{Activity: cmpOr(a.Name, a.ID)}
		row.Data = append(row.Data, a.Data...)
		switch rt := a.Retention; {
		case rt == nil || rt.Period == "" && rt.Criteria == "":
			row.Missing = true
		default:
			if rt.Period != "" {
				row.Period, row.ISO = humanDuration(rt.Period), rt.Period
			}
			row.After = strings.ReplaceAll(rt.After, "_", " ")
			row.Basis = rt.Basis
			if rt.Criteria != "" {
				row.Basis = strings.TrimSpace(strings.Join([]string{rt.Basis, "Criteria: " + rt.Criteria}, " "))
			}
		}
		d.Retention = append(d.Retention, row)
	}
	for _, c := range m.Cookies {
		activity := c.Activity
		if a, ok := ix.activities[c.Activity]; ok && a.Name != "" {
			activity = a.Name
		}
		lifetime := ""
		if c.Lifetime != "" {
			lifetime = humanDuration(c.Lifetime)
		}
		d.Cookies = append(d.Cookies, cookieRow{
			Name: c.Name, Provider: c.Provider, Purpose: strings.ReplaceAll(c.Purpose, "_", " "),
			Lifetime: lifetime, ISO: c.Lifetime, Consent: c.Consent, Activity: activity,
		})
	}

	full, err := buildFlow(m, r.Transfers)
	if err != nil {
		return nil, err
	}
	if len(full.Nodes) == 0 {
		d.FlowNote = "The inventory declares no subject, data, activity, recipient or system."
	} else {
		g := full.fit(svgBudget, nil)
		d.FlowSVG = template.HTML(flowSVG(g)) // #nosec: built by flowSVG, which escapes all text
		d.FlowGrouped = g.groupedNote()
	}

	d.Waivers = waiverRows(m.Waivers, r)
	return d, nil
}

// waiverRows describes each waiver's state on the audit date and counts
// the findings it waives.
func waiverRows(ws []inventory.Waiver, r *audit.Result) []waiverRow {
	asOf, _ := time.Parse(time.DateOnly, r.AsOf)
	var out []waiverRow
	for _, w := range ws {
		row := waiverRow{Waiver: w}
		for _, f := range r.Findings {
			if f.Waived && f.Rule == w.Rule && (f.Path == w.Target || strings.HasPrefix(f.Path, strings.TrimSuffix(w.Target, "/")+"/")) {
				row.Count++
			}
		}
		exp, err := time.Parse(time.DateOnly, w.Expires)
		switch {
		case w.Expires == "":
			row.Status, row.Badge, row.Problem = "no expiry", "b-warning", true
		case err != nil:
			row.Status, row.Badge, row.Problem = "invalid date", "b-error", true
		case !asOf.IsZero() && asOf.After(exp):
			row.Status, row.Badge, row.Problem = "expired", "b-error", true
		default:
			days := int(exp.Sub(asOf).Hours() / 24)
			row.Status, row.Badge = fmt.Sprintf("active, %s left", plural(days, "day")), "b-ok"
			if days <= waiverSoon {
				row.Status, row.Badge = fmt.Sprintf("expires in %s", plural(days, "day")), "b-warning"
			}
		}
		if row.Count == 0 && !row.Problem {
			row.Status, row.Badge, row.Problem = row.Status+", unused", "b-warning", true
		}
		out = append(out, row)
	}
	return out
}

// anchor turns a rule id into an HTML id fragment.
func anchor(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// registerPage is the data of the "register-page" template.
type registerPage struct {
	htmlPage
	Register         *Register
	ControllerFields [][2]string
}

func registerHTML(w io.Writer, reg *Register) error {
	title := "Record of processing activities — " + cmpOr(reg.Controller.Name, "controller") + " — " + reg.AsOf
	data := registerPage{
		htmlPage:         newPage(title, reg.AsOf, reg.Controller.Name, reg.Files),
		Register:         reg,
		ControllerFields: controllerFields(reg.Controller),
	}
	return htmlTemplates.ExecuteTemplate(w, "register-page", data)
}
