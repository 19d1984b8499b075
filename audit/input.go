package audit

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// inputChunk is the number of list items converted as one job: a section
// longer than that is converted in chunks on several goroutines. A
// variable so that tests exercise the parallel path on small inventories.
var inputChunk = 2048

// inputValue converts the merged inventory into the rules' input. The
// long list sections (activities, data, cookies, ...) are converted in
// chunks on up to workers goroutines, and equal strings (keys, enum
// values, ids referenced many times) share one term: an inventory repeats
// the same few hundred strings hundreds of thousands of times, and the
// input of a 100k-activity inventory is a third smaller for it.
func inputValue(doc map[string]any, workers int) (ast.Value, error) {
	chunk := inputChunk
	type job struct {
		items []any
		out   []*ast.Term
	}
	var jobs []*job
	sections := map[string][]*job{}
	kvs := make([][2]*ast.Term, 0, len(doc))
	for k, v := range doc {
		items, ok := v.([]any)
		if !ok || len(items) <= chunk {
			val, err := toValue(v, terms{})
			if err != nil {
				return nil, err
			}
			kvs = append(kvs, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(val)})
			continue
		}
		for lo := 0; lo < len(items); lo += chunk {
			j := &job{items: items[lo:min(lo+chunk, len(items))]}
			jobs = append(jobs, j)
			sections[k] = append(sections[k], j)
		}
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(len(jobs), max(workers, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared := terms{} // one per goroutine: no locking
			for i := range next {
				j := jobs[i]
				j.out = make([]*ast.Term, len(j.items))
				for n, it := range j.items {
					val, err := toValue(it, shared)
					if err != nil {
						errs[i] = err
						break
					}
					j.out[n] = ast.NewTerm(val)
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for k, js := range sections {
		var terms []*ast.Term
		for _, j := range js {
			terms = append(terms, j.out...)
		}
		kvs = append(kvs, [2]*ast.Term{ast.StringTerm(k), ast.ArrayTerm(terms...)})
	}
	return ast.NewObject(kvs...), nil
}

// terms shares the terms of equal strings. Terms of the input are never
// modified by evaluation (OPA interns common terms the same way).
type terms map[string]*ast.Term

func (t terms) str(s string) *ast.Term {
	if x, ok := t[s]; ok {
		return x
	}
	x := ast.StringTerm(s)
	t[s] = x
	return x
}

// toValue is ast.InterfaceToValue for the plain values of an inventory
// (maps, slices, strings, int64, float64, bool, nil), with shared strings.
func toValue(x any, t terms) (ast.Value, error) {
	switch x := x.(type) {
	case string:
		return t.str(x).Value, nil
	case []any:
		elems := make([]*ast.Term, len(x))
		for i, e := range x {
			if s, ok := e.(string); ok {
				elems[i] = t.str(s)
				continue
			}
			v, err := toValue(e, t)
			if err != nil {
				return nil, err
			}
			elems[i] = ast.NewTerm(v)
		}
		return ast.NewArray(elems...), nil
	case map[string]any:
		kvs := make([][2]*ast.Term, 0, len(x))
		for k, e := range x {
			var vt *ast.Term
			if s, ok := e.(string); ok {
				vt = t.str(s)
			} else {
				v, err := toValue(e, t)
				if err != nil {
					return nil, err
				}
				vt = ast.NewTerm(v)
			}
			kvs = append(kvs, [2]*ast.Term{t.str(k), vt})
		}
		return ast.NewObject(kvs...), nil
	}
	return ast.InterfaceToValue(x)
}
