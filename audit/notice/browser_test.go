package notice

import (
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumPath is the Debian package's browser (.ci/run installs it).
const chromiumPath = "/usr/bin/chromium"

const browserTimeout = 90 * time.Second

// chromium runs headless Chromium on a local file, networking off, a
// fresh profile, and returns its standard output.
func chromium(t *testing.T, page string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(),
	}
	args = append(args, flags...)
	args = append(args, "file://"+page)
	cmd := exec.CommandContext(ctx, chromiumPath, args...)
	cmd.WaitDelay = 10 * time.Second
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium did not finish within %s\n%s", browserTimeout, stderr.String())
	}
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return out
}

// TestNoticeInBrowser renders the Rackslab notice (French, as the CNIL
// reads it) in headless Chromium and asserts on the DOM the browser
// built: the language, the first layer, one h3 per purpose, the cookie
// table, the gap markers; then takes a screenshot that must not be
// blank. Without /usr/bin/chromium it skips, except in CI (CI set), where
// it fails. ROPA_KEEP_SCREENSHOT=FILE keeps the screenshot for a look.
func TestNoticeInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing: install the Debian package chromium (.ci/run does)", chromiumPath)
		}
		t.Skipf("%s not found: install the Debian package chromium to run the browser test (it is mandatory when CI is set)", chromiumPath)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
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
		dom := string(chromium(t, page, "--dump-dom"))
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

	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(t.TempDir(), "notice.png")
		chromium(t, page, "--screenshot="+shot, "--window-size=1024,1600")
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("no screenshot: %v", err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("screenshot is not a PNG: %v", err)
		}
		if b := img.Bounds(); b.Dx() != 1024 || b.Dy() != 1600 {
			t.Errorf("screenshot is %dx%d, want 1024x1600", b.Dx(), b.Dy())
		}
		if v, dark := pixelStats(img); v < 200 || dark < 0.005 {
			t.Errorf("screenshot looks blank: luminance variance %.1f, %.2f%% dark pixels", v, dark*100)
		}
		if keep := os.Getenv("ROPA_KEEP_SCREENSHOT"); keep != "" {
			b, _ := os.ReadFile(shot)
			_ = os.WriteFile(keep, b, 0o644)
		}
	})
}

// pixelStats returns the luminance variance of a sample of pixels and
// the share of dark (text) pixels: a blank page has neither.
func pixelStats(img image.Image) (variance, dark float64) {
	b := img.Bounds()
	var n, darkN int
	var sum, sumSq float64
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			l := (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(bl)) / 257
			sum += l
			sumSq += l * l
			n++
			if l < 100 {
				darkN++
			}
		}
	}
	mean := sum / float64(n)
	return sumSq/float64(n) - mean*mean, float64(darkN) / float64(n)
}
