// Package markdown escapes user text for the Markdown that ropa writes
// (reports, register, notice), so that an inventory value cannot open a
// link, a table cell or raw HTML in a pull-request comment.
package markdown

import "strings"

// Escape escapes text for Markdown and for the HTML GitHub allows in it;
// newlines become spaces so that a value cannot break a list or a table.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '<', '>', '#', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '\r':
		case '\n':
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
