package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// want is the part of a finding a test pins down.
type want struct {
	Rule string
	Loc  string // file:line:col
	Msg  string // substring of the message
	Path string
}

func got(fs []Finding) []want {
	out := make([]want, len(fs))
	for i, f := range fs {
		out[i] = want{Rule: f.Rule, Loc: f.Location.String(), Msg: f.Message, Path: f.Path}
	}
	return out
}

// match compares findings with expectations, treating Msg as a substring
// and an empty Path as "don't care".
func match(t *testing.T, fs []Finding, ws []want) {
	t.Helper()
	g := got(fs)
	ok := len(g) == len(ws)
	for i := 0; ok && i < len(g); i++ {
		ok = g[i].Rule == ws[i].Rule && g[i].Loc == ws[i].Loc && strings.Contains(g[i].Msg, ws[i].Msg) &&
			(ws[i].Path == "" || g[i].Path == ws[i].Path)
	}
	if !ok {
		t.Errorf("findings differ (-want +got, messages are substrings):\n%s", cmp.Diff(ws, g))
	}
}

func loadOne(t *testing.T, name, content string) *Inventory {
	t.Helper()
	inv, err := LoadFiles([]File{{Name: name, Data: []byte(content)}})
	if err != nil {
		t.Fatalf("LoadFiles: %v", err)
	}
	return inv
}

const header = "version: 1\ncontroller: {name: X}\n"

// TestBadInput covers every malformed input of the SPEC's "Bad input"
// section that is about content: each gives a finding with file, line and
// column, never a panic.
func TestBadInput(t *testing.T) {
	deep := header + "subjects:\n  - id: a\n    description: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n"
	bomb := header + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	tests := []struct {
		name    string
		content string
		want    []want
	}{
		{"invalid yaml", header + "subjects: @x\n", []want{
			{RuleSyntax, "f.yaml:3:11", "invalid YAML: found character that cannot start any token", ""}}},
		{"mapping in a scalar", header + "subjects: a: b\n", []want{
			{RuleSyntax, "f.yaml:3:12", "invalid YAML: mapping values are not allowed in this context", ""}}},
		{"tab indentation", header + "subjects:\n\t- id: a\n", []want{
			{RuleSyntax, "f.yaml:4:1", "tab character in indentation", ""}}},
		{"duplicate key", header + "subjects:\n  - id: a\n    id: b\n", []want{
			{RuleSyntax, "f.yaml:5:5", `duplicate key "id" (first at line 4, column 5)`, ""}}},
		{"multiple documents", header + "---\nversion: 1\n", []want{
			{RuleSyntax, "f.yaml:3:1", "more than one YAML document", ""}}},
		{"alias bomb", bomb, []want{
			{RuleSyntax, "f.yaml:4:8", "YAML aliases are not supported", ""}}},
		{"merge key", header + "x: &x {id: a}\nsubjects:\n  - <<: *x\n", []want{
			{RuleSyntax, "f.yaml:5:5", "merge keys (<<) are not supported", ""}}},
		{"deep nesting", deep, []want{
			{RuleSyntax, "f.yaml:5:48", "nesting deeper than 32 levels", ""}}},
		{"empty file", "", []want{{RuleSyntax, "f.yaml:1:1", "empty file", ""}}},
		{"comments only", "# nothing here\n", []want{{RuleSyntax, "f.yaml:1:1", "empty file", ""}}},
		{"not a mapping", "- version: 1\n", []want{{RuleSyntax, "f.yaml:1:1", "expected a mapping with version: 1, found a sequence", ""}}},
		{"binary", "version: 1\x00\x01", []want{{RuleSyntax, "f.yaml:1:11", "binary file", ""}}},
		{"non utf-8", header + "subjects:\n  - {id: a, description: caf\xe9}\n", []want{
			{RuleSyntax, "f.yaml:4:29", "invalid UTF-8 (byte 0xe9)", ""}}},
		{"missing version", "controller: {name: X}\n", []want{
			{RuleSchema, "f.yaml:1:1", `missing required key "version"`, "version"}}},
		{"wrong version", "version: 2\ncontroller: {name: X}\n", []want{
			{RuleSchema, "f.yaml:1:10", `"version" must be 1, not 2`, "version"}}},
		{"wrong type", header + "subjects: {id: a}\n", []want{
			{RuleSchema, "f.yaml:3:11", `"subjects" must be array, not object`, "subjects"}}},
		{"unknown top-level key", header + "activites: []\n", []want{
			{RuleSchema, "f.yaml:3:1", `unknown key "activites" at the top level (did you mean "activities"?)`, "activites"}}},
		{"unknown nested key", header + "activities:\n  - id: billing\n    purpse: Billing\n", []want{
			{RuleSchema, "f.yaml:5:5", `unknown key "purpse" (did you mean "purpose"?)`, "activities/billing/purpse"}}},
		{"bad enum", header + "activities:\n  - id: billing\n    lawful_basis: contrat\n", []want{
			{RuleSchema, "f.yaml:5:19", `invalid lawful_basis "contrat": want one of`, "activities/billing/lawful_basis"}}},
		{"bad country", header + "systems:\n  - {id: s, countries: [FR, XX, de]}\n", []want{
			{RuleSchema, "f.yaml:4:29", `unknown country code "XX"`, "systems/s/countries/XX"},
			{RuleSchema, "f.yaml:4:33", `unknown country code "de": want an ISO 3166-1 alpha-2 code (did you mean "DE"?)`, "systems/s/countries/de"}}},
		{"bad duration", header + "activities:\n  - id: a\n    retention: {period: 3 years}\n", []want{
			{RuleSchema, "f.yaml:5:25", `invalid duration "3 years"`, "activities/a/retention/period"}}},
		{"empty duration", header + "cookies:\n  - {name: c, lifetime: P}\n", []want{
			{RuleSchema, "f.yaml:4:25", `invalid duration "P"`, "cookies/c/lifetime"}}},
		{"bad date", header + "waivers:\n  - {rule: gdpr/dpia, target: controller, reason: r, approved_by: d, expires: 2027-02-30}\n", []want{
			{RuleSchema, "f.yaml:4:79", `invalid date "2027-02-30"`, "waivers/gdpr/dpia@controller/expires"}}},
		{"bad id", header + "subjects:\n  - id: Customer\n", []want{
			{RuleSchema, "f.yaml:4:9", `invalid id "Customer"`, "subjects/Customer/id"}}},
		{"missing id", header + "subjects:\n  - description: x\n", []want{
			{RuleSchema, "f.yaml:4:5", `missing required key "id"`, "subjects/0/id"}}},
		{"waiver without approver", header + "waivers:\n  - {rule: gdpr/dpia, target: controller, reason: r}\n", []want{
			{RuleSchema, "f.yaml:4:5", `missing required key "approved_by"`, "waivers/gdpr/dpia@controller/approved_by"}}},
		{"missing controller", "version: 1\n", []want{
			{RuleSchema, "f.yaml:1:1", "no file declares the controller", "controller"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inv := loadOne(t, "f.yaml", tc.content)
			match(t, inv.Findings, tc.want)
		})
	}
}

func TestOversizeFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "big.yaml")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size is over the limit without writing 64 MiB.
	if err := f.Truncate(MaxFileSize + 10); err != nil {
		t.Fatal(err)
	}
	f.Close()
	inv, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Findings) != 1 || inv.Findings[0].Rule != RuleSyntax || !strings.Contains(inv.Findings[0].Message, "larger than the 64 MiB limit") {
		t.Fatalf("findings = %+v, want one size finding", inv.Findings)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.yaml")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "loop.yaml") || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("symlink loop: err = %v, want one naming loop.yaml", err)
	}

	_, err = Load(filepath.Join(dir, "missing"))
	if err == nil || !strings.Contains(err.Error(), "missing: no such file or directory") {
		t.Errorf("missing path: err = %v", err)
	}

	empty := t.TempDir()
	if _, err := Load(empty); err == nil || !strings.Contains(err.Error(), "no *.yaml or *.yml file") {
		t.Errorf("empty dir: err = %v", err)
	}

	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		d := t.TempDir()
		p := filepath.Join(d, "secret.yaml")
		if err := os.WriteFile(p, []byte(header), 0o000); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "secret.yaml: permission denied") {
			t.Errorf("unreadable file: err = %v", err)
		}
	}
}

