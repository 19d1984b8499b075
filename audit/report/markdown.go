package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/internal/errw"
	"github.com/ropa-project/ropa/inventory"
)

// Markdown is the pull-request comment format (GitHub-flavoured Markdown):
// summary counts, the findings table with file:line links, the rules that
// fired with their legal references, and a Mermaid data-flow diagram, the
// long parts folded in <details>.
//
// Links are relative to the repository root (the directory ropa ran in)
// unless LinkBase is set, e.g. to
// https://github.com/OWNER/REPO/blob/SHA/ for a pull-request comment,
// where relative links do not resolve.
type Markdown struct {
	LinkBase string
	// MaxChars is the size budget in characters (GitHub refuses a
	// pull-request comment over 65,536): 0 is DefaultMarkdownMax, a
	// negative value no limit. Over budget, the report keeps the summary
	// and the first findings, and says how many it left out and where the
	// full report is.
	MaxChars int
	// FullReport says where the full report is (a URL or a file name,
	// e.g. the HTML report kept as a build artifact); empty, the report
	// points to the formats that hold every finding.
	FullReport string
}

// DefaultMarkdownMax keeps a Markdown report under GitHub's 65,536
// characters for a comment, with room for a heading a workflow adds.
const DefaultMarkdownMax = 64000

// openFindingsMax is the largest findings table shown unfolded.
const openFindingsMax = 25

func writeMarkdown(w io.Writer, r *audit.Result) error { return Markdown{}.Write(w, r) }

