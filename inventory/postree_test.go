package inventory

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ropa-project/ropa/internal/gen"
	"gopkg.in/yaml.v3"
)

// trickyInputs are files whose nodes are unusual where the position tree
// stores things apart from the plain values: tags, scalars that are not
// strings, keys the converter leaves out (duplicates, tagged, null,
// collections, aliases), aliases below them.
var trickyInputs = map[string]string{
	"tags": header + `subjects:
  - {id: s1, description: !!str 123}
  - {id: !!str s2, description: !!binary aGVsbG8=}
  - {id: s3, description: !custom tagged}
  - {id: s4, description: 2027-03-31}
  - {id: s5, description: 1.50}
  - {id: s6, description: true}
  - {id: s7, description: ~}
  - {id: s8, description: }
  - {id: s9, description: !!int "12"}
  - {id: s10, description: 0x1F}
  - {id: s11, description: [a, b]}
  - {id: s12, description: {a: b}}
  - !custom {id: s13}
cookies:
  - {name: c1, audience_measurement: {ip_anonymisation_bytes: 2.7, cross_site_tracking: no, combined_with_other_data: yes}}
  - {name: c2, audience_measurement: {ip_anonymisation_bytes: 99999999999999999999}}
  - {name: c3, audience_measurement: {ip_anonymisation_bytes: "2", cross_site_tracking: "true"}}
  - {name: c4, audience_measurement: {ip_anonymisation_bytes: ~, cross_site_tracking: On}}
  - {name: 12}
activities:
  - id: a1
    risk: {large_scale: yes, vulnerable_subjects: Y, automated_decision: off}
    subjects: [s1, 12, true, ~, s2, !!binary aGk=]
    recipients: [{id: r1}, {name: rr}, [x]]
  - {id: 7}
waivers:
  - {rule: gdpr/dpia, target: activities/a1, reason: r, approved_by: d, expires: 2027-03-31}
`,
	"keys": header + `subjects:
  - {id: k1, !custom description: custom-keyed}
  - {id: k2, !!binary ZGVzY3JpcHRpb24=: binary-keyed}
  - {id: k3, ~: null-keyed, 2020-01-01: ts-keyed}
  - id: k4
    ? [a, b]
    : seq-keyed
  - id: k5
    ? {a: b}
    : map-keyed
  - {id: k6, 1: int-keyed, true: bool-keyed, 1.5: float-keyed}
  - !custom id: k7
  - {id: k8, description: first, description: second}
  - &anc {id: k9}
  - {id: k10, !custom description: *anc}
  - {id: k11, !custom description: {x: [*anc]}}
  - id: k12
    ? *anc
    : alias-keyed
activities:
  - id: b1
    !custom subjects: {id: z}
    subjects: [k1, zz]
    !custom use: x
    use: nope
`,
	"repeated sections": header + `subjects: [{id: a}, {id: b}]
subjects: [{id: c}, {id: d}, {id: e}]
!custom activities: [{id: x}]
activities: [{id: y, subjects: [a, zz]}]
rights: {contact: r}
rights: [1]
`,
}

// modelTypes are the types the typed model decodes nodes into.
var modelTypes = []func() any{
	func() any { return new(Controller) }, func() any { return new(Subject) },
	func() any { return new(DataCategory) }, func() any { return new(System) },
	func() any { return new(Recipient) }, func() any { return new(Activity) },
	func() any { return new(Cookie) }, func() any { return new(SecurityMeasure) },
	func() any { return new(Commitments) }, func() any { return new(Rights) },
	func() any { return new(Waiver) },
}

