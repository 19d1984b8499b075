package notice

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ropa-project/ropa/inventory"
)

// The translation tables: one JSON file per language in lang/, a flat
// object from message key to text. Placeholders are {name}. Adding a
// language is adding lang/<code>.json with every key of en.json (a test
// checks that every table has the same keys and placeholders).

//go:embed lang/*.json
var langFS embed.FS

// DefaultLang is the language used when none is asked for.
const DefaultLang = "en"

var (
	tablesOnce sync.Once
	tables     map[string]map[string]string
	tablesErr  error
)

func loadTables() (map[string]map[string]string, error) {
	tablesOnce.Do(func() {
		entries, err := langFS.ReadDir("lang")
		if err != nil {
			tablesErr = err
			return
		}
		tables = map[string]map[string]string{}
		for _, e := range entries {
			code := strings.TrimSuffix(e.Name(), ".json")
			b, err := langFS.ReadFile("lang/" + e.Name())
			if err != nil {
				tablesErr = err
				return
			}
			var t map[string]string
			if err := json.Unmarshal(b, &t); err != nil {
				tablesErr = fmt.Errorf("parse lang/%s: %w", e.Name(), err)
				return
			}
			tables[code] = t
		}
	})
	return tables, tablesErr
}

// Languages lists the languages of the notice, sorted.
func Languages() []string {
	t, err := loadTables()
	if err != nil {
		return []string{DefaultLang}
	}
	var out []string
	for code := range t {
		out = append(out, code)
	}
	slices.Sort(out)
	return out
}

// translator writes the sentences of one language.
type translator struct {
	lang  string
	table map[string]string
}

func newTranslator(lang string) (*translator, error) {
	t, err := loadTables()
	if err != nil {
		return nil, err
	}
	table, ok := t[lang]
	if !ok {
		return nil, fmt.Errorf("unknown notice language %q (want %s)", lang, strings.Join(Languages(), ", "))
	}
	return &translator{lang: lang, table: table}, nil
}

// T returns the sentence of key with its {placeholders} replaced by
// kv pairs. A missing key is a programming error caught by the tests; it
// renders as the key itself so that it is visible.
func (tr *translator) T(key string, kv ...string) string {
	s, ok := tr.table[key]
	if !ok {
		return "{" + key + "}"
	}
	if len(kv) == 0 {
		return s
	}
	pairs := make([]string, 0, len(kv))
	for i := 0; i+1 < len(kv); i += 2 {
		pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Has reports whether the table has key (optional entries such as the
// words for a retention event).
func (tr *translator) Has(key string) bool { _, ok := tr.table[key]; return ok }

// List joins items the way the language does: "a, b and c".
func (tr *translator) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], tr.T("list.sep")) + tr.T("list.and") + items[len(items)-1]
}

// Duration spells an ISO 8601 duration out in words ("P3Y" -> "3 years",
// "3 ans"); anything else is quoted as it is.
func (tr *translator) Duration(d string) string {
	parsed, ok := inventory.ParseDuration(d)
	if !ok {
		return tr.T("quote", "text", d)
	}
	parts := make([]string, len(parsed))
	for i, p := range parsed {
		form := "other"
		if p.N == 1 {
			form = "one"
		}
		parts[i] = tr.T("unit."+p.Unit+"."+form, "n", strconv.Itoa(p.N))
	}
	return tr.List(parts)
}

// Date writes a YYYY-MM-DD date the way the language does ("28 November
// 2026", "28 novembre 2026"); anything else is returned as is.
func (tr *translator) Date(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return tr.T("date", "day", strconv.Itoa(t.Day()), "month", tr.T("month."+strconv.Itoa(int(t.Month()))), "year", strconv.Itoa(t.Year()))
}

// After words the event a retention period runs from: a known value of
// `after` ("end_of_contract" -> "after the end of the contract"), else
// the value quoted.
func (tr *translator) After(after string) string {
	if k := "after." + after; tr.Has(k) {
		return tr.T(k)
	}
	return tr.T("after.other", "event", strings.ReplaceAll(after, "_", " "))
}
