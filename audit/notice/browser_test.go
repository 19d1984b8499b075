package notice

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/internal/browser"
)

// TestNoticeInBrowser renders the Rackslab notice (French, as the CNIL
// reads it) in headless Chromium and asserts on the DOM the browser
// built: the language, the first layer, one h3 per purpose, the cookie
// table, the gap markers; then takes a screenshot that must not be
// blank. Without /usr/bin/chromium it skips, except in CI (CI set), where
// it fails. ROPA_KEEP_SCREENSHOT=FILE keeps the screenshot for a look.
func TestNoticeInBrowser(t *testing.T) {
	browser.Require(t, browser.Chromium, "install the Debian package chromium")
	r := auditDir(t, "rackslab")
	n := build(t, r, "fr")
	page, err := filepath.Abs(filepath.Join(t.TempDir(), "notice.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, render(t, n, FormatHTML), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("dom", func(t *testing.T) {
		dom := string(browser.Run(t, page, "--dump-dom"))
		for _, want := range []string{
			`<html lang="fr">`, `<section id="summary" class="layer1"`, "En bref",
			`<h3 id="h-activity-billing">Billing and payment collection</h3>`,
			`<th scope="row">_pk_id</th>`,
			`<strong class="gap">[non déclaré : coordonnées du responsable du traitement]</strong>`,
			`<a href="https://www.cnil.fr">`,
		} {
			if !strings.Contains(dom, want) {
				t.Errorf("rendered DOM lacks %q", want)
			}
		}
		if got := strings.Count(dom, `<h3 id="h-activity-`); got != r.Summary.Activities {
			t.Errorf("rendered DOM has %d purposes, want %d", got, r.Summary.Activities)
		}
	})

	t.Run("screenshot", func(t *testing.T) { browser.CheckScreenshot(t, page, 1024, 1600) })
}