// TestDirectorySymlinkNotFollowed proves that a symlink back to the root
// directory cannot make discovery loop.
func TestDirectorySymlinkNotFollowed(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(header), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "again.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	files, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || filepath.Base(files[0]) != "a.yaml" {
		t.Errorf("files = %v, want only a.yaml", files)
	}
}

// TestMultiFile is the acceptance case: a multi-file inventory
// with a duplicate id, an unknown reference, an unknown key and an unknown
// category reports each with the right file and line.
func TestMultiFile(t *testing.T) {
	inv, err := Load("../testdata/lint/multi")
	if err != nil {
		t.Fatal(err)
	}
	// Files outside the current directory are shown with absolute paths.
	abs, err := filepath.Abs("../testdata/lint/multi")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.ToSlash(abs) + "/"
	match(t, inv.Findings, []want{
		{RuleUnknownReference, p + "activities/billing.yaml:7:21", `activity "billing" refers to unknown data category "identiy" (did you mean "identity"?)`, "activities/billing/data/identiy"},
		{RuleSchema, p + "activities/billing.yaml:8:5", `unknown key "retension" (did you mean "retention"?)`, "activities/billing/retension"},
		{RuleUnknownReference, p + "activities/support.yaml:6:16", `unknown subject "customers" (did you mean "customer"?)`, "activities/support/subjects/customers"},
		{RuleDuplicateID, p + "activities/support.yaml:8:9", `duplicate id "billing" in activities: already declared at ` + p + "activities/billing.yaml:3:9", "activities/billing"},
		{RuleSchema, p + "activities/support.yaml:10:19", `invalid lawful_basis "legal_obligaton"`, "activities/billing/lawful_basis"},
		{RuleUnknownCategory, p + "controller.yaml:13:15", `unknown data category "user.nmae" (did you mean "user.name"?)`, "data/identity/category"},
	})
	if diff := cmp.Diff([]string{p + "activities/billing.yaml", p + "activities/support.yaml", p + "controller.yaml"}, inv.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	// The duplicate is left out of what rules see.
	if acts := inv.Document["activities"].([]any); len(acts) != 2 {
		t.Errorf("document has %d activities, want 2 (duplicate dropped)", len(acts))
	}
}

func TestSectionsAcrossFiles(t *testing.T) {
	inv, err := LoadFiles([]File{
		{Name: "b.yaml", Data: []byte("version: 1\ncontroller: {name: B}\nrights: {contact: x}\n")},
		{Name: "a.yaml", Data: []byte("version: 1\ncontroller: {name: A}\nsubjects: [{id: s1}]\n")},
		{Name: "c.yaml", Data: []byte("version: 1\nsubjects: [{id: s2}]\nwaivers:\n  - {rule: gdpr/rights, target: rightz, reason: r, approved_by: d}\n  - {rule: gdpr/dpia, target: activities/nope, reason: r, approved_by: d}\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	match(t, inv.Findings, []want{
		{RuleSchema, "b.yaml:2:1", "controller is already declared at a.yaml:2:1; it may appear in one file only", "controller"},
		{RuleUnknownReference, "c.yaml:4:33", `waiver targets unknown section "rightz" (did you mean "rights"?)`, "waivers/gdpr/rights@rightz"},
		{RuleUnknownReference, "c.yaml:5:31", `waiver targets unknown activity "nope"`, "waivers/gdpr/dpia@activities/nope"},
	})
	if diff := cmp.Diff([]string{"s1", "s2"}, inv.IDs("subjects")); diff != "" {
		t.Errorf("subjects concatenated in file order (-want +got):\n%s", diff)
	}
	if got := inv.Model().Controller.Name; got != "A" {
		t.Errorf("controller = %q, want the first file's", got)
	}
}

func TestLocate(t *testing.T) {
	inv := loadOne(t, "f.yaml", `version: 1
controller:
  name: X
  dpo: {name: D}
activities:
  - id: billing
    subjects: [customer]
    retention:
      criteria: as long as needed
cookies:
  - name: _pk_id
    lifetime: P13M
waivers:
  - {rule: gdpr/retention, target: activities/billing, reason: r, approved_by: d}
`)
	tests := []struct{ path, want string }{
		{"controller", "f.yaml:2:1"},
		{"controller/dpo", "f.yaml:4:3"},
		{"controller/dpo/contact", "f.yaml:4:3"}, // nearest parent
		{"activities", "f.yaml:5:1"},
		{"activities/billing", "f.yaml:6:5"},
		{"activities/billing/retention", "f.yaml:8:5"},
		{"activities/billing/retention/criteria", "f.yaml:9:7"},
		{"activities/billing/subjects/customer", "f.yaml:7:16"},
		{"activities/missing/retention", "f.yaml:5:1"},
		{"cookies/_pk_id/lifetime", "f.yaml:12:5"},
		{"waivers/gdpr/retention@activities/billing", "f.yaml:14:5"},
		{"rights", "f.yaml:1:1"},
		{"recipients/x", "f.yaml:1:1"},
	}
	for _, tc := range tests {
		if got := inv.Locate(tc.path).String(); got != tc.want {
			t.Errorf("Locate(%q) = %s, want %s", tc.path, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"customer", "prospect", "visitor", "customer-inactive"}
	tests := []struct {
		word string
		want []string
	}{
		{"customers", []string{"customer"}},
		{"inactive", []string{"customer-inactive"}},
		{"prospetc", []string{"prospect"}},
		{"zzz", []string{}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, Suggest(tc.word, cands)); diff != "" {
			t.Errorf("Suggest(%q) (-want +got):\n%s", tc.word, diff)
		}
	}
}

func TestRackslabLintsClean(t *testing.T) {
	inv, err := Load("../testdata/rackslab")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range inv.Findings {
		t.Errorf("%s: %s [%s]", f.Location, f.Message, f.Rule)
	}
	m := inv.Model()
	if len(m.Activities) < 10 || m.Controller == nil || m.Controller.Name != "Rackslab" {
		t.Errorf("model: %d activities, controller %+v", len(m.Activities), m.Controller)
	}
}

func FuzzLoadFiles(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/rackslab/*.yaml")
	more, _ := filepath.Glob("../testdata/lint/multi/*/*.yaml")
	for _, s := range append(seeds, more...) {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(header + "a: &a [x]\nb: [*a, *a]\n"))
	f.Add([]byte("version: 1\n---\nversion: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := LoadFiles([]File{{Name: "fuzz.yaml", Data: data}})
		if err != nil {
			t.Fatalf("LoadFiles returned an error for content (findings expected): %v", err)
		}
		for _, fd := range inv.Findings {
			if fd.Location.File != "fuzz.yaml" || fd.Location.Line < 1 {
				t.Fatalf("finding without position: %+v", fd)
			}
			_ = inv.Locate(fd.Path)
		}
		_ = inv.Model()
		_ = fmt.Sprint(inv.Document)
	})
}
