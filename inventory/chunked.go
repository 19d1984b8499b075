package inventory

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"
)

// Parsing one large file on several cores.
//
// yaml.v3 parses on one goroutine, and on a large single-file inventory
// the parse is most of the load. The long sections of such a file are
// block sequences of independent items ("activities:" then "  - id: ..."),
// so they are cut at item boundaries and the pieces parsed concurrently,
// with their lines shifted to where they are in the file. The rest of the
// file (the "skeleton": the section keys and the small sections, with the
// cut lines blanked so that line numbers hold) is parsed on its own.
// parseFile converts each piece to plain values and positions on the
// goroutine that parsed it and drops its nodes there
// (parseChunkedConverted), then stitches the converted pieces in at their
// section; parseChunked stitches the nodes themselves, the tree the tests
// compare with the whole-file parse.
//
// It is an optimisation only: whenever the file is not laid out that
// plainly (tabs, directives, several documents, a piece that does not
// parse on its own, ...) it reports false and the caller parses the whole
// file as usual, which also gives the error messages. A piece parses on
// its own exactly when no YAML construct spans a cut: every line of a
// block-sequence item is indented deeper than its dash, so a line with
// the dash at the sequence's indentation always starts a new item; a
// quoted scalar or flow collection left open across a cut makes the piece
// fail to parse, which falls back.

// The thresholds of the parallel parse are variables so that tests run
// the chunked path on small files and with one CPU (see chunked_test.go);
// the program never changes them.
var (
	// chunkedMinSize is the smallest file worth cutting: below it the cost
	// of the goroutines and of the extra skeleton parse is not repaid.
	chunkedMinSize = 1 << 20
	// chunkedMinPiece and chunkedMaxPiece bound a piece's size (about a
	// quarter of the file per worker in between). A piece's node tree (~15
	// times its text) is garbage once the piece is converted, and smaller
	// pieces keep less of it alive at a time on a large file.
	chunkedMinPiece = 64 << 10
	chunkedMaxPiece = 1 << 20
	// loadWorkers is the number of goroutines the load uses; zero means
	// runtime.GOMAXPROCS(0). A large file is cut only with two or more.
	loadWorkers = 0
)

// workers is the number of goroutines the load runs on.
func workers() int {
	if loadWorkers > 0 {
		return loadWorkers
	}
	return runtime.GOMAXPROCS(0)
}

// region is a block sequence under a top-level key, cut into pieces.
type region struct {
	keyLine int   // 1-based line of the "section:" key
	cuts    []int // byte offsets of the pieces' starts, then the region's end
}

// chunkPlan is how a large file is cut: the skeleton and the pieces.
type chunkPlan struct {
	regions  []region
	skeleton []byte // the file with every cut region blanked, newlines kept
	pieces   []chunkPiece
}

type chunkPiece struct {
	data      []byte
	firstLine int // 1-based line of data[0] in the file
	region    int // index in regions
}

// planChunks cuts data, or reports false when the file is too small or
// not laid out plainly enough.
func planChunks(data []byte) (*chunkPlan, bool) {
	w := workers()
	if len(data) < chunkedMinSize || w < 2 {
		return nil, false
	}
	regions, ok := findRegions(data, min(max(len(data)/(4*w), chunkedMinPiece), chunkedMaxPiece))
	if !ok || len(regions) == 0 {
		return nil, false
	}
	// The skeleton is what is not cut, and a newline per cut line.
	size := len(data)
	for _, r := range regions {
		start, end := r.cuts[0], r.cuts[len(r.cuts)-1]
		size -= end - start - bytes.Count(data[start:end], []byte{'\n'})
	}
	pl := &chunkPlan{regions: regions, skeleton: make([]byte, 0, size)}
	prev := 0
	line, counted := 1, 0
	lineAt := func(off int) int {
		line += bytes.Count(data[counted:off], []byte{'\n'})
		counted = off
		return line
	}
	for ri, r := range regions {
		start, end := r.cuts[0], r.cuts[len(r.cuts)-1]
		pl.skeleton = append(pl.skeleton, data[prev:start]...)
		pl.skeleton = append(pl.skeleton, bytes.Repeat([]byte{'\n'}, bytes.Count(data[start:end], []byte{'\n'}))...)
		prev = end
		for i := 0; i+1 < len(r.cuts); i++ {
			pl.pieces = append(pl.pieces, chunkPiece{data: data[r.cuts[i]:r.cuts[i+1]], firstLine: lineAt(r.cuts[i]), region: ri})
		}
	}
	pl.skeleton = append(pl.skeleton, data[prev:]...)
	return pl, true
}

