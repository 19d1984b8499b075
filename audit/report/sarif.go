package report

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// SARIF 2.1.0 (OASIS), as GitHub code scanning ingests it.
//
// Paths: SARIF URIs are relative to %SRCROOT%, the repository root: the
// nearest directory holding .git or go.mod above the file, else the
// current directory. So a finding lands on its line in code scanning
// whether ropa ran from the root, from a subdirectory or with absolute
// paths. A file outside any root (or one that does not exist on disk,
// e.g. an inventory read from memory) keeps the name ropa reports,
// relative to %SRCROOT% when relative, a file:// URI when absolute.
//
// helpUri: a built-in rule links its entry in the rules reference of the
// repository (docs/rules.md), a user rule its legal reference.
//
// Each rule of Result.Rules becomes one reportingDescriptor, in catalogue
// order; a finding whose rule is not in the catalogue gets a descriptor of
// its own, appended, so that ruleIndex always resolves. Waived findings keep
// their level and carry an external, accepted suppression: code scanning
// shows them as dismissed instead of dropping them.

const (
	sarifSchema      = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifSrcRoot     = "%SRCROOT%"
	sarifFingerprint = "ropa/v1"
	toolURI          = "https://github.com/ropa-project/ropa"
)

// RuleDocsURL is the documentation of a built-in rule: its section of
// docs/rules.md, which ropa rules -f markdown generates with one heading
// per rule id.
func RuleDocsURL(id string) string { return audit.RulesDocURL + "#" + audit.RuleAnchor(id) }

func writeSARIF(w io.Writer, r *audit.Result) error {
	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	log.Schema = sarifSchema
	run := sarif.NewRunWithInformationURI("ropa", toolURI)
	driver := run.Tool.Driver
	driver.WithVersion(toolVersion(audit.Version())).WithSemanticVersion(semver(audit.Version())).WithOrganization("ropa-project")
	run.WithColumnKind("unicodeCodePoints")
	run.Properties = sarif.Properties{"asOf": r.AsOf}

	index := map[string]int{}
	addRule := func(ri audit.RuleInfo) {
		index[ri.ID] = len(driver.Rules)
		driver.AddRule(sarifRule(ri))
	}
	for _, ri := range r.Rules {
		if _, dup := index[ri.ID]; !dup {
			addRule(ri)
		}
	}
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			addRule(audit.RuleInfo{ID: f.Rule, Title: f.Rule, Severity: f.Severity, Reference: f.Reference})
		}
	}
	paths := newSARIFPaths()
	for _, f := range r.Findings {
		run.AddResult(sarifResult(r, f, index[f.Rule], paths))
	}
	log.AddRun(run)

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func sarifRule(ri audit.RuleInfo) *sarif.ReportingDescriptor {
	title := cmpOr(ri.Title, ri.ID)
	full := cmpOr(ri.Description, title)
	d := sarif.NewRule(ri.ID).
		WithName(ruleName(ri.ID)).
		WithShortDescription(sarif.NewMultiformatMessageString(title)).
		WithFullDescription(sarif.NewMultiformatMessageString(full)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(ri.Severity)))
	help, helpMD := full, full
	if ri.Reference != "" {
		help += "\n\nLegal reference: " + ri.Reference
		ref := ri.Reference
		if ri.URL != "" {
			ref = "[" + ri.Reference + "](" + ri.URL + ")"
		}
		helpMD += "\n\nLegal reference: " + ref
	}
	d.WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown(helpMD))
	switch {
	case ri.Builtin:
		d.WithHelpURI(RuleDocsURL(ri.ID))
	case ri.URL != "":
		d.WithHelpURI(ri.URL)
	}
	props := sarif.Properties{"tags": ruleTags(ri.ID)}
	if ri.Reference != "" {
		props["reference"] = ri.Reference
	}
	d.WithProperties(props)
	return d
}

// ruleTags are the code-scanning tags of a rule: "privacy" and the rule's
// group (gdpr, cnil, eprivacy, commitment, inventory, ...).
func ruleTags(id string) []string {
	tags := []string{"privacy"}
	if group, _, ok := strings.Cut(id, "/"); ok && group != "" && group != "privacy" {
		tags = append(tags, group)
	}
	return tags
}

func sarifResult(r *audit.Result, f audit.Finding, ruleIndex int, paths *sarifPaths) *sarif.Result {
	res := sarif.NewRuleResult(f.Rule).
		WithRuleIndex(ruleIndex).
		WithKind("fail").
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(f.Message))
	if f.Fingerprint != "" {
		res.WithPartialFingerPrints(map[string]any{sarifFingerprint: f.Fingerprint})
	}
	loc := sarifLocation(f.Location, paths)
	if f.Path != "" {
		loc.AddLogicalLocations(sarif.NewLogicalLocation().WithFullyQualifiedName(f.Path).WithKind("object"))
	}
	res.AddLocation(loc)
	if f.Reference != "" {
		res.Properties = sarif.Properties{"reference": f.Reference}
	}
	if f.Waived {
		res.Suppressions = []*sarif.Suppression{sarifSuppression(r, f, paths)}
	}
	return res
}

// sarifLocation is the physical location of a position; a position
// without a line (the inventory as a whole) has no region.
func sarifLocation(l inventory.Location, paths *sarifPaths) *sarif.Location {
	loc := sarif.NewLocation()
	if l.File == "" {
		return loc
	}
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(paths.artifact(l.File))
	if l.Line > 0 {
		region := sarif.NewRegion().WithStartLine(l.Line)
		if l.Column > 0 {
			region.WithStartColumn(l.Column)
		}
		phys.WithRegion(region)
	}
	return loc.WithPhysicalLocation(phys)
}

