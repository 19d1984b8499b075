package inventory

import (
	"iter"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Positions without the YAML node trees.
//
// After loading, ropa needs the YAML nodes for two things only: placing
// findings (Locate, schema errors, the structural checks), and decoding
// the typed model (Model, Waivers). yaml.v3's Node is 152 bytes before
// its strings and Content slices: a 100k-activity inventory is 4.7M nodes
// and 820 MB, several times its plain values. A posTree keeps what those
// uses read and nothing else, in one pointer-free slice of 28-byte
// records that the garbage collector never scans: each node's position,
// its key's position and text, its kind and tag, and the extent of its
// subtree. The nodes are dropped as soon as a file (or, for a large file,
// a piece of it: chunked.go) is converted.
//
// Scalar texts are not copied: a scalar's text is its plain value, the
// string the converter made of it, so a tree is walked together with the
// plain value of the node it is at. Only the scalars whose plain value is
// not their text (numbers, booleans, nulls) and everything below a key the
// converter left out (a duplicate key, a key that is not a plain string)
// keep their text in a side table. Texts are looked up there first, so a
// subtree with no plain value of its own never reads one.

// pnode is one YAML node of a posTree, in preorder. Mapping keys have no
// record of their own: their text, kind, tag and position are held by the
// value they name.
type pnode struct {
	line, col       int32 // the node's position
	keyLine, keyCol int32 // its key's position, when it is a mapping value
	end             int32 // index past its subtree
	key             int32 // 1 + index in posTree.keys when it is a mapping value; 0 otherwise
	typ             uint8 // kind and tag: kindCodes<<4 | tagCodes
	flags           uint8
}

const (
	// flagAccepted marks a mapping value the converter kept: the plain
	// mapping holds it under its key's text.
	flagAccepted uint8 = 1 << iota
	// flagStitched marks a sequence whose elements were parsed in pieces
	// (chunked.go): they are in posTree.seqs, not after it.
	flagStitched
	// flagRejected marks a mapping value that failed the schema (or holds
	// a value that did): it is dropped from the plain mapping, so rules
	// never see it, and from the rebuilt nodes the typed model decodes.
	// Its position stays, for findings about it.
	flagRejected
)

// kindCodes and tagCodes encode a node's kind and tag in pnode.typ. Tags
// not listed (custom tags) are in posTree.tags.
var (
	kindCodes = [...]yaml.Kind{yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode, yaml.AliasNode, yaml.DocumentNode}
	tagCodes  = [...]string{"", "!!str", "!!int", "!!bool", "!!null", "!!float", "!!timestamp", "!!binary", "!!map", "!!seq", "!!merge"}
)

const tagOther = 15

func kindCode(k yaml.Kind) uint8 {
	for c, kc := range kindCodes {
		if kc == k {
			return uint8(c)
		}
	}
	return 0
}

func tagCode(tag string) uint8 {
	switch tag { // the common ones first, without a loop
	case "!!str":
		return 1
	case "!!map":
		return 8
	case "!!seq":
		return 9
	}
	for c, s := range tagCodes {
		if s == tag {
			return uint8(c)
		}
	}
	return tagOther
}

// keyInfo is what decoding and lookups read from a mapping key. Keys are
// few distinct values, interned per tree.
type keyInfo struct {
	text string
	kind yaml.Kind
	tag  string
}

// posTree is the position tree of one parsed document, or of one piece of
// a large file.
type posTree struct {
	nodes []pnode
	keys  []keyInfo
	raw   map[int32]string // text of scalars (and aliases) that the plain value does not hold
	tags  map[int32]string // tags outside tagCodes
	seqs  map[int32][]pref // elements of the stitched sequences
	// Aliases can only be below a key the converter left out (elsewhere
	// they are refused); they are kept as parsed, with the node they point
	// to, for decoding.
	aliases   map[int32]*yaml.Node
	aliasKeys map[int32]*yaml.Node
}

// pref is a node of a posTree.
type pref struct {
	t *posTree
	i int32
}

func (t *posTree) root() pref { return pref{t, 0} }

func (h pref) node() *pnode { return &h.t.nodes[h.i] }

func (h pref) kind() yaml.Kind { return kindCodes[h.node().typ>>4] }

func (h pref) tag() string {
	c := h.node().typ & 0xf
	if c == tagOther {
		return h.t.tags[h.i]
	}
	return tagCodes[c]
}

func (h pref) accepted() bool { return h.node().flags&flagAccepted != 0 }

// reject marks the mapping value h rejected (flagRejected) and no longer
// accepted: its plain value has been deleted.
func (h pref) reject() {
	n := h.node()
	n.flags = n.flags&^flagAccepted | flagRejected
}

// at is the node's position.
func (h pref) at(file string) Location {
	n := h.node()
	return Location{File: file, Line: int(n.line), Column: int(n.col)}
}

// keyAt is the position of the key naming the node.
func (h pref) keyAt(file string) Location {
	n := h.node()
	return Location{File: file, Line: int(n.keyLine), Column: int(n.keyCol)}
}

// keyText is the text of the key naming the node (yaml.Node.Value of the
// key node), "" when it is not a mapping value.
func (h pref) keyText() string {
	if k := h.node().key; k > 0 {
		return h.t.keys[k-1].text
	}
	return ""
}

// text is the node's yaml.Node.Value given its plain value: empty for
// mappings and sequences.
func (h pref) text(plain any) string {
	if s, ok := h.t.raw[h.i]; ok {
		return s
	}
	if h.kind() != yaml.ScalarNode {
		return ""
	}
	s, _ := plain.(string)
	return s
}

// children are a mapping's values (each with its key) or a sequence's
// elements, in document order.
func (h pref) children() iter.Seq[pref] {
	return func(yield func(pref) bool) {
		n := h.node()
		if n.flags&flagStitched != 0 {
			for _, e := range h.t.seqs[h.i] {
				if !yield(e) {
					return
				}
			}
			return
		}
		for j := h.i + 1; j < n.end; j = h.t.nodes[j].end {
			if !yield(pref{h.t, j}) {
				return
			}
		}
	}
}

// elements lists a sequence's elements.
func (h pref) elements() []pref {
	if h.node().flags&flagStitched != 0 {
		return h.t.seqs[h.i]
	}
	var out []pref
	for e := range h.children() {
		out = append(out, e)
	}
	return out
}

// elem is a sequence's i-th element.
func (h pref) elem(i int) (pref, bool) {
	if h.kind() != yaml.SequenceNode || i < 0 {
		return pref{}, false
	}
	if h.node().flags&flagStitched != 0 {
		if es := h.t.seqs[h.i]; i < len(es) {
			return es[i], true
		}
		return pref{}, false
	}
	for e := range h.children() {
		if i == 0 {
			return e, true
		}
		i--
	}
	return pref{}, false
}

// field is the value of a mapping's first key whose text is key, whatever
// the key's kind and tag, as a lookup in the yaml.Node's Content did.
func (h pref) field(key string) (pref, bool) {
	if h.kind() != yaml.MappingNode {
		return pref{}, false
	}
	for c := range h.children() {
		if c.keyText() == key {
			return c, true
		}
	}
	return pref{}, false
}

// childPlain is the plain value of child c of h, given h's plain value:
// nil when c has none (a key the converter left out, whose subtree keeps
// its texts).
func childPlain(h pref, plain any, c pref, index int) any {
	switch x := plain.(type) {
	case map[string]any:
		if c.accepted() {
			return x[c.keyText()]
		}
	case []any:
		if h.kind() == yaml.SequenceNode && index < len(x) {
			return x[index]
		}
	}
	return nil
}

// rebuild rebuilds the node's yaml.Node, for decoding into the typed
// model: kind, tag, value and content are what yaml.v3's decoder reads
// (positions only go into its error messages), so decoding the rebuilt
// node gives exactly what decoding the parsed one gave. A key that is a
// mapping or a sequence is rebuilt empty: decoding one into a struct
// field name fails whatever it holds, and ropa's model has only structs.
func (h pref) rebuild(plain any) *yaml.Node {
	var r rebuilder
	return r.rebuild(h, plain)
}

// rebuilder allocates rebuilt nodes from slabs that it reuses from one
// rebuild to the next: what the decoder makes of a node does not point
// into it, so decoding a list allocates the nodes of its largest item,
// not of every item.
type rebuilder struct {
	nodes []yaml.Node
	ptrs  []*yaml.Node
	need  int // slab slots the last rebuild wanted
}

func (r *rebuilder) rebuild(h pref, plain any) *yaml.Node {
	if r.need > cap(r.nodes) {
		r.nodes = make([]yaml.Node, 0, r.need)
		r.ptrs = make([]*yaml.Node, 0, 2*r.need)
	}
	r.nodes, r.ptrs, r.need = r.nodes[:0], r.ptrs[:0], 0
	return r.node(h, plain)
}

func (r *rebuilder) alloc() *yaml.Node {
	r.need++
	if len(r.nodes) < cap(r.nodes) {
		r.nodes = r.nodes[:len(r.nodes)+1]
		return &r.nodes[len(r.nodes)-1]
	}
	return new(yaml.Node)
}

func (r *rebuilder) content(n int) []*yaml.Node {
	if l := len(r.ptrs); l+n <= cap(r.ptrs) {
		r.ptrs = r.ptrs[:l+n]
		return r.ptrs[l : l : l+n]
	}
	return make([]*yaml.Node, 0, n)
}

func (r *rebuilder) node(h pref, plain any) *yaml.Node {
	if a, ok := h.t.aliases[h.i]; ok {
		return a
	}
	n := h.node()
	y := r.alloc()
	*y = yaml.Node{Kind: h.kind(), Tag: h.tag(), Line: int(n.line), Column: int(n.col)}
	switch y.Kind {
	case yaml.ScalarNode:
		y.Value = h.text(plain)
	case yaml.MappingNode:
		k := 0
		for range h.children() {
			k++
		}
		y.Content = r.content(2 * k)
		for c := range h.children() {
			if c.node().flags&flagRejected != 0 {
				continue
			}
			y.Content = append(y.Content, r.key(c), r.node(c, childPlain(h, plain, c, 0)))
		}
	case yaml.SequenceNode:
		k := 0
		for range h.children() {
			k++
		}
		y.Content = r.content(k)
		i := 0
		for c := range h.children() {
			y.Content = append(y.Content, r.node(c, childPlain(h, plain, c, i)))
			i++
		}
	}
	return y
}

// key rebuilds the key naming h.
func (r *rebuilder) key(h pref) *yaml.Node {
	if a, ok := h.t.aliasKeys[h.i]; ok {
		return a
	}
	n := h.node()
	k := h.t.keys[n.key-1]
	y := r.alloc()
	*y = yaml.Node{Kind: k.kind, Tag: k.tag, Value: k.text, Line: int(n.keyLine), Column: int(n.keyCol)}
	return y
}

// treeBuilder appends nodes to a posTree in preorder.
type treeBuilder struct {
	t      *posTree
	strKey map[string]int32  // plain string keys, the common case
	keyIDs map[keyInfo]int32 // the others
}

func newTreeBuilder(size int) treeBuilder {
	return treeBuilder{t: &posTree{nodes: make([]pnode, 0, size)}}
}

// countNodes is the number of records a subtree needs (keys have none),
// so that a tree is allocated once at its size.
func countNodes(n *yaml.Node) int {
	c := 1
	switch n.Kind {
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			c += countNodes(n.Content[i])
		}
	case yaml.SequenceNode:
		for _, e := range n.Content {
			c += countNodes(e)
		}
	}
	return c
}

