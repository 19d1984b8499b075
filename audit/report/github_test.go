package report

import (
	"regexp"
	"strings"
	"testing"
)

func TestGitHubGolden(t *testing.T) {
	out := goldenFormat(t, FormatGitHub, "github.txt")
	cmd := regexp.MustCompile(`^::(error|warning|notice) ((file=[^,:]+,)?(line=\d+,col=\d+,|line=\d+,)?)?title=[^,:]+::.*$`)
	for name, b := range out {
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		var findings int
		switch name {
		case "synthetic":
			findings = len(syntheticResult().Findings)
		default:
			findings = len(auditFixture(t, name).Findings)
		}
		// One command a finding, each on one line, and the summary.
		if len(lines) != findings+1 {
			t.Errorf("%s: %d lines for %d findings", name, len(lines), findings)
		}
		for _, l := range lines[:len(lines)-1] {
			if !cmd.MatchString(l) {
				t.Errorf("%s: not a workflow command: %q", name, l)
			}
		}
		if !strings.HasPrefix(lines[len(lines)-1], "ropa: ") {
			t.Errorf("%s: last line %q is not the summary", name, lines[len(lines)-1])
		}
	}
}

func TestGitHubLevels(t *testing.T) {
	got := string(render(t, FormatGitHub, syntheticResult()))
	for _, want := range []string{
		// line 0: no line or col.
		"::error file=inv/empty.yaml,title=inventory/syntax::file is empty\n",
		// properties escape , and :, the message escapes % CR LF.
		"::error file=inv/my file%2Cv2%3Ax.yaml,line=3,col=5,title=gdpr/purpose::activity \"a,b\" has 100%25 <no> purpose:%0Asecond line%0D%0Athird & last [Art. 5(1)(b), 30(1)(b)]\n",
		// waived: a notice with the reason.
		"::notice file=/abs/inv.yaml,line=10,col=3,title=gdpr/retention::waived: activity \"x|y\" has no retention period or criteria (approved: see ticket #42, \"temporary\") [Art. 5(1)(e), 30(1)(f)]\n",
		"::warning file=inv/main.yaml,line=1,col=1,title=user/custom::a user rule fired\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n%s", want, got)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"100%":         "100%25",
		"a\r\nb":       "a%0D%0Ab",
		"%0A":          "%250A",
		"plain: a, b.": "plain: a, b.",
	} {
		if got := ghData(in); got != want {
			t.Errorf("ghData(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"a,b:c":     "a%2Cb%3Ac",
		"50%\n":     "50%25%0A",
		"gdpr/rule": "gdpr/rule",
	} {
		if got := ghProperty(in); got != want {
			t.Errorf("ghProperty(%q) = %q, want %q", in, got, want)
		}
	}
}
