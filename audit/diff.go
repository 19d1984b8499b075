package audit

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ropa-project/ropa/inventory"
	"github.com/ropa-project/ropa/policies"
)

// Change kinds of items, countries and transfers.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// Retention change kinds.
const (
	RetentionLengthened = "lengthened"
	RetentionShortened  = "shortened"
	// RetentionSet: a period now exists where there was none (criteria
	// only, or nothing).
	RetentionSet = "set"
	// RetentionRemoved: the period is gone (criteria only, or nothing).
	RetentionRemoved = "removed"
	// RetentionChanged: a period changed but one side is not a valid ISO
	// 8601 duration, so the two cannot be compared.
	RetentionChanged = "changed"
)

// Special-data change kinds.
const (
	// SpecialDeclared: a data category is now an Art. 9 or Art. 10
	// category (new, or its taxonomy key changed).
	SpecialDeclared = "declared"
	// SpecialUsed: an activity now processes an Art. 9 or Art. 10 category.
	SpecialUsed = "used"
)

// The privacy-significant change classes of --fail-on-change.
const (
	SignificantTransfer  = "transfer"
	SignificantSpecial   = "special"
	SignificantBasis     = "basis"
	SignificantRetention = "retention"
)

// SignificantKinds lists the classes of privacy-significant changes.
func SignificantKinds() []string {
	return []string{SignificantBasis, SignificantRetention, SignificantSpecial, SignificantTransfer}
}

