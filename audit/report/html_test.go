package report

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHTMLGolden(t *testing.T) {
	out := goldenFormat(t, FormatHTML, "html")
	for name, b := range out {
		t.Run(name+"/self-contained", func(t *testing.T) { checkSelfContained(t, b) })
		t.Run(name+"/accessible", func(t *testing.T) { checkAccessible(t, b) })
	}
	page := string(out["rackslab"])
	for _, want := range []string{
		`<section id="summary"`, `<section id="findings"`, `<section id="register"`, `<section id="transfers"`,
		`<section id="retention"`, `<section id="flows"`, `<section id="waivers"`,
		// the register: one row per activity
		`<tr id="activity-billing"`, "Billing and payment collection",
		// the SVG drawn by ropa
		`<svg xmlns="http://www.w3.org/2000/svg" class="flow"`,
		// legal references on EUR-Lex
		`<a href="https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32">`,
		// file:line of findings
		"testdata/rackslab/data.yaml:33:5",
		"@page { size: A4;", "@media print",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("rackslab report lacks %q", want)
		}
	}
	if n := strings.Count(page, `<tr id="activity-`); n != auditFixture(t, "rackslab").Summary.Activities {
		t.Errorf("%d register rows for %d activities", n, auditFixture(t, "rackslab").Summary.Activities)
	}
	rep := string(out["reports"])
	for _, want := range []string{
		// third-country transfers by country, the US one without safeguard
		`<h3 id="country-US">United States (US) <span class="badge b-error">safeguard missing</span></h3>`,
		`<h3 id="country-GB">United Kingdom (GB) <span class="badge b-ok">covered</span></h3>`,
		"NO SAFEGUARD DECLARED",
		// waivers with expiry
		`<time datetime="2027-03-31">2027-03-31</time>`, "active, 123 days left", ">expired<",
		// special category marker
		"[special category, Art. 9]",
		// retention schedule
		"20 years <code>P20Y</code>",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("reports report lacks %q", want)
		}
	}
}

// legalHost is where the only absolute links of a report may point.
var legalHost = regexp.MustCompile(`^https://(eur-lex\.europa\.eu|www\.legifrance\.gouv\.fr|www\.cnil\.fr)/`)

// checkSelfContained asserts the page needs nothing from the network and
// runs no script: no src or href to http(s) except legal-reference links,
// no script, no external stylesheet, no CSS url() or @import.
func checkSelfContained(t *testing.T, b []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "img", "base", "meta":
				if n.Data == "meta" && attr(n, "http-equiv") == "" {
					break
				}
				t.Errorf("element <%s> in a self-contained report", n.Data)
			}
			for _, a := range n.Attr {
				v := strings.TrimSpace(strings.ToLower(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("event handler %s=%q", a.Key, a.Val)
				case strings.HasPrefix(v, "javascript:"):
					t.Errorf("javascript: URL in %s", a.Key)
				case a.Key == "src" || a.Key == "srcset" || a.Key == "xlink:href" || a.Key == "action" || a.Key == "poster":
					t.Errorf("<%s %s=%q>: resource attribute", n.Data, a.Key, a.Val)
				case a.Key == "href" && (strings.HasPrefix(v, "http:") || strings.HasPrefix(v, "https:") || strings.HasPrefix(v, "//")):
					if n.Data != "a" || !legalHost.MatchString(a.Val) {
						t.Errorf("<%s href=%q>: not a legal-reference link", n.Data, a.Val)
					}
				case a.Key == "href" && !strings.HasPrefix(v, "#"):
					t.Errorf("<%s href=%q>: not an in-page link", n.Data, a.Val)
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "style" {
			css := text(n)
			for _, bad := range []string{"url(", "@import", "@font-face"} {
				if strings.Contains(css, bad) {
					t.Errorf("stylesheet contains %s", bad)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if bytes.Contains(bytes.ToLower(b), []byte("<script")) {
		t.Error("the page contains <script")
	}
}

// checkAccessible asserts the markup basics: a language, one h1 and
// section headings, captions and header cells with a scope on every
// table, an accessible name on the SVG.
func checkAccessible(t *testing.T, b []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			counts[n.Data]++
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" {
					t.Error("<html> has no lang")
				}
			case "table":
				if first := firstElement(n); first == nil || first.Data != "caption" {
					t.Error("a table has no caption")
				}
			case "th":
				if s := attr(n, "scope"); s != "col" && s != "row" {
					t.Errorf("<th> %q has scope %q", text(n), s)
				}
			case "svg":
				if attr(n, "role") != "img" || attr(n, "aria-labelledby") == "" {
					t.Error("<svg> has no accessible name")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if counts["h1"] != 1 || counts["h2"] < 1 || counts["main"] != 1 {
		t.Errorf("headings and landmarks: h1=%d h2=%d main=%d", counts["h1"], counts["h2"], counts["main"])
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// TestCSSContrast checks the colour pairs of the stylesheet against the
// WCAG AA ratio for normal text (4.5:1).
func TestCSSContrast(t *testing.T) {
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z]+):\s*(#[0-9a-fA-F]{6});`).FindAllStringSubmatch(reportCSS, -1) {
		vars[m[1]] = m[2]
	}
	pairs := []struct{ what, fg, bg string }{
		{"text", vars["text"], "#ffffff"},
		{"muted text", vars["muted"], "#ffffff"},
		{"links", vars["link"], "#ffffff"},
		{"table headers", vars["text"], vars["head"]},
		{"error badge", "#ffffff", vars["error"]},
		{"warning badge", "#ffffff", vars["warning"]},
		{"waived badge", "#ffffff", vars["waived"]},
		{"ok badge", "#ffffff", vars["ok"]},
		{"gap text", vars["error"], "#ffffff"},
		{"diagram labels", "#111827", "#ede9fe"},
		{"diagram sublabels", "#374151", "#fee2e2"},
		{"diagram sublabels", "#374151", "#ecfccb"},
	}
	for _, p := range pairs {
		if p.fg == "" || p.bg == "" {
			t.Errorf("%s: colour variable missing from report.css", p.what)
			continue
		}
		if r := contrast(p.fg, p.bg); r < 4.5 {
			t.Errorf("%s: %s on %s has contrast %.2f, want at least 4.5", p.what, p.fg, p.bg, r)
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}
