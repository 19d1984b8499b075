// Package notice writes the privacy notice (GDPR Art. 13 and 14) of an
// inventory: the information a controller gives data subjects, generated
// from the same declarations the audit checks, so that the notice can
// never say less or other than the record of processing.
//
// Layout. The notice is layered as the Article 29 Working Party's
// Guidelines on transparency under Regulation 2016/679 (WP260 rev.01,
// endorsed by the EDPB on 25 May 2018) recommend in their section on the
// "layered approach in a digital environment and layered privacy
// statements/notices": a first layer gives the identity of the
// controller, the purposes, the rights of the data subject and the
// processing that has the most impact on the data subject or could
// surprise them (automated decisions, profiling, transfers outside the
// EEA, data not obtained from the data subject), and links to the full
// notice, which holds every item of Art. 13(1)-(2) and 14(1)-(2) that the
// inventory can hold, in one place. The CNIL recommends the same two
// levels of information. (The search tool available when this was
// written returned WP260's text only in part, so the paragraph numbers of
// that section are not cited here.)
//
// Honesty. Every sentence is either a fixed sentence of the translation
// tables (lang/*.json) or a value of the inventory. Where the audit finds
// an item missing, the notice shows a gap marker ("[not declared:
// retention period]") in its place instead of text: completeness is
// decided by the audit's own rule findings (see gapRules), not by a
// second copy of the rules.
package notice

import (
	"fmt"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// Span is a run of text: plain, a gap marker, or a link.
type Span struct {
	Text string
	// Gap marks a "[not declared: ...]" marker.
	Gap bool
	// Href makes the span a link.
	Href string
}

// Para is a sentence or paragraph: spans rendered one after the other.
type Para []Span

// Block is a paragraph, a list or a table.
type Block struct {
	Kind    string // "p", "ul", "table"
	Items   []Para // "p": one item; "ul": one per list item
	Caption string
	Head    []string
	Rows    [][]Para
}

// Section is a titled part of the notice.
type Section struct {
	ID     string
	Title  string
	Blocks []Block
	Subs   []Section
}

// Gap is an item the audit found missing.
type Gap struct {
	// Item is the translated name of the missing item ("retention period").
	Item string
	// Rule and Path are the finding that revealed it.
	Rule, Path string
	// Mandatory is set when Art. 13 or 14 requires the item: the notice is
	// then incomplete and `ropa notice` exits 1.
	Mandatory bool
}

// Notice is a generated privacy notice in one language.
type Notice struct {
	Lang     string
	Title    string
	Subtitle string
	// Summary is the first layer, Sections the full notice.
	Summary  Section
	Sections []Section
	Footer   Para
	Gaps     []Gap
	AsOf     string
}

// Missing returns the mandatory gaps.
func (n *Notice) Missing() []Gap {
	var out []Gap
	for _, g := range n.Gaps {
		if g.Mandatory {
			out = append(out, g)
		}
	}
	return out
}

// Formats of the notice.
const (
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

// Formats lists the notice formats.
func Formats() []string { return []string{FormatHTML, FormatMarkdown} }

// New builds the notice of an audited inventory in a language. r must
// come from audit.Engine.Audit on the inventory (its findings decide the
// gaps; waived findings are not gaps).
func New(r *audit.Result, lang string) (*Notice, error) {
	tr, err := newTranslator(lang)
	if err != nil {
		return nil, err
	}
	if r.Inventory == nil {
		return nil, fmt.Errorf("notice: the audit result has no inventory")
	}
	b, err := newBuilder(r, tr)
	if err != nil {
		return nil, err
	}
	return b.build(), nil
}

// findingIndex finds the unwaived findings of a rule on a path or below.
type findingIndex struct {
	byRule map[string][]inventory.Finding
}

func newFindingIndex(fs []inventory.Finding) *findingIndex {
	ix := &findingIndex{byRule: map[string][]inventory.Finding{}}
	for _, f := range fs {
		if f.Waived {
			continue
		}
		ix.byRule[f.Rule] = append(ix.byRule[f.Rule], f)
	}
	return ix
}

// at returns the findings of rule whose path is p or below p.
func (ix *findingIndex) at(rule, p string) []inventory.Finding {
	var out []inventory.Finding
	for _, f := range ix.byRule[rule] {
		if f.Path == p || strings.HasPrefix(f.Path, p+"/") {
			out = append(out, f)
		}
	}
	return out
}

// exactly returns the findings of rule whose path is exactly one of ps.
func (ix *findingIndex) exactly(rule string, ps ...string) []inventory.Finding {
	var out []inventory.Finding
	for _, f := range ix.byRule[rule] {
		for _, p := range ps {
			if f.Path == p {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