// samePositions checks that h, walked with its plain value, gives what the
// parsed node n held: kind, tag, text, position, and for each child its
// key's text, kind, tag and position. With decode, every mapping is also
// decoded into each model type, from n and from the rebuilt node, with
// the same result.
func samePositions(n *yaml.Node, h pref, plain any, decode bool, path string) error {
	if h.kind() != n.Kind || h.tag() != n.Tag || h.text(plain) != n.Value {
		return fmt.Errorf("%s: tree has %v %q %q, node %v %q %q", path, h.kind(), h.tag(), h.text(plain), n.Kind, n.Tag, n.Value)
	}
	if at := h.at("f"); at.Line != n.Line || at.Column != n.Column {
		return fmt.Errorf("%s: tree at %s, node at %d:%d", path, at, n.Line, n.Column)
	}
	if decode && n.Kind == yaml.MappingNode {
		for _, mk := range modelTypes {
			want, got := mk(), mk()
			werr, gerr := n.Decode(want), h.rebuild(plain).Decode(got)
			if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(want, got) {
				return fmt.Errorf("%s: decoding into %T: node gives %+v (%v), tree %+v (%v)", path, want, want, werr, got, gerr)
			}
		}
	}
	var kids []pref
	for c := range h.children() {
		kids = append(kids, c)
	}
	switch n.Kind {
	case yaml.MappingNode:
		if len(kids) != len(n.Content)/2 {
			return fmt.Errorf("%s: %d entries in the tree, %d in the node", path, len(kids), len(n.Content)/2)
		}
		for i, c := range kids {
			k := n.Content[2*i]
			ki := h.t.keys[c.node().key-1]
			if ki.text != k.Value || ki.kind != k.Kind || ki.tag != k.Tag {
				return fmt.Errorf("%s: key %d is %+v in the tree, %v %q %q in the node", path, i, ki, k.Kind, k.Tag, k.Value)
			}
			if at := c.keyAt("f"); at.Line != k.Line || at.Column != k.Column {
				return fmt.Errorf("%s: key %q at %s in the tree, %d:%d in the node", path, k.Value, at, k.Line, k.Column)
			}
			if err := samePositions(n.Content[2*i+1], c, childPlain(h, plain, c, i), decode, path+"/"+k.Value); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		if len(kids) != len(n.Content) {
			return fmt.Errorf("%s: %d elements in the tree, %d in the node", path, len(kids), len(n.Content))
		}
		for i, c := range kids {
			if err := samePositions(n.Content[i], c, childPlain(h, plain, c, i), decode, fmt.Sprintf("%s/%d", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// TestPositionTreeMatchesNodes: the position tree and the plain values
// hold what Locate, schema errors, the checks and the typed model read
// from the yaml.Node tree they replace.
func TestPositionTreeMatchesNodes(t *testing.T) {
	inputs := map[string][]byte{}
	for name, s := range trickyInputs {
		inputs[name] = []byte(s)
	}
	files, _ := filepath.Glob("../testdata/*/*.yaml")
	more, _ := filepath.Glob("../testdata/*/*/*.yaml")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[strings.TrimPrefix(f, "../testdata/")] = b
	}
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: 3000, Seed: 4}).Write(&b); err != nil {
		t.Fatal(err)
	}
	inputs["generated"] = b.Bytes() // over chunkedMinSize: parsed in pieces
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			p := &parsedFile{name: "f"}
			tree, value := p.convert(data, true)
			if tree == nil {
				t.Skipf("not usable: %v", p.findings)
			}
			doc, err := decodeOne(data)
			if err != nil {
				t.Fatal(err)
			}
			if err := samePositions(doc.Content[0], tree.root(), value, len(data) < chunkedMinSize, ""); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestChunkedConvertMatchesWhole: a large file converted piece by piece
// gives the findings, plain values and positions of the whole-file
// conversion, fatal findings in a piece included.
func TestChunkedConvertMatchesWhole(t *testing.T) {
	forThresholds(t, testChunkedConvertMatchesWhole)
}

func testChunkedConvertMatchesWhole(t *testing.T, activities int) {
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: activities, Seed: 5}).Write(&b); err != nil {
		t.Fatal(err)
	}
	generated := b.Bytes()
	// at inserts text after the n-th of the lines starting an item, n
	// given for 3000 activities and scaled to the size under test.
	at := func(data []byte, edits map[int]string) []byte {
		lines := strings.SplitAfter(string(data), "\n")
		var out strings.Builder
		item := 0
		for _, l := range lines {
			out.WriteString(l)
			if strings.HasPrefix(l, "  - id: ") {
				item++
				if item*3000%activities == 0 {
					out.WriteString(edits[item*3000/activities])
				}
			}
		}
		return []byte(out.String())
	}
	cases := map[string][]byte{
		"generated": generated,
		"CRLF":      bytes.ReplaceAll(generated, []byte("\n"), []byte("\r\n")),
		"findings in pieces": at(generated, map[int]string{
			300: "    purpse: x\n", 900: "    !custom id: other\n", 1500: "    id: again\n",
			2100: "    lawful_basis: contrat\n", 2700: "    ? [k]\n    : v\n",
		}),
		"fatal alias in a piece": at(generated, map[int]string{
			300: "    id: again\n", 1500: "    x: &a 1\n    y: *a\n", 2700: "    id: again\n",
		}),
		"fatal nesting in a piece": at(generated, map[int]string{
			300: "    id: again\n", 1500: "    description: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n",
		}),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, ok := planChunks(data); !ok {
				t.Fatal("not cut in pieces")
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
			if tc == nil {
				return
			}
			stitched := false
			for c := range tc.root().children() {
				stitched = stitched || c.node().flags&flagStitched != 0
			}
			if !stitched {
				t.Fatal("no section was parsed in pieces")
			}
			if diff := cmp.Diff(vw, vc); diff != "" {
				t.Fatalf("plain values (-whole +pieces):\n%s", diff)
			}
			doc, err := decodeOne(data)
			if err != nil {
				t.Fatal(err)
			}
			if err := samePositions(doc.Content[0], tc.root(), vc, false, ""); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestRepeatedKeysDoNotPanic: a section key repeated in a file, or a field
// whose first key is not the list the plain value comes from, once made
// the merge and the reference check index out of range.
func TestRepeatedKeysDoNotPanic(t *testing.T) {
	inv := loadOne(t, "f.yaml", header+"subjects: [{id: a}, {id: b}]\nsubjects: [{id: c}]\n")
	match(t, inv.Findings, []want{
		{RuleSyntax, "f.yaml:4:1", `duplicate key "subjects" (first at line 3, column 1)`, ""},
		{RuleDuplicateID, "f.yaml:4:17", `duplicate id "a" in subjects`, "subjects/a"},
	})
	inv = loadOne(t, "f.yaml", header+"subjects: [{id: a}]\nactivities:\n  - id: x\n    !custom subjects: y\n    subjects: [a, zz]\n")
	match(t, inv.Findings, []want{
		{RuleSyntax, "f.yaml:6:5", "mapping keys must be plain strings", ""},
		{RuleUnknownReference, "f.yaml:6:23", `refers to unknown subject "zz"`, "activities/x/subjects/zz"},
	})
}
