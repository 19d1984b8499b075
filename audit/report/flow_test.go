package report

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/inventory"
)

// trickyInventory has ids that collide once sanitised, Mermaid keywords as
// ids, and labels full of characters that break Mermaid and SVG.
const trickyInventory = `version: 1
controller: {name: "Tricky & Co <test>"}
subjects:
  - {id: end, description: 'Subjects called "end"'}
  - {id: subgraph}
data:
  - {id: a.b, category: user.name}
  - {id: a_b, category: user.health}
recipients:
  - {id: us-vendor, role: processor, countries: [US], contract: C-1}
  - {id: uk-vendor, role: processor, countries: [UK], contract: C-2}
systems:
  - {id: classdef, countries: [FR]}
activities:
  - id: x
    name: 'Say "hi" <b>#1</b> & ` + "`end`" + `; click x call alert()'
    lawful_basis: consent
    subjects: [end, subgraph]
    data: [a.b, a_b]
    recipients: [us-vendor, uk-vendor]
    systems: [classdef]
`

func trickyModel(t *testing.T) *inventory.Inventory {
	t.Helper()
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "tricky.yaml", Data: []byte(trickyInventory)}})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestBuildFlow(t *testing.T) {
	g, err := buildFlow(auditFixture(t, "reports").Inventory.Model(), auditFixture(t, "reports").Transfers)
	if err != nil {
		t.Fatal(err)
	}
	count := func(col flowColumn) int { return len(g.Columns[col]) }
	if count(colSubjects) != 4 || count(colData) != 7 || count(colActivities) != 4 || count(colDestinations) != 7 {
		t.Errorf("columns %d/%d/%d/%d, want 4/7/4/7", count(colSubjects), count(colData), count(colActivities), count(colDestinations))
	}
	node := func(kind flowKind, id string) flowNode {
		for _, n := range g.Nodes {
			if n.Kind == kind && n.ID == id {
				return n
			}
		}
		t.Fatalf("no %s %s", kind, id)
		return flowNode{}
	}
	if n := node(kindRecipient, "ad-network"); !n.Gap || !n.Third || n.Sub != "processor · US" {
		t.Errorf("ad-network = %+v, want a third-country gap", n)
	}
	if n := node(kindSystem, "crm"); n.Gap || !n.Third {
		t.Errorf("crm (US under SCC) = %+v, want covered", n)
	}
	if n := node(kindSystem, "offsite-backup"); n.Gap || !n.Third || !strings.Contains(n.Sub, "GB") {
		t.Errorf("offsite-backup (UK, adequacy) = %+v, want covered, GB", n)
	}
	if n := node(kindSystem, "eu-hosting"); n.Gap || n.Third {
		t.Errorf("eu-hosting = %+v, want in the EEA", n)
	}
	if n := node(kindData, "medical-record"); !n.Special {
		t.Errorf("medical-record not special")
	}
	// Edges only go one column to the right.
	for _, e := range g.Edges {
		if g.Nodes[e[1]].column() != g.Nodes[e[0]].column()+1 {
			t.Errorf("edge %s -> %s skips a column", g.Nodes[e[0]].ID, g.Nodes[e[1]].ID)
		}
	}
	// Activities keep their declaration order.
	var acts []string
	for _, n := range g.Columns[colActivities] {
		acts = append(acts, g.Nodes[n].ID)
	}
	if strings.Join(acts, ",") != "patient-care,payroll,newsletter,ad-campaigns" {
		t.Errorf("activities in order %v", acts)
	}
	// Deterministic.
	g2, _ := buildFlow(auditFixture(t, "reports").Inventory.Model(), auditFixture(t, "reports").Transfers)
	if flowSVG(g) != flowSVG(g2) || flowMermaid(g) != flowMermaid(g2) {
		t.Error("two builds of the same inventory draw differently")
	}
}

