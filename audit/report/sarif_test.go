package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropa-project/ropa/audit"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 schema (errata 01), copied into
// the repository so that tests never read outside it.
const sarifSchemaFile = repoRoot + "/testdata/sarif/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, name string, b []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s is not valid SARIF 2.1.0: %v", name, err)
	}
}

// sarifLog is the part of a SARIF log the tests look at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string                 `json:"id"`
					Name                 string                 `json:"name"`
					ShortDescription     struct{ Text string }  `json:"shortDescription"`
					FullDescription      struct{ Text string }  `json:"fullDescription"`
					HelpURI              string                 `json:"helpUri"`
					DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string                `json:"ruleId"`
			RuleIndex int                   `json:"ruleIndex"`
			Level     string                `json:"level"`
			Message   struct{ Text string } `json:"message"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFGolden(t *testing.T) {
	sch := compileSARIFSchema(t)
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			r := auditFixture(t, name)
			got := render(t, FormatSARIF, r)
			golden(t, name+".sarif", got)
			checkSARIF(t, got, len(r.Findings))
		})
	}
	t.Run("synthetic", func(t *testing.T) {
		got := render(t, FormatSARIF, syntheticResult())
		golden(t, "synthetic.sarif", got)
		checkSARIF(t, got, 4)
	})
	// Every golden SARIF, whoever wrote it, must validate against the
	// OASIS schema.
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found %d golden SARIF files, want at least 3", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, sch, f, b)
	}
}

// checkSARIF asserts the properties code scanning relies on.
func checkSARIF(t *testing.T, b []byte, findings int) {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with 1 run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	seen := map[string]bool{}
	for _, rd := range rules {
		if seen[rd.ID] {
			t.Errorf("rule %s described twice", rd.ID)
		}
		seen[rd.ID] = true
		if rd.Name == "" || rd.ShortDescription.Text == "" || rd.FullDescription.Text == "" {
			t.Errorf("rule %s lacks a name or a description", rd.ID)
		}
		if rd.HelpURI == "" && rd.ID != "user/custom" { // a rule outside the catalogue has no page
			t.Errorf("rule %s has no helpUri", rd.ID)
		}
		if lvl := rd.DefaultConfiguration.Level; lvl != "error" && lvl != "warning" {
			t.Errorf("rule %s default level %q", rd.ID, lvl)
		}
	}
	if len(run.Results) != findings {
		t.Errorf("%d results, want %d", len(run.Results), findings)
	}
	for i, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point to %s", i, res.RuleIndex, res.RuleID)
		}
		if len(res.PartialFingerprints["ropa/v1"]) != 32 {
			t.Errorf("result %d: partialFingerprints %v", i, res.PartialFingerprints)
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation == nil {
			t.Errorf("result %d: no physical location", i)
			continue
		}
		pl := res.Locations[0].PhysicalLocation
		uri := pl.ArtifactLocation.URI
		switch {
		case strings.HasPrefix(uri, "file:///"):
			if pl.ArtifactLocation.URIBaseID != "" {
				t.Errorf("result %d: absolute %s with a uriBaseId", i, uri)
			}
		case pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "."):
			t.Errorf("result %d: uri %q base %q, want a path relative to %%SRCROOT%%", i, uri, pl.ArtifactLocation.URIBaseID)
		}
		if pl.Region != nil && (pl.Region.StartLine < 1 || pl.Region.StartColumn < 1) {
			t.Errorf("result %d: region %+v", i, *pl.Region)
		}
	}
}

func TestSARIFDetails(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(render(t, FormatSARIF, syntheticResult()), &log); err != nil {
		t.Fatal(err)
	}
	byRule := map[string]int{}
	for i, res := range log.Runs[0].Results {
		byRule[res.RuleID] = i
	}
	res := log.Runs[0].Results
	// A finding with line 0 has no region.
	if pl := res[byRule["inventory/syntax"]].Locations[0].PhysicalLocation; pl.Region != nil {
		t.Errorf("line-0 finding has region %+v", *pl.Region)
	}
	// Waived: an external suppression carrying the reason.
	w := res[byRule["gdpr/retention"]]
	if len(w.Suppressions) != 1 || w.Suppressions[0].Kind != "external" || !strings.Contains(w.Suppressions[0].Justification, "ticket #42") {
		t.Errorf("waived finding suppressions = %+v", w.Suppressions)
	}
	if got := w.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "file:///abs/inv.yaml" {
		t.Errorf("absolute file uri = %q", got)
	}
	p := res[byRule["gdpr/purpose"]]
	if len(p.Suppressions) != 0 {
		t.Errorf("unwaived finding has suppressions")
	}
	if got := p.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "inv/my%20file%2Cv2%3Ax.yaml" {
		t.Errorf("escaped uri = %q", got)
	}
	if r := p.Locations[0].PhysicalLocation.Region; r == nil || r.StartLine != 3 || r.StartColumn != 5 {
		t.Errorf("region = %+v", r)
	}
	// A rule outside the catalogue still gets a descriptor.
	u := res[byRule["user/custom"]]
	if rules := log.Runs[0].Tool.Driver.Rules; rules[u.RuleIndex].ID != "user/custom" || u.Level != "warning" {
		t.Errorf("user/custom: index %d level %s", u.RuleIndex, u.Level)
	}
	// Rule metadata of a catalogue rule.
	rd := log.Runs[0].Tool.Driver.Rules[0]
	if rd.ID != "gdpr/purpose" || rd.Name != "GdprPurpose" || rd.ShortDescription.Text != "Purpose" ||
		rd.HelpURI != "https://github.com/ropa-project/ropa/blob/main/docs/rules.md#gdprpurpose" || rd.DefaultConfiguration.Level != "error" {
		t.Errorf("descriptor = %+v", rd)
	}
}

func TestRuleName(t *testing.T) {
	for id, want := range map[string]string{
		"gdpr/third-country-transfer": "GdprThirdCountryTransfer",
		"inventory/syntax":            "InventorySyntax",
		"cnil/audience-measurement":   "CnilAudienceMeasurement",
		"x.y_z/2fa":                   "XYZ2fa",
	} {
		if got := ruleName(id); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestSARIFHelpURIEveryRule: every built-in rule, the inventory/* rules
// included, links its entry in the rules reference.
func TestSARIFHelpURIEveryRule(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(render(t, FormatSARIF, auditFixture(t, "rackslab")), &log); err != nil {
		t.Fatal(err)
	}
	inv := 0
	for _, rd := range log.Runs[0].Tool.Driver.Rules {
		want := "https://github.com/ropa-project/ropa/blob/main/docs/rules.md#" + strings.NewReplacer("/", "").Replace(rd.ID)
		if rd.HelpURI != want {
			t.Errorf("%s: helpUri %q, want %q", rd.ID, rd.HelpURI, want)
		}
		if strings.HasPrefix(rd.ID, "inventory/") {
			inv++
		}
	}
	if inv < 7 {
		t.Errorf("%d inventory/* rules described, want 7", inv)
	}
	if got := audit.RuleAnchor("gdpr/third-country-transfer"); got != "gdprthird-country-transfer" {
		t.Errorf("anchor = %q", got)
	}
}

// TestSARIFRepositoryRelative: with an absolute path, or run from a
// subdirectory, URIs are relative to the repository root (.git or
// go.mod), under %SRCROOT%.
func TestSARIFRepositoryRelative(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{".git", "inv/sub"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(root, "inv", "sub", "a b.yaml")
	if err := os.WriteFile(file, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "x.yaml") // no root above it
	if err := os.WriteFile(outside, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := func(name string) (string, string) {
		a := newSARIFPaths().artifact(name)
		base := ""
		if a.URIBaseId != nil {
			base = *a.URIBaseId
		}
		return *a.URI, base
	}
	for _, c := range []struct{ dir, name, uri, base string }{
		{root, filepath.ToSlash(file), "inv/sub/a%20b.yaml", "%SRCROOT%"},
		{root, "inv/sub/a b.yaml", "inv/sub/a%20b.yaml", "%SRCROOT%"},
		{filepath.Join(root, "inv"), "sub/a b.yaml", "inv/sub/a%20b.yaml", "%SRCROOT%"},
		{filepath.Join(root, "inv"), filepath.ToSlash(file), "inv/sub/a%20b.yaml", "%SRCROOT%"},
		{root, "missing.yaml", "missing.yaml", "%SRCROOT%"},
		{root, "/nowhere/missing.yaml", "file:///nowhere/missing.yaml", ""},
	} {
		t.Chdir(c.dir)
		if u, b := uri(c.name); u != c.uri || b != c.base {
			t.Errorf("from %s, %s: uri %q base %q, want %q %q", c.dir, c.name, u, b, c.uri, c.base)
		}
	}
	// A file under no root, outside the current directory: a file:// URI.
	t.Chdir(root)
	if u, b := uri(filepath.ToSlash(outside)); !strings.HasPrefix(u, "file:///") || b != "" {
		t.Errorf("outside file: uri %q base %q", u, b)
	}
	for v, want := range map[string]string{"v1.4.0": "1.4.0", "dev": "dev", "v0.3.0-rc.1": "0.3.0-rc.1"} {
		if got := toolVersion(v); got != want {
			t.Errorf("toolVersion(%q) = %q, want %q", v, got, want)
		}
	}
}
