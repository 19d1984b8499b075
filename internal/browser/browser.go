// Package browser runs headless Chromium for the tests that check what a
// person sees: the HTML reports and the notice rendered, printed to PDF,
// the Mermaid diagrams parsed by the real mermaid package. It is test
// support, shared so that every browser test starts Chromium the same
// way (networking off, a fresh profile, a time limit).
package browser

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Chromium is the Debian package's browser (.ci/run installs it).
const Chromium = "/usr/bin/chromium"

// Timeout bounds each Chromium run so a hang cannot block the suite.
const Timeout = 90 * time.Second

// Require skips the test when the tool at path is missing, except in CI
// (CI set), where a missing tool fails it: a browser test that skips in CI
// would prove nothing. install says how to get the tool. -short skips.
func Require(t testing.TB, path, install string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing: %s (.ci/run does)", path, install)
		}
		t.Skipf("%s not found: %s to run this test (it is mandatory when CI is set)", path, install)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
}

// Run runs headless Chromium on the local file page with extra flags and
// returns its standard output. Networking features are off and the
// profile is a fresh temporary directory.
func Run(t testing.TB, page string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(),
	}
	args = append(args, flags...)
	args = append(args, "file://"+page)
	cmd := exec.CommandContext(ctx, Chromium, args...)
	cmd.WaitDelay = 10 * time.Second
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium did not finish within %s\n%s", Timeout, stderr.String())
	}
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return out
}

// CheckScreenshot takes a width x height screenshot of page and fails the
// test when it is missing, of another size, or blank (no variation, no
// dark text pixels). ROPA_KEEP_SCREENSHOT=FILE keeps it for a look.
func CheckScreenshot(t testing.TB, page string, width, height int) {
	t.Helper()
	shot := filepath.Join(t.TempDir(), "screenshot.png")
	Run(t, page, "--screenshot="+shot, fmt.Sprintf("--window-size=%d,%d", width, height))
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if r := img.Bounds(); r.Dx() != width || r.Dy() != height {
		t.Errorf("screenshot is %dx%d, want %dx%d", r.Dx(), r.Dy(), width, height)
	}
	if v, dark := PixelStats(img); v < 200 || dark < 0.005 {
		t.Errorf("screenshot looks blank: luminance variance %.1f, %.2f%% dark pixels", v, dark*100)
	}
	if keep := os.Getenv("ROPA_KEEP_SCREENSHOT"); keep != "" {
		_ = os.WriteFile(keep, b, 0o644)
	}
}

// PixelStats returns the variance of the luminance (0-255) of a sample of
// pixels and the share of dark (text) pixels: a blank page has neither.
func PixelStats(img image.Image) (variance, dark float64) {
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
	if n == 0 {
		return 0, 0
	}
	mean := sum / float64(n)
	return sumSq/float64(n) - mean*mean, float64(darkN) / float64(n)
}