// parse parses the skeleton and the pieces concurrently. Each piece's
// sequence node, its lines shifted to the file's, is handed to use(i, seq)
// on the goroutine that parsed it, and nothing else keeps it: what use
// does not keep is garbage as soon as it returns. parse returns the
// skeleton's document and, for each region, the null value its key has
// there; it reports false when the skeleton or a piece does not parse as
// planned.
func (pl *chunkPlan) parse(use func(i int, seq *yaml.Node)) (doc *yaml.Node, slots []*yaml.Node, ok bool) {
	var skelErr error
	var failed atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		doc, skelErr = decodeOne(pl.skeleton)
	}()
	next := make(chan int)
	for range min(workers(), len(pl.pieces)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if failed.Load() {
					continue
				}
				p := pl.pieces[i]
				d, err := decodeOne(p.data)
				if err != nil || len(d.Content) != 1 || d.Content[0].Kind != yaml.SequenceNode {
					failed.Store(true)
					continue
				}
				seq := d.Content[0]
				shiftLines(seq, p.firstLine-1)
				use(i, seq)
			}
		}()
	}
	for i := range pl.pieces {
		next <- i
	}
	close(next)
	wg.Wait()
	if failed.Load() || skelErr != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, false
	}
	// Each region's key has a null value in the skeleton: the placeholder
	// of the sequence of the pieces' items.
	root := doc.Content[0]
	for _, r := range pl.regions {
		var val *yaml.Node
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Line == r.keyLine && root.Content[i].Column == 1 {
				val = root.Content[i+1]
			}
		}
		if val == nil || val.Kind != yaml.ScalarNode || val.Tag != "!!null" || val.Value != "" {
			return nil, nil, false
		}
		slots = append(slots, val)
	}
	return doc, slots, true
}

// convertedPiece is a piece once converted: its items as plain values and
// positions, and the findings of the conversion, in document order.
type convertedPiece struct {
	items    []any
	elems    []pref
	findings []Finding
	fatal    bool
}

// stitchedSeq is a region's sequence, converted piece by piece.
type stitchedSeq struct {
	line, col int // the sequence's position: its first piece's
	pieces    []*convertedPiece
}

// parseChunkedConverted is parseChunked for parseFile: each piece is
// converted to plain values and positions on the goroutine that parsed
// it, and its nodes are dropped there, so that the node tree of a large
// file never exists whole (at 100k activities it would be ~800 MB). It
// returns the skeleton's document and, for its placeholders, the
// converted pieces, for the converter to stitch (converter.stitched); nil
// when the file is to be parsed whole.
func parseChunkedConverted(name string, data []byte) (*yaml.Node, map[*yaml.Node]*stitchedSeq) {
	pl, ok := planChunks(data)
	if !ok {
		return nil, nil
	}
	conv := make([]*convertedPiece, len(pl.pieces))
	pos := make([][2]int, len(pl.pieces))
	doc, slots, ok := pl.parse(func(i int, seq *yaml.Node) {
		// Converted as the whole-file converter would at the section's
		// depth; findings go to a scratch file of the same name.
		p := &parsedFile{name: name}
		c := converter{p: p, b: newTreeBuilder(countNodes(seq))}
		items, _ := c.value(seq, 1).([]any)
		cp := &convertedPiece{items: items, findings: p.findings, fatal: c.fatal}
		if !c.fatal {
			cp.elems = c.b.t.root().elements()
		}
		conv[i], pos[i] = cp, [2]int{seq.Line, seq.Column}
	})
	if !ok {
		return nil, nil
	}
	stitch := make(map[*yaml.Node]*stitchedSeq, len(slots))
	for ri, val := range slots {
		s := &stitchedSeq{}
		for pi, p := range pl.pieces {
			if p.region != ri {
				continue
			}
			if s.pieces == nil {
				s.line, s.col = pos[pi][0], pos[pi][1]
			}
			s.pieces = append(s.pieces, conv[pi])
		}
		stitch[val] = s
	}
	return doc, stitch
}

