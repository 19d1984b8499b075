package report

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ropa-project/ropa/internal/browser"
)

// pdftotextPath is poppler-utils' text extractor (.ci/run installs it).
const pdftotextPath = "/usr/bin/pdftotext"

// pdfWord is a word of a printed page with its box, in points.
type pdfWord struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// pdfPage is a printed page.
type pdfPage struct {
	Width, Height float64
	Words         []pdfWord
}

// printPDF prints an HTML file to PDF with headless Chromium, as a user
// does with "Save as PDF" (A4 by the stylesheet's @page, no browser
// header or footer), and reads every word back with pdftotext.
func printPDF(t *testing.T, page string) []pdfPage {
	t.Helper()
	pdf := strings.TrimSuffix(page, ".html") + ".pdf"
	browser.Run(t, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, pdftotextPath, "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if keep := os.Getenv("ROPA_KEEP_PDF"); keep != "" {
		_ = os.MkdirAll(keep, 0o755)
		_ = os.WriteFile(filepath.Join(keep, filepath.Base(pdf)), mustRead(t, pdf), 0o644)
	}
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var pages []pdfPage
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) float64 {
			for _, a := range se.Attr {
				if a.Name.Local == name {
					var f float64
					fmt.Sscan(a.Value, &f)
					return f
				}
			}
			return 0
		}
		switch se.Name.Local {
		case "page":
			pages = append(pages, pdfPage{Width: attr("width"), Height: attr("height")})
		case "word":
			w := pdfWord{XMin: attr("xMin"), YMin: attr("yMin"), XMax: attr("xMax"), YMax: attr("yMax")}
			var text string
			if err := dec.DecodeElement(&text, &se); err == nil && len(pages) > 0 {
				w.Text = text
				pages[len(pages)-1].Words = append(pages[len(pages)-1].Words, w)
			}
		}
	}
	if len(pages) == 0 {
		t.Fatalf("pdftotext found no page in %s", pdf)
	}
	return pages
}

// lines groups a page's words into lines (same baseline band), top to
// bottom, each left to right.
func (p pdfPage) lines() [][]pdfWord {
	ws := slices.Clone(p.Words)
	slices.SortFunc(ws, func(a, b pdfWord) int {
		if d := a.YMax - b.YMax; d < -2 || d > 2 {
			if d < 0 {
				return -1
			}
			return 1
		}
		switch {
		case a.XMin < b.XMin:
			return -1
		case a.XMin > b.XMin:
			return 1
		}
		return 0
	})
	var out [][]pdfWord
	for _, w := range ws {
		if n := len(out); n > 0 && w.YMax-out[n-1][0].YMax <= 2 {
			out[n-1] = append(out[n-1], w)
			continue
		}
		out = append(out, []pdfWord{w})
	}
	return out
}

func lineText(l []pdfWord) string {
	ts := make([]string, len(l))
	for i, w := range l {
		ts[i] = w.Text
	}
	return strings.Join(ts, " ")
}

var (
	headingRE = regexp.MustCompile(`(?s)<(h1|h2|h3|caption|p class="meta")[^>]*>(.*?)</(?:h1|h2|h3|caption|p)>`)
	theadRE   = regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
	thRE      = regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
)

func plainText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, " "))), " ")
}

