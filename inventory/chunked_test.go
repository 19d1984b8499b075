package inventory

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ropa-project/ropa/internal/gen"
	"gopkg.in/yaml.v3"
)

// sameTree compares what ropa reads from a node tree: kinds, tags,
// values, styles and positions (comments are not read).
func sameTree(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style ||
		a.Line != b.Line || a.Column != b.Column || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: chunked %+v at %d:%d (%d children), whole %+v at %d:%d (%d children)",
			path, a.Value, a.Line, a.Column, len(a.Content), b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

func wholeParse(t *testing.T, data []byte) *yaml.Node {
	t.Helper()
	d, err := decodeOne(data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// setThresholds sets the parallel load's thresholds (chunked.go) for the
// rest of the test: files of minSize bytes or more are cut in pieces of
// minPiece to maxPiece bytes, parsed on workers goroutines (two or more
// cut a file, whatever GOMAXPROCS is).
func setThresholds(t testing.TB, minSize, minPiece, maxPiece, workers int) {
	t.Helper()
	old := [4]int{chunkedMinSize, chunkedMinPiece, chunkedMaxPiece, loadWorkers}
	chunkedMinSize, chunkedMinPiece, chunkedMaxPiece, loadWorkers = minSize, minPiece, maxPiece, workers
	t.Cleanup(func() {
		chunkedMinSize, chunkedMinPiece, chunkedMaxPiece, loadWorkers = old[0], old[1], old[2], old[3]
	})
}

// setGOMAXPROCS runs the rest of the test with GOMAXPROCS n.
func setGOMAXPROCS(t testing.TB, n int) {
	t.Helper()
	old := runtime.GOMAXPROCS(n)
	t.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

// thresholdCases are the configurations the chunked tests run under: the
// program's (with two workers, so that one CPU does not skip them), and
// small pieces on a small file with one CPU (many pieces, many cuts,
// goroutines interleaved on one thread).
var thresholdCases = []struct {
	name                                 string
	activities, procs                    int
	minSize, minPiece, maxPiece, workers int
}{
	{"default", 3000, 0, 1 << 20, 64 << 10, 1 << 20, 2},
	{"small pieces, GOMAXPROCS=1", 300, 1, 16 << 10, 2 << 10, 8 << 10, 3},
}

func forThresholds(t *testing.T, f func(t *testing.T, activities int)) {
	for _, tc := range thresholdCases {
		t.Run(tc.name, func(t *testing.T) {
			setThresholds(t, tc.minSize, tc.minPiece, tc.maxPiece, tc.workers)
			if tc.procs > 0 {
				setGOMAXPROCS(t, tc.procs)
			}
			f(t, tc.activities)
		})
	}
}

func TestChunkedParseMatchesWholeParse(t *testing.T) {
	forThresholds(t, testChunkedParseMatchesWholeParse)
}

func testChunkedParseMatchesWholeParse(t *testing.T, activities int) {
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: activities, Seed: 9}).Write(&b); err != nil {
		t.Fatal(err)
	}
	generated := b.Bytes()
	// The same inventory with what a hand-written file has: comments
	// between items, an indent-0 sequence, CRLF line ends, block scalars.
	var h strings.Builder
	for i, l := range strings.SplitAfter(string(generated), "\n") {
		switch {
		case strings.HasPrefix(l, "  - id: ") && i%7 == 0:
			h.WriteString("  # a comment between items\n\n")
		case strings.HasPrefix(l, "    purpose: ") && i%5 == 0:
			h.WriteString("    description: |\n      - not an item, but text\n      more text\n\n")
		}
		h.WriteString(l)
	}
	handWritten := []byte(h.String())
	indent0 := bytes.ReplaceAll(generated, []byte("\n  - "), []byte("\n- "))
	indent0 = bytes.ReplaceAll(indent0, []byte("\n    "), []byte("\n  "))
	crlf := bytes.ReplaceAll(generated, []byte("\n"), []byte("\r\n"))
	for name, data := range map[string][]byte{"generated": generated, "hand-written": handWritten, "indent 0": indent0, "CRLF": crlf} {
		t.Run(name, func(t *testing.T) {
			if len(data) < chunkedMinSize {
				t.Fatalf("input of %d bytes is below the chunking threshold", len(data))
			}
			got, ok := parseChunked(data)
			if !ok {
				t.Fatal("not parsed in pieces")
			}
			if err := sameTree(got, wholeParse(t, data), ""); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestChunkedParseFallsBack: inputs whose pieces would not parse alone,
// or would not mean the same, are left to the whole-file parse.
func TestChunkedParseFallsBack(t *testing.T) {
	forThresholds(t, testChunkedParseFallsBack)
}

func testChunkedParseFallsBack(t *testing.T, activities int) {
	var items strings.Builder
	for i := range activities * 13 {
		fmt.Fprintf(&items, "  - id: a%d\n    purpose: p\n", i)
	}
	body := items.String()
	cases := map[string]string{
		"two documents":        "version: 1\nactivities:\n" + body + "---\nversion: 1\n",
		"directive":            "%YAML 1.2\n---\nversion: 1\nactivities:\n" + body,
		"tab indentation":      "version: 1\nactivities:\n" + body + "\t- id: x\n",
		"quoted across a cut":  "version: 1\nactivities:\n  - id: q\n    purpose: \"open\n" + body + "  - id: z\n    purpose: close\"\n",
		"flow across a cut":    "version: 1\nactivities:\n  - id: f\n    data: [a,\n" + body + "  - b]\n",
		"alias to an anchor":   "version: 1\nactivities:\n  - &x {id: anchor}\n" + body + "  - *x\n",
		"syntax error at end":  "version: 1\nactivities:\n" + body + "  - id: [\n",
		"not a sequence value": "version: 1\nactivities:\n" + body + "activities2: x\n  - id: y\n",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := parseChunked([]byte(in))
			if !ok {
				return // fell back: the whole-file parse decides
			}
			whole, err := decodeOne([]byte(in))
			if err != nil {
				t.Fatalf("pieces parsed, the whole file does not: %v", err)
			}
			if err := sameTree(got, whole, ""); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestChunkedLoadFindings: the findings and positions of a large
// inventory do not depend on how it was parsed.
func TestChunkedLoadFindings(t *testing.T) {
	forThresholds(t, testChunkedLoadFindings)
}

func testChunkedLoadFindings(t *testing.T, activities int) {
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: activities, Seed: 2}).Write(&b); err != nil {
		t.Fatal(err)
	}
	// Break a few things so that there are findings with positions.
	data := bytes.Replace(b.Bytes(), []byte("lawful_basis: contract"), []byte("lawful_basis: contrat"), 3)
	data = bytes.Replace(data, []byte("    use: essential.service.security\n"), []byte("    use: essential.service.securty\n    unknown_key: 1\n"), 2)
	sch, err := compiledSchema()
	if err != nil {
		t.Fatal(err)
	}
	p := parseFile("x.yaml", data, sch)
	if _, ok := parseChunked(data); !ok {
		t.Fatal("not parsed in pieces")
	}
	if len(p.findings) == 0 {
		t.Fatal("no finding")
	}
	for _, f := range p.findings {
		line := strings.Split(string(data), "\n")[f.Location.Line-1]
		if !strings.Contains(line, "contrat") && !strings.Contains(line, "unknown_key") {
			t.Errorf("%s at %s: the line is %q", f.Message, f.Location, line)
		}
	}
}

// parseChunked parses data as parseFile's yaml.Decoder would (a single
// document) and returns the document node, with the pieces' items
// stitched under their sections, or false when it cannot guarantee the
// same tree. parseFile does not keep the tree (parseChunkedConverted); this
// test-only version is the reference its cutting is tested against.
func parseChunked(data []byte) (*yaml.Node, bool) {
	pl, ok := planChunks(data)
	if !ok {
		return nil, false
	}
	seqs := make([]*yaml.Node, len(pl.pieces))
	doc, slots, ok := pl.parse(func(i int, seq *yaml.Node) { seqs[i] = seq })
	if !ok {
		return nil, false
	}
	for ri, val := range slots {
		var seq *yaml.Node
		for pi, p := range pl.pieces {
			if p.region != ri {
				continue
			}
			if seq == nil {
				seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: seqs[pi].Line, Column: seqs[pi].Column}
			}
			seq.Content = append(seq.Content, seqs[pi].Content...)
		}
		*val = *seq
	}
	return doc, true
}

// FuzzChunkedParse compares the chunked parse with the whole-file parse on
// any input, with thresholds so small that a few lines make a piece: when
// the pieces parse, the stitched node tree is the whole parse's, and the
// load's conversion piece by piece gives the whole conversion's findings,
// plain values and positions. The seeds run under go test.
func FuzzChunkedParse(f *testing.F) {
	setThresholds(f, 1, 24, 96, 3)
	seeds := []string{
		"version: 1\nactivities:\n  - id: a\n    purpose: p\n  - id: b\n    purpose: q\n  - id: c\n    purpose: r\n",
		"version: 1\nactivities:\n- id: a\n  purpose: p\n- id: b\n  purpose: q\n- id: c\n  purpose: r\n",
		"version: 1\r\nactivities:\r\n  - id: a\r\n    purpose: p\r\n  - id: b\r\n    purpose: q\r\n",
		"version: 1\nactivities:\n  - id: a\n    description: |\n      - not an item\n      text\n  # comment\n\n  - id: b\n    data: [x, y]\n  - id: c\n",
		"version: 1\nactivities:\n  - id: q\n    purpose: \"open\n  - id: z\n    purpose: close\"\n  - id: y\n",
		"version: 1\nactivities:\n  - id: f\n    data: [a,\n  - b]\n  - id: g\n",
		"version: 1\nactivities:\n  - &x {id: anchor}\n  - id: b\n    purpose: p\n  - *x\n",
		"version: 1\nsubjects:\n  - id: s\n    kind: customer\n  - id: t\ndata:\n  - id: d\n    category: user.contact\n  - id: e\nactivities:\n  - id: a\n    subjects: [s]\n    data: [d]\n  - id: b\n",
		"version: 1\nactivities:\n  - id: a\n    id: again\n  - id: b\n    x: &a 1\n    y: *a\n  - id: c\n",
		"version: 1\nactivities:\n  - id: a\n  - id: b\n---\nversion: 1\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, s := range trickyInputs {
		f.Add([]byte(s))
	}
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: 20, Seed: 3}).Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		if got, ok := parseChunked(data); ok {
			whole, err := decodeOne(data)
			if err != nil {
				t.Fatalf("pieces parsed, the whole file does not: %v", err)
			}
			if err := sameTree(got, whole, ""); err != nil {
				t.Fatal(err)
			}
		}
		pc, pw := &parsedFile{name: "f"}, &parsedFile{name: "f"}
		tc, vc := pc.convert(data, true)
		tw, vw := pw.convert(data, false)
		if diff := cmp.Diff(pw.findings, pc.findings); diff != "" {
			t.Fatalf("findings (-whole +pieces):\n%s", diff)
		}
		if (tc == nil) != (tw == nil) {
			t.Fatalf("usable: pieces %v, whole %v", tc != nil, tw != nil)
		}
		if diff := cmp.Diff(vw, vc); diff != "" {
			t.Fatalf("plain values (-whole +pieces):\n%s", diff)
		}
		if tc == nil {
			return
		}
		if doc, err := decodeOne(data); err == nil && len(doc.Content) == 1 {
			if err := samePositions(doc.Content[0], tc.root(), vc, false, ""); err != nil {
				t.Fatal(err)
			}
		}
	})
}