func TestFlowMermaidEscaping(t *testing.T) {
	g, err := buildFlow(trickyModel(t).Model(), assessTransfers(t, trickyModel(t)))
	if err != nil {
		t.Fatal(err)
	}
	mm := flowMermaid(g)
	nodeLine := regexp.MustCompile(`^    ([A-Za-z0-9_]+)\["([^"]*)"\]$`)
	entity := regexp.MustCompile(`#[0-9]+;`)
	ids := map[string]bool{}
	for _, l := range strings.Split(mm, "\n") {
		if !strings.HasPrefix(l, "    ") {
			continue
		}
		m := nodeLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("node line %q is not id[\"label\"]", l)
			continue
		}
		if ids[m[1]] {
			t.Errorf("id %s used twice", m[1])
		}
		ids[m[1]] = true
		bare := entity.ReplaceAllString(strings.ReplaceAll(m[2], "<br/>", ""), "")
		if strings.ContainsAny(bare, "<>`#&\"") {
			t.Errorf("label %q keeps a raw special character", m[2])
		}
	}
	for _, want := range []string{
		`s_end["end"]`, `s_subgraph["subgraph"]`, `d_a_b["a.b<br/>user.name"]`, `d_a_b_2["a_b<br/>user.health"]`,
		`a_x["Say #34;hi#34; #60;b#62;#35;1#60;/b#62; #38; #96;end#96;; click x call alert()<br/>consent"]`,
		"class d_a_b_2 special", "class y_classdef", "class r_uk_vendor third", "class r_us_vendor gap",
	} {
		if want == "class y_classdef" {
			if strings.Contains(mm, want) {
				t.Errorf("an EEA system is classed: %s", mm)
			}
			continue
		}
		if !strings.Contains(mm, want) {
			t.Errorf("mermaid lacks %s\n%s", want, mm)
		}
	}
	if !strings.HasPrefix(mm, "flowchart LR\n") {
		t.Errorf("mermaid does not start with flowchart LR")
	}
}

func TestFlowSVGWellFormed(t *testing.T) {
	g, err := buildFlow(trickyModel(t).Model(), assessTransfers(t, trickyModel(t)))
	if err != nil {
		t.Fatal(err)
	}
	svg := flowSVG(g)
	dec := xml.NewDecoder(strings.NewReader(svg))
	rects, texts := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "rect":
				rects++
			case "text":
				texts++
			}
		}
	}
	if want := len(g.Nodes) + 8; rects != want { // nodes and the legend
		t.Errorf("%d rects, want %d", rects, want)
	}
	for _, bad := range []string{"<script", "<b>", "javascript:", "href"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	if !strings.Contains(svg, `role="img"`) || !strings.Contains(svg, "<title id=\"flow-title\">") {
		t.Error("SVG lacks its accessible name")
	}
}

func TestWrapTextAndDurations(t *testing.T) {
	for in, want := range map[string]string{
		"Advertising campaign measurement": "Advertising|campaign|measurement",
		"short":                            "short",
		"a verylongunbreakableword x":      "a|verylongunb|reakablewor|d x",
		"":                                 "",
		"payroll-invoicing-service":        "payroll-|invoicing-|service",
	} {
		if got := strings.Join(wrapText(in, 11), "|"); got != want {
			t.Errorf("wrapText(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"P10Y": "10 years", "P13M": "13 months", "P1Y6M": "1 year 6 months", "PT30M": "30 minutes",
		"PT2H": "2 hours", "P30D": "30 days", "P1W": "1 week", "bogus": "bogus", "P": "P",
	} {
		if got := humanDuration(in); got != want {
			t.Errorf("humanDuration(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFlowAggregation: a large inventory is grouped level by level, the
// coarsest level is bounded whatever the inventory, every group keeps its
// members, and the true number of flows survives.
func TestFlowAggregation(t *testing.T) {
	full, err := buildFlow(generated(t, 2000).Inventory.Model(), generated(t, 2000).Transfers)
	if err != nil {
		t.Fatal(err)
	}
	members := 0
	coarsest := full.aggregate(flowLevels[len(flowLevels)-1])
	for col, limit := range [flowColumns]int{1, 2, 8, 21} {
		if n := len(coarsest.Columns[col]); n > limit {
			t.Errorf("coarsest level: column %d has %d boxes, want at most %d", col, n, limit)
		}
	}
	for _, n := range coarsest.Nodes {
		members += max(1, len(n.Members))
	}
	if members != len(full.Nodes) {
		t.Errorf("groups hold %d declarations, the inventory has %d", members, len(full.Nodes))
	}
	if coarsest.Flows != full.Flows || full.Flows != len(full.Edges) {
		t.Errorf("flows %d / %d / %d edges", coarsest.Flows, full.Flows, len(full.Edges))
	}
	svg := full.fit(svgBudget, nil)
	if len(svg.Grouped) == 0 || !svg.fits(svgBudget, nil) {
		t.Errorf("SVG of 2,000 activities: grouped %v, fits %v", svg.Grouped, svg.fits(svgBudget, nil))
	}
	if note := svg.groupedNote(); !strings.Contains(note, "The inventory has "+plural(full.Flows, "flow")) {
		t.Errorf("grouped note %q", note)
	}
	// A small inventory is drawn as it is.
	small, _ := buildFlow(auditFixture(t, "reports").Inventory.Model(), auditFixture(t, "reports").Transfers)
	if g := small.fit(svgBudget, nil); g != small || g.groupedNote() != "" {
		t.Error("the reports fixture is grouped")
	}
}
