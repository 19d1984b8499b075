package notice

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/ropa-project/ropa/audit"
)

// The HTML notice: one self-contained file, the stylesheet inline, no
// script and no external resource (links are only followed when the
// reader clicks them), the document language in <html lang>, headings in
// order, tables with header cells and captions, gap markers that do not
// rely on colour alone (they are bracketed text), printable on A4.

//go:embed notice.tmpl
var htmlSource string

//go:embed notice.css
var noticeCSS string

var htmlTemplate = template.Must(template.New("notice").Funcs(template.FuncMap{
	"para": htmlPara,
	"heading": func(level int) int {
		if level > 6 {
			return 6
		}
		return level
	},
	"add": func(a, b int) int { return a + b },
}).Parse(htmlSource))

type htmlData struct {
	*Notice
	CSS     template.CSS
	Version string
	TOC     string
	Layer1  string
}

// WriteHTML renders the notice as a self-contained HTML page.
func WriteHTML(w io.Writer, n *Notice) error {
	tr, err := newTranslator(n.Lang)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	d := htmlData{Notice: n, CSS: template.CSS(noticeCSS), Version: audit.Version(), TOC: tr.T("html.toc"), Layer1: tr.T("html.layer1")}
	if err := htmlTemplate.Execute(&buf, d); err != nil {
		return fmt.Errorf("render notice: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// htmlPara renders spans; html/template's escaper does not see inside,
// so every text and URL is escaped here.
func htmlPara(p Para) template.HTML {
	var b strings.Builder
	for _, s := range p {
		t := template.HTMLEscapeString(s.Text)
		switch {
		case s.Gap:
			b.WriteString(`<strong class="gap">` + t + `</strong>`)
		case s.Href != "" && safeHref(s.Href):
			b.WriteString(`<a href="` + template.HTMLEscapeString(s.Href) + `">` + t + `</a>`)
		default:
			b.WriteString(t)
		}
	}
	return template.HTML(strings.TrimSpace(b.String())) // #nosec: escaped above
}

// safeHref accepts in-page anchors, https, http and mailto links only.
func safeHref(h string) bool {
	for _, p := range []string{"#", "https://", "http://", "mailto:"} {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

// Render writes the notice in a format.
func Render(w io.Writer, n *Notice, format string) error {
	switch format {
	case FormatMarkdown:
		return WriteMarkdown(w, n)
	case FormatHTML:
		return WriteHTML(w, n)
	}
	return fmt.Errorf("unknown notice format %q (want %s)", format, strings.Join(Formats(), ", "))
}
