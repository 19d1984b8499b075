package report

import (
	"cmp"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ropa-project/ropa/audit"
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

// flowNode is one box: one declaration, or a group of declarations
// when the diagram is aggregated (Members then lists their ids).
type flowNode struct {
	Kind  flowKind
	ID    string // inventory id; the group key for a group
	Label string // first line
	Sub   string // second line: category, lawful basis, role and countries
	Title string // full description (tooltip)
	// Special marks Art. 9/10 data; Third a destination outside the EEA
	// (Gap: without a valid safeguard).
	Special, Third, Gap bool
	// Members are the ids a group stands for; nil for a single node.
	Members []string
	decl    int      // declaration order within its column
	attr    flowAttr // what the aggregation groups by
}

// flowAttr are the properties a node is grouped by.
type flowAttr struct {
	role      string   // recipients: role; systems: "system"
	countries []string // destinations: normalised country codes
	category  string   // data: taxonomy key
	basis     string   // activities: lawful basis
	kind      string   // subjects: kind
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

// flowGraph is the laid-out graph: Columns hold node indexes in display
// order; Edges are deduplicated and sorted. Flows is the number of flows
// of the inventory (the edges before any aggregation); Grouped says in
// words what an aggregated graph merged, empty when nothing was.
type flowGraph struct {
	Nodes   []flowNode
	Edges   [][2]int
	Columns [flowColumns][]int
	Flows   int
	Grouped []string
}

// buildFlow derives the graph from the declarations. Edges: subject ->
// data when an activity processes that data about those subjects, data
// -> activity, activity -> recipient and activity -> system. Undeclared
// ids are left out (they are lint errors). The graph is complete: fit
// aggregates it to what a diagram can show.
//
// Destinations outside the EEA are coloured from the rules' own Chapter V
// assessment (transfers), so the diagram shows red exactly where
// gdpr/third-country-transfer fires.
func buildFlow(m *inventory.Model, transfers audit.Transfers) (*flowGraph, error) {
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
		add(flowNode{Kind: kindSubject, ID: s.ID, Label: s.ID, Title: s.Description, attr: flowAttr{kind: s.Kind}})
	}
	for _, d := range m.Data {
		add(flowNode{Kind: kindData, ID: d.ID, Label: d.ID, Sub: d.Category, Title: d.Description, Special: specialTag(tax, d.Category) != "", attr: flowAttr{category: d.Category}})
	}
	for _, a := range m.Activities {
		add(flowNode{Kind: kindActivity, ID: a.ID, Label: cmpOr(a.Name, a.ID), Sub: strings.ReplaceAll(a.LawfulBasis, "_", " "), Title: a.Purpose, attr: flowAttr{basis: a.LawfulBasis}})
	}
	destination := func(kind flowKind, section, id, what, role, description string, countries []string) {
		n := flowNode{Kind: kind, ID: id, Label: id, Title: description}
		cs := normCountries(ref, countries)
		for _, a := range transfers.Of(section, id) {
			n.Third = true
			n.Gap = n.Gap || a.Status == audit.TransferNone
		}
		n.attr = flowAttr{role: role, countries: cs}
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
		destination(kindRecipient, "recipients", r.ID, roleText(r.Role), r.Role, r.Description, r.Countries)
	}
	for _, s := range m.Systems {
		what := "system"
		if s.Provider != "" {
			what = s.Provider
		}
		destination(kindSystem, "systems", s.ID, what, "system", s.Description, s.Countries)
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
	g.Flows = len(g.Edges)
	g.sortEdges()
	g.order()
	return g, nil
}

func (g *flowGraph) sortEdges() {
	slices.SortFunc(g.Edges, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
}

// Aggregation. A diagram has limits: Mermaid refuses more than 500 edges
// or 50,000 characters (its maxEdges and maxTextSize defaults), and a
// drawing with hundreds of boxes in a column is unreadable on screen and
// on paper. fit merges nodes, coarser at each level, until the graph fits
// a budget; the last level is bounded whatever the inventory (a handful
// of groups per column), so a diagram is always drawn.

// flowBudget is what a diagram can hold; a zero field is no limit.
type flowBudget struct {
	Edges int // links drawn
	Rows  int // boxes in the tallest column
	Chars int // characters of the rendered text (Mermaid)
}

var (
	// mermaidBudget keeps a margin under Mermaid's 500 edges and 50,000
	// characters.
	mermaidBudget = flowBudget{Edges: 450, Rows: 120, Chars: 45000}
	// svgBudget keeps the drawing on one printed page.
	svgBudget = flowBudget{Edges: 400, Rows: 32}
)

// grouping is how one column is aggregated.
type grouping int

const (
	groupNone        grouping = iota
	groupDestCountry          // recipients by role, systems together, by countries and transfer status
	groupDestZone             // the same by zone: EEA, outside covered, outside without safeguard
	groupDataCat              // data by taxonomy key
	groupDataTop              // data by the first two segments of the taxonomy key
	groupDataSpecial          // data: special categories and the rest
	groupActBasis             // activities by lawful basis
	groupSubjKind             // subjects by kind
	groupSubjAll              // all subjects in one box
)

// flowLevels are the aggregation levels, finest first. The last one has
// at most 1, 2, 8 and 21 boxes per column, whatever the inventory.
var flowLevels = [][flowColumns]grouping{
	{groupNone, groupNone, groupNone, groupNone},
	{groupNone, groupNone, groupNone, groupDestCountry},
	{groupNone, groupDataCat, groupNone, groupDestCountry},
	{groupNone, groupDataCat, groupActBasis, groupDestCountry},
	{groupNone, groupDataTop, groupActBasis, groupDestZone},
	{groupSubjKind, groupDataSpecial, groupActBasis, groupDestZone},
	{groupSubjAll, groupDataSpecial, groupActBasis, groupDestZone},
}

// fit returns g, or g aggregated at the first level that fits the budget
// (the coarsest level when none does). size measures the rendered text
// for the Chars limit (nil: not measured).
func (g *flowGraph) fit(b flowBudget, size func(*flowGraph) int) *flowGraph {
	var out *flowGraph
	for _, lv := range flowLevels {
		out = g.aggregate(lv)
		if out.fits(b, size) {
			break
		}
	}
	return out
}

func (g *flowGraph) fits(b flowBudget, size func(*flowGraph) int) bool {
	if b.Edges > 0 && len(g.Edges) > b.Edges {
		return false
	}
	if b.Rows > 0 {
		for _, c := range g.Columns {
			if len(c) > b.Rows {
				return false
			}
		}
	}
	return b.Chars == 0 || size == nil || size(g) <= b.Chars
}

// groupNames are the words for what a level merged.
var groupNames = map[grouping]string{
	groupDestCountry: "recipients by role and systems, by country and transfer status",
	groupDestZone:    "recipients by role and systems, by zone (EEA or not) and transfer status",
	groupDataCat:     "personal data by category",
	groupDataTop:     "personal data by category family",
	groupDataSpecial: "personal data into special categories and the rest",
	groupActBasis:    "activities by lawful basis",
	groupSubjKind:    "data subjects by kind",
	groupSubjAll:     "all data subjects",
}

// aggregate merges the nodes of each column by the level's grouping.
// A group of one keeps its node as it is.
func (g *flowGraph) aggregate(lv [flowColumns]grouping) *flowGraph {
	if lv == ([flowColumns]grouping{}) {
		return g
	}
	out := &flowGraph{Flows: g.Flows}
	to := make([]int, len(g.Nodes)) // node -> new node
	for col := range flowColumns {
		gr := lv[col]
		if gr != groupNone {
			out.Grouped = append(out.Grouped, groupNames[gr])
		}
		var keys []string
		members := map[string][]int{}
		// Columns are in display order; groups follow declaration order.
		ns := slices.Clone(g.Columns[col])
		slices.SortFunc(ns, func(a, b int) int { return cmp.Compare(g.Nodes[a].decl, g.Nodes[b].decl) })
		for _, n := range ns {
			k := groupKey(g.Nodes[n], gr)
			if _, ok := members[k]; !ok {
				keys = append(keys, k)
			}
			members[k] = append(members[k], n)
		}
		for _, k := range keys {
			ms := members[k]
			var n flowNode
			if len(ms) == 1 {
				n = g.Nodes[ms[0]]
			} else {
				n = groupNode(g, gr, k, ms)
			}
			n.decl = len(out.Columns[col])
			for _, m := range ms {
				to[m] = len(out.Nodes)
			}
			out.Columns[col] = append(out.Columns[col], len(out.Nodes))
			out.Nodes = append(out.Nodes, n)
		}
	}
	seen := map[[2]int]bool{}
	for _, e := range g.Edges {
		ne := [2]int{to[e[0]], to[e[1]]}
		if !seen[ne] {
			seen[ne] = true
			out.Edges = append(out.Edges, ne)
		}
	}
	out.sortEdges()
	out.order()
	return out
}

// zone is where a destination is: "eea", "third" (covered) or "gap".
func (n flowNode) zone() string {
	switch {
	case n.Gap:
		return "gap"
	case n.Third:
		return "third"
	}
	return "eea"
}

func groupKey(n flowNode, gr grouping) string {
	switch gr {
	case groupDestCountry:
		return string(n.Kind) + "|" + n.attr.role + "|" + strings.Join(n.attr.countries, ",") + "|" + n.zone()
	case groupDestZone:
		role := n.attr.role
		if _, ok := roles[role]; !ok && n.Kind == kindRecipient {
			role = "other"
		}
		return string(n.Kind) + "|" + role + "|" + n.zone()
	case groupDataCat:
		return n.attr.category + "|" + strconv.FormatBool(n.Special)
	case groupDataTop:
		return categoryFamily(n.attr.category) + "|" + strconv.FormatBool(n.Special)
	case groupDataSpecial:
		return strconv.FormatBool(n.Special)
	case groupActBasis:
		if _, ok := lawfulBases[n.attr.basis]; ok || n.attr.basis == "" {
			return n.attr.basis
		}
		return "other"
	case groupSubjKind:
		return n.attr.kind
	case groupSubjAll:
		return "all"
	}
	return n.ID
}

// categoryFamily is the first two segments of a taxonomy key
// ("user.contact.email" -> "user.contact").
func categoryFamily(key string) string {
	parts := strings.SplitN(key, ".", 3)
	if len(parts) > 2 {
		return parts[0] + "." + parts[1]
	}
	return key
}

// groupNode is the box of a group: the common property as label, the
// number of members below, the member ids in the tooltip.
func groupNode(g *flowGraph, gr grouping, key string, ms []int) flowNode {
	first := g.Nodes[ms[0]]
	n := flowNode{Kind: first.Kind, ID: key, attr: first.attr}
	for _, m := range ms {
		x := g.Nodes[m]
		n.Members = append(n.Members, x.ID)
		n.Special = n.Special || x.Special
		n.Third = n.Third || x.Third
		n.Gap = n.Gap || x.Gap
	}
	count := len(ms)
	switch first.Kind {
	case kindSubject:
		n.Sub = nouns(count, "subject category", "subject categories")
		n.Label = cmpOr(strings.ReplaceAll(first.attr.kind, "_", " "), "Kind not declared")
		if gr == groupSubjAll {
			n.Label = "All data subjects"
		}
	case kindData:
		n.Sub = nouns(count, "data category", "data categories")
		switch gr {
		case groupDataCat:
			n.Label = cmpOr(first.attr.category, "Category not declared")
		case groupDataTop:
			n.Label = cmpOr(categoryFamily(first.attr.category), "Category not declared")
		default:
			n.Label = "Other personal data"
			if n.Special {
				n.Label = "Special categories (Art. 9/10)"
			}
		}
	case kindActivity:
		n.Sub = plural(count, "activity")
		n.Label = cmpOr(lawfulBasisText(key), "Lawful basis not declared")
		if key == "other" {
			n.Label = "Other lawful basis"
		}
	default:
		what := "systems"
		if first.Kind == kindRecipient {
			what = "recipients, role not declared"
			if r, ok := roles[first.attr.role]; ok {
				what = r + " recipients"
			} else if first.attr.role != "" {
				what = "recipients, other role"
			}
		}
		n.Label = strconv.Itoa(count) + " " + what
		var cs []string
		for _, m := range ms {
			for _, c := range g.Nodes[m].attr.countries {
				if !slices.Contains(cs, c) {
					cs = append(cs, c)
				}
			}
		}
		slices.Sort(cs)
		if len(cs) > 8 {
			cs = append(cs[:8], "+"+strconv.Itoa(len(cs)-8))
		}
		where := "EEA"
		switch n.zone() {
		case "third":
			where = "outside the EEA, covered"
		case "gap":
			where = "outside the EEA, no valid safeguard"
		}
		if len(cs) > 0 {
			where += ": " + strings.Join(cs, ", ")
		} else {
			where = "no country declared"
		}
		n.Sub = where
	}
	ids := n.Members
	more := ""
	if len(ids) > 20 {
		ids, more = ids[:20], fmt.Sprintf(" and %d more", len(n.Members)-20)
	}
	n.Title = strings.Join(ids, ", ") + more
	return n
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
	svgMargin = 12
	svgColW   = 228
	svgColGap = 104
	svgTop    = 44
	svgGap    = 8  // between two boxes of a column
	svgPadY   = 7  // above the first and below the last line of a box
	svgLineL  = 15 // line height of a label (12px bold)
	svgLineS  = 13 // line height of a second line (10px)
	svgLabelN = 29 // characters that fit a box at 12px bold
	svgSubN   = 36 // at 10px
)

// flowSVG draws the graph. Labels wrap on as many lines as they need
// (paper has no tooltip), so boxes have their own heights. Text goes
// through html.EscapeString; the result is trusted markup for
// html/template.
func flowSVG(g *flowGraph) string {
	type box struct {
		label, sub []string
		y, h       int
	}
	boxes := make([]box, len(g.Nodes))
	colH := [flowColumns]int{}
	for col, nodes := range g.Columns {
		for i, n := range nodes {
			b := box{label: wrapText(g.Nodes[n].Label, svgLabelN), sub: wrapText(g.Nodes[n].Sub, svgSubN)}
			b.h = 2*svgPadY + len(b.label)*svgLineL + len(b.sub)*svgLineS
			boxes[n] = b
			if i > 0 {
				colH[col] += svgGap
			}
			colH[col] += b.h
		}
	}
	tallest := slices.Max(colH[:])
	for col, nodes := range g.Columns {
		y := svgTop + (tallest-colH[col])/2
		for _, n := range nodes {
			boxes[n].y = y
			y += boxes[n].h + svgGap
		}
	}
	width := 2*svgMargin + int(flowColumns)*svgColW + (int(flowColumns)-1)*svgColGap
	legend, legendH := flowLegend(width)
	height := svgTop + tallest + 16 + legendH
	x := func(col flowColumn) int { return svgMargin + int(col)*(svgColW+svgColGap) }

	var b strings.Builder
	counts := fmt.Sprintf("%d data subject categories, %d data categories, %d processing activities, %d recipients and systems, %d flows.",
		len(g.Columns[colSubjects]), len(g.Columns[colData]), len(g.Columns[colActivities]), len(g.Columns[colDestinations]), len(g.Edges))
	if len(g.Grouped) > 0 {
		counts = fmt.Sprintf("Grouped: %s; %d boxes, %d links for %d flows.", strings.Join(g.Grouped, "; "), len(g.Nodes), len(g.Edges), g.Flows)
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="flow" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="flow-title flow-desc">`+"\n", width, height, width, height)
	b.WriteString(`<title id="flow-title">Data flows: data subjects, personal data, processing activities, recipients and systems</title>` + "\n")
	fmt.Fprintf(&b, `<desc id="flow-desc">%s The register lists the same flows as text.</desc>`+"\n", html.EscapeString(counts))
	for col := range flowColumns {
		fmt.Fprintf(&b, `<text class="fl-h" x="%d" y="%d">%s</text>`+"\n", x(col)+svgColW/2, 24, html.EscapeString(flowColumnTitles[col]))
	}
	b.WriteString(`<g class="fl-edges">` + "\n")
	for _, e := range g.Edges {
		from, to := g.Nodes[e[0]], g.Nodes[e[1]]
		x1, y1 := x(from.column())+svgColW, boxes[e[0]].y+boxes[e[0]].h/2
		x2, y2 := x(to.column()), boxes[e[1]].y+boxes[e[1]].h/2
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
			title := n.Label
			if n.Sub != "" {
				title += " (" + n.Sub + ")"
			}
			if n.Title != "" {
				title += ": " + n.Title
			}
			x0, bx := x(flowColumn(col)), boxes[i]
			fmt.Fprintf(&b, `<g class="%s"><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" rx="5"/>`, nodeClass(n), html.EscapeString(title), x0, bx.y, svgColW, bx.h)
			ty := bx.y + svgPadY
			for _, l := range bx.label {
				ty += svgLineL
				fmt.Fprintf(&b, `<text class="fl-l" x="%d" y="%d">%s</text>`, x0+8, ty-4, html.EscapeString(l))
			}
			for _, l := range bx.sub {
				ty += svgLineS
				fmt.Fprintf(&b, `<text class="fl-s" x="%d" y="%d">%s</text>`, x0+8, ty-3, html.EscapeString(l))
			}
			b.WriteString("</g>\n")
		}
	}
	fmt.Fprintf(&b, `<g class="fl-legend" transform="translate(0 %d)">`+"\n%s</g>\n", height-legendH, legend)
	b.WriteString("</svg>")
	return b.String()
}

func nodeClass(n flowNode) string {
	cls := "fl-n fl-" + string(n.Kind)
	switch {
	case n.Special:
		cls += " fl-special"
	case n.Gap:
		cls += " fl-gap"
	case n.Third:
		cls += " fl-third"
	}
	return cls
}

// flowLegend explains every mark of the drawing, in rows that fit the
// width; it returns the markup (origin at its top left) and its height.
func flowLegend(width int) (string, int) {
	const rowH = 22
	items := []struct{ cls, line, text string }{
		{cls: "fl-n fl-subject", text: "Data subjects"},
		{cls: "fl-n fl-data", text: "Personal data"},
		{cls: "fl-n fl-activity", text: "Processing activity"},
		{cls: "fl-n fl-recipient", text: "Recipient"},
		{cls: "fl-n fl-system", text: "System (dashed border)"},
		{cls: "fl-n fl-data fl-special", text: "Special category (Art. 9/10)"},
		{cls: "fl-n fl-recipient fl-third", text: "Outside the EEA, covered"},
		{cls: "fl-n fl-recipient fl-gap", text: "Outside the EEA, no valid safeguard"},
		{line: "fl-e", text: "Flow"},
		{line: "fl-e fl-e-third", text: "Flow outside the EEA, covered"},
		{line: "fl-e fl-e-gap", text: "Flow outside the EEA, no valid safeguard (dashed)"},
	}
	var b strings.Builder
	x, y := svgMargin, 0
	for _, it := range items {
		w := 24 + len(it.text)*6 + 20
		if x+w > width-svgMargin {
			x, y = svgMargin, y+rowH
		}
		if it.line != "" {
			fmt.Fprintf(&b, `<path class="%s" d="M%d %d H%d"/>`, it.line, x, y+7, x+18)
		} else {
			fmt.Fprintf(&b, `<g class="%s"><rect x="%d" y="%d" width="18" height="14" rx="3"/></g>`, it.cls, x, y)
		}
		fmt.Fprintf(&b, `<text class="fl-s" x="%d" y="%d">%s</text>`+"\n", x+24, y+11, html.EscapeString(it.text))
		x += w
	}
	return b.String(), y + rowH
}

// wrapText breaks s into lines of at most n characters, at spaces when
// it can; a word longer than a line breaks after a '-', '_', '.' or '/',
// or else at n characters. Nothing is cut.
func wrapText(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > n {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			r := []rune(w)
			cut := n // after the last '-', '_', '.' or '/' that fits, else at n
			for i := n - 1; i > n/2; i-- {
				if strings.ContainsRune("-_./", r[i]) {
					cut = i + 1
					break
				}
			}
			lines = append(lines, string(r[:cut]))
			w = string(r[cut:])
		}
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// groupedNote says what an aggregated diagram merged, with the true
// number of flows; empty when the diagram shows every declaration.
func (g *flowGraph) groupedNote() string {
	if len(g.Grouped) == 0 {
		return ""
	}
	return fmt.Sprintf("The inventory has %s; to stay readable, the diagram groups %s, and draws %s between %s. The register lists every flow.",
		plural(g.Flows, "flow"), strings.Join(g.Grouped, "; "), plural(len(g.Edges), "link"), nouns(len(g.Nodes), "box", "boxes"))
}

// nouns is "1 box" or "3 boxes".
func nouns(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
