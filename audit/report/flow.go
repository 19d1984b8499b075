package report

import (
	"cmp"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

// The data-flow graph: who the data is about (subjects), what data
// (categories), why (activities), and where it goes (recipients and
// systems, with their countries). The Markdown report draws it with
// Mermaid, the HTML report as an SVG laid out by ropa itself: four
// columns, boxes and curves, no JavaScript, same input same picture.

// flowColumn is a column of the diagram, left to right.
type flowColumn int

const (
	colSubjects flowColumn = iota
	colData
	colActivities
	colDestinations
	flowColumns
)

var flowColumnTitles = [flowColumns]string{"Data subjects", "Personal data", "Processing activities", "Recipients and systems"}

// flowKind is what a node stands for.
type flowKind string

const (
	kindSubject   flowKind = "subject"
	kindData      flowKind = "data"
	kindActivity  flowKind = "activity"
	kindRecipient flowKind = "recipient"
	kindSystem    flowKind = "system"
)

// flowNode is one box.
type flowNode struct {
	Kind  flowKind
	ID    string // inventory id
	Label string // first line
	Sub   string // second line: category, lawful basis, role and countries
	Title string // full description (tooltip)
	// Special marks Art. 9/10 data; Third a destination outside the EEA
	// (Gap: without a valid safeguard).
	Special, Third, Gap bool
	decl                int // declaration order within its column
}

func (n flowNode) column() flowColumn {
	switch n.Kind {
	case kindSubject:
		return colSubjects
	case kindData:
		return colData
	case kindActivity:
		return colActivities
	}
	return colDestinations
}

// Diagrams beyond these sizes are unreadable (and heavy for Mermaid):
// reports say so instead of drawing them.
const (
	maxFlowNodes = 250
	maxFlowEdges = 1500
)

// flowGraph is the laid-out graph: Columns hold node indexes in display
// order; Edges are deduplicated and sorted.
type flowGraph struct {
	Nodes   []flowNode
	Edges   [][2]int
	Columns [flowColumns][]int
}

// buildFlow derives the graph from the declarations. Edges: subject ->
// data when an activity processes that data about those subjects, data
// -> activity, activity -> recipient and activity -> system. Undeclared
// ids are left out (they are lint errors).
func buildFlow(m *inventory.Model, asOf string) (*flowGraph, error) {
	ref, err := policies.LoadCountries()
	if err != nil {
		return nil, err
	}
	tax, _ := policies.LoadTaxonomy()
	g := &flowGraph{}
	index := map[string]int{} // kind/id -> node
	add := func(n flowNode) {
		key := string(n.Kind) + "/" + n.ID
		if _, dup := index[key]; dup {
			return
		}
		n.decl = len(g.Columns[n.column()])
		index[key] = len(g.Nodes)
		g.Columns[n.column()] = append(g.Columns[n.column()], len(g.Nodes))
		g.Nodes = append(g.Nodes, n)
	}
	for _, s := range m.Subjects {
		add(flowNode{Kind: kindSubject, ID: s.ID, Label: s.ID, Title: s.Description})
	}
	for _, d := range m.Data {
		add(flowNode{Kind: kindData, ID: d.ID, Label: d.ID, Sub: d.Category, Title: d.Description, Special: specialTag(tax, d.Category) != ""})
	}
	for _, a := range m.Activities {
		add(flowNode{Kind: kindActivity, ID: a.ID, Label: cmpOr(a.Name, a.ID), Sub: strings.ReplaceAll(a.LawfulBasis, "_", " "), Title: a.Purpose})
	}
	destination := func(kind flowKind, id, what, description string, countries []string, t *inventory.Transfer) {
		n := flowNode{Kind: kind, ID: id, Label: id, Title: description}
		cs := normCountries(ref, countries)
		for _, c := range cs {
			switch assess(ref, c, t, asOf).Status {
			case transferNone:
				n.Third, n.Gap = true, true
			case transferAdequacy, transferSafeguard:
				n.Third = true
			}
		}
		var sub []string
		if what != "" {
			sub = append(sub, what)
		}
		if len(cs) > 0 {
			sub = append(sub, strings.Join(cs, ", "))
		}
		n.Sub = strings.Join(sub, " · ")
		add(n)
	}
	for _, r := range m.Recipients {
		destination(kindRecipient, r.ID, roleText(r.Role), r.Description, r.Countries, r.Transfer)
	}
	for _, s := range m.Systems {
		what := "system"
		if s.Provider != "" {
			what = s.Provider
		}
		destination(kindSystem, s.ID, what, s.Description, s.Countries, s.Transfer)
	}

	if len(g.Nodes) > maxFlowNodes {
		return g, nil // too large to draw: spare the edges
	}
	edges := map[[2]int]bool{}
	link := func(from, to string) {
		f, ok1 := index[from]
		t, ok2 := index[to]
		if ok1 && ok2 {
			edges[[2]int{f, t}] = true
		}
	}
	for _, a := range m.Activities {
		for _, d := range a.Data {
			link("data/"+d, "activity/"+a.ID)
			for _, s := range a.Subjects {
				link("subject/"+s, "data/"+d)
			}
		}
		for _, r := range a.Recipients {
			link("activity/"+a.ID, "recipient/"+r)
		}
		for _, s := range a.Systems {
			link("activity/"+a.ID, "system/"+s)
		}
	}
	for e := range edges {
		g.Edges = append(g.Edges, e)
	}
	slices.SortFunc(g.Edges, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	g.order()
	return g, nil
}

// tooLarge reports whether the graph exceeds what a diagram can show.
func (g *flowGraph) tooLarge() bool {
	return len(g.Nodes) > maxFlowNodes || len(g.Edges) > maxFlowEdges
}

// order sorts the columns around the activities, which keep their
// declaration order: data and destinations by the mean position of their
// activities, subjects by the mean position of their data (the barycentre
// heuristic, one sweep). Unconnected nodes go last; ties keep declaration
// order, so the layout is deterministic.
func (g *flowGraph) order() {
	pos := make([]float64, len(g.Nodes))
	setPos := func(col flowColumn) {
		for i, n := range g.Columns[col] {
			pos[n] = float64(i)
		}
	}
	adj := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		adj[e[0]] = append(adj[e[0]], e[1])
		adj[e[1]] = append(adj[e[1]], e[0])
	}
	neighbours := func(n int, col flowColumn) []int {
		var out []int
		for _, x := range adj[n] {
			if g.Nodes[x].column() == col {
				out = append(out, x)
			}
		}
		return out
	}
	sortBy := func(col, by flowColumn) {
		bary := map[int]float64{}
		for _, n := range g.Columns[col] {
			nb := neighbours(n, by)
			if len(nb) == 0 {
				bary[n] = 1e9
				continue
			}
			sum := 0.0
			for _, x := range nb {
				sum += pos[x]
			}
			bary[n] = sum / float64(len(nb))
		}
		slices.SortStableFunc(g.Columns[col], func(a, b int) int {
			return cmp.Or(cmp.Compare(bary[a], bary[b]), cmp.Compare(g.Nodes[a].decl, g.Nodes[b].decl))
		})
		setPos(col)
	}
	setPos(colActivities)
	sortBy(colData, colActivities)
	sortBy(colDestinations, colActivities)
	sortBy(colSubjects, colData)
}

// Mermaid.

// flowMermaid renders the graph as a Mermaid flowchart (GitHub renders
// ```mermaid blocks). Ids are sanitised and prefixed by kind so that no
// inventory id can collide with a Mermaid keyword; labels are quoted with
// Mermaid's entity codes for the characters that would break them.
func flowMermaid(g *flowGraph) string {
	var b strings.Builder
	ids := make([]string, len(g.Nodes))
	used := map[string]bool{}
	for i, n := range g.Nodes {
		base := string(n.Kind[0]) + "_" + mermaidID(n.ID)
		if n.Kind == kindSystem {
			base = "y_" + mermaidID(n.ID)
		}
		id := base
		for k := 2; used[id]; k++ {
			id = fmt.Sprintf("%s_%d", base, k)
		}
		used[id] = true
		ids[i] = id
	}
	b.WriteString("flowchart LR\n")
	for col := range flowColumns {
		if len(g.Columns[col]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph col%d[\"%s\"]\n", col, mermaidText(flowColumnTitles[col]))
		for _, n := range g.Columns[col] {
			node := g.Nodes[n]
			label := mermaidText(node.Label)
			if node.Sub != "" {
				label += "<br/>" + mermaidText(node.Sub)
			}
			fmt.Fprintf(&b, "    %s[\"%s\"]\n", ids[n], label)
		}
		b.WriteString("  end\n")
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  %s --> %s\n", ids[e[0]], ids[e[1]])
	}
	var special, third, gap []string
	for i, n := range g.Nodes {
		switch {
		case n.Special:
			special = append(special, ids[i])
		case n.Gap:
			gap = append(gap, ids[i])
		case n.Third:
			third = append(third, ids[i])
		}
	}
	b.WriteString("  classDef special fill:#fef3c7,stroke:#92400e,color:#1f2937\n")
	b.WriteString("  classDef third fill:#ffedd5,stroke:#9a3412,color:#1f2937\n")
	b.WriteString("  classDef gap fill:#fee2e2,stroke:#b91c1c,stroke-width:3px,color:#1f2937\n")
	for _, c := range []struct {
		name string
		ids  []string
	}{{"special", special}, {"third", third}, {"gap", gap}} {
		if len(c.ids) > 0 {
			fmt.Fprintf(&b, "  class %s %s\n", strings.Join(c.ids, ","), c.name)
		}
	}
	return b.String()
}

// mermaidID keeps letters, digits and underscores.
func mermaidID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// mermaidText escapes a label for a quoted Mermaid node label.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("#34;")
		case '#':
			b.WriteString("#35;")
		case '&':
			b.WriteString("#38;")
		case '<':
			b.WriteString("#60;")
		case '>':
			b.WriteString("#62;")
		case '`':
			b.WriteString("#96;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SVG.

const (
	svgMargin  = 12
	svgColW    = 228
	svgColGap  = 104
	svgTop     = 44
	svgNodeH   = 38
	svgPitch   = 46
	svgLegendH = 40
	svgLabelN  = 29 // characters that fit a box at 12px bold
	svgSubN    = 36 // at 10px
)

// flowSVG draws the graph. Text goes through html.EscapeString; the
// result is trusted markup for html/template.
func flowSVG(g *flowGraph) string {
	rows := 1
	for _, c := range g.Columns {
		rows = max(rows, len(c))
	}
	width := 2*svgMargin + int(flowColumns)*svgColW + (int(flowColumns)-1)*svgColGap
	height := svgTop + rows*svgPitch + svgLegendH
	x := func(col flowColumn) int { return svgMargin + int(col)*(svgColW+svgColGap) }
	y := make([]int, len(g.Nodes))
	for _, nodes := range g.Columns {
		off := (rows - len(nodes)) * svgPitch / 2
		for i, n := range nodes {
			y[n] = svgTop + off + i*svgPitch
		}
	}

	var b strings.Builder
	counts := fmt.Sprintf("%d data subject categories, %d data categories, %d processing activities, %d recipients and systems, %d flows.",
		len(g.Columns[colSubjects]), len(g.Columns[colData]), len(g.Columns[colActivities]), len(g.Columns[colDestinations]), len(g.Edges))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="flow" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="flow-title flow-desc">`+"\n", width, height, width, height)
	b.WriteString(`<title id="flow-title">Data flows: data subjects, personal data, processing activities, recipients and systems</title>` + "\n")
	fmt.Fprintf(&b, `<desc id="flow-desc">%s The register lists the same flows as text.</desc>`+"\n", counts)
	for col := range flowColumns {
		fmt.Fprintf(&b, `<text class="fl-h" x="%d" y="%d">%s</text>`+"\n", x(col)+svgColW/2, 24, html.EscapeString(flowColumnTitles[col]))
	}
	b.WriteString(`<g class="fl-edges">` + "\n")
	for _, e := range g.Edges {
		from, to := g.Nodes[e[0]], g.Nodes[e[1]]
		x1, y1 := x(from.column())+svgColW, y[e[0]]+svgNodeH/2
		x2, y2 := x(to.column()), y[e[1]]+svgNodeH/2
		cls := "fl-e"
		switch {
		case to.Gap:
			cls += " fl-e-gap"
		case to.Third:
			cls += " fl-e-third"
		}
		dx := svgColGap / 2
		fmt.Fprintf(&b, `<path class="%s" d="M%d %d C%d %d %d %d %d %d"/>`+"\n", cls, x1, y1, x1+dx, y1, x2-dx, y2, x2, y2)
	}
	b.WriteString("</g>\n")
	for col, nodes := range g.Columns {
		for _, i := range nodes {
			n := g.Nodes[i]
			cls := "fl-n fl-" + string(n.Kind)
			switch {
			case n.Special:
				cls += " fl-special"
			case n.Gap:
				cls += " fl-gap"
			case n.Third:
				cls += " fl-third"
			}
			title := n.Label
			if n.Sub != "" {
				title += " (" + n.Sub + ")"
			}
			if n.Title != "" {
				title += ": " + n.Title
			}
			x0, y0 := x(flowColumn(col)), y[i]
			fmt.Fprintf(&b, `<g class="%s"><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" rx="5"/>`, cls, html.EscapeString(title), x0, y0, svgColW, svgNodeH)
			if n.Sub == "" {
				fmt.Fprintf(&b, `<text class="fl-l" x="%d" y="%d">%s</text>`, x0+8, y0+svgNodeH/2+4, html.EscapeString(ellipsis(n.Label, svgLabelN)))
			} else {
				fmt.Fprintf(&b, `<text class="fl-l" x="%d" y="%d">%s</text>`, x0+8, y0+16, html.EscapeString(ellipsis(n.Label, svgLabelN)))
				fmt.Fprintf(&b, `<text class="fl-s" x="%d" y="%d">%s</text>`, x0+8, y0+30, html.EscapeString(ellipsis(n.Sub, svgSubN)))
			}
			b.WriteString("</g>\n")
		}
	}
	// Legend.
	ly := height - svgLegendH + 14
	legend := []struct{ cls, text string }{
		{"fl-n fl-data fl-special", "Special category (Art. 9/10)"},
		{"fl-n fl-recipient fl-third", "Outside the EEA, covered"},
		{"fl-n fl-recipient fl-gap", "Outside the EEA, no valid safeguard"},
	}
	lx := svgMargin
	for _, l := range legend {
		fmt.Fprintf(&b, `<g class="%s"><rect x="%d" y="%d" width="18" height="14" rx="3"/></g><text class="fl-s" x="%d" y="%d">%s</text>`+"\n", l.cls, lx, ly, lx+24, ly+11, html.EscapeString(l.text))
		lx += 24 + len(l.text)*6 + 28
	}
	b.WriteString("</svg>")
	return b.String()
}

// ellipsis shortens s to n characters, ending with "…" when cut.
func ellipsis(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