// Write renders r.
func (md Markdown) Write(w io.Writer, r *audit.Result) error {
	s := r.Summary
	status := "✅"
	switch {
	case s.Errors > 0:
		status = "❌"
	case s.Warnings > 0:
		status = "⚠️"
	}
	var head strings.Builder
	fmt.Fprintf(&head, "## %s ropa audit: %s, %s, %d waived\n\n", status, plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Waived)
	subject := "the inventory"
	if r.Inventory != nil {
		if c := r.Inventory.Model().Controller; c != nil && c.Name != "" {
			subject = "**" + mdText(c.Name) + "**"
		}
	}
	fmt.Fprintf(&head, "Audit of %s as of %s: %s, %s, %s.\n\n", subject, r.AsOf, plural(s.Files, "file"), plural(s.Activities, "activity"), plural(len(r.Rules), "rule"))
	fmt.Fprintf(&head, "| Severity | Findings |\n|:--|--:|\n")
	fmt.Fprintf(&head, "| ❌ Error | %d |\n| ⚠️ Warning | %d |\n| ➖ Waived | %d |\n\n", s.Errors, s.Warnings, s.Waived)

	// The findings rows, then the parts after them.
	rows := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		msg := mdCell(f.Message)
		if f.Waived {
			msg += " — *waived: " + mdCell(cmpOr(f.WaiverReason, "no reason given")) + "*"
		}
		rows[i] = fmt.Sprintf("| %s | `%s` | %s | %s |\n", mdSeverity(f), f.Rule, md.location(f.Location), msg)
	}
	var rules strings.Builder
	if len(r.Findings) > 0 {
		groups := groupByRule(r)
		fmt.Fprintf(&rules, "<details>\n<summary><strong>Rules with findings (%d)</strong></summary>\n\n", len(groups))
		fmt.Fprintf(&rules, "| Rule | Title | Severity | Reference | Findings |\n|:--|:--|:--|:--|--:|\n")
		for _, g := range groups {
			fmt.Fprintf(&rules, "| `%s` | %s | %s | %s | %d |\n", g.Rule.ID, mdCell(g.Rule.Title), g.Rule.Severity, mdReference(g.Rule), len(g.Findings))
		}
		fmt.Fprintf(&rules, "\n</details>\n\n")
	}
	var full *flowGraph
	if r.Inventory != nil {
		var err error
		if full, err = buildFlow(r.Inventory.Model(), r.Transfers); err != nil {
			return err
		}
	}
	flows := mdFlows(full, mermaidBudget.Chars)
	foot := fmt.Sprintf("<sub>ropa %s</sub>\n", audit.Version())

	// The budget: everything if it fits; else without the diagram; else
	// the first findings that fit.
	budget := md.MaxChars
	if budget == 0 {
		budget = DefaultMarkdownMax
	}
	size := func(ss ...string) int {
		n := 0
		for _, x := range ss {
			n += utf8.RuneCountInString(x)
		}
		return n
	}
	rowsSize := size(rows...)
	shown := len(rows)
	var omitted []string
	const tableHead = "<details open>\n<summary><strong>Findings (00000000)</strong></summary>\n\n| Severity | Rule | Location | Message |\n|:--|:--|:--|:--|\n\n</details>\n\n"
	const noteRoom = 600 // the lines saying what was left out
	if budget > 0 && size(head.String(), tableHead, rules.String(), flows, foot)+rowsSize > budget {
		// A coarser diagram in a third of the budget, or none.
		if flows != "" {
			flows = mdFlows(full, budget/3)
			if size(flows) > budget/3 {
				flows = ""
				omitted = append(omitted, "the data-flow diagram")
			}
		}
		free := budget - size(head.String(), tableHead, rules.String(), flows, foot) - noteRoom
		if rowsSize > free {
			shown = 0
			for shown < len(rows) && size(rows[shown]) <= free {
				free -= size(rows[shown])
				shown++
			}
		}
	}

	var buf bytes.Buffer
	ew := errw.New(&buf)
	ew.Printf("%s", head.String())
	if len(r.Findings) > 0 {
		open := ""
		if len(r.Findings) <= openFindingsMax {
			open = " open"
		}
		ew.Printf("<details%s>\n<summary><strong>Findings (%d)</strong></summary>\n\n", open, len(r.Findings))
		ew.Printf("| Severity | Rule | Location | Message |\n|:--|:--|:--|:--|\n")
		for _, row := range rows[:shown] {
			ew.Printf("%s", row)
		}
		if shown < len(rows) {
			ew.Printf("\n**%s of %d not shown** to keep this report under %d characters. %s\n", plural(len(rows)-shown, "finding"), len(rows), budget, md.fullReport())
		}
		ew.Printf("\n</details>\n\n")
	}
	ew.Printf("%s%s", rules.String(), flows)
	if len(omitted) > 0 && shown == len(rows) {
		ew.Printf("*Left out to keep this report under %d characters: %s.* %s\n\n", budget, strings.Join(omitted, ", "), md.fullReport())
	} else if len(omitted) > 0 {
		ew.Printf("*Also left out: %s.*\n\n", strings.Join(omitted, ", "))
	}
	ew.Printf("%s", foot)
	if ew.Err != nil {
		return ew.Err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// mdFlows is the data-flow section with a Mermaid diagram aggregated to
// at most chars characters (when the coarsest level fits); empty when
// the inventory declares nothing to draw.
func mdFlows(full *flowGraph, chars int) string {
	if full == nil || len(full.Nodes) == 0 {
		return ""
	}
	budget := mermaidBudget
	budget.Chars = min(budget.Chars, chars)
	g := full.fit(budget, func(g *flowGraph) int { return len(flowMermaid(g)) })
	var b strings.Builder
	b.WriteString("<details>\n<summary><strong>Data flows</strong></summary>\n\n")
	fmt.Fprintf(&b, "```mermaid\n%s```\n\n", flowMermaid(g))
	b.WriteString("Data subjects → personal data → processing activities → recipients and systems (with their countries). " +
		"Yellow: special categories (Art. 9/10); orange: outside the EEA with an adequacy decision or a safeguard; " +
		"red: outside the EEA without a valid safeguard.\n")
	if note := g.groupedNote(); note != "" {
		fmt.Fprintf(&b, "\n%s\n", note)
	}
	b.WriteString("\n</details>\n\n")
	return b.String()
}

// fullReport says where the full report is.
func (md Markdown) fullReport() string {
	if md.FullReport != "" {
		return "The full report: " + mdText(md.FullReport) + "."
	}
	return "Every finding is in the full report: `ropa audit -f html` (or `-f json`, `-f sarif`)."
}

func mdSeverity(f audit.Finding) string {
	switch {
	case f.Waived:
		return "➖ waived"
	case f.Severity == inventory.SeverityError:
		return "❌ error"
	case f.Severity == inventory.SeverityWarning:
		return "⚠️ warning"
	}
	return string(f.Severity)
}

// location is a file:line link, relative to the repository root (or to
// LinkBase).
func (md Markdown) location(l inventory.Location) string {
	if l.File == "" {
		return "—"
	}
	if isAbs(l.File) {
		return mdCell(l.String())
	}
	text := l.File
	target := md.LinkBase + escapePath(l.File)
	if l.Line > 0 {
		text += ":" + strconv.Itoa(l.Line)
		target += "#L" + strconv.Itoa(l.Line)
	}
	return "[" + mdCell(text) + "](" + target + ")"
}

// mdReference links the legal reference of a rule.
func mdReference(ri audit.RuleInfo) string {
	refs := legalRefs(ri.Reference, ri.URL)
	if len(refs) == 0 {
		return "—"
	}
	out := make([]string, len(refs))
	for i, lr := range refs {
		if lr.URL == "" {
			out[i] = mdCell(lr.Text)
		} else {
			out[i] = "[" + mdCell(lr.Text) + "](" + lr.URL + ")"
		}
	}
	return strings.Join(out, ", ")
}

// ruleGroup is a rule with its findings, for the per-rule sections.
type ruleGroup struct {
	Rule     audit.RuleInfo
	Findings []audit.Finding
	Errors   int
	Warnings int
	Waived   int
}

// groupByRule groups findings by rule: rules with unwaived errors first,
// then warnings, then waived only, each by id.
func groupByRule(r *audit.Result) []ruleGroup {
	byID := map[string]*ruleGroup{}
	var order []string
	for _, f := range r.Findings {
		g, ok := byID[f.Rule]
		if !ok {
			ri, found := r.Rule(f.Rule)
			if !found {
				ri = audit.RuleInfo{ID: f.Rule, Title: f.Rule, Severity: f.Severity, Reference: f.Reference}
			}
			g = &ruleGroup{Rule: ri}
			byID[f.Rule] = g
			order = append(order, f.Rule)
		}
		g.Findings = append(g.Findings, f)
		switch {
		case f.Waived:
			g.Waived++
		case f.Severity == inventory.SeverityError:
			g.Errors++
		case f.Severity == inventory.SeverityWarning:
			g.Warnings++
		}
	}
	out := make([]ruleGroup, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	rank := func(g ruleGroup) int {
		switch {
		case g.Errors > 0:
			return 0
		case g.Warnings > 0:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b ruleGroup) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a.Rule.ID, b.Rule.ID)
	})
	return out
}