// ParseSignificant validates the classes given to --fail-on-change
// (repeatable and comma-separated); the result is sorted and deduplicated.
func ParseSignificant(values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		for _, k := range strings.Split(v, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !slices.Contains(SignificantKinds(), k) {
				return nil, fmt.Errorf("unknown change class %q (want %s)", k, strings.Join(SignificantKinds(), ", "))
			}
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// ChangeSet is what a change does to an inventory's declarations and to its
// findings. Every list is sorted, so rendering it is deterministic.
type ChangeSet struct {
	// Items are the declarations added, removed or changed, by section in
	// format order (controller, subjects, data, systems, recipients,
	// activities, cookies, security_measures, commitments, rights, waivers)
	// then by id.
	Items []ItemChange `json:"items"`
	// Countries are the countries of systems and recipients that appear or
	// disappear, aliases resolved (UK is GB, EL is GR).
	Countries []CountryChange `json:"countries"`
	// Transfers are the third-country transfers (a system or recipient with
	// a country outside the EEA) that appear, disappear or change.
	Transfers []TransferChange `json:"transfers"`
	// LawfulBasis are the activities, present on both sides, whose lawful
	// basis changed.
	LawfulBasis []BasisChange `json:"lawful_basis"`
	// Retention are the retention periods of activities and the lifetimes
	// and data retention of cookies that changed.
	Retention []RetentionChange `json:"retention"`
	// Special are the Art. 9/10 data categories introduced, then the
	// activities that start processing them.
	Special []SpecialChange `json:"special"`
	// Findings are the findings that are new, fixed or newly waived.
	Findings FindingChanges `json:"findings"`
}

// ItemChange is one declaration added, removed or changed.
type ItemChange struct {
	Section string `json:"section"`
	// ID is the item's key (id, a cookie's name, a waiver's rule@target);
	// empty for the single sections (controller, commitments, rights).
	ID     string `json:"id,omitempty"`
	Change string `json:"change"`
	// Fields are the changed fields of a changed item.
	Fields []FieldChange `json:"fields,omitempty"`
}

// Path is the item's id path (activities/billing, controller).
func (c ItemChange) Path() string {
	if c.ID == "" {
		return c.Section
	}
	return c.Section + "/" + c.ID
}

// FieldChange is one changed field; nested fields are dotted
// (transfer.mechanism). Old or New is nil when the field is absent on that
// side. Lists are compared as sets: reordering is not a change.
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
	// Added and Removed are the elements that entered or left a list.
	Added   []any `json:"added,omitempty"`
	Removed []any `json:"removed,omitempty"`
}

// CountryChange is a country that systems or recipients start or stop
// naming.
type CountryChange struct {
	Country string `json:"country"`
	Change  string `json:"change"`
	// ThirdCountry is true for a country outside the EEA.
	ThirdCountry bool `json:"third_country"`
	// Paths are the systems and recipients naming it (on the new side, or on
	// the old side for a removed country).
	Paths []string `json:"paths"`
}

// TransferChange is a third-country transfer: a system or recipient with a
// country outside the EEA. Added: the pair (item, country) is new. Removed:
// it is gone. Changed: its safeguard (transfer mechanism, reference,
// derogation, DPF certification) changed, or more activities now use it.
type TransferChange struct {
	Country string `json:"country"`
	// Path is the system or recipient (recipients/us-analytics).
	Path   string `json:"path"`
	Change string `json:"change"`
	// Transfer is the safeguard declared on the new side (the old side for a
	// removed transfer); nil when none is.
	Transfer *inventory.Transfer `json:"transfer"`
	// OldTransfer is the previous safeguard of a changed transfer.
	OldTransfer *inventory.Transfer `json:"old_transfer,omitempty"`
	// Activities use the item (new side; old side for a removed transfer).
	Activities []string `json:"activities"`
	// NewActivities started using the item in this change.
	NewActivities []string `json:"new_activities,omitempty"`
}

// BasisChange is a change of an activity's lawful basis; "" means none.
type BasisChange struct {
	Activity string `json:"activity"`
	Old      string `json:"old"`
	New      string `json:"new"`
}

// RetentionChange is a changed retention period (ISO 8601 durations) at
// Path: activities/<id>/retention/period, cookies/<name>/lifetime or
// cookies/<name>/audience_measurement/data_retention.
type RetentionChange struct {
	Path   string `json:"path"`
	Old    string `json:"old"`
	New    string `json:"new"`
	Change string `json:"change"`
}

// SpecialChange is Art. 9 or Art. 10 data introduced: a data category
// declared with a special taxonomy key (Path data/<id>), or an activity that
// starts processing one (Path activities/<id>).
type SpecialChange struct {
	Path     string `json:"path"`
	Change   string `json:"change"`
	Data     string `json:"data"`
	Category string `json:"category"`
	// Tag is art9 or art10.
	Tag string `json:"tag"`
}

// FindingChanges compares the findings of the two sides by fingerprint
// (with the file for findings without a path), never by position.
type FindingChanges struct {
	// New are unwaived findings of the new side that the old side did not
	// have unwaived.
	New []Finding `json:"new"`
	// Fixed are unwaived findings of the old side that are gone, waived or
	// not, on the new side; those now waived are in Waived instead.
	Fixed []Finding `json:"fixed"`
	// Waived are findings waived on the new side and not on the old one: a
	// waiver added in this change (a reviewer must see it).
	Waived []Finding `json:"waived"`
}

// NewAtOrAbove counts the new findings at or above a --fail-on threshold.
func (f FindingChanges) NewAtOrAbove(threshold inventory.Severity) int {
	if threshold == inventory.SeverityNone {
		return 0
	}
	n := 0
	for _, x := range f.New {
		if x.Severity.Rank() >= threshold.Rank() {
			n++
		}
	}
	return n
}

// Significant returns the classes of privacy-significant changes present,
// sorted: transfer (a third-country transfer added, its safeguard changed,
// or new activities using it; not removals), special (Art. 9/10 data
// introduced), basis (any lawful-basis change of an existing activity),
// retention (a period lengthened or removed; shortening or setting one is
// not).
func (c *ChangeSet) Significant() []string {
	var out []string
	for _, t := range c.Transfers {
		if t.Change != ChangeRemoved {
			out = append(out, SignificantTransfer)
			break
		}
	}
	if len(c.Special) > 0 {
		out = append(out, SignificantSpecial)
	}
	if len(c.LawfulBasis) > 0 {
		out = append(out, SignificantBasis)
	}
	for _, r := range c.Retention {
		if r.Change == RetentionLengthened || r.Change == RetentionRemoved || r.Change == RetentionChanged {
			out = append(out, SignificantRetention)
			break
		}
	}
	slices.Sort(out)
	return out
}

// Triggered returns the classes among kinds (from ParseSignificant) that
// the change set contains.
func (c *ChangeSet) Triggered(kinds []string) []string {
	var out []string
	for _, k := range c.Significant() {
		if slices.Contains(kinds, k) {
			out = append(out, k)
		}
	}
	return out
}

// Empty reports whether nothing changed: no declaration and no finding.
func (c *ChangeSet) Empty() bool {
	return len(c.Items) == 0 && len(c.Findings.New) == 0 && len(c.Findings.Fixed) == 0 && len(c.Findings.Waived) == 0
}

// diffSections is the order of sections in a change set: the format's.
var diffSections = []string{
	"controller", "subjects", "data", "systems", "recipients", "activities",
	"cookies", "security_measures", "commitments", "rights", "waivers",
}

func singleSection(s string) bool {
	return s == "controller" || s == "commitments" || s == "rights"
}

// DiffOptions configure DiffWith.
type DiffOptions struct {
	// OldRoot and NewRoot are the directories (as displayed in findings)
	// the two inventories were loaded from, when they differ (ropa diff OLD
	// NEW). A finding without a path (a file that is not valid YAML) is
	// identified by its file relative to its side's root. Empty: file names
	// are compared as they are (ropa diff --base, where both sides have the
	// same names).
	OldRoot, NewRoot string
	// Engine measures durations (retention lengthened or shortened) with
	// the rule library's parser; nil uses the built-in rule pack.
	Engine *Engine
}

// Diff compares two inventories (and their audits: oldRes and newRes may be
// nil, then no findings are compared). Items are matched by id, never by
// file or position, so moving a declaration to another file, renaming a
// file or reformatting it is no change.
func Diff(oldInv, newInv *inventory.Inventory, oldRes, newRes *Result) (*ChangeSet, error) {
	return DiffWith(oldInv, newInv, oldRes, newRes, DiffOptions{})
}

// DiffWith is Diff with options.
func DiffWith(oldInv, newInv *inventory.Inventory, oldRes, newRes *Result, opts DiffOptions) (*ChangeSet, error) {
	ref, err := policies.LoadCountries()
	if err != nil {
		return nil, err
	}
	tax, err := policies.LoadTaxonomy()
	if err != nil {
		return nil, err
	}
	cs := &ChangeSet{Items: diffItems(oldInv.Document, newInv.Document)}
	om, nm := oldInv.Model(), newInv.Model()
	days, err := durationDays(opts.Engine, om, nm)
	if err != nil {
		return nil, err
	}
	ot, err := transfersOf(opts.Engine, oldInv, oldRes)
	if err != nil {
		return nil, err
	}
	nt, err := transfersOf(opts.Engine, newInv, newRes)
	if err != nil {
		return nil, err
	}
	cs.Countries, cs.Transfers = diffFlows(ref, om, nm, ot, nt)
	cs.LawfulBasis, cs.Retention = diffActivities(om, nm, days)
	cs.Special = diffSpecial(tax, om, nm)
	cs.Findings = diffFindings(oldRes, newRes, opts)
	return cs, nil
}

// ---- items ----

func diffItems(oldDoc, newDoc map[string]any) []ItemChange {
	out := []ItemChange{}
	for _, section := range diffSections {
		if singleSection(section) {
			o, _ := oldDoc[section].(map[string]any)
			n, _ := newDoc[section].(map[string]any)
			if c, ok := diffItem(section, "", o, n); ok {
				out = append(out, c)
			}
			continue
		}
		o, n := itemsByKey(section, oldDoc[section]), itemsByKey(section, newDoc[section])
		keys := make([]string, 0, len(o)+len(n))
		for k := range o {
			keys = append(keys, k)
		}
		for k := range n {
			if _, ok := o[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if c, ok := diffItem(section, k, o[k], n[k]); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

func diffItem(section, id string, o, n map[string]any) (ItemChange, bool) {
	c := ItemChange{Section: section, ID: id}
	switch {
	case o == nil && n == nil:
		return c, false
	case o == nil:
		c.Change = ChangeAdded
	case n == nil:
		c.Change = ChangeRemoved
	default:
		c.Fields = diffFields("", o, n)
		if len(c.Fields) == 0 {
			return c, false
		}
		c.Change = ChangeChanged
	}
	return c, true
}

// itemKey is the key of a list item: its id, a cookie's name, a waiver's
// rule@target.
func itemKey(section string, item map[string]any) string {
	str := func(k string) string { s, _ := item[k].(string); return s }
	switch section {
	case "cookies":
		return str("name")
	case "waivers":
		if str("rule") == "" {
			return ""
		}
		return str("rule") + "@" + str("target")
	}
	return str("id")
}

func itemsByKey(section string, v any) map[string]map[string]any {
	out := map[string]map[string]any{}
	list, _ := v.([]any)
	for _, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		if k := itemKey(section, m); k != "" {
			if _, dup := out[k]; !dup {
				out[k] = m
			}
		}
	}
	return out
}

// diffFields compares two mappings field by field, descending into nested
// mappings.
func diffFields(prefix string, o, n map[string]any) []FieldChange {
	keys := make([]string, 0, len(o)+len(n))
	for k := range o {
		keys = append(keys, k)
	}
	for k := range n {
		if _, ok := o[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []FieldChange
	for _, k := range keys {
		ov, nv := o[k], n[k]
		om, ok1 := ov.(map[string]any)
		nm, ok2 := nv.(map[string]any)
		// A mapping added or removed is described by its fields.
		if (ok1 || ov == nil) && (ok2 || nv == nil) && (ok1 || ok2) {
			out = append(out, diffFields(prefix+k+".", om, nm)...)
			continue
		}
		if equalValues(ov, nv) {
			continue
		}
		fc := FieldChange{Field: prefix + k, Old: ov, New: nv}
		ol, ok1 := ov.([]any)
		nl, ok2 := nv.([]any)
		if (ok1 || ok2) && (ok1 || ov == nil) && (ok2 || nv == nil) {
			fc.Added, fc.Removed = listDelta(ol, nl)
		}
		out = append(out, fc)
	}
	return out
}

// equalValues compares plain values; lists compare as multisets, so
// reordering a list is no change.
func equalValues(a, b any) bool {
	al, ok1 := a.([]any)
	bl, ok2 := b.([]any)
	if ok1 && ok2 {
		if len(al) != len(bl) {
			return false
		}
		if reflect.DeepEqual(al, bl) {
			return true
		}
		added, removed := listDelta(al, bl)
		return len(added) == 0 && len(removed) == 0
	}
	return reflect.DeepEqual(a, b)
}

// listDelta returns the elements of n not in o and of o not in n (as
// multisets), each in order of first appearance.
func listDelta(o, n []any) (added, removed []any) {
	key := func(v any) string {
		if s, ok := v.(string); ok {
			return "s" + s
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	count := map[string]int{}
	for _, v := range o {
		count[key(v)]++
	}
	for _, v := range n {
		k := key(v)
		if count[k] > 0 {
			count[k]--
			continue
		}
		added = append(added, v)
	}
	count = map[string]int{}
	for _, v := range n {
		count[key(v)]++
	}
	for _, v := range o {
		k := key(v)
		if count[k] > 0 {
			count[k]--
			continue
		}
		removed = append(removed, v)
	}
	return added, removed
}

// ---- countries and transfers ----

// flowItem is a system or recipient with its countries and users.
type flowItem struct {
	path       string
	countries  []string // alias-resolved, sorted, unique
	transfer   *inventory.Transfer
	activities []string // activity ids using it, sorted
}

func flowItems(ref *policies.Countries, m *inventory.Model) map[string]flowItem {
	users := map[string][]string{}
	for _, a := range m.Activities {
		for _, id := range a.Systems {
			users["systems/"+id] = append(users["systems/"+id], a.ID)
		}
		for _, id := range a.Recipients {
			users["recipients/"+id] = append(users["recipients/"+id], a.ID)
		}
	}
	out := map[string]flowItem{}
	add := func(path string, cs []string, t *inventory.Transfer) {
		if _, dup := out[path]; dup {
			return
		}
		var codes []string
		for _, c := range cs {
			codes = append(codes, ref.Code(c))
		}
		slices.Sort(codes)
		acts := slices.Clone(users[path])
		slices.Sort(acts)
		out[path] = flowItem{path: path, countries: slices.Compact(codes), transfer: t, activities: slices.Compact(acts)}
	}
	for _, s := range m.Systems {
		add("systems/"+s.ID, s.Countries, s.Transfer)
	}
	for _, r := range m.Recipients {
		add("recipients/"+r.ID, r.Countries, r.Transfer)
	}
	return out
}

// diffFlows compares countries and transfers. A transfer is a destination
// of the rules' Chapter V assessment (ot, nt): a country outside the EEA or
// an international organisation, of a disclosure: the controller's own
// staff abroad and its own systems are no transfer, in the diff as in the
// audit.
func diffFlows(ref *policies.Countries, om, nm *inventory.Model, ot, nt Transfers) ([]CountryChange, []TransferChange) {
	oi, ni := flowItems(ref, om), flowItems(ref, nm)
	// Countries.
	where := func(items map[string]flowItem) map[string][]string {
		w := map[string][]string{}
		for _, it := range items {
			for _, c := range it.countries {
				w[c] = append(w[c], it.path)
			}
		}
		for _, ps := range w {
			slices.Sort(ps)
		}
		return w
	}
	ow, nw := where(oi), where(ni)
	countries := []CountryChange{}
	for c, ps := range nw {
		if _, ok := ow[c]; !ok {
			countries = append(countries, CountryChange{Country: c, Change: ChangeAdded, ThirdCountry: !ref.InEEA(c), Paths: ps})
		}
	}
	for c, ps := range ow {
		if _, ok := nw[c]; !ok {
			countries = append(countries, CountryChange{Country: c, Change: ChangeRemoved, ThirdCountry: !ref.InEEA(c), Paths: ps})
		}
	}
	slices.SortFunc(countries, func(a, b CountryChange) int {
		return cmp.Or(cmp.Compare(changeRank(a.Change), changeRank(b.Change)), strings.Compare(a.Country, b.Country))
	})
	// Transfers: (item, destination) pairs.
	type pair struct{ path, country string }
	pairs := func(items map[string]flowItem, tr Transfers) map[pair]flowItem {
		p := map[pair]flowItem{}
		for section, byID := range tr {
			for id, dests := range byID {
				it, ok := items[section+"/"+id]
				if !ok {
					continue
				}
				for dest := range dests {
					p[pair{it.path, dest}] = it
				}
			}
		}
		return p
	}
	op, np := pairs(oi, ot), pairs(ni, nt)
	transfers := []TransferChange{}
	for k, n := range np {
		o, ok := op[k]
		if !ok {
			transfers = append(transfers, TransferChange{Country: k.country, Path: k.path, Change: ChangeAdded,
				Transfer: n.transfer, Activities: orEmpty(n.activities)})
			continue
		}
		var newActs []string
		for _, a := range n.activities {
			if !slices.Contains(o.activities, a) {
				newActs = append(newActs, a)
			}
		}
		if !reflect.DeepEqual(normTransfer(o.transfer), normTransfer(n.transfer)) || len(newActs) > 0 {
			tc := TransferChange{Country: k.country, Path: k.path, Change: ChangeChanged,
				Transfer: n.transfer, Activities: orEmpty(n.activities), NewActivities: newActs}
			if !reflect.DeepEqual(normTransfer(o.transfer), normTransfer(n.transfer)) {
				tc.OldTransfer = o.transfer
				if tc.OldTransfer == nil {
					tc.OldTransfer = &inventory.Transfer{}
				}
			}
			transfers = append(transfers, tc)
		}
	}
	for k, o := range op {
		if _, ok := np[k]; !ok {
			transfers = append(transfers, TransferChange{Country: k.country, Path: k.path, Change: ChangeRemoved,
				Transfer: o.transfer, Activities: orEmpty(o.activities)})
		}
	}
	slices.SortFunc(transfers, func(a, b TransferChange) int {
		return cmp.Or(cmp.Compare(changeRank(a.Change), changeRank(b.Change)),
			strings.Compare(a.Country, b.Country), strings.Compare(a.Path, b.Path))
	})
	return countries, transfers
}

// normTransfer treats an absent and an empty transfer block alike.
func normTransfer(t *inventory.Transfer) inventory.Transfer {
	if t == nil {
		return inventory.Transfer{}
	}
	return *t
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func changeRank(c string) int {
	switch c {
	case ChangeAdded:
		return 0
	case ChangeChanged:
		return 1
	}
	return 2
}

// ---- lawful basis and retention ----

func diffActivities(om, nm *inventory.Model, days map[string]float64) ([]BasisChange, []RetentionChange) {
	bases := []BasisChange{}
	retention := []RetentionChange{}
	olds := map[string]inventory.Activity{}
	for _, a := range om.Activities {
		if _, dup := olds[a.ID]; !dup {
			olds[a.ID] = a
		}
	}
	seen := map[string]bool{}
	for _, n := range nm.Activities {
		if seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		o, ok := olds[n.ID]
		if !ok {
			continue
		}
		if o.LawfulBasis != n.LawfulBasis {
			bases = append(bases, BasisChange{Activity: n.ID, Old: o.LawfulBasis, New: n.LawfulBasis})
		}
		if c, ok := compareRetention("activities/"+n.ID+"/retention/period", period(o.Retention), period(n.Retention), days); ok {
			retention = append(retention, c)
		}
	}
	oldCookies := map[string]inventory.Cookie{}
	for _, c := range om.Cookies {
		if _, dup := oldCookies[c.Name]; !dup {
			oldCookies[c.Name] = c
		}
	}
	seen = map[string]bool{}
	for _, n := range nm.Cookies {
		if seen[n.Name] {
			continue
		}
		seen[n.Name] = true
		o, ok := oldCookies[n.Name]
		if !ok {
			continue
		}
		if c, ok := compareRetention("cookies/"+n.Name+"/lifetime", o.Lifetime, n.Lifetime, days); ok {
			retention = append(retention, c)
		}
		if c, ok := compareRetention("cookies/"+n.Name+"/audience_measurement/data_retention", dataRetention(o), dataRetention(n), days); ok {
			retention = append(retention, c)
		}
	}
	slices.SortFunc(bases, func(a, b BasisChange) int { return strings.Compare(a.Activity, b.Activity) })
	slices.SortFunc(retention, func(a, b RetentionChange) int { return strings.Compare(a.Path, b.Path) })
	return bases, retention
}

func period(r *inventory.Retention) string {
	if r == nil {
		return ""
	}
	return r.Period
}

func dataRetention(c inventory.Cookie) string {
	if c.AudienceMeasurement == nil {
		return ""
	}
	return c.AudienceMeasurement.DataRetention
}

// compareRetention classifies a change of an ISO 8601 duration; equal
// durations written differently (P12M, P1Y) are no change. days holds the
// lengths the rule library computed (durationDays).
func compareRetention(path, o, n string, days map[string]float64) (RetentionChange, bool) {
	c := RetentionChange{Path: path, Old: o, New: n}
	if o == n {
		return c, false
	}
	switch {
	case o == "":
		c.Change = RetentionSet
	case n == "":
		c.Change = RetentionRemoved
	default:
		od, ok1 := days[o]
		nd, ok2 := days[n]
		switch {
		case !ok1 || !ok2:
			c.Change = RetentionChanged
		case nd > od:
			c.Change = RetentionLengthened
		case nd < od:
			c.Change = RetentionShortened
		default:
			return c, false
		}
	}
	return c, true
}

// durationDays asks the rule library for the length of every retention
// period, cookie lifetime and audience-data retention of both models: the
// diff compares durations exactly as the rules read them.
func durationDays(eng *Engine, models ...*inventory.Model) (map[string]float64, error) {
	seen := map[string]bool{}
	var ds []string
	add := func(d string) {
		if d != "" && !seen[d] {
			seen[d] = true
			ds = append(ds, d)
		}
	}
	for _, m := range models {
		for _, a := range m.Activities {
			add(period(a.Retention))
		}
		for _, c := range m.Cookies {
			add(c.Lifetime)
			add(dataRetention(c))
		}
	}
	if len(ds) == 0 {
		return nil, nil
	}
	if eng == nil {
		var err error
		if eng, err = builtinEngine(); err != nil {
			return nil, err
		}
	}
	return eng.DurationDays(context.Background(), ds)
}

// transfersOf is the rules' Chapter V assessment of inv: the audit's, or
// made now when there is no audit.
func transfersOf(eng *Engine, inv *inventory.Inventory, res *Result) (Transfers, error) {
	if res != nil {
		return res.Transfers, nil
	}
	if eng == nil {
		var err error
		if eng, err = builtinEngine(); err != nil {
			return nil, err
		}
	}
	return eng.AssessTransfers(context.Background(), inv, time.Now())
}

var (
	builtinEngineOnce sync.Once
	builtinEng        *Engine
	builtinEngErr     error
)

// builtinEngine is an engine of the built-in pack, compiled once, for
// callers that have none at hand.
func builtinEngine() (*Engine, error) {
	builtinEngineOnce.Do(func() {
		builtinEng, builtinEngErr = NewEngine(context.Background(), EngineOptions{})
	})
	return builtinEng, builtinEngErr
}

// ---- special data ----

func diffSpecial(tax *policies.Taxonomy, om, nm *inventory.Model) []SpecialChange {
	type cat struct{ key, tag string }
	cats := func(m *inventory.Model) map[string]cat {
		out := map[string]cat{}
		for _, d := range m.Data {
			if _, dup := out[d.ID]; !dup {
				out[d.ID] = cat{d.Category, tax.SpecialTag(d.Category)}
			}
		}
		return out
	}
	oc, nc := cats(om), cats(nm)
	out := []SpecialChange{}
	for id, n := range nc {
		if n.tag == "" {
			continue
		}
		if o, ok := oc[id]; ok && o.tag == n.tag {
			continue
		}
		out = append(out, SpecialChange{Path: "data/" + id, Change: SpecialDeclared, Data: id, Category: n.key, Tag: n.tag})
	}
	// An activity processes special data it did not: a new activity, a new
	// data reference, or a data category that became special.
	oldUse := map[string]map[string]string{} // activity -> data id -> tag
	for _, a := range om.Activities {
		if _, dup := oldUse[a.ID]; dup {
			continue
		}
		u := map[string]string{}
		for _, d := range a.Data {
			u[d] = oc[d].tag
		}
		oldUse[a.ID] = u
	}
	seen := map[string]bool{}
	for _, a := range nm.Activities {
		if seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		for _, d := range a.Data {
			n := nc[d]
			if n.tag == "" || seen[a.ID+"\x00"+d] {
				continue
			}
			seen[a.ID+"\x00"+d] = true
			if oldUse[a.ID] != nil && oldUse[a.ID][d] == n.tag {
				continue
			}
			out = append(out, SpecialChange{Path: "activities/" + a.ID, Change: SpecialUsed, Data: d, Category: n.key, Tag: n.tag})
		}
	}
	slices.SortFunc(out, func(a, b SpecialChange) int {
		return cmp.Or(strings.Compare(a.Change, b.Change), strings.Compare(a.Path, b.Path), strings.Compare(a.Data, b.Data))
	})
	return out
}

// ---- findings ----

// rootedKey is findingKey with the file of a finding without a path taken
// relative to root.
func rootedKey(f Finding, root string) string {
	if f.Path == "" && root != "" && root != "." {
		f.Location.File = strings.TrimPrefix(f.Location.File, strings.TrimSuffix(root, "/")+"/")
	}
	return findingKey(f)
}

func diffFindings(oldRes, newRes *Result, opts DiffOptions) FindingChanges {
	out := FindingChanges{New: []Finding{}, Fixed: []Finding{}, Waived: []Finding{}}
	var oldFs, newFs []Finding
	if oldRes != nil {
		oldFs = oldRes.Findings
	}
	if newRes != nil {
		newFs = newRes.Findings
	}
	oldKey := func(f Finding) string { return rootedKey(f, opts.OldRoot) }
	newKey := func(f Finding) string { return rootedKey(f, opts.NewRoot) }
	count := func(fs []Finding, waived bool, key func(Finding) string) map[string]int {
		m := map[string]int{}
		for _, f := range fs {
			if f.Waived == waived {
				m[key(f)]++
			}
		}
		return m
	}
	oldActive, oldWaived := count(oldFs, false, oldKey), count(oldFs, true, oldKey)
	newActive := count(newFs, false, newKey)
	// New: active now, beyond the old active count of the same key.
	avail := maps.Clone(oldActive)
	for _, f := range newFs {
		if f.Waived {
			continue
		}
		if k := newKey(f); avail[k] > 0 {
			avail[k]--
		} else {
			out.New = append(out.New, f)
		}
	}
	// Waived: waived now, beyond the old waived count.
	avail = maps.Clone(oldWaived)
	for _, f := range newFs {
		if !f.Waived {
			continue
		}
		if k := newKey(f); avail[k] > 0 {
			avail[k]--
		} else {
			out.Waived = append(out.Waived, f)
		}
	}
	// Fixed: active before, beyond the new active count, and not accounted
	// for by a new waiver.
	avail = maps.Clone(newActive)
	waivedNow := map[string]int{}
	for _, f := range out.Waived {
		waivedNow[newKey(f)]++
	}
	for _, f := range oldFs {
		if f.Waived {
			continue
		}
		k := oldKey(f)
		switch {
		case avail[k] > 0:
			avail[k]--
		case waivedNow[k] > 0:
			waivedNow[k]--
		default:
			out.Fixed = append(out.Fixed, f)
		}
	}
	inventory.SortFindings(out.New)
	inventory.SortFindings(out.Fixed)
	inventory.SortFindings(out.Waived)
	return out
}
