package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/internal/browser"
)

// TestHTMLInBrowser renders the Rackslab HTML report in headless Chromium
// and asserts on what the browser built: the register rows and the SVG
// are in the DOM, and a screenshot is produced and is not blank. Without
// /usr/bin/chromium it skips, except in CI (CI set), where it fails.
// ROPA_KEEP_SCREENSHOT=FILE keeps the screenshot for a look.
func TestHTMLInBrowser(t *testing.T) {
	browser.Require(t, browser.Chromium, "install the Debian package chromium")
	r := auditFixture(t, "rackslab")
	page, err := filepath.Abs(filepath.Join(t.TempDir(), "rackslab.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, render(t, FormatHTML, r), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("dom", func(t *testing.T) {
		dom := string(browser.Run(t, page, "--dump-dom"))
		for _, want := range []string{
			"<svg", `class="flow"`,
			`<tr id="activity-billing"`, "Billing and payment collection",
			`<tr id="activity-prospecting"`, "Prospecting and commercial relations",
			"Record of processing activities (Art. 30)",
		} {
			if !strings.Contains(dom, want) {
				t.Errorf("rendered DOM lacks %q", want)
			}
		}
		if n := strings.Count(dom, `<tr id="activity-`); n != r.Summary.Activities {
			t.Errorf("rendered DOM has %d register rows, want %d", n, r.Summary.Activities)
		}
		if strings.Count(dom, "<g class=\"fl-n") < r.Summary.Activities {
			t.Errorf("rendered SVG has fewer nodes than activities")
		}
	})

	t.Run("screenshot", func(t *testing.T) { browser.CheckScreenshot(t, page, 1280, 2000) })
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