// legalRef is one linked part of a legal reference.
type legalRef struct {
	Text string
	URL  string
}

const (
	gdprURL     = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
	ePrivacyURL = "https://eur-lex.europa.eu/eli/dir/2002/58/oj"
)

// gdprArticleURL links one GDPR article on EUR-Lex.
func gdprArticleURL(article int) string {
	return gdprURL + "#art_" + strconv.Itoa(article)
}

// legalRefs splits a rule's reference into linked parts. GDPR references
// ("Art. 6(1)(f), 13(1)(d)") link each article on EUR-Lex; the ePrivacy
// Directive links its EUR-Lex page; others (CNIL) link the rule's URL.
func legalRefs(reference, ruleURL string) []legalRef {
	reference = strings.TrimSpace(reference)
	switch {
	case reference == "":
		return nil
	case strings.HasPrefix(reference, "Art. "):
		parts := strings.Split(strings.TrimPrefix(reference, "Art. "), ",")
		var out []legalRef
		for i, p := range parts {
			p = strings.TrimSpace(p)
			text := p
			if i == 0 {
				text = "Art. " + p
			}
			lr := legalRef{Text: text}
			if arts := articleNumbers(p); len(arts) > 0 {
				lr.URL = gdprArticleURL(arts[0])
			}
			out = append(out, lr)
		}
		return out
	case strings.HasPrefix(reference, "ePrivacy "):
		return []legalRef{{Text: reference, URL: ePrivacyURL}}
	}
	return []legalRef{{Text: reference, URL: ruleURL}}
}

