// Command ropagen writes a synthetic, realistic ropa inventory for
// benchmarks and scale tests:
//
//	ropagen -activities 10000 -seed 1 -o inventory.yaml
//	ropagen -activities 10000 -seed 1 -split 100 -o inventory/
//
// The same flags give byte-identical output. The inventory lints clean
// and every rule of the built-in pack finds something in it (see
// internal/gen for the proportions).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ropa-project/ropa/internal/gen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ropagen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ropagen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	activities := fs.Int("activities", 1000, "number of processing activities (other sections scale with it)")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives byte-identical output")
	out := fs.String("o", "-", "output file (- for stdout), or directory with -split")
	split := fs.Int("split", 0, "write the inventory as this many files part-NNN.yaml in the -o directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ropagen [-activities N] [-seed S] [-o FILE | -split K -o DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *activities < 1 {
		return fmt.Errorf("-activities %d: want at least 1", *activities)
	}
	g := gen.New(gen.Config{Activities: *activities, Seed: *seed})
	switch {
	case *split > 0:
		if *out == "-" {
			return fmt.Errorf("-split needs -o DIR")
		}
		_, err := g.WriteSplit(*out, *split)
		return err
	case *split < 0:
		return fmt.Errorf("-split %d: want at least 1", *split)
	case *out == "-":
		return g.Write(stdout)
	default:
		return g.WriteFile(*out)
	}
}
