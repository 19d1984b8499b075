// Command yamlparse is the parse-only baseline of bench/compare.sh: it
// reads YAML files with gopkg.in/yaml.v3 (the parser ropa uses) and does
// nothing else, so the time it takes is the floor for any tool that reads
// the inventory with yaml.v3.
//
//	yamlparse [-into node|any] FILE...
//
// -into node (the default) decodes into yaml.Node, the tree ropa keeps for
// source positions; -into any decodes into plain Go values, as most tools
// that script an audit would.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

func main() {
	into := flag.String("into", "node", "decode into: node (yaml.Node) or any (plain values)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: yamlparse [-into node|any] FILE...")
		os.Exit(2)
	}
	nodes := 0
	for _, name := range flag.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		switch *into {
		case "node":
			var n yaml.Node
			err = dec.Decode(&n)
			nodes += count(&n)
		case "any":
			var v any
			err = dec.Decode(&v)
		default:
			err = fmt.Errorf("-into %q: want node or any", *into)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
	}
	if *into == "node" {
		fmt.Printf("%d nodes\n", nodes)
	}
}

func count(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += count(k)
	}
	return c
}