// articleNumbers returns the articles a GDPR reference part names: "6(1)(f)"
// is [6], a range "44-46" is [44 45 46].
func articleNumbers(p string) []int {
	lead := func(s string) (int, string) {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil {
			return 0, s
		}
		return n, s[i:]
	}
	first, rest := lead(p)
	if first == 0 {
		return nil
	}
	if strings.HasPrefix(rest, "-") {
		if last, _ := lead(rest[1:]); last > first && last-first < 20 {
			out := make([]int, 0, last-first+1)
			for a := first; a <= last; a++ {
				out = append(out, a)
			}
			return out
		}
	}
	return []int{first}
}

// articleKey is how a finding is counted "by article": one key per GDPR
// article its reference names, the reference itself otherwise.
type articleKey struct {
	Order   int // GDPR article number, or 1000 + for others
	Label   string
	Title   string
	URL     string
	Errors  int
	Warning int
	Waived  int
}

// Total is the number of findings citing the article.
func (a articleKey) Total() int { return a.Errors + a.Warning + a.Waived }

// gdprTitles are the official titles of the GDPR articles ropa's rules
// cite (and their neighbours).
var gdprTitles = map[int]string{
	5:  "Principles relating to processing of personal data",
	6:  "Lawfulness of processing",
	7:  "Conditions for consent",
	9:  "Processing of special categories of personal data",
	10: "Processing of personal data relating to criminal convictions and offences",
	12: "Transparent information, communication and modalities for the exercise of the rights of the data subject",
	13: "Information to be provided where personal data are collected from the data subject",
	14: "Information to be provided where personal data have not been obtained from the data subject",
	15: "Right of access by the data subject",
	16: "Right to rectification",
	17: "Right to erasure ('right to be forgotten')",
	18: "Right to restriction of processing",
	20: "Right to data portability",
	21: "Right to object",
	24: "Responsibility of the controller",
	25: "Data protection by design and by default",
	27: "Representatives of controllers or processors not established in the Union",
	28: "Processor",
	30: "Records of processing activities",
	32: "Security of processing",
	35: "Data protection impact assessment",
	37: "Designation of the data protection officer",
	44: "General principle for transfers",
	45: "Transfers on the basis of an adequacy decision",
	46: "Transfers subject to appropriate safeguards",
	47: "Binding corporate rules",
	49: "Derogations for specific situations",
}

// countByArticle counts findings per cited article. A finding citing
// several articles counts once under each; findings of rules without a
// reference (the inventory/* structure rules) are counted under
// "No legal reference".
func countByArticle(r *audit.Result) []articleKey {
	keys := map[string]*articleKey{}
	get := func(k articleKey) *articleKey {
		if x, ok := keys[k.Label]; ok {
			return x
		}
		keys[k.Label] = &k
		return &k
	}
	for _, f := range r.Findings {
		ref, url := f.Reference, ""
		if ri, ok := r.Rule(f.Rule); ok {
			ref = cmpOr(ref, ri.Reference)
			url = ri.URL
		}
		var cited []*articleKey
		seen := map[string]bool{}
		cite := func(k *articleKey) {
			if !seen[k.Label] {
				seen[k.Label] = true
				cited = append(cited, k)
			}
		}
		switch {
		case strings.TrimSpace(ref) == "":
			cite(get(articleKey{Order: 3000, Label: "No legal reference", Title: "Inventory structure"}))
		case strings.HasPrefix(ref, "Art. "):
			for _, p := range strings.Split(strings.TrimPrefix(ref, "Art. "), ",") {
				for _, a := range articleNumbers(strings.TrimSpace(p)) {
					cite(get(articleKey{Order: a, Label: "GDPR Art. " + strconv.Itoa(a), Title: gdprTitles[a], URL: gdprArticleURL(a)}))
				}
			}
		default:
			lr := legalRefs(ref, url)[0]
			title := ""
			if ri, ok := r.Rule(f.Rule); ok {
				title = ri.Title
			}
			cite(get(articleKey{Order: 2000, Label: lr.Text, Title: title, URL: lr.URL}))
		}
		for _, k := range cited {
			switch {
			case f.Waived:
				k.Waived++
			case f.Severity == inventory.SeverityError:
				k.Errors++
			default:
				k.Warning++
			}
		}
	}
	out := make([]articleKey, 0, len(keys))
	for _, k := range keys {
		out = append(out, *k)
	}
	slices.SortStableFunc(out, func(a, b articleKey) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}
