package inventory

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

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

func TestChunkedParseMatchesWholeParse(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("chunked parsing needs two cores")
	}
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: 3000, Seed: 9}).Write(&b); err != nil {
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
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("chunked parsing needs two cores")
	}
	var items strings.Builder
	for i := range 40000 {
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
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: 3000, Seed: 2}).Write(&b); err != nil {
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
	if _, ok := parseChunked(data); !ok && runtime.GOMAXPROCS(0) > 1 {
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