// checkPrint asserts what a reader of the printed document needs: nothing
// runs off the page, every table shows all its columns on every page it
// spans, and no page holds only a heading or ends with a heading or a
// table header whose content is on the next page.
func checkPrint(t *testing.T, doc string, pages []pdfPage) {
	t.Helper()
	var headings []string
	for _, m := range headingRE.FindAllStringSubmatch(doc, -1) {
		if h := plainText(m[2]); len(h) >= 4 {
			headings = append(headings, h)
		}
	}
	var headers [][]string     // the column labels of each kind of table
	tables := map[string]int{} // kind -> tables in the document
	for _, m := range theadRE.FindAllStringSubmatch(doc, -1) {
		var cols []string
		for _, th := range thRE.FindAllStringSubmatch(m[1], -1) {
			cols = append(cols, strings.Fields(plainText(th[1]))[0])
		}
		if len(cols) < 3 {
			continue
		}
		if tables[strings.Join(cols, " ")]++; tables[strings.Join(cols, " ")] == 1 {
			headers = append(headers, cols)
		}
	}
	complete := map[string]int{} // kind -> complete header rows printed
	isHeading := func(s string) bool {
		if len(s) < 4 {
			return false
		}
		for _, h := range headings {
			if strings.Contains(h, s) {
				return true
			}
		}
		return false
	}
	for i, p := range pages {
		n := i + 1
		// Nothing off the page.
		for _, w := range p.Words {
			if w.XMin < 0 || w.XMax > p.Width+0.5 || w.YMin < 0 || w.YMax > p.Height+0.5 {
				t.Errorf("page %d: %q at x %.0f-%.0f runs off the %.0f-point page", n, w.Text, w.XMin, w.XMax, p.Width)
			}
		}
		lines := p.lines()
		if len(lines) == 0 {
			t.Errorf("page %d is blank", n)
			continue
		}
		// A table header on the page has all its columns: the first and
		// the last label appear together.
		for _, cols := range headers {
			first, last := cols[0], cols[len(cols)-1]
			for _, l := range lines {
				if l[0].Text != first {
					continue
				}
				var second bool
				for _, w := range l[1:] {
					second = second || w.Text == cols[1]
				}
				if !second {
					continue // not this table's header
				}
				found := false
				for _, w := range p.Words {
					if w.Text == last && w.YMin >= l[0].YMin-3 && w.YMin <= l[0].YMax+3 {
						found = true
					}
				}
				if !found {
					t.Errorf("page %d: a table with columns %v lacks its last column %q", n, cols, last)
				} else {
					complete[strings.Join(cols, " ")]++
				}
			}
		}
		// Not only headings, and no heading or table header at the bottom.
		only := true
		for _, l := range lines {
			only = only && isHeading(lineText(l))
		}
		if only {
			t.Errorf("page %d holds only a heading: %q", n, lineText(lines[0]))
		}
		// The last one to three lines make up a heading or its start
		// (spaces aside: a wrapped heading may break after a hyphen).
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		tail := ""
		for k := len(lines) - 1; k >= max(0, len(lines)-3); k-- {
			tail = squash(lineText(lines[k])) + tail
			if len(tail) >= 8 && slices.ContainsFunc(headings, func(h string) bool { return strings.HasPrefix(squash(h), tail) }) {
				t.Errorf("page %d ends with the heading %q", n, tail)
			}
		}
		bottom := lines[len(lines)-1]
		for _, cols := range headers {
			if bottom[0].Text == cols[0] && len(bottom) > 1 && bottom[1].Text == cols[1] {
				t.Errorf("page %d ends with a table header %v", n, cols)
			}
		}
	}
	// Every table printed its whole header at least once (a table too
	// wide for the page is clipped: its header is lost).
	for kind, n := range tables {
		if complete[kind] < n {
			t.Errorf("%d tables with columns %q, %d complete header rows printed", n, kind, complete[kind])
		}
	}
}

// TestPrint prints the Rackslab audit and register and the audit of 200
// generated activities to PDF in headless Chromium and checks the pages
// with pdftotext. ROPA_KEEP_PDF=DIR keeps the PDFs for a look.
func TestPrint(t *testing.T) {
	browser.Require(t, browser.Chromium, "install the Debian package chromium")
	browser.Require(t, pdftotextPath, "install the Debian package poppler-utils")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name+".html")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rs := auditFixture(t, "rackslab")
	reg, err := RegisterFromResult(rs)
	if err != nil {
		t.Fatal(err)
	}
	var regHTML strings.Builder
	if err := WriteRegister(&regHTML, reg, RegisterHTML); err != nil {
		t.Fatal(err)
	}
	docs := []struct {
		name     string
		html     []byte
		maxPages int
	}{
		{"rackslab-register", []byte(regHTML.String()), 6},
		{"rackslab-audit", render(t, FormatHTML, rs), 0},
		{"audit-200", render(t, FormatHTML, generated(t, 200)), 0},
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			pages := printPDF(t, write(d.name, d.html))
			t.Logf("%s: %d pages", d.name, len(pages))
			if d.maxPages > 0 && len(pages) > d.maxPages {
				t.Errorf("%s prints on %d pages, want at most %d", d.name, len(pages), d.maxPages)
			}
			checkPrint(t, string(d.html), pages)
		})
	}
}
