package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ropa-project/ropa/audit"
)

func TestMarkdownGolden(t *testing.T) {
	out := goldenFormat(t, FormatMarkdown, "md")
	link := regexp.MustCompile(`\]\(([^)]*)\)`)
	for name, b := range out {
		md := string(b)
		for _, want := range []string{"## ", "| Severity | Findings |", "<details", "</details>", "<summary>"} {
			if !strings.Contains(md, want) {
				t.Errorf("%s: lacks %q", name, want)
			}
		}
		if strings.Count(md, "<details") != strings.Count(md, "</details>") {
			t.Errorf("%s: unbalanced <details>", name)
		}
		// File links are relative to the repository root; only legal
		// references are absolute.
		for _, m := range link.FindAllStringSubmatch(md, -1) {
			target := m[1]
			switch {
			case strings.HasPrefix(target, "https://eur-lex.europa.eu/"), strings.HasPrefix(target, "https://www.legifrance.gouv.fr/"), strings.HasPrefix(target, "https://www.cnil.fr/"):
			case strings.HasPrefix(target, "testdata/") || strings.HasPrefix(target, "inv/"):
				if !regexp.MustCompile(`^[^ ]+\.yaml(#L[0-9]+)?$`).MatchString(target) {
					t.Errorf("%s: file link %q", name, target)
				}
			default:
				t.Errorf("%s: unexpected link target %q", name, target)
			}
		}
	}
	// The fixtures draw their data flows.
	for _, name := range fixtures {
		if !strings.Contains(string(out[name]), "```mermaid\nflowchart LR\n") {
			t.Errorf("%s: no mermaid flowchart", name)
		}
	}
	// Counts in the summary table.
	s := auditFixture(t, "rackslab").Summary
	for _, want := range []string{
		"| ❌ Error | " + itoa(s.Errors) + " |", "| ⚠️ Warning | " + itoa(s.Warnings) + " |",
		"[testdata/rackslab/data.yaml:33](testdata/rackslab/data.yaml#L33)",
	} {
		if !strings.Contains(string(out["rackslab"]), want) {
			t.Errorf("rackslab: lacks %q", want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestMarkdownEscapesAndLinkBase(t *testing.T) {
	r := syntheticResult()
	var buf bytes.Buffer
	if err := (Markdown{LinkBase: "https://github.com/o/r/blob/abc/"}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		// A pipe or a newline in a message cannot break the table row.
		`activity "a,b" has 100% \<no\> purpose: second line third &amp; last`,
		`activity "x\|y" has no retention period`,
		"[inv/my file,v2:x.yaml:3](https://github.com/o/r/blob/abc/inv/my%20file%2Cv2%3Ax.yaml#L3)",
		"| ➖ waived | `gdpr/retention` | /abs/inv.yaml:10:3 |",
		"*waived: approved: see ticket \\#42, \"temporary\"*",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ") && strings.Count(line, " | ")-strings.Count(line, `\|`) < 1 {
			t.Errorf("line %d: %q", i, line)
		}
	}
}

func TestMarkdownCleanInventory(t *testing.T) {
	r := &audit.Result{AsOf: "2026-11-28", Inventory: trickyModel(t)}
	md := string(render(t, FormatMarkdown, r))
	if !strings.HasPrefix(md, "## ✅ ropa audit: 0 errors, 0 warnings, 0 waived") {
		t.Errorf("clean result heading: %q", strings.SplitN(md, "\n", 2)[0])
	}
	if strings.Contains(md, "Findings (") {
		t.Error("a result without findings has a findings table")
	}
	if !strings.Contains(md, "**Tricky &amp; Co \\<test\\>**") {
		t.Errorf("controller name not escaped:\n%s", md)
	}
}

func TestLegalRefs(t *testing.T) {
	got := legalRefs("Art. 44-46, 30(1)(e)", "")
	if len(got) != 2 || got[0].Text != "Art. 44-46" || got[0].URL != gdprURL+"#art_44" || got[1].Text != "30(1)(e)" || got[1].URL != gdprURL+"#art_30" {
		t.Errorf("legalRefs = %+v", got)
	}
	if got := legalRefs("ePrivacy Art. 5(3)", "x"); got[0].URL != ePrivacyURL {
		t.Errorf("ePrivacy = %+v", got)
	}
	if got := legalRefs("CNIL 2020-091", "https://www.cnil.fr/x"); got[0].URL != "https://www.cnil.fr/x" {
		t.Errorf("CNIL = %+v", got)
	}
	if got := articleNumbers("44-46"); len(got) != 3 || got[2] != 46 {
		t.Errorf("articleNumbers = %v", got)
	}
	if got := articleNumbers("13(2)(b)-(d)"); len(got) != 1 || got[0] != 13 {
		t.Errorf("articleNumbers(13(2)(b)-(d)) = %v", got)
	}
}

func TestCountByArticle(t *testing.T) {
	r := auditFixture(t, "reports")
	counts := map[string]articleKey{}
	for _, k := range countByArticle(r) {
		counts[k.Label] = k
	}
	// gdpr/third-country-transfer cites Art. 44-46 and 30(1)(e): one
	// finding under each of 44, 45, 46 and 30.
	for _, a := range []string{"GDPR Art. 44", "GDPR Art. 45", "GDPR Art. 46"} {
		if counts[a].Errors != 1 {
			t.Errorf("%s: %+v", a, counts[a])
		}
	}
	// Art. 5(1)(a): commitment/hosting on crm, offsite-backup and the
	// ad-network processor; Art. 5(1)(e): the waived retention.
	if k := counts["GDPR Art. 5"]; k.Errors != 3 || k.Waived != 1 || k.Warning != 1 || k.Title == "" {
		t.Errorf("Art. 5: %+v", k)
	}
	if k := counts["No legal reference"]; k.Warning != 1 {
		t.Errorf("no reference: %+v", k)
	}
}

// TestMarkdownBudget: a report of 2,000 activities stays under GitHub's
// 65,536 characters for a comment, keeps the summary and the first
// findings in order, and says how many it left out and where the rest is.
func TestMarkdownBudget(t *testing.T) {
	r := generated(t, 2000)
	md := string(render(t, FormatMarkdown, r))
	if n := utf8.RuneCountInString(md); n >= 65536 || n > DefaultMarkdownMax {
		t.Fatalf("Markdown of 2,000 activities has %d characters", n)
	}
	rows := strings.Count(md, "\n| ❌ error |") + strings.Count(md, "\n| ⚠️ warning |") + strings.Count(md, "\n| ➖ waived |")
	if rows == 0 || rows >= len(r.Findings) {
		t.Fatalf("%d finding rows of %d", rows, len(r.Findings))
	}
	want := fmt.Sprintf("**%s of %d not shown** to keep this report under %d characters. Every finding is in the full report: `ropa audit -f html`",
		plural(len(r.Findings)-rows, "finding"), len(r.Findings), DefaultMarkdownMax)
	if !strings.Contains(md, want) {
		t.Errorf("no line saying what was left out (want %q)", want)
	}
	first := fmt.Sprintf("| `%s` |", r.Findings[0].Rule)
	if i := strings.Index(md, first); i < 0 || i > strings.Index(md, "not shown") {
		t.Error("the first finding is not shown first")
	}
	for _, want := range []string{"| ❌ Error | " + itoa(r.Summary.Errors) + " |", "Rules with findings", "```mermaid\nflowchart LR\n", "\n<sub>ropa "} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if strings.Count(md, "<details") != strings.Count(md, "</details>") {
		t.Error("unbalanced <details>")
	}

	// A small budget on Rackslab, and a named full report.
	rs := auditFixture(t, "rackslab")
	var b bytes.Buffer
	if err := (Markdown{MaxChars: 6000, FullReport: "ropa-report.html"}).Write(&b, rs); err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(b.String()); n > 6000 {
		t.Errorf("Markdown with MaxChars 6000 has %d characters", n)
	}
	for _, want := range []string{"not shown** to keep this report under 6000 characters. The full report: ropa-report.html.", "*Also left out: the data-flow diagram.*"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("small budget: lacks %q\n%s", want, b.String())
		}
	}
	// No limit.
	b.Reset()
	if err := (Markdown{MaxChars: -1}).Write(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "not shown") || !strings.Contains(b.String(), "```mermaid") {
		t.Error("MaxChars -1 still cuts")
	}
}