// decodeOne decodes exactly one document.
func decodeOne(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("not a single document")
	}
	return &doc, nil
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// findRegions finds the block sequences under top-level keys and cuts
// those of more than one piece at item boundaries, about every pieceSize
// bytes. It reports false when the file has anything that makes line-wise
// reading unsafe: tabs in indentation, directives, document markers.
func findRegions(data []byte, pieceSize int) ([]region, bool) {
	var out []region
	var cur *region
	indent := -1 // indentation of the current region's dashes; -1 before its first item
	lastCut := 0 // byte offset of the current piece's start
	lineNo := 0  // 1-based number of the current line
	keyLine := 0 // line of the key that may open a region
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(data)
		}
		lineNo++
		l := bytes.TrimRight(data[off:end], "\r")
		ind := 0
		for ind < len(l) && l[ind] == ' ' {
			ind++
		}
		if ind < len(l) && l[ind] == '\t' {
			return nil, false
		}
		content := l[ind:]
		blank := len(content) == 0 || content[0] == '#'
		if !blank && ind == 0 && (content[0] == '%' || bytes.HasPrefix(content, []byte("---")) || bytes.HasPrefix(content, []byte("..."))) {
			return nil, false
		}
		isDash := len(content) > 0 && content[0] == '-' && (len(content) == 1 || content[1] == ' ')

		if cur != nil && !blank {
			switch {
			case indent < 0 && isDash:
				indent = ind
				cur.cuts = []int{off}
				lastCut = off
			case indent < 0:
				cur = nil // a mapping or scalar under the key: not a region
			case ind < indent || (ind == indent && !isDash):
				out = closeRegion(out, cur, off)
				cur = nil
			case ind == indent && isDash && off-lastCut >= pieceSize:
				cur.cuts = append(cur.cuts, off)
				lastCut = off
			}
		}
		if cur == nil && !blank && ind == 0 {
			keyLine = 0
			if isSectionKey(content) {
				keyLine = lineNo
				cur = &region{keyLine: keyLine}
				indent = -1
			}
		}
		off = next
	}
	if cur != nil && indent >= 0 {
		out = closeRegion(out, cur, len(data))
	}
	return out, true
}

// closeRegion ends a region at off and keeps it when it has more than one
// piece.
func closeRegion(out []region, r *region, off int) []region {
	if len(r.cuts) < 2 {
		return out
	}
	r.cuts = append(r.cuts, off)
	return append(out, *r)
}

// isSectionKey reports whether a top-level line is a plain key with its
// value on the next lines: "activities:" with at most a comment after.
func isSectionKey(l []byte) bool {
	i := 0
	for i < len(l) && (l[i] >= 'a' && l[i] <= 'z' || l[i] >= 'A' && l[i] <= 'Z' || l[i] == '_' || i > 0 && l[i] >= '0' && l[i] <= '9') {
		i++
	}
	if i == 0 || i >= len(l) || l[i] != ':' {
		return false
	}
	rest := bytes.TrimLeft(l[i+1:], " ")
	return len(rest) == 0 || rest[0] == '#' && len(rest) < len(l[i+1:])
}
