package inventory

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ropa-project/ropa/internal/gen"
	"gopkg.in/yaml.v3"
)

func TestFastSchemaCompiles(t *testing.T) {
	sch, err := compiledSchema()
	if err != nil {
		t.Fatal(err)
	}
	if sch.fast == nil {
		t.Fatal("schema.json uses a keyword the fast validator does not implement: valid files pay for the full validator")
	}
}

// TestFastSchemaAgrees mutates valid documents in every way the schema
// constrains and checks that the fast validator never accepts what the
// full validator rejects (and, for the sake of speed, rarely rejects what
// it accepts).
func TestFastSchemaAgrees(t *testing.T) {
	sch, err := compiledSchema()
	if err != nil {
		t.Fatal(err)
	}
	if sch.fast == nil {
		t.Skip("no fast validator")
	}
	var docs []map[string]any
	var b bytes.Buffer
	if err := gen.New(gen.Config{Activities: 20, Seed: 5}).Write(&b); err != nil {
		t.Fatal(err)
	}
	docs = append(docs, parsedValue(t, "generated.yaml", b.Bytes()))
	files, _ := filepath.Glob("../testdata/rackslab/*.yaml")
	more, _ := filepath.Glob("../testdata/rackslab/*/*.yaml")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if v := parsedValue(t, f, data); v != nil {
			docs = append(docs, v)
		}
	}
	replacements := []any{
		"x", "", "Bad Id", "P3X", "P", "PT", "2024-02-30", "2024-13-01", "2024-01-31", "ZZ", "fr", "FR", "UK",
		"none", "eea", "hashed", "consent", "exempt", "scc", "P13M",
		int64(0), int64(1), int64(2), int64(17), int64(-1), 1.5, 2.0, true, false, nil,
		[]any{}, []any{"x"}, []any{int64(1)}, map[string]any{}, map[string]any{"bogus": "x"},
	}
	r := rand.New(rand.NewPCG(1, 2))
	fastOnly, fullOnly, agree := 0, 0, 0
	for _, doc := range docs {
		if !sch.fast.valid(doc) {
			t.Errorf("fast validator rejects a valid document")
		}
		paths := nodePaths(doc, nil)
		for range 600 {
			m := deepCopy(doc).(map[string]any)
			for range 1 + r.IntN(2) {
				p := paths[r.IntN(len(paths))]
				mutate(m, p, r, replacements)
			}
			fast := sch.fast.valid(m)
			full := sch.s.Validate(m) == nil
			switch {
			case fast && !full:
				fastOnly++
				if fastOnly <= 5 {
					t.Errorf("fast validator accepts an invalid document: %v", sch.s.Validate(m))
				}
			case full && !fast:
				fullOnly++
			default:
				agree++
			}
		}
	}
	t.Logf("%d agree, %d rejected by the fast validator only (harmless), %d accepted by it only", agree, fullOnly, fastOnly)
	if fullOnly*20 > agree {
		t.Errorf("the fast validator rejects too many valid documents (%d of %d)", fullOnly, agree+fullOnly)
	}
}

func parsedValue(t *testing.T, name string, data []byte) map[string]any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		t.Fatalf("%s: %v", name, err)
	}
	c := converter{p: &parsedFile{name: name}}
	v, _ := c.value(doc.Content[0], 0).(map[string]any)
	return v
}

// nodePaths lists the paths of every node (keys and indices).
func nodePaths(v any, prefix []any) [][]any {
	out := [][]any{slices.Clone(prefix)}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out = append(out, nodePaths(e, append(slices.Clone(prefix), k))...)
		}
	case []any:
		for i, e := range x {
			out = append(out, nodePaths(e, append(slices.Clone(prefix), i))...)
		}
	}
	return out
}

// mutate replaces the node at path, adds a key to it or deletes it.
func mutate(root map[string]any, path []any, r *rand.Rand, replacements []any) {
	var parent any = root
	for _, seg := range path[:max(len(path)-1, 0)] {
		switch x := parent.(type) {
		case map[string]any:
			k, ok := seg.(string)
			if !ok {
				return
			}
			parent = x[k]
		case []any:
			i, ok := seg.(int)
			if !ok || i >= len(x) {
				return
			}
			parent = x[i]
		default:
			return
		}
	}
	if len(path) == 0 {
		root["bogus"] = "x"
		return
	}
	last := path[len(path)-1]
	repl := deepCopy(replacements[r.IntN(len(replacements))])
	switch x := parent.(type) {
	case map[string]any:
		k, ok := last.(string)
		if !ok {
			return
		}
		switch r.IntN(4) {
		case 0:
			delete(x, k)
		case 1:
			if m, ok := x[k].(map[string]any); ok {
				m["bogus"] = "x"
				return
			}
			x[k] = repl
		default:
			x[k] = repl
		}
	case []any:
		if i, ok := last.(int); ok && i < len(x) {
			x[i] = repl
		}
	}
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}
