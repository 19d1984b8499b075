package notice

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// update rewrites the golden files: go test ./audit/notice -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const repoRoot = "../.."

var asOf = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

var (
	engineOnce sync.Once
	engine     *audit.Engine
	engineErr  error
	resultsMu  sync.Mutex
	results    = map[string]*audit.Result{}
)

// auditDir audits testdata/<name> once per test binary.
func auditDir(t testing.TB, name string) *audit.Result {
	t.Helper()
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if r, ok := results[name]; ok {
		return r
	}
	engineOnce.Do(func() { engine, engineErr = audit.NewEngine(context.Background(), audit.EngineOptions{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	inv, err := inventory.Load(filepath.Join(repoRoot, "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Audit(context.Background(), inv, audit.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	results[name] = r
	return r
}

func auditYAML(t *testing.T, src string) *audit.Result {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = audit.NewEngine(context.Background(), audit.EngineOptions{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "inventory.yaml", Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Audit(context.Background(), inv, audit.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func build(t testing.TB, r *audit.Result, lang string) *Notice {
	t.Helper()
	n, err := New(r, lang)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func render(t testing.TB, n *Notice, format string) []byte {
	t.Helper()
	var a, b bytes.Buffer
	if err := Render(&a, n, format); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, n, format); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("%s output differs between two renderings", format)
	}
	return a.Bytes()
}

// plainText is every span of the notice, unescaped, one paragraph a line.
func plainText(n *Notice) string {
	var b strings.Builder
	var sec func(s Section)
	line := func(p Para) {
		for _, s := range p {
			b.WriteString(s.Text)
		}
		b.WriteString("\n")
	}
	sec = func(s Section) {
		b.WriteString(s.Title + "\n")
		for _, bl := range s.Blocks {
			for _, it := range bl.Items {
				line(it)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					line(c)
				}
			}
		}
		for _, sub := range s.Subs {
			sec(sub)
		}
	}
	b.WriteString(n.Title + "\n" + n.Subtitle + "\n")
	sec(n.Summary)
	for _, s := range n.Sections {
		sec(s)
	}
	line(n.Footer)
	return b.String()
}

var placeholderRE = regexp.MustCompile(`\{[a-z_]+\}`)

// TestTranslationTables: every language has every key of English, with
// the same placeholders, and nothing more.
func TestTranslationTables(t *testing.T) {
	tables, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	en := tables["en"]
	if len(tables) < 2 {
		t.Fatalf("want at least en and fr, have %d tables", len(tables))
	}
	for lang, tab := range tables {
		for k, v := range en {
			got, ok := tab[k]
			if !ok {
				t.Errorf("%s lacks key %q", lang, k)
				continue
			}
			want := placeholderRE.FindAllString(v, -1)
			have := placeholderRE.FindAllString(got, -1)
			slices.Sort(want)
			slices.Sort(have)
			if !slices.Equal(want, have) {
				t.Errorf("%s %q has placeholders %v, en has %v", lang, k, have, want)
			}
		}
		for k := range tab {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has key %q that en lacks", lang, k)
			}
		}
	}
}

// TestEveryKeyUsedExists scans the builder for literal keys.
func TestEveryKeyUsedExists(t *testing.T) {
	src, err := os.ReadFile("builder.go")
	if err != nil {
		t.Fatal(err)
	}
	tables, _ := loadTables()
	for _, m := range regexp.MustCompile(`(?:T|marker|gap\([^,]+,)\(?"([a-z_]+\.[a-z_.]+|[a-z]+)"`).FindAllStringSubmatch(string(src), -1) {
		k := m[1]
		if strings.HasSuffix(k, ".") {
			continue
		}
		if _, ok := tables["en"][k]; !ok {
			t.Errorf("builder.go uses key %q, missing from lang/en.json", k)
		}
	}
}

func TestDurations(t *testing.T) {
	for _, tc := range []struct{ lang, period, after, want string }{
		{"en", "P3Y", "end_of_contract", "3 years after the end of the contract"},
		{"fr", "P3Y", "end_of_contract", "3 ans après la fin du contrat"},
		{"en", "P1Y", "", "1 year"},
		{"fr", "P1Y", "", "1 an"},
		{"en", "P13M", "last_visit", "13 months after your last visit"},
		{"fr", "P13M", "last_visit", "13 mois après votre dernière visite"},
		{"en", "P1Y6M", "", "1 year and 6 months"},
		{"fr", "P1Y6M", "", "1 an et 6 mois"},
		{"en", "PT30M", "", "30 minutes"},
		{"en", "P5Y", "closing_of_the_file", "5 years after “closing of the file”"},
		{"fr", "P5Y", "closing_of_the_file", "5 ans après « closing of the file »"},
		{"en", "forever", "", "“forever”"},
	} {
		tr, err := newTranslator(tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		got := tr.Duration(tc.period)
		if tc.after != "" {
			got += " " + tr.After(tc.after)
		}
		if got != tc.want {
			t.Errorf("%s %s %s = %q, want %q", tc.lang, tc.period, tc.after, got, tc.want)
		}
	}
	tr, _ := newTranslator("fr")
	if got := tr.Date("2026-11-28"); got != "28 novembre 2026" {
		t.Errorf("fr date = %q", got)
	}
}

const minimal = `version: 1
controller: {name: Acme, contact: privacy@acme.example, country: BE}
subjects: [{id: customer, description: Customers}]
data: [{id: identity, description: Name, category: user.name, source: data_subject}]
systems: [{id: hosting, provider: self, countries: [BE]}]
security_measures: [{id: ac, kind: access_control}]
activities:
  - id: billing
    name: Billing
    purpose: Invoicing
    lawful_basis: legal_obligation
    legal_provision: Code des sociétés
    required: statutory
    subjects: [customer]
    data: [identity]
    systems: [hosting]
    security: [ac]
rights:
  contact: privacy@acme.example
  supported: [access, rectification, erasure, restriction, objection, portability, complaint]
`

// TestGapMarker: a missing retention is a marker and an incomplete notice;
// declaring it removes both.
func TestGapMarker(t *testing.T) {
	r := auditYAML(t, minimal)
	n := build(t, r, "en")
	text := plainText(n)
	if !strings.Contains(text, "[not declared: retention period]") {
		t.Errorf("no retention gap marker:\n%s", text)
	}
	if len(n.Missing()) == 0 {
		t.Errorf("a missing retention period must make the notice incomplete")
	}
	for _, want := range []string{
		"Autorité de protection des données", // BE authority
		"Providing these data is a statutory requirement",
		"Law relied on: Code des sociétés",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q", want)
		}
	}
	fixed := strings.Replace(minimal, "    security: [ac]\n", "    security: [ac]\n    retention: {period: P10Y, after: end_of_contract}\n", 1)
	n = build(t, auditYAML(t, fixed), "fr")
	text = plainText(n)
	if strings.Contains(text, "[non déclaré") || len(n.Missing()) != 0 {
		t.Errorf("complete inventory has gaps: %v\n%s", n.Gaps, text)
	}
	if !strings.Contains(text, "10 ans après la fin du contrat") {
		t.Errorf("retention not worded in French:\n%s", text)
	}
}

// TestWaivedFindingIsNoGap: a waived finding is an accepted decision, not
// a hole in the notice.
func TestWaivedFindingIsNoGap(t *testing.T) {
	src := minimal + "waivers:\n  - {rule: gdpr/retention, target: activities/billing, reason: test, approved_by: DPO, expires: 2099-01-01}\n"
	n := build(t, auditYAML(t, src), "en")
	if strings.Contains(plainText(n), "[not declared: retention period]") {
		t.Errorf("a waived finding shows as a gap")
	}
}

// TestAutomatedDecisionAndTransfer covers the surprising items of the
// first layer.
func TestAutomatedDecisionAndTransfer(t *testing.T) {
	src := strings.Replace(minimal, "    security: [ac]\n", `    security: [ac]
    retention: {period: P10Y}
    recipients: [crm]
    automated_decision: {legal_effect: true, exception: contract, safeguards: [human_intervention, express_view, contest]}
`, 1) + `recipients:
  - {id: crm, description: CRM vendor, role: processor, countries: [US], contract: DPA-1, transfer: {mechanism: scc, reference: SCC 2021/914 module 2, tia: TIA-1}}
`
	n := build(t, auditYAML(t, src), "en")
	text := plainText(n)
	for _, want := range []string{
		"Some decisions are taken by automated means only: Billing.",
		"transferred outside the European Economic Area, to United States",
		"CRM vendor (United States): standard contractual clauses adopted by the European Commission (GDPR Art. 46(2)(c)) (SCC 2021/914 module 2)",
		"you can obtain human intervention, you can express your point of view and you can contest the decision",
		"You can obtain a copy of the safeguards",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, text)
		}
	}
}

type statements struct {
	Statements []struct {
		ID, Policy  string
		EN, FR      []string
		NotModelled string `json:"not_modelled"`
	} `json:"statements"`
}

// TestRackslabProof: every factual statement of the seed policy is in the
// generated notice, in both languages, and every gap the audit finds on a
// notice item is a marker.
func TestRackslabProof(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "notice", "rackslab-policy-statements.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st statements
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	r := auditDir(t, "rackslab")
	for _, lang := range []string{"en", "fr"} {
		n := build(t, r, lang)
		text := plainText(n)
		for _, s := range st.Statements {
			alts := s.EN
			if lang == "fr" {
				alts = s.FR
			}
			if s.NotModelled != "" {
				continue
			}
			if len(alts) == 0 {
				t.Errorf("statement %s has no %s text and no not_modelled reason", s.ID, lang)
				continue
			}
			if !slices.ContainsFunc(alts, func(a string) bool { return strings.Contains(text, a) }) {
				t.Errorf("%s notice does not state %s (%q): none of %q", lang, s.ID, s.Policy, alts)
			}
		}
		// Every unwaived finding of a notice rule is a gap of the notice.
		mapped := map[string]string{}
		for _, g := range GapRules {
			mapped[g.Rule] = g.PathSuffix
		}
		gaps := map[string]bool{}
		for _, g := range n.Gaps {
			gaps[g.Rule+" "+g.Path] = true
		}
		for _, f := range r.Findings {
			suffix, ok := mapped[f.Rule]
			if f.Waived || !ok || !strings.HasSuffix(f.Path, suffix) {
				continue
			}
			if f.Rule == "gdpr/controller-identity" && strings.HasSuffix(f.Path, "/country") {
				continue // the country is not a notice item (rule pack 2 drops this finding)
			}
			if !gaps[f.Rule+" "+f.Path] {
				t.Errorf("%s: finding %s at %s is not a gap of the notice", lang, f.Rule, f.Path)
			}
		}
		marker := "[not declared: "
		if lang == "fr" {
			marker = "[non déclaré : "
		}
		if len(n.Gaps) > 0 && !strings.Contains(text, marker) {
			t.Errorf("%s: gaps recorded but no marker in the text", lang)
		}
		if len(n.Missing()) == 0 {
			t.Errorf("%s: the Rackslab notice must be incomplete (no controller contact)", lang)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(repoRoot, "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./audit/notice -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func TestRackslabGolden(t *testing.T) {
	r := auditDir(t, "rackslab")
	for _, lang := range []string{"en", "fr"} {
		n := build(t, r, lang)
		golden(t, "rackslab-notice."+lang+".md", render(t, n, FormatMarkdown))
		golden(t, "rackslab-notice."+lang+".html", render(t, n, FormatHTML))
	}
}

// TestHTMLSelfContained: no script, no external resource, the language
// declared, table headers scoped, gap markers present.
func TestHTMLSelfContained(t *testing.T) {
	r := auditDir(t, "rackslab")
	for _, lang := range []string{"en", "fr"} {
		h := string(render(t, build(t, r, lang), FormatHTML))
		if !strings.Contains(h, `<html lang="`+lang+`">`) {
			t.Errorf("%s: no lang attribute", lang)
		}
		for _, bad := range []string{"<script", "<link", "<img", "src=", "@import", "url("} {
			if strings.Contains(h, bad) {
				t.Errorf("%s: HTML contains %q", lang, bad)
			}
		}
		if strings.Count(h, "<h1") != 1 || !strings.Contains(h, `<th scope="col">`) || !strings.Contains(h, `class="gap"`) {
			t.Errorf("%s: headings, table headers or gap markers missing", lang)
		}
	}
}

// TestEscaping: inventory text cannot inject HTML or Markdown.
func TestEscaping(t *testing.T) {
	src := strings.Replace(minimal, "purpose: Invoicing", `purpose: "<script>alert(1)</script> | [x](javascript:1) *b*"`, 1)
	n := build(t, auditYAML(t, src), "en")
	h := string(render(t, n, FormatHTML))
	if strings.Contains(h, "<script>") {
		t.Errorf("HTML not escaped")
	}
	md := string(render(t, n, FormatMarkdown))
	if strings.Contains(md, "[x](javascript") || strings.Contains(md, "<script>") {
		t.Errorf("Markdown not escaped:\n%s", md)
	}
}