// sarifSuppression records the waiver of a finding: external (it lives in
// the inventory, not at the finding), accepted (a waiver carries an
// approver), located at the waiver's declaration, with a GUID derived from
// the finding's fingerprint so that reruns give the same document.
func sarifSuppression(r *audit.Result, f audit.Finding, paths *sarifPaths) *sarif.Suppression {
	where := f.Location
	if w, ok := waiverOf(r, f); ok && r.Inventory != nil {
		where = r.Inventory.Locate("waivers/" + w.Key())
	}
	return sarif.NewSuppression("external").
		WithStatus("accepted").
		WithJustifcation(cmpOr(f.WaiverReason, "waived in the inventory")).
		WithLocation(sarifLocation(where, paths)).
		WithGuid(stableGUID("ropa-waiver\x00" + f.Rule + "\x00" + f.Path))
}

// waiverOf returns the waiver that silences a finding: same rule, target
// equal to the finding's path or one of its parents. When several match,
// the most specific (longest target) wins.
func waiverOf(r *audit.Result, f audit.Finding) (inventory.Waiver, bool) {
	var best inventory.Waiver
	found := false
	if r.Inventory == nil {
		return best, false
	}
	for _, w := range r.Inventory.Model().Waivers {
		if w.Rule != f.Rule {
			continue
		}
		if w.Target == f.Path || strings.HasPrefix(f.Path, strings.TrimSuffix(w.Target, "/")+"/") {
			if !found || len(w.Target) > len(best.Target) {
				best, found = w, true
			}
		}
	}
	return best, found
}

// stableGUID is a name-based (version 5 layout) GUID of s: SARIF requires
// GUIDs in that form, and ropa's output must not change between runs.
func stableGUID(s string) string {
	sum := sha1.Sum([]byte(s))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// sarifPaths maps the files of findings to artifact locations relative
// to their repository root.
type sarifPaths struct {
	cwd   string
	roots map[string]string // directory -> its root ("" when none)
}

func newSARIFPaths() *sarifPaths {
	cwd, _ := os.Getwd()
	return &sarifPaths{cwd: cwd, roots: map[string]string{}}
}

// root is the nearest directory at or above dir holding .git or go.mod,
// "" when there is none.
func (p *sarifPaths) root(dir string) string {
	if r, ok := p.roots[dir]; ok {
		return r
	}
	r := ""
	for _, marker := range []string{".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			r = dir
			break
		}
	}
	if r == "" {
		if parent := filepath.Dir(dir); parent != dir {
			r = p.root(parent)
		}
	}
	p.roots[dir] = r
	return r
}

// artifact is the artifact location of a finding's file: relative to
// its repository root (else to the current directory) under %SRCROOT%
// when the file exists there, the name as reported otherwise.
func (p *sarifPaths) artifact(file string) *sarif.ArtifactLocation {
	abs := filepath.FromSlash(file)
	if !filepath.IsAbs(abs) {
		if p.cwd == "" {
			return artifactLocation(file)
		}
		abs = filepath.Join(p.cwd, abs)
	}
	if st, err := os.Stat(abs); err != nil || st.IsDir() {
		return artifactLocation(file)
	}
	base := cmpOr(p.root(filepath.Dir(abs)), p.cwd)
	if rel, err := filepath.Rel(base, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return artifactLocation(filepath.ToSlash(rel))
	}
	return artifactLocation(file)
}

// artifactLocation turns a file name into a SARIF artifact location:
// relative to %SRCROOT% when relative, a file:// URI when absolute.
func artifactLocation(file string) *sarif.ArtifactLocation {
	if isAbs(file) {
		p := file
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x -> /C:/x
		}
		u := url.URL{Scheme: "file", Path: p}
		return sarif.NewSimpleArtifactLocation(u.String())
	}
	return sarif.NewSimpleArtifactLocation(escapePath(file)).WithUriBaseId(sarifSrcRoot)
}

func isAbs(file string) bool {
	if strings.HasPrefix(file, "/") {
		return true
	}
	// A Windows drive path, as displayName makes it (slash-separated).
	return len(file) >= 3 && file[1] == ':' && file[2] == '/' &&
		(file[0] >= 'A' && file[0] <= 'Z' || file[0] >= 'a' && file[0] <= 'z')
}

// escapePath percent-encodes each segment of a slash-separated relative
// path so that spaces, '%', '#' or '?' in file names give a valid URI
// reference.
func escapePath(p string) string {
	segs := strings.Split(path.Clean(p), "/")
	for i, s := range segs {
		// ':' too: in a first segment it would read as a URI scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

func sarifLevel(s inventory.Severity) string {
	switch s {
	case inventory.SeverityError:
		return "error"
	case inventory.SeverityWarning:
		return "warning"
	}
	return "note"
}

// ruleName is the SARIF "name" of a rule: its id in PascalCase
// (gdpr/third-country-transfer -> GdprThirdCountryTransfer), the
// identifier style the SARIF specification recommends.
func ruleName(id string) string {
	var b strings.Builder
	upper := true
	for _, c := range id {
		switch {
		case c >= 'a' && c <= 'z':
			if upper {
				c -= 'a' - 'A'
			}
			b.WriteRune(c)
			upper = false
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			upper = false
		default:
			upper = true
		}
	}
	return b.String()
}

// toolVersion is the numeric version of a release build ("v1.4.0" ->
// "1.4.0"); a development build keeps its name.
func toolVersion(v string) string {
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		return v[1:]
	}
	return v
}

// semver returns v without its leading "v" when it is a module version,
// and "0.0.0-dev" for development builds.
func semver(v string) string {
	if strings.HasPrefix(v, "v") {
		return v[1:]
	}
	return "0.0.0-" + v
}

func cmpOr(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
