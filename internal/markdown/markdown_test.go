package markdown

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                    "plain",
		"[x](http://evil)":         `\[x\](http://evil)`,
		"a|b":                      `a\|b`,
		"<script>":                 `\<script\>`,
		"line\r\nbreak":            "line break",
		"R&D *bold* _em_ `code` #": `R&amp;D \*bold\* \_em\_ \` + "`" + `code\` + "`" + ` \#`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
