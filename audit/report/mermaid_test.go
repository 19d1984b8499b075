package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/internal/browser"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/internal/gen"
	"github.com/ropa-project/ropa/inventory"
)

// mermaidJS is the Mermaid bundle the tests load in Chromium: the npm
// package pinned in testdata/mermaid/package.json and its lock file,
// installed by `npm ci --prefix audit/report/testdata/mermaid` (.ci/run
// does it).
const mermaidJS = "testdata/mermaid/node_modules/mermaid/dist/mermaid.min.js"

// generated audits an inventory of n activities from internal/gen, once
// per test binary.
func generated(t *testing.T, n int) *audit.Result {
	t.Helper()
	key := "gen/" + strconv.Itoa(n)
	resultsMu.Lock()
	r, ok := results[key]
	resultsMu.Unlock()
	if ok {
		return r
	}
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: n, Seed: 1}).Write(&b); err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.LoadFiles([]inventory.File{{Name: "inventory.yaml", Data: b.Bytes()}})
	if err != nil {
		t.Fatal(err)
	}
	auditFixture(t, "rackslab") // starts the shared engine
	r, err = engine.Audit(context.Background(), inv, audit.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	resultsMu.Lock()
	results[key] = r
	resultsMu.Unlock()
	return r
}

var mermaidBlock = regexp.MustCompile("(?s)```mermaid\n(.*?)```")

// TestMermaidAtScale renders the Markdown report of the fixtures and of
// generated inventories of 60, 150, 200 and 2,000 activities and runs
// every diagram through the real Mermaid (v11) in headless Chromium: each
// must parse and render, under Mermaid's 500 edges and 50,000
// characters, and the report must give the true number of flows.
func TestMermaidAtScale(t *testing.T) {
	type diagram struct {
		Name, Text string
		Nodes      int
	}
	var diagrams []diagram
	add := func(name string, r *audit.Result) {
		md := string(render(t, FormatMarkdown, r))
		m := mermaidBlock.FindStringSubmatch(md)
		if m == nil {
			t.Errorf("%s: the Markdown report has no Mermaid diagram", name)
			return
		}
		text := m[1]
		edges := strings.Count(text, " --> ")
		if edges >= 500 || len(text) >= 50000 {
			t.Errorf("%s: diagram has %d edges and %d characters, over Mermaid's limits", name, edges, len(text))
		}
		full, err := buildFlow(r.Inventory.Model(), r.Transfers)
		if err != nil {
			t.Fatal(err)
		}
		nodes := len(regexp.MustCompile(`(?m)^    [A-Za-z0-9_]+\["`).FindAllString(text, -1))
		if edges != full.Flows {
			if want := "The inventory has " + plural(full.Flows, "flow"); !strings.Contains(md, want) {
				t.Errorf("%s: %d edges for %d flows, and the Markdown report does not say %q", name, edges, full.Flows, want)
			}
		}
		if strings.Contains(md, " 0 flows") {
			t.Errorf("%s: the report speaks of 0 flows", name)
		}
		t.Logf("%s: %d flows, drawn as %d edges between %d nodes in %d characters", name, full.Flows, edges, nodes, len(text))
		diagrams = append(diagrams, diagram{name, text, nodes})
	}
	for _, name := range fixtures {
		add(name, auditFixture(t, name))
	}
	for _, n := range []int{60, 150, 200, 2000} {
		add(strconv.Itoa(n)+" activities", generated(t, n))
	}
	browser.Require(t, browser.Chromium, "install the Debian package chromium")
	browser.Require(t, mermaidJS, "run npm ci in audit/report/testdata/mermaid")

	js, err := filepath.Abs(mermaidJS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(diagrams) // escapes < and >: safe in a script
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "mermaid.html")
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="file://` + js + `"></script></head><body>
<pre id="result">pending</pre><div id="out"></div>
<script>
const diagrams = ` + string(data) + `;
mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
(async () => {
  const lines = [];
  for (const [i, d] of diagrams.entries()) {
    try {
      await mermaid.parse(d.Text);
      const {svg} = await mermaid.render("diagram" + i, d.Text);
      const div = document.createElement("div");
      div.innerHTML = svg;
      document.getElementById("out").appendChild(div);
      const nodes = div.querySelectorAll("g.node").length;
      const bad = svg.includes("Maximum text size") || svg.includes("Syntax error");
      lines.push("RESULT " + i + " " + (bad ? "BAD" : "OK") + " nodes=" + nodes);
    } catch (e) {
      lines.push("RESULT " + i + " ERROR " + String(e && e.message || e).replace(/\s+/g, " "));
    }
  }
  document.getElementById("result").textContent = lines.join("\n");
})();
</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("ROPA_KEEP_MERMAID"); keep != "" {
		_ = os.WriteFile(keep, []byte(html), 0o644)
	}
	dom := string(browser.Run(t, page, "--dump-dom", "--virtual-time-budget=120000", "--allow-file-access-from-files"))
	got := map[int]string{}
	for _, m := range regexp.MustCompile(`RESULT (\d+) ([^\n<]*)`).FindAllStringSubmatch(dom, -1) {
		i, _ := strconv.Atoi(m[1])
		got[i] = m[2]
	}
	for i, d := range diagrams {
		res, ok := got[i]
		switch {
		case !ok:
			t.Errorf("%s: Mermaid gave no result (the page did not finish)", d.Name)
		case res != fmt.Sprintf("OK nodes=%d", d.Nodes):
			t.Errorf("%s: Mermaid: %s (want OK nodes=%d)", d.Name, res, d.Nodes)
		}
	}
}
