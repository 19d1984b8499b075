package notice

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ropa-project/ropa/internal/markdown"
)

// WriteMarkdown renders the notice as GitHub-flavoured Markdown: headings
// with explicit anchors, lists, pipe tables, gap markers in bold.
func WriteMarkdown(w io.Writer, n *Notice) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# %s\n\n%s\n\n", mdText(n.Title), mdText(n.Subtitle))
	mdSection(&buf, n.Summary, 2)
	for _, s := range n.Sections {
		mdSection(&buf, s, 2)
	}
	buf.WriteString("---\n\n")
	buf.WriteString(mdPara(n.Footer))
	buf.WriteString("\n")
	_, err := w.Write(buf.Bytes())
	return err
}

func mdSection(buf *bytes.Buffer, s Section, level int) {
	// An explicit anchor: GitHub's own heading ids depend on the title's
	// language, the links of the first layer must not.
	fmt.Fprintf(buf, "<a id=\"%s\"></a>\n%s %s\n\n", s.ID, strings.Repeat("#", level), mdText(s.Title))
	for _, b := range s.Blocks {
		mdBlock(buf, b)
	}
	for _, sub := range s.Subs {
		mdSection(buf, sub, level+1)
	}
}

func mdBlock(buf *bytes.Buffer, b Block) {
	switch b.Kind {
	case "p":
		for _, it := range b.Items {
			buf.WriteString(mdPara(it))
			buf.WriteString("\n\n")
		}
	case "ul":
		for _, it := range b.Items {
			buf.WriteString("- ")
			buf.WriteString(mdPara(it))
			buf.WriteString("\n")
		}
		buf.WriteString("\n")
	case "table":
		if b.Caption != "" {
			fmt.Fprintf(buf, "**%s**\n\n", mdText(b.Caption))
		}
		buf.WriteString("|")
		for _, h := range b.Head {
			buf.WriteString(" " + mdText(h) + " |")
		}
		buf.WriteString("\n|")
		for range b.Head {
			buf.WriteString("---|")
		}
		buf.WriteString("\n")
		for _, row := range b.Rows {
			buf.WriteString("|")
			for _, c := range row {
				buf.WriteString(" " + mdPara(c) + " |")
			}
			buf.WriteString("\n")
		}
		buf.WriteString("\n")
	}
}

func mdPara(p Para) string {
	var b strings.Builder
	for _, s := range p {
		t := mdText(s.Text)
		switch {
		case s.Gap:
			b.WriteString("**" + t + "**")
		case s.Href != "":
			b.WriteString("[" + t + "](" + mdURL(s.Href) + ")")
		default:
			b.WriteString(t)
		}
	}
	return strings.TrimSpace(b.String())
}

// mdText escapes user text for Markdown (internal/markdown).
func mdText(s string) string { return markdown.Escape(s) }

// mdURL keeps a link target on one token.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}