// begin appends the record of n (named by key when it is a mapping value)
// and returns its index; finish closes its subtree.
func (b *treeBuilder) begin(n, key *yaml.Node, flags uint8) int32 {
	return b.beginAt(n.Line, n.Column, n.Kind, n.Tag, key, flags)
}

func (b *treeBuilder) beginAt(line, col int, kind yaml.Kind, tag string, key *yaml.Node, flags uint8) int32 {
	if b.t == nil {
		b.t = &posTree{}
	}
	i := int32(len(b.t.nodes))
	r := pnode{line: int32(line), col: int32(col), flags: flags}
	tc := tagCode(tag)
	r.typ = kindCode(kind)<<4 | tc
	if tc == tagOther {
		setIn(&b.t.tags, i, tag)
	}
	if key != nil {
		r.keyLine, r.keyCol = int32(key.Line), int32(key.Column)
		r.key = b.keyID(key) + 1
		if key.Kind == yaml.AliasNode {
			setIn(&b.t.aliasKeys, i, key)
		}
	}
	b.t.nodes = append(b.t.nodes, r)
	return i
}

func (b *treeBuilder) finish(i int32) { b.t.nodes[i].end = int32(len(b.t.nodes)) }

func (b *treeBuilder) keyID(k *yaml.Node) int32 {
	plain := k.Kind == yaml.ScalarNode && k.Tag == "!!str"
	if plain {
		if id, ok := b.strKey[k.Value]; ok {
			return id
		}
	}
	ki := keyInfo{text: k.Value, kind: k.Kind, tag: k.Tag}
	id, ok := b.keyIDs[ki]
	if !ok {
		id = int32(len(b.t.keys))
		b.t.keys = append(b.t.keys, ki)
		setIn(&b.keyIDs, ki, id)
	}
	if plain {
		setIn(&b.strKey, k.Value, id)
	}
	return id
}

