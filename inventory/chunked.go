package inventory

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"

	"gopkg.in/yaml.v3"
)

// Parsing one large file on several cores.
//
// yaml.v3 parses on one goroutine, and on a large single-file inventory
// the parse is most of the load. The long sections of such a file are
// block sequences of independent items ("activities:" then "  - id: ..."),
// so parseChunked cuts them at item boundaries, parses the pieces
// concurrently, and stitches the item nodes back under their section,
// with their lines shifted to where they are in the file. The rest of the
// file (the "skeleton": the section keys and the small sections, with the
// cut lines blanked so that line numbers hold) is parsed on its own.
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

// chunkedMinSize is the smallest file worth cutting: below it the cost of
// the goroutines and of the extra skeleton parse is not repaid.
const chunkedMinSize = 1 << 20

// region is a block sequence under a top-level key, cut into pieces.
type region struct {
	keyLine int   // 1-based line of the "section:" key
	cuts    []int // byte offsets of the pieces' starts, then the region's end
}

// parseChunked parses data as parseFile's yaml.Decoder would (a single
// document) and returns the document node, or false when it cannot
// guarantee the same tree.
func parseChunked(data []byte) (*yaml.Node, bool) {
	workers := runtime.GOMAXPROCS(0)
	if len(data) < chunkedMinSize || workers < 2 {
		return nil, false
	}
	regions, ok := findRegions(data, max(len(data)/(4*workers), 64<<10))
	if !ok || len(regions) == 0 {
		return nil, false
	}

	// The skeleton: the file with every cut region blanked, newlines kept.
	skeleton := make([]byte, 0, len(data))
	prev := 0
	type piece struct {
		data      []byte
		firstLine int // 1-based line of data[0] in the file
		seq       *yaml.Node
		err       error
	}
	var pieces []*piece
	owner := make([]int, 0) // region index of each piece
	line, counted := 1, 0
	lineAt := func(off int) int {
		line += bytes.Count(data[counted:off], []byte{'\n'})
		counted = off
		return line
	}
	for ri, r := range regions {
		start, end := r.cuts[0], r.cuts[len(r.cuts)-1]
		skeleton = append(skeleton, data[prev:start]...)
		skeleton = append(skeleton, bytes.Repeat([]byte{'\n'}, bytes.Count(data[start:end], []byte{'\n'}))...)
		prev = end
		for i := 0; i+1 < len(r.cuts); i++ {
			pieces = append(pieces, &piece{data: data[r.cuts[i]:r.cuts[i+1]], firstLine: lineAt(r.cuts[i])})
			owner = append(owner, ri)
		}
	}
	skeleton = append(skeleton, data[prev:]...)

	var doc *yaml.Node
	var skelErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		doc, skelErr = decodeOne(skeleton)
	}()
	next := make(chan *piece)
	for range min(workers, len(pieces)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				d, err := decodeOne(p.data)
				if err != nil || len(d.Content) != 1 || d.Content[0].Kind != yaml.SequenceNode {
					p.err = errors.New("piece does not parse as a sequence")
					continue
				}
				p.seq = d.Content[0]
				shiftLines(p.seq, p.firstLine-1)
			}
		}()
	}
	for _, p := range pieces {
		next <- p
	}
	close(next)
	wg.Wait()
	if skelErr != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	for _, p := range pieces {
		if p.err != nil {
			return nil, false
		}
	}

	// Stitch: each region's key has a null value in the skeleton; it
	// becomes the sequence of the pieces' items.
	root := doc.Content[0]
	for ri, r := range regions {
		var val *yaml.Node
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Line == r.keyLine && root.Content[i].Column == 1 {
				val = root.Content[i+1]
			}
		}
		if val == nil || val.Kind != yaml.ScalarNode || val.Tag != "!!null" || val.Value != "" {
			return nil, false
		}
		var seq *yaml.Node
		for pi, p := range pieces {
			if owner[pi] != ri {
				continue
			}
			if seq == nil {
				seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.seq.Line, Column: p.seq.Column}
			}
			seq.Content = append(seq.Content, p.seq.Content...)
		}
		*val = *seq
	}
	return doc, true
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