// setRaw keeps the text of a scalar that its plain value does not hold.
func (b *treeBuilder) setRaw(i int32, s string) { setIn(&b.t.raw, i, s) }

// skipped records the subtree of an entry the converter left out: there
// is no plain value below it, so every text is kept.
func (b *treeBuilder) skipped(n, key *yaml.Node) {
	i := b.begin(n, key, 0)
	switch n.Kind {
	case yaml.MappingNode:
		for j := 0; j+1 < len(n.Content); j += 2 {
			b.skipped(n.Content[j+1], n.Content[j])
		}
	case yaml.SequenceNode:
		for _, e := range n.Content {
			b.skipped(e, nil)
		}
	case yaml.ScalarNode:
		b.setRaw(i, n.Value)
	case yaml.AliasNode:
		b.setRaw(i, n.Value)
		setIn(&b.t.aliases, i, n)
	}
	b.finish(i)
}

func setIn[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

// nodeAt follows a JSON-pointer-like location from h: mapping keys by
// their text, sequence elements by index. It returns the deepest node
// reached, so a location always resolves, and whether the last step was a
// mapping key (where findings about that node are placed).
func nodeAt(h pref, loc []string) (val pref, atKey bool) {
	val = h
	for _, tok := range loc {
		switch val.kind() {
		case yaml.MappingNode:
			c, ok := val.field(tok)
			if !ok {
				return val, atKey
			}
			val, atKey = c, true
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil {
				return val, atKey
			}
			e, ok := val.elem(i)
			if !ok {
				return val, atKey
			}
			val, atKey = e, false
		default:
			return val, atKey
		}
	}
	return val, atKey
}
